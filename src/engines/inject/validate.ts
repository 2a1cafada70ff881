// The injection annotations istiod checks before it renders, with its messages.

type Check = (v: string) => string | undefined;

function parsePort(p: string): string | undefined {
  const t = p.trim();
  if (!/^\d+$/.test(t))
    return `failed parsing port "${p}": strconv.ParseUint: parsing "${t}": invalid syntax`;
  if (Number(t) > 65535)
    return `failed parsing port "${p}": strconv.ParseUint: parsing "${t}": value out of range`;
  return undefined;
}

function portList(v: string): string | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  for (const p of t.split(',')) {
    const e = parsePort(p);
    if (e) return e;
  }
  return undefined;
}

function prefixError(c: string): string | undefined {
  const slash = c.lastIndexOf('/');
  if (slash < 0) return `netip.ParsePrefix("${c}"): no '/'`;
  const ip = c.slice(0, slash);
  const bits = c.slice(slash + 1);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  const v6 = !v4 && /^[0-9a-fA-F:.]+$/.test(ip) && ip.includes(':');
  if (!v4 && !v6) return `netip.ParsePrefix("${c}"): ParseAddr("${ip}"): unable to parse IP`;
  if (v4?.slice(1).some((o) => Number(o) > 255 || (o.length > 1 && o.startsWith('0'))))
    return `netip.ParsePrefix("${c}"): ParseAddr("${ip}"): IPv4 field has value >255`;
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > (v4 ? 32 : 128))
    return `netip.ParsePrefix("${c}"): bad bits after slash: "${bits}"`;
  return undefined;
}

function cidrList(v: string): string | undefined {
  if (v.length === 0) return undefined;
  for (const c of v.split(',')) {
    const e = prefixError(c);
    if (e) return `failed parsing cidr '${c}': ${e}`;
  }
  return undefined;
}

const named =
  (name: string, check: Check, star = false): Check =>
  (v) => {
    if (star && v === '*') return undefined;
    const e = check(v);
    return e ? `${name} invalid: ${e}` : undefined;
  };

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
  'status.sidecar.istio.io/port': (v) => parsePort(v),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': named('includeIPRanges', cidrList, true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': named('excludeIPRanges', cidrList),
  'traffic.sidecar.istio.io/includeInboundPorts': named('includeInboundPorts', portList, true),
  'traffic.sidecar.istio.io/excludeInboundPorts': named('excludeInboundPorts', portList),
  'traffic.sidecar.istio.io/excludeOutboundPorts': named('excludeOutboundPorts', portList),
  'traffic.sidecar.istio.io/includeOutboundPorts': named('includeOutboundPorts', portList),
  'prometheus.istio.io/merge-metrics': bool,
};

/** Every invalid injection annotation, as one multi-error message (empty when all are valid). */
export function validateAnnotations(annotations: Record<string, string>): string {
  const errs: string[] = [];
  for (const name of Object.keys(annotations).sort()) {
    const e = checks[name]?.(annotations[name]!);
    if (e) errs.push(`invalid value '${annotations[name]}' for annotation '${name}': ${e}`);
  }
  if (errs.length === 0) return '';
  const head = errs.length === 1 ? '1 error occurred:' : `${errs.length} errors occurred:`;
  return `${head}\n${errs.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}
