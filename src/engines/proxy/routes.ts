// proxy-config route: route configurations from the config dump and their verbose/short tables.
import { IstioctlError } from '../../cli/errors.js';
import { describeManagement } from './clusters.js';
import { arr, type ConfigDump, f, type Json, obj, SECTION, str } from './config-dump.js';
import { goSortSlice } from './go-sort.js';

export interface RouteFilter {
  name?: string;
  verbose?: boolean;
}

/** The MATCH cell of one route: prefix, exact path, path prefix, or regex. */
export function describeMatch(match: Json | undefined): string {
  const conds: string[] = [];
  const prefix = str(match, 'prefix');
  if (prefix) conds.push(`${prefix}*`);
  const path = str(match, 'path');
  if (path) conds.push(path);
  const sep = str(match, 'pathSeparatedPrefix');
  if (sep) conds.push(`PathPrefix:${sep}`);
  const regex = obj(match, 'safeRegex');
  if (regex) conds.push(`regex ${str(regex, 'regex')}`);
  return conds.join(' ');
}

function unexpandDomains(domains: string[]): string[] {
  const unique = new Set(domains);
  const drop = new Set<string>();
  for (const h of domains) {
    for (const suffix of ['.svc.cluster.local', '.svc']) {
      if (h.endsWith(suffix)) {
        const short = h.slice(0, -suffix.length);
        if (unique.has(short)) drop.add(h);
      }
    }
  }
  return domains.filter((h) => !drop.has(h));
}

/** The DOMAINS cell: port-less domains, expanded forms folded, at most two then `+ N more...`. */
export function describeRouteDomains(domains: string[]): string {
  if (domains.length === 0) return '';
  if (domains.length === 1) return domains[0]!;
  const max = 2;
  let withoutPort: string[] = [];
  for (const d of domains) {
    if (!d.includes(':')) withoutPort.push(d);
    else if (d.split(':').length - 1 > 2 && d.endsWith(']')) withoutPort.push(d);
  }
  withoutPort = unexpandDomains(withoutPort);
  if (withoutPort.length > max) {
    return `${withoutPort.slice(0, max).join(', ')} + ${withoutPort.length - max} more...`;
  }
  return withoutPort.join(', ');
}

function isIntName(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

/** Dynamic then static route configs; names that are integers ordered numerically. */
export function sortedRoutes(dump: ConfigDump): Json[] {
  const section = dump.section(SECTION.routes);
  const routes: Json[] = [];
  for (const r of arr(section, 'dynamicRouteConfigs')) {
    const rc = obj(r, 'routeConfig');
    if (rc) routes.push(rc);
  }
  for (const r of arr(section, 'staticRouteConfigs')) {
    const rc = obj(r, 'routeConfig');
    if (rc) routes.push(rc);
  }
  if (routes.length === 0) throw new IstioctlError('no routes found');
  // Upstream's comparator only orders two integer names; every other pair compares equal.
  return goSortSlice(routes, (a, b) => {
    const an = str(a, 'name');
    const bn = str(b, 'name');
    return isIntName(an) && isIntName(bn) && Number(an) < Number(bn);
  });
}

function isPassthrough(route: Json): boolean {
  return f(obj(route, 'route'), 'cluster') === 'PassthroughCluster';
}

export function filteredRoutes(dump: ConfigDump, filter: RouteFilter): Json[] {
  return sortedRoutes(dump).filter((r) => !filter.name || str(r, 'name') === filter.name);
}

export function routeRows(dump: ConfigDump, filter: RouteFilter, withType: boolean): string[][] {
  const verbose = filter.verbose !== false;
  const rows: string[][] = [
    verbose ? ['NAME', 'VHOST NAME', 'DOMAINS', 'MATCH', 'VIRTUAL SERVICE'] : ['NAME', 'VIRTUAL HOSTS'],
  ];
  for (const rc of filteredRoutes(dump, filter)) {
    const name = withType ? `route/${str(rc, 'name')}` : str(rc, 'name');
    const vhosts = arr(rc, 'virtualHosts');
    if (!verbose) {
      rows.push([name, String(vhosts.length)]);
      continue;
    }
    for (const vh of vhosts) {
      const domains = describeRouteDomains((f(vh, 'domains') as string[] | undefined) ?? []);
      const vhName = str(vh, 'name');
      const routes = arr(vh, 'routes');
      for (const r of routes) {
        if (isPassthrough(r)) continue;
        rows.push([
          name,
          vhName,
          domains,
          describeMatch(obj(r, 'match')),
          describeManagement(f(r, 'metadata')),
        ]);
      }
      if (routes.length === 0) rows.push([name, vhName, domains, '/*', '404']);
    }
  }
  return rows;
}
