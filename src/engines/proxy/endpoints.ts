// Endpoints two ways: `eds` reads ClusterLoadAssignments from the config dump (include_eds),
// `endpoint` reads Envoy's /clusters?format=json host statuses.
import { DataError } from '../../cli/errors.js';
import { compareSubsetKeys } from './clusters.js';
import { arr, type ConfigDump, f, type Json, num, obj, SECTION, str } from './config-dump.js';
import { goSortSlice } from './go-sort.js';

export interface EndpointFilter {
  address?: string;
  port?: number;
  cluster?: string;
  status?: string;
}

function addressText(addr: Json | undefined): string {
  const sock = obj(addr, 'socketAddress');
  if (sock) return `${str(sock, 'address')}:${num(sock, 'portValue')}`;
  const pipe = obj(addr, 'pipe');
  if (pipe) return str(pipe, 'path');
  const internal = obj(addr, 'envoyInternalAddress');
  if (internal && f(internal, 'serverListenerName') !== undefined) {
    return `envoy://${str(internal, 'serverListenerName')}/${str(internal, 'endpointId')}`;
  }
  return 'unknown';
}

function healthName(v: unknown): string {
  if (typeof v === 'string') return v;
  const names = ['UNKNOWN', 'HEALTHY', 'UNHEALTHY', 'DRAINING', 'TIMEOUT', 'DEGRADED'];
  return names[typeof v === 'number' ? v : 0] ?? String(v);
}

function lbEndpointMatches(filter: EndpointFilter, ep: Json, cluster: string): boolean {
  const addr = obj(obj(ep, 'endpoint'), 'address');
  if (filter.address && addressText(addr).toLowerCase() !== filter.address.toLowerCase()) return false;
  if (filter.port && num(obj(addr, 'socketAddress'), 'portValue') !== filter.port) return false;
  if (filter.cluster && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
  if (filter.status && healthName(f(ep, 'healthStatus')).toLowerCase() !== filter.status.toLowerCase())
    return false;
  return true;
}

/** ClusterLoadAssignments with the filtered endpoints kept; assignments left empty are dropped. */
export function filteredAssignments(dump: ConfigDump, filter: EndpointFilter): Json[] {
  // Envoy leaves the section out when it has no endpoints; upstream then prints an empty table.
  const section = dump.sections(SECTION.endpoints)[0] ?? {};
  const out: Json[] = [];
  const take = (entries: Json[]) => {
    for (const e of entries) {
      const cla = obj(e, 'endpointConfig');
      if (!cla) continue;
      const cluster = str(cla, 'clusterName');
      let count = 0;
      const localities = arr(cla, 'endpoints').map((llb) => {
        const kept = arr(llb, 'lbEndpoints').filter((ep) => lbEndpointMatches(filter, ep, cluster));
        count += kept.length;
        const copy: Json = {};
        for (const [k, v] of Object.entries(llb)) {
          if (k === 'lbEndpoints' || k === 'lb_endpoints') {
            if (kept.length > 0) copy[k] = kept;
          } else copy[k] = v;
        }
        return copy;
      });
      if (count === 0) continue;
      const copy: Json = {};
      for (const [k, v] of Object.entries(cla))
        if (k !== '@type') copy[k] = k === 'endpoints' ? localities : v;
      out.push(copy);
    }
  };
  take(arr(section, 'dynamicEndpointConfigs'));
  take(arr(section, 'staticEndpointConfigs'));
  return goSortSlice(out, (a, b) => compareSubsetKeys(str(a, 'clusterName'), str(b, 'clusterName')) < 0);
}

function localityText(l: Json | undefined): string {
  const region = str(l, 'region');
  const zone = str(l, 'zone');
  if (zone === '') return region;
  const sub = str(l, 'subZone');
  return sub === '' ? `${region}/${zone}` : `${region}/${zone}/${sub}`;
}

export function edsRows(dump: ConfigDump, filter: EndpointFilter, withType: boolean): string[][] {
  const rows: string[][] = [['NAME', 'STATUS', 'LOCALITY', 'CLUSTER']];
  for (const cla of filteredAssignments(dump, filter)) {
    const cluster = str(cla, 'clusterName');
    for (const llb of arr(cla, 'endpoints')) {
      const locality = localityText(obj(llb, 'locality'));
      for (const ep of arr(llb, 'lbEndpoints')) {
        const addr = addressText(obj(obj(ep, 'endpoint'), 'address'));
        rows.push([
          withType ? `endpoint/${addr}` : addr,
          healthName(f(ep, 'healthStatus')),
          locality,
          cluster,
        ]);
      }
    }
  }
  return rows;
}

// ---- /clusters?format=json (envoy.admin.v3.Clusters) ----

export interface ClustersStatus {
  statuses: Json[];
}

export function parseClustersJson(text: string, source: string): ClustersStatus {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // One line without echoing the input: V8 quotes a piece of the text in its message.
    const m = err instanceof Error ? err.message : String(err);
    const why = /end of JSON|Unterminated/i.test(m)
      ? 'unexpected end of JSON input (truncated?)'
      : m.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new DataError(`error unmarshalling Envoy clusters response: ${why}`, { file: source });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DataError('error unmarshalling Envoy clusters response: not a JSON object', { file: source });
  }
  const statuses = f(parsed, 'clusterStatuses');
  if (statuses !== undefined && !Array.isArray(statuses)) {
    throw new DataError('error unmarshalling Envoy clusters response: "cluster_statuses" must be a list', {
      file: source,
    });
  }
  if (statuses === undefined && 'configs' in (parsed as Json)) {
    throw new DataError('this is a config dump, not a /clusters?format=json response', { file: source });
  }
  return { statuses: (statuses as Json[] | undefined) ?? [] };
}

