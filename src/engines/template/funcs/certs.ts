// Sprig's certificate generators (genCA, genSelfSignedCert, genSignedCert, their *WithKey forms and
// buildCustomCert): X.509 v3 certificates built as DER and signed with node:crypto.
import type { KeyObject, X509Certificate } from 'node:crypto';
import { def, type FuncMap, GoError } from '../func-types.js';
import { GO_TYPE, kindOf, mapGet, NO_VALUE, sliceOf, typeName, unwrapTyped } from '../values.js';
import { nodeCrypto } from './node-crypto.js';

export class Certificate {
  readonly [GO_TYPE] = 'sprig.certificate';
  constructor(
    public Cert: string,
    public Key: string,
  ) {}
}

const tlv = (tag: number, body: Buffer): Buffer => {
  const len = body.length;
  let head: Buffer;
  if (len < 0x80) head = Buffer.from([tag, len]);
  else {
    const bytes: number[] = [];
    for (let n = len; n > 0; n >>= 8) bytes.unshift(n & 0xff);
    head = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([head, body]);
};
const seq = (...xs: Buffer[]) => tlv(0x30, Buffer.concat(xs));
const set = (...xs: Buffer[]) => tlv(0x31, Buffer.concat(xs));
const ctx = (n: number, b: Buffer, constructed = true) => tlv((constructed ? 0xa0 : 0x80) | n, b);
const int = (b: Buffer) => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const smallInt = (n: number) => int(Buffer.from([n]));
const bool = (v: boolean) => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const octets = (b: Buffer) => tlv(0x04, b);
const bits = (b: Buffer, unused = 0) => tlv(0x03, Buffer.concat([Buffer.from([unused]), b]));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s));

