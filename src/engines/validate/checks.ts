// Value checks shared by the kind rules: DNS names and wildcards, ports, IPs and CIDRs, labels,
// header names and values, RE2 regexes. Each returns an error message or undefined.

const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

function dnsPreconditions(name: string): string | undefined {
  if (name.length > 255) return `domain name ${JSON.stringify(name)} too long (max 255)`;
  if (name.length === 0) return 'empty domain name not allowed';
  return undefined;
}

export function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1]!;
  if (/^[+-]?\d+$/.test(tld)) {
    return `domain name ${JSON.stringify(domain)} invalid (top level domain ${JSON.stringify(tld)} cannot be all-numeric)`;
  }
  for (const [i, label] of parts.entries()) {
    // a trailing dot (`istio.io.`) is allowed
    if (i === parts.length - 1 && label === '') return undefined;
    if (!isDns1123Label(label))
      return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(label)} invalid)`;
  }
  return undefined;
}

export function fqdn(name: string): string | undefined {
  return dnsPreconditions(name) ?? dns1123Labels(name);
}

/** A host that may start with a wildcard label (`*`, `*.example.com`, `*-foo.bar`). */
export function wildcardDomain(domain: string): string | undefined {
  const pre = dnsPreconditions(domain);
  if (pre) return pre;
  const i = domain.indexOf('.');
  const first = i < 0 ? domain : domain.slice(0, i);
  if (first.length > 63 || !WILDCARD_LABEL.test(first)) {
    return `domain name ${JSON.stringify(domain)} invalid (label ${JSON.stringify(first)} invalid)`;
  }
  return i < 0 ? undefined : dns1123Labels(domain.slice(i + 1));
}

/** `namespace/host` as Sidecar egress and Gateway servers write it. */
export function namespaceSlashHost(host: string, isGateway: boolean): string[] {
  const i = host.indexOf('/');
  if (i < 0) {
    if (isGateway) {
      if (host !== '*' && !host.includes('.')) return ['short names (non FQDN) are not allowed'];
      const e = wildcardDomain(host);
      return e ? [e] : [];
    }
    return ['host must be of form namespace/dnsName'];
  }
  const ns = host.slice(0, i);
  const name = host.slice(i + 1);
  const errs: string[] = [];
  if (!ns || !name) errs.push('config namespace and dnsName in host entry cannot be empty');
  const special = isGateway ? ['*', '.'] : ['*', '.', '~'];
  if (!special.includes(ns) && !isDns1123Label(ns)) {
    errs.push(`invalid namespace value ${JSON.stringify(ns)} in ${isGateway ? 'gateway' : 'sidecar'}`);
  }
  const e = wildcardDomain(name);
  if (e) errs.push(e);
  if (isGateway && name !== '*' && !name.includes('.'))
    errs.unshift('short names (non FQDN) are not allowed');
  return errs;
}

export function port(n: number): string | undefined {
  return Number.isInteger(n) && n >= 1 && n <= 65535
    ? undefined
    : `port number ${n} must be in the range 1..65535`;
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  let body = s;
  let groupsForV4 = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    body = `${s.slice(0, lastColon + 1)}0`;
    groupsForV4 = 1;
  }
  const dbl = body.split('::');
  if (dbl.length > 2) return false;
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const all = dbl.flatMap(groups);
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = all.length + groupsForV4;
  return dbl.length === 2 ? count <= 8 : count === 8;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

export function ipAddress(s: string): string | undefined {
  return isIP(s) ? undefined : `${s} is not a valid IP`;
}

/** An IP or a CIDR block. */
export function ipOrSubnet(s: string): string | undefined {
  const i = s.indexOf('/');
  if (i < 0) return isIP(s) ? undefined : `${s} is not a valid IP`;
  const ip = s.slice(0, i);
  const bits = s.slice(i + 1);
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  if (max < 0 || !/^\d+$/.test(bits) || Number(bits) > max) return `invalid CIDR address: ${s}`;
  return undefined;
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function qualifiedName(key: string): boolean {
  const i = key.indexOf('/');
  const name = i < 0 ? key : key.slice(i + 1);
  if (i >= 0) {
    const prefix = key.slice(0, i);
    if (!prefix || prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && LABEL_NAME.test(name);
}

/** Kubernetes label keys and values, as Istio's labels.Instance.Validate checks them. */
export function labelSet(labels: Record<string, unknown> | undefined): string[] {
  const errs: string[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!qualifiedName(k)) errs.push(`invalid tag key: ${JSON.stringify(k)}`);
    const value = String(v ?? '');
    if (value.length > 63 || (value !== '' && !LABEL_NAME.test(value)))
      errs.push(`invalid tag value: ${JSON.stringify(value)}`);
  }
  return errs;
}

const HEADER_NAME = /^[-_A-Za-z0-9]+$/;

export function headerName(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  return HEADER_NAME.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

// Envoy's `%VAR%` substitution: a lone `%` must be doubled.
export function headerValue(value: string): string | undefined {
  if (/[\u0000-\u0008\u000A-\u001F\u007F]/.test(value))
    return `header value configuration ${value} is invalid`;
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '%') {
      i++;
      continue;
    }
    if (value[i + 1] === '%') {
      i += 2;
      continue;
    }
    const end = value.indexOf('%', i + 1);
    if (end < 0 || end === i + 1)
      return `header value configuration: invalid header configuration: un-terminated variable expression '${value.slice(i)}'`;
    i = end + 1;
  }
  return undefined;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'A-Za-z0-9',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-/:-@[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: '0-9A-Fa-f',
};

/** Compiles a Go RE2 expression; returns the error text or undefined. */
export function re2(re: string): string | undefined {
  if (/\(\?<?[=!]/.test(re))
    return (
      'error parsing regexp: invalid or unsupported Perl syntax: `(?' +
      re.match(/\(\?<?[=!]/)![0].slice(2) +
      '`'
    );
  if (/(^|[^\\])(\\\\)*\\[1-9]/.test(re)) return 'error parsing regexp: invalid escape sequence';
  let js = re
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
      const cls = POSIX_CLASSES[name];
      return cls && !neg ? cls : m;
    })
    .replace(/\\p\{?[A-Za-z]+\}?/g, '\\w');
  let flags = '';
  js = js.replace(/\(\?([imsU]+)\)/g, (_m, f: string) => {
    for (const c of f) if ('ims'.includes(c) && !flags.includes(c)) flags += c;
    return '';
  });
  js = js.replace(/\(\?[imsU]+:/g, '(?:');
  try {
    new RegExp(js, flags);
    return undefined;
  } catch (e) {
    return `error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

export const SUPPORTED_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
]);

/** Protocol names Istio recognises (protocol.Parse, case-insensitive). */
export const PROTOCOLS = new Set([
  'TCP',
  'UDP',
  'GRPC',
  'GRPC-WEB',
  'HTTP',
  'HTTP_PROXY',
  'HTTP2',
  'HTTPS',
  'TLS',
  'MONGO',
  'REDIS',
  'MYSQL',
  'HBONE',
  'DOUBLE_HBONE',
]);

export function isKnownProtocol(p: string): boolean {
  return PROTOCOLS.has(p.toUpperCase());
}

export function isHttpProtocol(p: string): boolean {
  return ['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB', 'HTTP_PROXY'].includes(p.toUpperCase());
}

export function isTlsProtocol(p: string): boolean {
  return ['HTTPS', 'TLS'].includes(p.toUpperCase());
}

/** A unix domain socket path: absolute, not a directory; `@name` is an abstract socket. */
export function unixAddress(addr: string): string | undefined {
  if (addr === '') return 'unix address must not be empty';
  if (addr.startsWith('@')) return undefined;
  if (!addr.startsWith('/') || addr.endsWith('/')) return `${addr} is not an absolute path to a file`;
  return undefined;
}