function hostPort(h: Json): { host: string; port: number; text: string } {
  const addr = obj(h, 'address');
  const sock = obj(addr, 'socketAddress');
  if (sock) {
    const host = str(sock, 'address');
    const port = num(sock, 'portValue');
    return { host, port, text: `${host}:${port}` };
  }
  const pipe = obj(addr, 'pipe');
  if (pipe) return { host: `unix://${str(pipe, 'path')}`, port: 0, text: `unix://${str(pipe, 'path')}` };
  const internal = obj(addr, 'envoyInternalAddress');
  if (internal) {
    const t = `envoy://${str(internal, 'serverListenerName')}/${str(internal, 'endpointId')}`;
    return { host: t, port: 0, text: t };
  }
  return { host: '', port: 0, text: '' };
}

function hostMatches(filter: EndpointFilter, h: Json, cluster: string): boolean {
  const hp = hostPort(h);
  if (filter.address && hp.host !== filter.address) return false;
  if (filter.port && hp.port !== filter.port) return false;
  if (filter.cluster && cluster.toLowerCase() !== filter.cluster.toLowerCase()) return false;
  const status = healthName(f(obj(h, 'healthStatus'), 'edsHealthStatus'));
  if (filter.status && status.toLowerCase() !== filter.status.toLowerCase()) return false;
  return true;
}

export function endpointRows(cs: ClustersStatus, filter: EndpointFilter): string[][] {
  const items: Array<{ host: string; port: number; cluster: string; row: string[] }> = [];
  for (const c of cs.statuses) {
    const cluster = str(c, 'name');
    for (const h of arr(c, 'hostStatuses')) {
      if (!hostMatches(filter, h, cluster)) continue;
      const hp = hostPort(h);
      const health = obj(h, 'healthStatus');
      const status = healthName(f(health, 'edsHealthStatus'));
      const outlier = f(health, 'failedOutlierCheck') === true ? 'FAILED' : 'OK';
      items.push({ host: hp.host, port: hp.port, cluster, row: [hp.text, status, outlier, cluster] });
    }
  }
  goSortSlice(items, (a, b) => {
    if (a.host !== b.host) return a.host < b.host;
    if (a.port !== b.port) return a.port < b.port;
    return a.cluster < b.cluster;
  });
  return [['ENDPOINT', 'STATUS', 'OUTLIER CHECK', 'CLUSTER'], ...items.map((i) => i.row)];
}

export function filteredClusterStatuses(cs: ClustersStatus, filter: EndpointFilter): Json[] {
  const out: Json[] = [];
  for (const c of cs.statuses) {
    const cluster = str(c, 'name');
    // A cluster with any matching host is printed whole, as upstream does.
    if (arr(c, 'hostStatuses').some((h) => hostMatches(filter, h, cluster))) out.push(c);
  }
  return out;
}
