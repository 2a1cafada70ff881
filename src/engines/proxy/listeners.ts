// proxy-config listener: Envoy listeners from the config dump, their filter chains described in
// istioctl's MATCH / DESTINATION vocabulary.
import { IstioctlError } from '../../cli/errors.js';
import { arr, type ConfigDump, f, type Json, num, obj, SECTION, str, wrapped } from './config-dump.js';
import { goSortSlice } from './go-sort.js';
import { describeMatch } from './routes.js';

const HTTP_FILTER = 'envoy.filters.network.http_connection_manager';
const TCP_FILTER = 'envoy.filters.network.tcp_proxy';
const BLACKHOLE = 'BlackHoleCluster';

export interface ListenerFilter {
  address?: string;
  port?: number;
  type?: string;
  verbose?: boolean;
}

function socketAddress(a: unknown): Json | undefined {
  return obj(obj(a, 'address') ?? undefined, 'socketAddress');
}

export function listenerAddress(l: Json): string {
  return str(obj(obj(l, 'address'), 'socketAddress'), 'address');
}

export function listenerPort(l: Json): number {
  return num(obj(obj(l, 'address'), 'socketAddress'), 'portValue');
}

function additionalAddresses(l: Json): string[] {
  return arr(l, 'additionalAddresses').map((a) => str(socketAddress(a), 'address'));
}

function filterChains(l: Json): Json[] {
  const chains = [...arr(l, 'filterChains')];
  const dflt = obj(l, 'defaultFilterChain');
  if (dflt) chains.push(dflt);
  return chains;
}

function tcpToBlackhole(filter: Json): boolean {
  const tc = f(filter, 'typedConfig');
  return tc !== undefined && JSON.stringify(tc).includes(BLACKHOLE);
}

/** HTTP | TCP | HTTP+TCP | UNKNOWN, by the network filters of every chain. */
export function listenerType(l: Json): string {
  let nHTTP = 0;
  let nTCP = 0;
  for (const chain of filterChains(l)) {
    for (const filter of arr(chain, 'filters')) {
      const name = str(filter, 'name');
      if (name === HTTP_FILTER) nHTTP++;
      else if (name === TCP_FILTER && !tcpToBlackhole(filter)) nTCP++;
    }
  }
  if (nHTTP > 0) return nTCP === 0 ? 'HTTP' : 'HTTP+TCP';
  return nTCP > 0 ? 'TCP' : 'UNKNOWN';
}

export function listenerMatches(filter: ListenerFilter, l: Json): boolean {
  if (filter.address) {
    const want = filter.address.toLowerCase();
    const all = [listenerAddress(l), ...additionalAddresses(l)];
    if (!all.some((a) => a.toLowerCase() === want)) return false;
  }
  if (filter.port && listenerPort(l) !== filter.port) return false;
  if (filter.type && listenerType(l).toLowerCase() !== filter.type.toLowerCase()) return false;
  return true;
}

/** Dynamic listeners' active state, then static listeners. */
export function allListeners(dump: ConfigDump): Json[] {
  let section: Json;
  try {
    section = dump.section(SECTION.listeners);
  } catch (err) {
    if (err instanceof Error)
      err.message = err.message.replace(/config dump has no/, 'listener dump: config dump has no');
    throw err;
  }
  const out: Json[] = [];
  for (const l of arr(section, 'dynamicListeners')) {
    const active = obj(obj(l, 'activeState'), 'listener');
    if (active) out.push(active);
  }
  for (const l of arr(section, 'staticListeners')) {
    const listener = obj(l, 'listener');
    if (listener) out.push(listener);
  }
  if (out.length === 0) throw new IstioctlError('no listeners found');
  return out;
}

