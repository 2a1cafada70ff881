// The functions istiod registers for injection templates (pkg/kube/inject InjectionFuncmap), written from
// their documented behaviour. Pod data uses Go field names (ObjectMeta.Annotations, Spec.Containers[].Ports,
// ContainerPort, Protocol); objects may carry a toJSON() to control structToJSON/protoToJSON output.
import { sprint } from '../fmt.js';
import { def, type FuncMap } from '../func-types.js';
import {
  GO_TYPE,
  isPlainMap,
  kindOf,
  mapGet,
  mapKeys,
  NO_VALUE,
  sliceOf,
  Typed,
  unwrapTyped,
} from '../values.js';
import { goJson } from './json.js';
import { formatDuration } from './sprig-time.js';
import { toYamlString } from './yaml.js';

type StrMap = Record<string, string>;

const field = (o: unknown, ...names: string[]): unknown => {
  if (o === null || o === undefined || o === NO_VALUE) return NO_VALUE;
  const raw = unwrapTyped(o);
  for (const n of names) {
    if (typeof raw === 'object' && raw !== null) {
      const v = kindOf(raw) === 'map' ? mapGet(raw, n) : (raw as any)[n];
      if (v !== undefined && v !== NO_VALUE) return typeof v === 'function' ? v.call(raw) : v;
    }
  }
  return NO_VALUE;
};

const strMap = (m: unknown): StrMap => {
  const out: StrMap = {};
  if (m === null || m === undefined || m === NO_VALUE || kindOf(m) !== 'map') return out;
  for (const k of mapKeys(m)) out[k] = String(unwrapTyped(mapGet(m, k)));
  return out;
};

function excludeInboundPort(port: unknown, excluded: string): string {
  const portStr = sprint([port]).trim();
  if (portStr.length === 0 || portStr === '0') return excluded;
  const out: string[] = [];
  for (let p of excluded.split(',')) {
    if (p === portStr) return excluded;
    p = p.trim();
    if (p.length > 0) out.push(p);
  }
  out.push(portStr);
  return out.join(',');
}

function containerPorts(containers: unknown, include: (c: unknown) => boolean): string {
  const parts: string[] = [];
  if (kindOf(containers) !== 'slice') return '';
  for (const c of sliceOf(containers)) {
    if (!include(c)) continue;
    const ports = field(c, 'Ports', 'ports');
    if (kindOf(ports) !== 'slice') continue;
    for (const p of sliceOf(ports)) {
      const proto = String(unwrapTyped(field(p, 'Protocol', 'protocol')));
      if (proto === 'UDP' || proto === 'SCTP') continue;
      const cp = unwrapTyped(field(p, 'ContainerPort', 'containerPort'));
      parts.push(String(typeof cp === 'number' ? Math.trunc(cp) : cp));
    }
  }
  return parts.join(',');
}

function appendMultusNetwork(existing: string, network: string): string {
  if (existing === '') return network;
  const i = existing.lastIndexOf(']');
  if (i !== -1) {
    let nets: unknown;
    try {
      nets = JSON.parse(existing);
    } catch {
      return existing;
    }
    if (!Array.isArray(nets)) return existing;
    for (const n of nets) if (n && typeof n === 'object' && (n as any).name === network) return existing;
    return `${existing.slice(0, i)}, {"name": "${network}"}${existing.slice(i)}`;
  }
  for (const n of existing.split(',')) if (n.trim() === network) return existing;
  return `${existing}, ${network}`;
}

function omitNil(v: unknown): unknown {
  if (isPlainMap(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const e = v[k];
      if (e === null || e === undefined) continue;
      out[k] = omitNil(e);
    }
    return out;
  }
  if (Array.isArray(v)) return v.filter((e) => e !== null && e !== undefined).map(omitNil);
  return v;
}

const mergeStrMaps = (...ms: unknown[]): StrMap => Object.assign({}, ...ms.map(strMap));

function toJsonSorted(v: unknown): string {
  return goJson.stringify(v, { html: true }) ?? '{}';
}

function otelResourceAttributes(
  mesh: unknown,
  annotations: unknown,
  labels: unknown,
  namespace: unknown,
  containers: unknown,
): string {
  const providers = field(mesh, 'ExtensionProviders', 'extensionProviders');
  let enabled = false;
  if (kindOf(providers) === 'slice') {
    for (const p of sliceOf(providers)) {
      const otel =
        field(field(p, 'Provider'), 'Opentelemetry') !== NO_VALUE
          ? field(field(p, 'Provider'), 'Opentelemetry')
          : field(p, 'Opentelemetry', 'opentelemetry');
      const mode = String(
        unwrapTyped(field(otel, 'ServiceAttributeEnrichment', 'serviceAttributeEnrichment')),
      );
      if (mode === 'OTEL_SEMANTIC_CONVENTIONS') enabled = true;
    }
  }
  if (!enabled) return '';
  const ann = strMap(annotations);
  const lab = strMap(labels);
  const ns = String(unwrapTyped(namespace) ?? '');
  const attrs: string[] = [];
  if (ns) attrs.push(`service.namespace=${ns}`);
  const version =
    ann['resource.opentelemetry.io/service.version'] ?? lab['app.kubernetes.io/version'] ?? lab.version;
  if (version) attrs.push(`service.version=${version}`);
  const first =
    kindOf(containers) === 'slice'
      ? sliceOf(containers).find((c) => unwrapTyped(field(c, 'Name', 'name')) !== 'istio-proxy')
      : undefined;
  const cname = first ? String(unwrapTyped(field(first, 'Name', 'name'))) : '';
  if (cname) attrs.push(`service.instance.id=${ns}.$(POD_NAME).${cname}`);
  return attrs.join(',');
}