function oid(s: string): Buffer {
  const parts = s.split('.').map(Number);
  const out = [parts[0]! * 40 + parts[1]!];
  for (const p of parts.slice(2)) {
    const enc: number[] = [];
    let n = p;
    enc.unshift(n & 0x7f);
    n = Math.floor(n / 128);
    while (n > 0) {
      enc.unshift((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(...enc);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(d: Date): Buffer {
  const y = d.getUTCFullYear();
  const p = (n: number) => String(n).padStart(2, '0');
  const body = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(0x17, Buffer.from(`${p(y % 100)}${body}`));
  return tlv(0x18, Buffer.from(`${y}${body}`));
}

const name = (cn: string) => seq(set(seq(oid('2.5.4.3'), utf8(cn))));

function sigAlg(key: KeyObject): { alg: Buffer; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { alg: seq(oid('1.2.840.113549.1.1.11'), tlv(0x05, Buffer.alloc(0))), hash: 'sha256' };
    case 'ec':
      return { alg: seq(oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    case 'ed25519':
      return { alg: seq(oid('1.3.101.112')), hash: null };
  }
  throw new GoError(`unsupported key type ${key.asymmetricKeyType}`);
}

function ipBytes(ip: string): Buffer {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return Buffer.from(ip.split('.').map(Number));
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => {
    b.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  });
  return b;
}

function buildCert(opts: {
  cn: string;
  ips: string[];
  dns: string[];
  days: number;
  isCA: boolean;
  pub: KeyObject;
  signer: KeyObject;
  issuer: string;
}): string {
  const now = new Date();
  const until = new Date(now.getTime() + opts.days * 24 * 3600 * 1000);
  const serial = nodeCrypto().randomBytes(16);
  serial[0]! &= 0x7f;
  const { alg, hash } = sigAlg(opts.signer);
  const spki = opts.pub.export({ type: 'spki', format: 'der' });
  // keyUsage: digitalSignature(0) | keyEncipherment(2) [| keyCertSign(5)]
  const ku = opts.isCA ? 0xa4 : 0xa0;
  const exts: Buffer[] = [
    seq(oid('2.5.29.15'), bool(true), octets(bits(Buffer.from([ku]), opts.isCA ? 2 : 5))),
    seq(oid('2.5.29.37'), octets(seq(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2')))),
    seq(oid('2.5.29.19'), bool(true), octets(opts.isCA ? seq(bool(true)) : seq())),
  ];
  const sans = [
    ...opts.dns.map((d) => ctx(2, Buffer.from(d), false)),
    ...opts.ips.map((ip) => ctx(7, ipBytes(ip), false)),
  ];
  if (sans.length) exts.push(seq(oid('2.5.29.17'), octets(seq(...sans))));
  const tbs = seq(
    ctx(0, smallInt(2)),
    int(serial),
    alg,
    name(opts.issuer),
    seq(time(now), time(until)),
    name(opts.cn),
    Buffer.from(spki),
    ctx(3, seq(...exts)),
  );
  const sig = nodeCrypto().sign(hash, tbs, opts.signer);
  const der = seq(tbs, alg, bits(sig));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

const newKey = () => nodeCrypto().generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const keyPem = (k: KeyObject) =>
  k.export(
    k.asymmetricKeyType === 'rsa'
      ? { type: 'pkcs1', format: 'pem' }
      : k.asymmetricKeyType === 'ec'
        ? { type: 'sec1', format: 'pem' }
        : { type: 'pkcs8', format: 'pem' },
  ) as string;

function parseKey(pem: string): KeyObject {
  if (!pem.includes('-----BEGIN')) throw new GoError('no PEM data in input');
  try {
    return nodeCrypto().createPrivateKey(pem);
  } catch (e) {
    throw new GoError(`parsing private key: ${(e as Error).message}`);
  }
}

function strings(v: unknown, what: string): string[] {
  if (v === null || v === NO_VALUE) return [];
  return sliceOf(v).map((x) => {
    if (typeof x !== 'string') throw new GoError(`error processing ${what}: ${x} is not a string`);
    return x;
  });
}

function caOf(ca: unknown): { cert: X509Certificate; key: KeyObject; subject: string } {
  const raw = unwrapTyped(ca) as any;
  const certPem = raw instanceof Certificate ? raw.Cert : mapGet(raw, 'Cert');
  const keyPemStr = raw instanceof Certificate ? raw.Key : mapGet(raw, 'Key');
  if (typeof certPem !== 'string' || typeof keyPemStr !== 'string')
    throw new GoError(`wrong type for value; expected sprig.certificate; got ${typeName(ca)}`);
  const cert = new (nodeCrypto().X509Certificate)(certPem);
  const cn = /CN=([^\n,]+)/.exec(cert.subject)?.[1] ?? '';
  return { cert, key: parseKey(keyPemStr), subject: cn };
}

export function certFuncs(): FuncMap {
  const selfSigned = (cn: string, ips: unknown, dns: unknown, days: bigint, key: KeyObject) =>
    new Certificate(
      buildCert({
        cn,
        ips: strings(ips, 'ip'),
        dns: strings(dns, 'alt name'),
        days: Number(days),
        isCA: false,
        pub: nodeCrypto().createPublicKey(key),
        signer: key,
        issuer: cn,
      }),
      keyPem(key),
    );
  const signed = (cn: string, ips: unknown, dns: unknown, days: bigint, ca: unknown, key: KeyObject) => {
    const c = caOf(ca);
    return new Certificate(
      buildCert({
        cn,
        ips: strings(ips, 'ip'),
        dns: strings(dns, 'alt name'),
        days: Number(days),
        isCA: false,
        pub: nodeCrypto().createPublicKey(key),
        signer: c.key,
        issuer: c.subject,
      }),
      keyPem(key),
    );
  };
  const ca = (cn: string, days: bigint, key: KeyObject) =>
    new Certificate(
      buildCert({
        cn,
        ips: [],
        dns: [],
        days: Number(days),
        isCA: true,
        pub: nodeCrypto().createPublicKey(key),
        signer: key,
        issuer: cn,
      }),
      keyPem(key),
    );
  return {
    genCA: def(['string', 'int'], (cn: string, days: bigint) => ca(cn, days, newKey())),
    genCAWithKey: def(['string', 'int', 'string'], (cn: string, days: bigint, k: string) =>
      ca(cn, days, parseKey(k)),
    ),
    genSelfSignedCert: def(
      ['string', '[]any', '[]any', 'int'],
      (cn: string, ips: unknown, dns: unknown, days: bigint) => selfSigned(cn, ips, dns, days, newKey()),
    ),
    genSelfSignedCertWithKey: def(
      ['string', '[]any', '[]any', 'int', 'string'],
      (cn: string, ips: unknown, dns: unknown, days: bigint, k: string) =>
        selfSigned(cn, ips, dns, days, parseKey(k)),
    ),
    genSignedCert: def(
      ['string', '[]any', '[]any', 'int', 'sprig.certificate'],
      (cn: string, ips: unknown, dns: unknown, days: bigint, c: unknown) =>
        signed(cn, ips, dns, days, c, newKey()),
    ),
    genSignedCertWithKey: def(
      ['string', '[]any', '[]any', 'int', 'sprig.certificate', 'string'],
      (cn: string, ips: unknown, dns: unknown, days: bigint, c: unknown, k: string) =>
        signed(cn, ips, dns, days, c, parseKey(k)),
    ),
    buildCustomCert: def(['string', 'string'], (b64cert: string, b64key: string) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64cert) || b64cert.length % 4)
        throw new GoError('unable to decode base64 certificate');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64key) || b64key.length % 4)
        throw new GoError('unable to decode base64 private key');
      const cert = Buffer.from(b64cert, 'base64').toString('utf8');
      const key = Buffer.from(b64key, 'base64').toString('utf8');
      const block = /-----BEGIN [^-]+-----\r?\n([A-Za-z0-9+/=\s]+?)-----END [^-]+-----/.exec(cert);
      if (!block || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(block[1]!) || block[1]!.replace(/\s/g, '').length % 4)
        throw new GoError('unable to decode certificate');
      try {
        new (nodeCrypto().X509Certificate)(cert);
      } catch (e) {
        throw new GoError(`error parsing certificate: decodedCert.Bytes: ${(e as Error).message}`);
      }
      try {
        parseKey(key);
      } catch (e) {
        throw new GoError(`error parsing private key: ${(e as Error).message}`);
      }
      return new Certificate(cert, key);
    }),
  };
}

export { kindOf };
