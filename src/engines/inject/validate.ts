// The injection annotations istiod checks before it renders (inject/validate.go), with its messages.

type Check = (v: string) => string | undefined;

function parsePort(p: string): string | undefined {
  const t = p.trim();
  if (!/^\d+$/.test(t) || Number(t) > 65535)
    return `failed parsing port "${t}": strconv.ParseUint: parsing "${t}": invalid syntax`;
  return undefined;
}

function ports(v: string): string | undefined {
  for (const p of v.split(',')) {
    if (p.trim() === '') continue;
    const e = parsePort(p);
    if (e) return e;
  }
  return undefined;
}

function cidr(c: string): string | undefined {
  const t = c.trim();
  const m = /^([0-9a-fA-F.:]+)\/(\d{1,3})$/.exec(t);
  if (!m) return `failed parsing cidr '${t}': netip.ParsePrefix("${t}"): no '/'`;
  const ip = m[1]!;
  const bits = Number(m[2]);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    if (v4.slice(1).some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith('0'))) || bits > 32)
      return `failed parsing cidr '${t}': netip.ParsePrefix("${t}"): bad prefix`;
    return undefined;
  }
  if (ip.includes(':') && bits <= 128) return undefined;
  return `failed parsing cidr '${t}': netip.ParsePrefix("${t}"): ParseAddr("${ip}"): unable to parse IP`;
}

function ranges(v: string, allowStar: boolean): string | undefined {
  if (allowStar && v === '*') return undefined;
  for (const c of v.split(',')) {
    if (c === '') continue;
    const e = cidr(c);
    if (e) return e;
  }
  return undefined;
}

const uint32: Check = (v) =>
  /^\d+$/.test(v) && Number(v) <= 4294967295
    ? undefined
    : `strconv.ParseUint: parsing "${v}": invalid syntax`;
const bool: Check = (v) =>
  ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)
    ? undefined
    : `strconv.ParseBool: parsing "${v}": invalid syntax`;

const checks: Record<string, Check> = {
  'sidecar.istio.io/interceptionMode': (v) =>
    ['REDIRECT', 'TPROXY', 'NONE'].includes(v.toUpperCase())
      ? undefined
      : 'interceptionMode invalid, use REDIRECT,TPROXY,NONE',
  'sidecar.istio.io/enableCoreDump': bool,
  'status.sidecar.istio.io/port': (v) => {
    if (!/^[+-]?\d+$/.test(v)) return `failed parsing port "${v}"`;
    const n = Number(v);
    return n < 1024 || n > 65535 ? `port number ${n} must be in the range 1024..65535` : undefined;
  },
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': (v) => ranges(v, true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': (v) => ranges(v, false),
  'traffic.sidecar.istio.io/includeInboundPorts': (v) => (v === '*' ? undefined : ports(v)),
  'traffic.sidecar.istio.io/excludeInboundPorts': ports,
  'traffic.sidecar.istio.io/excludeOutboundPorts': ports,
  'traffic.sidecar.istio.io/includeOutboundPorts': ports,
  'prometheus.istio.io/merge-metrics': bool,
};

/** Every invalid injection annotation, as one message (empty when all are valid). */
export function validateAnnotations(annotations: Record<string, string>): string {
  const errs: string[] = [];
  for (const name of Object.keys(annotations).sort()) {
    const check = checks[name];
    const e = check?.(annotations[name]!);
    if (e) errs.push(`invalid value '${annotations[name]}' for annotation '${name}': ${e}`);
  }
  if (errs.length === 0) return '';
  if (errs.length === 1) return `1 error occurred:\n\t* ${errs[0]}\n\n`;
  return `${errs.length} errors occurred:\n${errs.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}