export function istioFuncs(env: Record<string, string | undefined>): FuncMap {
  return {
    formatDuration: def(['*durationpb.Duration'], (d: unknown) => {
      if (d === null || d === NO_VALUE) return '0s';
      const s = BigInt(Math.trunc(Number(unwrapTyped(field(d, 'seconds', 'Seconds')) ?? 0) || 0));
      const n = BigInt(Math.trunc(Number(unwrapTyped(field(d, 'nanos', 'Nanos')) ?? 0) || 0));
      return formatDuration(s * 1_000_000_000n + n);
    }),
    isset: def(
      ['map[string]string', 'string'],
      (m: unknown, key: string) => kindOf(m) === 'map' && mapGet(m, key) !== NO_VALUE,
    ),
    excludeInboundPort: def(['any', 'string'], excludeInboundPort),
    includeInboundPorts: def(['[]v1.Container'], (cs: unknown) => containerPorts(cs, () => true)),
    applicationPorts: def(['[]v1.Container'], (cs: unknown) =>
      containerPorts(cs, (c) => unwrapTyped(field(c, 'Name', 'name')) !== 'istio-proxy'),
    ),
    kubevirtInterfaces: def(['string'], (s: string) => s),
    excludeInterfaces: def(['string'], (s: string) => s),
    annotation: def(['v1.ObjectMeta', 'string', 'any'], (meta: unknown, name: string, dflt: unknown) => {
      const anns = field(meta, 'Annotations', 'annotations');
      const v = kindOf(anns) === 'map' ? mapGet(anns, name) : NO_VALUE;
      return v === NO_VALUE ? sprint([dflt]) : String(unwrapTyped(v));
    }),
    valueOrDefault: def(['any', 'any'], (v: unknown, d: unknown) =>
      v === '' || v === null || v === NO_VALUE ? d : v,
    ),
    toJSON: def(['map[string]string'], (m: unknown) =>
      m === null || m === NO_VALUE ? '{}' : toJsonSorted(strMap(m)),
    ),
    fromJSON: def(['string'], (j: string) => {
      try {
        return goJson.parse(j);
      } catch {
        return '{}';
      }
    }),
    structToJSON: def(['any'], (v: unknown) =>
      v === null ? '{}' : (goJson.stringify(v, { html: true }) ?? '{}'),
    ),
    protoToJSON: def(['proto.Message'], (v: unknown) =>
      v === null || v === NO_VALUE ? '{}' : (goJson.stringify(v, { html: true }) ?? '{}'),
    ),
    toYaml: def(['any'], (v: unknown) => {
      try {
        return toYamlString(v);
      } catch {
        return '';
      }
    }),
    indent: def(['int', 'string'], (n: bigint, src: string) => {
      const pad = ' '.repeat(Math.max(Number(n), 0));
      return src
        .split('\n')
        .map((l, i) => (i > 0 ? pad + l : l))
        .join('\n');
    }),
    directory: def(['string'], (p: string) => p.slice(0, p.lastIndexOf('/') + 1)),
    contains: def(['string', 'string'], (needle: string, hay: string) => hay.includes(needle)),
    toLower: def(['string'], (s: string) => s.toLowerCase()),
    appendMultusNetwork: def(['string', 'string'], appendMultusNetwork),
    env: def(['string', 'string'], (k: string, d: string) => env[k] || d),
    omit: def(['map[string]string', '...string'], (m: unknown, ...keys: string[]) => {
      const out = strMap(m);
      for (const k of keys) delete out[k];
      return new Typed('map[string]string', out);
    }),
    strdict: def(['...string'], (...v: string[]) => {
      const out: StrMap = {};
      for (let i = 0; i < v.length; i += 2) out[v[i]!] = i + 1 < v.length ? v[i + 1]! : '';
      return new Typed('map[string]string', out);
    }),
    toJsonMap: def(['...map[string]string'], (...ms: unknown[]) => toJsonSorted(mergeStrMaps(...ms))),
    mergeMaps: def(
      ['...map[string]string'],
      (...ms: unknown[]) => new Typed('map[string]string', mergeStrMaps(...ms)),
    ),
    omitNil: def(['any'], omitNil),
    otelResourceAttributes: def(
      ['*v1alpha1.MeshConfig', 'map[string]string', 'map[string]string', 'string', '[]v1.Container'],
      otelResourceAttributes,
    ),
  };
}

export { GO_TYPE };
