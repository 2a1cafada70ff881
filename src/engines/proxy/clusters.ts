// proxy-config cluster: Envoy clusters from the config dump, filtered and sorted as istioctl does.

import { IstioctlError } from '../../cli/errors.js';
import { arr, type ConfigDump, f, type Json, obj, SECTION, str } from './config-dump.js';
import { goSortSlice } from './go-sort.js';

export interface ClusterFilter {
  fqdn?: string;
  port?: number;
  subset?: string;
  direction?: string;
}

export interface SubsetKey {
  direction: string;
  port: number;
  subset: string;
  fqdn: string;
}

/** `<direction>|<port>|<subset>|<fqdn>` (istio's subset key); other names are the FQDN alone. */
export function parseSubsetKey(name: string): SubsetKey | undefined {
  const parts = name.split('|');
  if (parts.length <= 3) return undefined;
  const port = /^[+-]?\d+$/.test(parts[1]!) ? Number(parts[1]) : 0;
  return { direction: parts[0]!, port, subset: parts[2]!, fqdn: parts[3]! };
}

function sortKey(name: string): SubsetKey {
  return parseSubsetKey(name) ?? { direction: '', port: 0, subset: '', fqdn: name };
}

export function compareSubsetKeys(a: string, b: string): number {
  const x = sortKey(a);
  const y = sortKey(b);
  if (x.fqdn !== y.fqdn) return x.fqdn < y.fqdn ? -1 : 1;
  if (x.subset !== y.subset) return x.subset < y.subset ? -1 : 1;
  if (x.port !== y.port) return x.port - y.port;
  if (x.direction !== y.direction) return x.direction < y.direction ? -1 : 1;
  return 0;
}

export function clusterMatches(filter: ClusterFilter, name: string): boolean {
  if (filter.fqdn && !name.includes(filter.fqdn)) return false;
  if (filter.direction && !name.includes(filter.direction)) return false;
  if (filter.subset && !name.includes(filter.subset)) return false;
  if (filter.port && !name.includes(`|${filter.port}|`)) return false;
  return true;
}

/** Dynamic active clusters then static clusters, sorted by FQDN, subset, port, direction. */
export function sortedClusters(dump: ConfigDump): Json[] {
  const section = dump.section(SECTION.clusters);
  const clusters: Json[] = [];
  for (const c of arr(section, 'dynamicActiveClusters')) {
    const cl = obj(c, 'cluster');
    if (cl) clusters.push(cl);
  }
  for (const c of arr(section, 'staticClusters')) {
    const cl = obj(c, 'cluster');
    if (cl) clusters.push(cl);
  }
  if (clusters.length === 0) throw new IstioctlError('no clusters found');
  return goSortSlice(clusters, (a, b) => compareSubsetKeys(str(a, 'name'), str(b, 'name')) < 0);
}

/** The DESTINATION RULE / VIRTUAL SERVICE cell: `<name>.<namespace>` of the istio config path. */
export function describeManagement(metadata: unknown): string {
  const istio = obj(obj(metadata, 'filterMetadata'), 'istio');
  if (!istio) return '';
  const config = istio.config;
  if (config === undefined) return '';
  const path = typeof config === 'string' ? config : '';
  if (path.startsWith('/apis/networking.istio.io/')) {
    const pieces = path.split('/');
    if (pieces.length !== 8) return '';
    return `${pieces[7]}.${pieces[5]}`;
  }
  return '<unknown>';
}

/** Envoy's discovery type name; STATIC (the proto default) when absent, CLUSTER_TYPE for extensions. */
function clusterType(c: Json): string {
  const t = f(c, 'type');
  if (typeof t === 'string') return t;
  if (typeof t === 'number')
    return ['STATIC', 'STRICT_DNS', 'LOGICAL_DNS', 'EDS', 'ORIGINAL_DST'][t] ?? String(t);
  if (f(c, 'clusterType') !== undefined) return 'STATIC';
  return 'STATIC';
}

export function clusterRows(dump: ConfigDump, filter: ClusterFilter, withType: boolean): string[][] {
  const rows: string[][] = [];
  rows.push(
    withType
      ? ['NAME', 'SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE']
      : ['SERVICE FQDN', 'PORT', 'SUBSET', 'DIRECTION', 'TYPE', 'DESTINATION RULE'],
  );
  for (const c of sortedClusters(dump)) {
    const name = str(c, 'name');
    if (!clusterMatches(filter, name)) continue;
    const key = parseSubsetKey(name);
    const dr = describeManagement(f(c, 'metadata'));
    const type = clusterType(c);
    let row: string[];
    if (key) row = [key.fqdn, String(key.port), key.subset || '-', key.direction, type, dr];
    else row = [withType ? `cluster/${name}` : name, '-', '-', '-', type, dr];
    if (withType) row.unshift(`cluster/${name}`);
    rows.push(row);
  }
  return rows;
}

export function filteredClusters(dump: ConfigDump, filter: ClusterFilter): Json[] {
  return sortedClusters(dump).filter((c) => clusterMatches(filter, str(c, 'name')));
}
