// What each proxy-config subcommand prints for a loaded config dump, in each output format.

import { table } from '../../writers/tabwriter.js';
import { goYamlMarshal } from '../inject/go-yaml.js';
import { bootstrapSection, versionSummary } from './bootstrap.js';
import { type ClusterFilter, clusterRows, filteredClusters } from './clusters.js';
import { type ConfigDump, SECTION } from './config-dump.js';
import { ecdsFilters, ecdsRows } from './ecds.js';
import { type EndpointFilter, edsRows, filteredAssignments } from './endpoints.js';
import { orderCluster, orderListener, orderRouteConfiguration } from './field-order.js';
import { filteredListeners, type ListenerFilter, listenerRows } from './listeners.js';
import { goJsonIndent, jsonpbIndent, renderStructured, toProtoJson } from './proto-json.js';
import { filteredRoutes, type RouteFilter, routeRows } from './routes.js';
import { hasDynamicSecrets, secretItemsOf, secretRows } from './secrets.js';

export type OutputFormat = 'short' | 'json' | 'yaml';

/** A typed message printed on its own (not inside an Any) carries no `@type`. */
function untyped(v: Record<string, unknown>): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== '@type') out[k] = x;
  return toProtoJson(out);
}

export function renderClusters(dump: ConfigDump, filter: ClusterFilter, format: OutputFormat): string {
  if (format === 'short') return table(clusterRows(dump, filter, false), 5);
  return renderStructured(
    filteredClusters(dump, filter).map((c) => orderCluster(untyped(c) as Record<string, unknown>)),
    format,
  );
}

export function renderListeners(dump: ConfigDump, filter: ListenerFilter, format: OutputFormat): string {
  if (format === 'short') return table(listenerRows(dump, filter, false), 1);
  return renderStructured(
    filteredListeners(dump, filter).map((l) => orderListener(untyped(l) as Record<string, unknown>)),
    format,
  );
}

export function renderRoutes(dump: ConfigDump, filter: RouteFilter, format: OutputFormat): string {
  if (format === 'short') return table(routeRows(dump, filter, false), 5);
  return renderStructured(
    filteredRoutes(dump, filter).map((r) => orderRouteConfiguration(untyped(r) as Record<string, unknown>)),
    format,
  );
}

export function renderEds(dump: ConfigDump, filter: EndpointFilter, format: OutputFormat): string {
  if (format === 'short') return table(edsRows(dump, filter, false), 5);
  return renderStructured(filteredAssignments(dump, filter).map(toProtoJson), format);
}

function sectionBody(dump: ConfigDump, typeUrl: string): unknown {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(dump.section(typeUrl))) if (k !== '@type') out[k] = v;
  return toProtoJson(out);
}

/** jsonpb text (ToJSONWithIndent), or that JSON converted to YAML, plus Println's newline. */
function jsonpbOutput(v: unknown, format: 'json' | 'yaml'): string {
  const text = jsonpbIndent(v);
  return format === 'yaml' ? `${goYamlMarshal(JSON.parse(text))}\n` : `${text}\n`;
}

export function renderSecrets(dump: ConfigDump, format: OutputFormat, now: Date, withType = false): string {
  if (format !== 'short') return jsonpbOutput(sectionBody(dump, SECTION.secrets), format);
  if (!hasDynamicSecrets(dump)) return 'No active or warming secrets found.\n';
  return table(secretRows(secretItemsOf(dump, now), withType), 5);
}

export function renderBootstrap(dump: ConfigDump, format: OutputFormat): string {
  if (format !== 'short') return jsonpbOutput(toProtoJson(bootstrapSection(dump)), format);
  return table(versionSummary(dump), 1);
}

export function renderEcds(dump: ConfigDump, format: OutputFormat): string {
  if (format === 'short') return table(ecdsRows(dump), 5);
  const merged = toProtoJson({ ecdsFilters: ecdsFilters(dump) });
  return format === 'yaml' ? `${goYamlMarshal(merged)}\n` : `${goJsonIndent(merged)}\n`;
}

export interface AllFilters {
  cluster: ClusterFilter;
  listener: ListenerFilter;
  route: RouteFilter;
  endpoint: EndpointFilter;
}

/**
 * `proxy-config all -o short`: every section, names prefixed with their type. Each section is
 * written as soon as it is ready (upstream prints progressively too, so an error in a later
 * section leaves the earlier ones printed); `afterSection` lets the caller reclaim memory.
 */
export function renderAll(
  dump: ConfigDump,
  filters: AllFilters,
  now: Date,
  withHeaders: boolean,
  write: (s: string) => void,
  afterSection: () => void = () => {},
): void {
  const sections: Array<[string, () => string]> = [
    ['BOOTSTRAP INFO', () => table(versionSummary(dump), 1)],
    ['CLUSTER INFO', () => table(clusterRows(dump, filters.cluster, true), 5)],
    ['LISTENER INFO', () => table(listenerRows(dump, filters.listener, true), 1)],
    ['ROUTE INFO', () => table(routeRows(dump, filters.route, true), 5)],
    ['SECRET INFO', () => renderSecrets(dump, 'short', now, true)],
    ['ENDPOINTS INFO', () => table(edsRows(dump, filters.endpoint, true), 5)],
  ];
  for (const [title, body] of sections) {
    if (withHeaders) write(`------ ${title} ------\n\n`);
    write(body());
    if (title !== 'ENDPOINTS INFO') write('\n');
    afterSection();
  }
}
