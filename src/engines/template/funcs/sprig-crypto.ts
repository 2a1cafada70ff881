// Sprig v3 crypto helpers: hashes live in sprig-misc; here bcrypt, htpasswd, keys, AES, derivePassword,
// random bytes and UUIDs, plus certificate generation (certs.ts).

import { def, type FuncMap, GoError } from '../func-types.js';
import { certFuncs } from './certs.js';
import { bcryptjs, nodeCrypto } from './node-crypto.js';

function genPrivateKey(typ: string): string {
  switch (typ) {
    case '':
    case 'rsa':
      return nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey.export({
        type: 'pkcs1',
        format: 'pem',
      }) as string;
    case 'ecdsa':
      return nodeCrypto().generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
        type: 'sec1',
        format: 'pem',
      }) as string;
    case 'ed25519':
      return nodeCrypto()
        .generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    case 'dsa':
      return nodeCrypto()
        .generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 })
        .privateKey.export({
          type: 'pkcs8',
          format: 'pem',
        }) as string;
  }
  return `Unknown type ${typ}`;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(password).copy(key);
  const content = Buffer.from(plaintext);
  const padding = 16 - (content.length % 16);
  const padded = Buffer.concat([content, Buffer.alloc(padding, padding)]);
  const iv = nodeCrypto().randomBytes(16);
  const c = nodeCrypto().createCipheriv('aes-256-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([iv, c.update(padded), c.final()]).toString('base64');
}

function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const key = Buffer.alloc(32);
  Buffer.from(password).copy(key);
  const crypt = Buffer.from(crypt64, 'base64');
  if (crypt.length < 16) throw new GoError('crypto/cipher: input not full blocks');
  const iv = crypt.subarray(0, 16);
  const body = crypt.subarray(16);
  const d = nodeCrypto().createDecipheriv('aes-256-cbc', key, iv);
  d.setAutoPadding(false);
  const dec = Buffer.concat([d.update(body), d.final()]);
  return dec.subarray(0, dec.length - dec[dec.length - 1]!).toString('utf8');
}

// Master Password algorithm (v3), as Sprig's derivePassword implements it.
const TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const CHARS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function derivePassword(
  counter: bigint,
  passwordType: string,
  password: string,
  user: string,
  site: string,
): string {
  const templates = TEMPLATES[passwordType];
  if (!templates) return `cannot find password template ${passwordType}`;
  const ns = 'com.lyndir.masterpassword';
  const u = Buffer.from(user);
  const salt = Buffer.concat([Buffer.from(ns), u32(u.length), u]);
  const key = nodeCrypto().scryptSync(Buffer.from(password), salt, 64, {
    N: 32768,
    r: 8,
    p: 2,
    maxmem: 64 * 1024 * 1024,
  });
  const s = Buffer.from(site);
  const seedMsg = Buffer.concat([Buffer.from(ns), u32(s.length), s, u32(Number(counter))]);
  const seed = nodeCrypto().createHmac('sha256', key).update(seedMsg).digest();
  const tpl = templates[seed[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < tpl.length; i++) {
    const chars = CHARS[tpl[i]!]!;
    out += chars[seed[i + 1]! % chars.length];
  }
  return out;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

/** golang.org/x/crypto/bcrypt at its default cost writes the $2a$ prefix; the hash itself is the same. */
const goBcrypt = (s: string) =>
  bcryptjs()
    .hashSync(s, 10)
    .replace(/^\$2b\$/, '$2a$');

export function sprigCryptoFuncs(): FuncMap {
  return {
    bcrypt: def(['string'], (s: string) => goBcrypt(s)),
    htpasswd: def(['string', 'string'], (user: string, pw: string) => {
      if (user.includes(':')) return `invalid username: ${user}`;
      return `${user}:${goBcrypt(pw)}`;
    }),
    genPrivateKey: def(['string'], genPrivateKey),
    derivePassword: def(['uint32', 'string', 'string', 'string', 'string'], derivePassword),
    encryptAES: def(['string', 'string'], encryptAES),
    decryptAES: def(['string', 'string'], decryptAES),
    randBytes: def(['int'], (n: bigint) => nodeCrypto().randomBytes(Number(n)).toString('base64')),
    uuidv4: def([], () => nodeCrypto().randomUUID()),
    ...certFuncs(),
  };
}
