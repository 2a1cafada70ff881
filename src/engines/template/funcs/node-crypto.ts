// node:crypto and bcryptjs (which loads it), on first use: loading node:crypto costs ~5 ms of a cold
// start, and most renders call no crypto function. createRequire keeps the load synchronous, as
// template functions are.
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
type Bcrypt = typeof import('bcryptjs');

const load = createRequire(import.meta.url);
let crypto: Crypto | undefined;
let bcrypt: Bcrypt | undefined;

export const nodeCrypto = (): Crypto => {
  crypto ??= load('node:crypto') as Crypto;
  return crypto;
};

export const bcryptjs = (): Bcrypt => {
  bcrypt ??= load('bcryptjs') as Bcrypt;
  return bcrypt;
};
