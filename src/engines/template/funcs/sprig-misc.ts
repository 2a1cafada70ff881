// Sprig v3 encoding, hashing, path, regex, URL, environment and network functions.

import { posix } from 'node:path';
import { def, type FuncMap, GoError } from '../func-types.js';
import { isPlainMap, kindOf, mapGet, NO_VALUE, Typed, typeName } from '../values.js';
import { nodeCrypto } from './node-crypto.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function b32enc(s: string): string {
  const b = Buffer.from(s);
  let bits = 0;
  let val = 0;
  let out = '';
  for (const byte of b) {
    val = (val << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(val >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(val << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}

function b32dec(s: string): string {
  let bits = 0;
  let val = 0;
  const out: number[] = [];
  const body = s.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) {
    const idx = B32.indexOf(body[i]!);
    if (idx < 0) return `illegal base32 data at input byte ${i}`;
    val = (val << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((val >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out).toString('utf8');
}

function b64dec(s: string): string {
  const bad = /[^A-Za-z0-9+/=]/.exec(s);
  if (bad) return `illegal base64 data at input byte ${bad.index}`;
  const pad = s.indexOf('=');
  if (s.length % 4 !== 0)
    return `illegal base64 data at input byte ${Math.floor(s.length / 4) * 4 + (s.length % 4 === 1 ? 0 : s.length % 4)}`;
  if (pad >= 0 && pad < s.length - 2) return `illegal base64 data at input byte ${pad}`;
  return Buffer.from(s, 'base64').toString('utf8');
}

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

/** Go's path.Clean */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else parts.push(seg);
  }
  const out = (rooted ? '/' : '') + parts.join('/');
  return out === '' ? '.' : out;
}

function basePath(p: string): string {
  if (p === '') return '.';
  p = p.replace(/\/+$/, '');
  if (p === '') return '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

function dirPath(p: string): string {
  const i = p.lastIndexOf('/');
  return cleanPath(p.slice(0, i + 1));
}

function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

/** Translate RE2 syntax JS lacks; returns null when it cannot compile. */
export function goRegex(re: string, flags = ''): RegExp | null {
  let f = flags;
  let src = re;
  const m = /^\(\?([imsU]+)\)/.exec(src);
  if (m) {
    for (const c of m[1]!) if (c !== 'U' && !f.includes(c)) f += c;
    src = src.slice(m[0].length);
  }
  src = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '$')
    .replace(/\\A/g, '^');
  src = src
    .replace(/\[\[:(\w+):\]\]/g, (_m, cls: string) => `[${posixClass(cls)}]`)
    .replace(/\[:(\w+):\]/g, (_m, cls: string) => posixClass(cls));
  try {
    return new RegExp(src, `${f}u`);
  } catch {
    try {
      return new RegExp(src, f);
    } catch {
      return null;
    }
  }
}

function posixClass(c: string): string {
  const map: Record<string, string> = {
    alnum: '0-9A-Za-z',
    alpha: 'A-Za-z',
    digit: '0-9',
    lower: 'a-z',
    upper: 'A-Z',
    space: '\\t\\n\\v\\f\\r ',
    word: '0-9A-Za-z_',
    xdigit: '0-9A-Fa-f',
    punct: '!-\\/:-@\\[-`{-~',
  };
  return map[c] ?? c;
}

function mustRegex(re: string): RegExp {
  const r = goRegex(re, 'g');
  if (!r) throw new GoError(`error parsing regexp: ${regexErrorText(re)}`);
  return r;
}

/** Go's regexp/syntax error wording for the usual mistakes. */
function regexErrorText(re: string): string {
  let msg = 'invalid or unsupported Perl syntax';
  try {
    new RegExp(re, 'u');
  } catch (e) {
    const m = (e as Error).message;
    if (/Unterminated character class/.test(m)) msg = 'missing closing ]';
    else if (/Unterminated group/.test(m)) msg = 'missing closing )';
    else if (/Unmatched '\)'/.test(m)) msg = 'unexpected )';
    else if (/Nothing to repeat/.test(m)) msg = 'missing argument to repetition operator';
  }
  const at = msg === 'missing closing ]' ? re.slice(re.lastIndexOf('[')) : re;
  return `${msg}: \`${at}\``;
}

function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  re.lastIndex = 0;
  let prevEnd = -1;
  for (;;) {
    const m = re.exec(s);
    if (m === null) break;
    if (m[0] === '' && m.index === prevEnd) {
      re.lastIndex++;
      if (re.lastIndex > s.length) break;
      continue;
    }
    out.push(m);
    prevEnd = m.index + m[0].length;
    if (m[0] === '') re.lastIndex++;
    if (n > 0 && out.length >= n) break;
    if (re.lastIndex > s.length) break;
  }
  return out;
}

function expand(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, _x, braced, bare) => {
    if (all === '$$') return '$';
    const name: string = braced ?? bare;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function regexSplit(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  const matches = findAll(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

const strs = (xs: string[]) => new Typed('[]string', xs);

function urlParse(v: string): Record<string, unknown> {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    const m = /^([^?#]*)(\?[^#]*)?(#.*)?$/.exec(v)!;
    return {
      scheme: '',
      host: '',
      hostname: '',
      path: m[1] ?? '',
      query: (m[2] ?? '').slice(1),
      opaque: '',
      fragment: (m[3] ?? '').slice(1),
      userinfo: '',
    };
  }
  const userinfo = u.username ? (u.password ? `${u.username}:${u.password}` : u.username) : '';
  return {
    scheme: u.protocol.replace(/:$/, ''),
    host: u.host,
    hostname: u.hostname,
    path: decodeURIComponent(u.pathname),
    query: u.search.replace(/^\?/, ''),
    opaque: '',
    fragment: u.hash.replace(/^#/, ''),
    userinfo,
  };
}

function urlJoin(d: Record<string, unknown>): string {
  const get = (k: string): string => {
    const v = mapGet(d, k);
    if (v === NO_VALUE) return '';
    if (kindOf(v) !== 'string')
      throw new GoError(`unable to parse ${k} key, must be of type string, but ${typeName(v)} found`);
    return v as string;
  };
  const scheme = get('scheme');
  const host = get('host');
  const path = get('path');
  const query = get('query');
  const fragment = get('fragment');
  const userinfo = get('userinfo');
  let out = '';
  if (scheme) out += `${scheme}:`;
  if (scheme || host || userinfo) {
    out += '//';
    if (userinfo) out += `${userinfo}@`;
    out += host;
  }
  if (path && !path.startsWith('/') && host) out += '/';
  out += encodeURI(path).replace(/%25/g, '%');
  if (query) out += `?${query}`;
  if (fragment) out += `#${encodeURIComponent(fragment).replace(/%2F/g, '/')}`;
  return out;
}

function expandEnv(s: string, env: Record<string, string | undefined>): string {
  return s.replace(/\$(\{([^}]*)\}|([A-Za-z0-9_]+)|([*#$@!?\-0-9]))/g, (_a, _b, braced, bare, special) => {
    const name = braced ?? bare ?? special ?? '';
    return env[name] ?? '';
  });
}

export function sprigMiscFuncs(env: Record<string, string | undefined>): FuncMap {
  const s1 = (fn: (s: string) => unknown) => def(['string'], fn);
  const hash = (alg: string) => s1((s) => nodeCrypto().createHash(alg).update(Buffer.from(s)).digest('hex'));
  return {
    b64enc: s1((s) => Buffer.from(s).toString('base64')),
    b64dec: s1(b64dec),
    b32enc: s1(b32enc),
    b32dec: s1(b32dec),
    sha1sum: hash('sha1'),
    sha256sum: hash('sha256'),
    sha512sum: hash('sha512'),
    adler32sum: s1(adler32),
    base: s1(basePath),
    dir: s1(dirPath),
    clean: s1(cleanPath),
    ext: s1(extPath),
    isAbs: s1((p) => p.startsWith('/')),
    osBase: s1(basePath),
    osClean: s1(cleanPath),
    osDir: s1(dirPath),
    osExt: s1(extPath),
    osIsAbs: s1((p) => posix.isAbsolute(p)),
    env: s1((k) => env[k] ?? ''),
    expandenv: s1((s) => expandEnv(s, env)),
    getHostByName: s1(() => {
      // No DNS from a template engine: Sprig picks a random address of an empty lookup and fails so.
      throw new GoError('invalid argument to Intn');
    }),
    regexMatch: def(['string', 'string'], (re: string, s: string) => !!goRegex(re)?.test(s)),
    mustRegexMatch: def(['string', 'string'], (re: string, s: string) => mustRegex(re).test(s)),
    regexFindAll: def(['string', 'string', 'int'], (re: string, s: string, n: bigint) => {
      const r = goRegex(re, 'g');
      return strs(r ? findAll(r, s, Number(n)).map((m) => m[0]) : []);
    }),
    mustRegexFindAll: def(['string', 'string', 'int'], (re: string, s: string, n: bigint) =>
      strs(findAll(mustRegex(re), s, Number(n)).map((m) => m[0])),
    ),
    regexFind: def(['string', 'string'], (re: string, s: string) => goRegex(re)?.exec(s)?.[0] ?? ''),
    mustRegexFind: def(['string', 'string'], (re: string, s: string) => mustRegex(re).exec(s)?.[0] ?? ''),
    regexReplaceAll: def(['string', 'string', 'string'], (re: string, s: string, repl: string) => {
      const r = goRegex(re, 'g');
      return r ? replaceAll(r, s, (m) => expand(repl, m)) : s;
    }),
    mustRegexReplaceAll: def(['string', 'string', 'string'], (re: string, s: string, repl: string) =>
      replaceAll(mustRegex(re), s, (m) => expand(repl, m)),
    ),
    regexReplaceAllLiteral: def(['string', 'string', 'string'], (re: string, s: string, repl: string) => {
      const r = goRegex(re, 'g');
      return r ? replaceAll(r, s, () => repl) : s;
    }),
    mustRegexReplaceAllLiteral: def(['string', 'string', 'string'], (re: string, s: string, repl: string) =>
      replaceAll(mustRegex(re), s, () => repl),
    ),
    regexSplit: def(['string', 'string', 'int'], (re: string, s: string, n: bigint) => {
      const r = goRegex(re, 'g');
      return strs(r ? regexSplit(r, s, Number(n)) : []);
    }),
    mustRegexSplit: def(['string', 'string', 'int'], (re: string, s: string, n: bigint) =>
      strs(regexSplit(mustRegex(re), s, Number(n))),
    ),
    regexQuoteMeta: s1((s) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
    urlParse: s1(urlParse),
    urlJoin: def(['map'], (d: Record<string, unknown>) => urlJoin(isPlainMap(d) ? d : {})),
  };
}