const ALPN_NAMES: Array<[string, string[]]> = [
  ['App: HTTP TLS', ['http/1.0', 'http/1.1', 'h2c', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: Istio HTTP Plain', ['istio', 'istio-http/1.0', 'istio-http/1.1', 'istio-h2']],
  ['App: TCP TLS', ['istio-peer-exchange', 'istio']],
  ['App: HTTP', ['http/1.0', 'http/1.1', 'h2c']],
];

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describeChainMatch(chain: Json): string {
  const match = obj(chain, 'filterChainMatch') ?? {};
  const descrs: string[] = [];
  const sni = f(match, 'serverNames') as string[] | undefined;
  if (sni?.length) descrs.push(`SNI: ${sni.join(',')}`);
  const trans = str(match, 'transportProtocol');
  if (trans) descrs.push(`Trans: ${trans}`);
  const alpn = f(match, 'applicationProtocols') as string[] | undefined;
  if (alpn?.length) {
    const known = ALPN_NAMES.find(([, list]) => sameList(alpn, list));
    descrs.push(known ? known[0] : `App: ${alpn.join(',')}`);
  }
  const dport = wrapped(match, 'destinationPort');
  const port = dport !== undefined ? `:${dport}` : '';
  const ranges = arr(match, 'prefixRanges');
  if (ranges.length > 0) {
    const pf = ranges.map((r) => `${str(r, 'addressPrefix')}/${wrapped(r, 'prefixLen') ?? 0}`);
    descrs.push(`Addr: ${pf.join(',')}${port}`);
  } else if (port) {
    descrs.push(`Addr: *${port}`);
  }
  return descrs.length ? descrs.join('; ') : 'ALL';
}

function describeDomains(vh: Json): string {
  const domains = (f(vh, 'domains') as string[] | undefined) ?? [];
  if (domains.length === 1 && domains[0] === '*') return '';
  return domains.join('/');
}

function describeRoutes(vh: Json): string {
  return arr(vh, 'routes')
    .map((r) => describeMatch(obj(r, 'match')))
    .join(', ');
}

function matchAllCluster(rc: Json): string {
  const vhs = arr(rc, 'virtualHosts');
  if (vhs.length !== 1) return '';
  const vh = vhs[0]!;
  const domains = (f(vh, 'domains') as string[] | undefined) ?? [];
  if (domains.length !== 1 || domains[0] !== '*') return '';
  const routes = arr(vh, 'routes');
  if (routes.length !== 1) return '';
  const r = routes[0]!;
  if (str(obj(r, 'match'), 'prefix') !== '/') return '';
  const cluster = f(obj(r, 'route'), 'cluster');
  if (typeof cluster !== 'string') return '';
  return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
}

function describeRouteConfig(rc: Json): string {
  const all = matchAllCluster(rc);
  if (all) return all;
  const vhosts = arr(rc, 'virtualHosts').map((vh) => {
    const d = describeDomains(vh);
    return d === '' ? describeRoutes(vh) : `${d} ${describeRoutes(vh)}`;
  });
  return `Inline Route: ${vhosts.join('; ')}`;
}

function describeDestination(filters: Json[]): string {
  for (const filter of filters) {
    const name = str(filter, 'name');
    if (name === HTTP_FILTER) {
      const hcm = obj(filter, 'typedConfig') ?? {};
      const rc = obj(hcm, 'routeConfig');
      if (rc) return describeRouteConfig(rc);
      const rds = str(obj(hcm, 'rds'), 'routeConfigName');
      if (rds) return `Route: ${rds}`;
      return 'HTTP';
    }
    if (name === TCP_FILTER && !tcpToBlackhole(filter)) {
      const cluster = str(obj(filter, 'typedConfig'), 'cluster');
      return cluster.includes('Cluster') ? cluster : `Cluster: ${cluster}`;
    }
  }
  return 'Non-HTTP/Non-TCP';
}

interface ChainRow {
  match: string;
  destination: string;
}

function chainRows(l: Json): ChainRow[] {
  const rows = filterChains(l).map((c) => ({
    match: describeChainMatch(c),
    destination: describeDestination(arr(c, 'filters')),
  }));
  return goSortSlice(rows, (a, b) => a.destination > b.destination);
}

/** The listeners that pass the filter, sorted by port, address, type. */
export function filteredListeners(dump: ConfigDump, filter: ListenerFilter): Json[] {
  const keyed = allListeners(dump)
    .filter((l) => listenerMatches(filter, l))
    .map((l) => ({ l, port: listenerPort(l), addr: listenerAddress(l), type: '' }));
  const typeOf = (k: (typeof keyed)[number]) => {
    if (k.type === '') k.type = listenerType(k.l);
    return k.type;
  };
  goSortSlice(keyed, (a, b) => {
    if (a.port !== b.port) return a.port < b.port;
    if (a.addr !== b.addr) return a.addr < b.addr;
    return typeOf(a) < typeOf(b);
  });
  return keyed.map((k) => k.l);
}

export function listenerRows(dump: ConfigDump, filter: ListenerFilter, withType: boolean): string[][] {
  const verbose = filter.verbose !== false;
  const header = verbose ? ['ADDRESSES', 'PORT', 'MATCH', 'DESTINATION'] : ['ADDRESSES', 'PORT', 'TYPE'];
  if (withType) header.unshift('NAME');
  const rows: string[][] = [header];
  for (const l of filteredListeners(dump, filter)) {
    const addresses = [listenerAddress(l), ...additionalAddresses(l)].join(',');
    const port = String(listenerPort(l));
    const prefix = withType ? [`listener/${str(l, 'name')}`] : [];
    if (verbose) {
      for (const c of chainRows(l)) rows.push([...prefix, addresses, port, c.match, c.destination]);
    } else {
      rows.push([...prefix, addresses, port, listenerType(l)]);
    }
  }
  return rows;
}
