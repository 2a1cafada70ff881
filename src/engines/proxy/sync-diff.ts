// proxy-status <pod>: istiod's view of one proxy (its typed config dump over xDS) against the
// proxy's own /config_dump. Dynamic clusters, listeners and routes of each side are normalized as
// istioctl does (versions stripped, sorted by name, draining listeners dropped), printed as jsonpb
// with a 4-space indent, and compared line by line with 7 lines of context.
import { goSortSlice } from './go-sort.js';
import { jsonpb } from './jsonpb.js';
import { readJson } from './proto-json-read.js';
import { type PMsg, ProtoReadError, type PValue } from './proto-message.js';
import type { MessageDef, ProtoSchema } from './proto-schema.js';
import { decodeMessage } from './proto-wire.js';
import { splitLines, unifiedDiff } from './unified-diff.js';

const T = 'type.googleapis.com/';
const ADMIN = 'envoy.admin.v3.';
const CLUSTER_TYPE = `${T}envoy.config.cluster.v3.Cluster`;
const LISTENER_TYPE = `${T}envoy.config.listener.v3.Listener`;
const ROUTE_TYPE = `${T}envoy.config.route.v3.RouteConfiguration`;

/** One section of a config dump: an Any as read (JSON) or received (wire). */
interface Section {
  typeUrl: string;
  msg: PMsg;
}

export class SyncDiffError extends Error {}

/** A config dump: its sections in order, as the Wrapper of istioctl holds them. */
export class DumpSections {
  constructor(
    private readonly schema: ProtoSchema,
    readonly sections: Section[],
  ) {}

  /** The last section of the type, decoded, or the error text istioctl prints in its place. */
  section(name: string): PMsg | string {
    const url = T + ADMIN + name;
    const hit = this.sections.filter((s) => s.typeUrl === url).pop();
    if (!hit) return `config dump has no configuration type ${url}`;
    return unpack(this.schema, hit.msg, this.schema.message(ADMIN + name)!);
  }
}

function def(schema: ProtoSchema, name: string): MessageDef {
  const d = schema.message(name);
  if (!d) throw new SyncDiffError(`the schema lacks ${name}`);
  return d;
}

/** The message inside an Any, as the named type. */
function unpack(schema: ProtoSchema, any: PMsg, as: MessageDef): PMsg {
  if (any.inner && any.inner.def.name === as.name) return any.inner;
  const raw = any.values.get(2) as Uint8Array | undefined;
  if (raw) return decodeMessage(schema, as, raw);
  if (any.inner) return any.inner;
  return { def: as, values: new Map() };
}

/** Envoy's JSON config dump (DataError-worthy failures surface as ProtoReadError). */
export function envoyDump(schema: ProtoSchema, parsed: unknown): DumpSections {
  const dump = readJson(schema, def(schema, `${ADMIN}ConfigDump`), parsed);
  const configs = (dump.values.get(1) as PMsg[] | undefined) ?? [];
  return new DumpSections(
    schema,
    configs.map((c) => ({ typeUrl: (c.values.get(1) as string | undefined) ?? '', msg: c })),
  );
}

/** istiod's answer: the resources of the DiscoveryResponse are the dump's sections. */
export function istiodDump(
  schema: ProtoSchema,
  resources: Array<{ typeUrl: string; value: Uint8Array }>,
): DumpSections {
  const anyDef = def(schema, 'google.protobuf.Any');
  return new DumpSections(
    schema,
    resources.map((r) => ({
      typeUrl: r.typeUrl,
      msg: {
        def: anyDef,
        values: new Map<number, PValue>([
          [1, r.typeUrl],
          [2, r.value],
        ]),
      },
    })),
  );
}

function list(m: PMsg, no: number): PMsg[] {
  return (m.values.get(no) as PMsg[] | undefined) ?? [];
}

function child(m: PMsg, no: number): PMsg | undefined {
  return m.values.get(no) as PMsg | undefined;
}

/** Retypes an Any (v2 dumps) and returns the embedded message's name for sorting. */
function retype(schema: ProtoSchema, any: PMsg | undefined, url: string): string | undefined {
  if (!any) return undefined;
  any.values.set(1, url);
  const inner = unpack(schema, any, schema.messageByUrl(url)!);
  any.inner = inner;
  return (inner.values.get(1) as string | undefined) ?? '';
}

function sortByName<E>(items: E[], names: Map<E, string | undefined>): void {
  goSortSlice(items, (a, b) => {
    const x = names.get(a);
    const y = names.get(b);
    if (x === undefined || y === undefined) return false;
    return x < y;
  });
}

function clusters(schema: ProtoSchema, d: DumpSections): PMsg | string {
  const dump = d.section('ClustersConfigDump');
  if (typeof dump === 'string') return dump;
  const dac = list(dump, 3);
  const names = new Map(dac.map((c) => [c, retype(schema, child(c, 2), CLUSTER_TYPE)]));
  sortByName(dac, names);
  for (const c of dac) {
    c.values.delete(1);
    c.values.delete(3);
  }
  const out: PMsg = { def: dump.def, values: new Map() };
  if (dac.length) out.values.set(3, dac);
  return out;
}

function listeners(schema: ProtoSchema, d: DumpSections): PMsg | string {
  const dump = d.section('ListenersConfigDump');
  if (typeof dump === 'string') return dump;
  const dal = list(dump, 3).filter((l) => {
    l.values.delete(4); // draining state
    return l.values.has(2); // active state
  });
  const names = new Map(dal.map((l) => [l, retype(schema, child(child(l, 2)!, 2), LISTENER_TYPE)]));
  sortByName(dal, names);
  for (const l of dal) {
    const active = child(l, 2)!;
    active.values.delete(1);
    active.values.delete(3);
    l.values.delete(1);
  }
  const out: PMsg = { def: dump.def, values: new Map() };
  if (dal.length) out.values.set(3, dal);
  return out;
}

function routes(schema: ProtoSchema, d: DumpSections): PMsg | string {
  const dump = d.section('RoutesConfigDump');
  if (typeof dump === 'string') return dump;
  const drc = list(dump, 3);
  const names = new Map(drc.map((r) => [r, retype(schema, child(r, 2), ROUTE_TYPE)]));
  sortByName(drc, names);
  for (const r of drc) {
    const any = child(r, 2);
    if (!any?.inner) throw new SyncDiffError('dynamic route config without a route configuration');
    const vhosts = list(any.inner, 2);
    goSortSlice(vhosts, (a, b) => String(a.values.get(1) ?? '') < String(b.values.get(1) ?? ''));
    r.values.delete(1);
    r.values.delete(3);
  }
  const out: PMsg = { def: dump.def, values: new Map() };
  if (drc.length) out.values.set(3, drc);
  return out;
}

/** The newest last_updated of Envoy's dynamic route configs, if any is after the epoch. */
function routesLoadedAt(d: DumpSections): Date | undefined | string {
  const dump = d.section('RoutesConfigDump');
  if (typeof dump === 'string') return dump;
  let best: { s: bigint; n: number } | undefined;
  for (const r of list(dump, 3)) {
    const ts = child(r, 3);
    if (!ts) continue;
    const s = (ts.values.get(1) as bigint | undefined) ?? 0n;
    const n = (ts.values.get(2) as number | undefined) ?? 0;
    if (s < 0n || (s === 0n && n === 0)) continue;
    if (!best || s > best.s || (s === best.s && n > best.n)) best = { s, n };
  }
  return best ? new Date(Number(best.s) * 1000 + Math.floor(best.n / 1e6)) : undefined;
}

/**
 * Go's time.RFC1123 ("Mon, 02 Jan 2006 15:04:05 MST") in the given zone, as istioctl prints in its
 * local zone. Zone abbreviations come from Intl: right for UTC and US zones; elsewhere Intl may
 * say "GMT+1" where Go's tzdata says "CET".
 */
export function rfc1123(t: Date, timeZone = 'UTC'): string {
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'short',
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return rfc1123(t, 'UTC');
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
  const zone =
    p.timeZoneName === 'GMT' && /^(Etc\/)?(UTC|UCT|Universal|Zulu)$/.test(timeZone) ? 'UTC' : p.timeZoneName;
  return `${p.weekday}, ${p.day} ${p.month} ${p.year} ${p.hour}:${p.minute}:${p.second} ${zone}`;
}

function text(schema: ProtoSchema, m: PMsg | string): string {
  return typeof m === 'string' ? m : jsonpb(schema, m, '    ');
}

function section(schema: ProtoSchema, label: string, istiod: PMsg | string, envoy: PMsg | string): string {
  return unifiedDiff(
    splitLines(text(schema, istiod)),
    splitLines(text(schema, envoy)),
    `Istiod ${label}`,
    `Envoy ${label}`,
    7,
  );
}

export interface SyncDiffResult {
  output: string;
  /** Set when istioctl stops after printing `output` (Envoy's dump has no routes section). */
  error?: string;
}

/** The whole comparison as istioctl prints it. */
export function syncDiff(
  schema: ProtoSchema,
  istiod: DumpSections,
  envoy: DumpSections,
  timeZone = 'UTC',
): SyncDiffResult {
  let out = '';
  const c = section(schema, 'Clusters', clusters(schema, istiod), clusters(schema, envoy));
  out += c ? `Clusters Don't Match\n${c}\n` : 'Clusters Match\n';
  const l = section(schema, 'Listeners', listeners(schema, istiod), listeners(schema, envoy));
  out += l ? `Listeners Don't Match\n${l}\n` : 'Listeners Match\n';
  // Read before the route sections are normalized (which drops their timestamps).
  const loaded = routesLoadedAt(envoy);
  const envoyRoutes = routes(schema, envoy);
  const r = section(schema, 'Routes', routes(schema, istiod), envoyRoutes);
  if (typeof loaded === 'string') return { output: out, error: loaded };
  const when = loaded ? ` (RDS last loaded at ${rfc1123(loaded, timeZone)})` : '';
  out += r ? `Routes Don't Match${when}\n${r}\n` : `Routes Match${when}\n`;
  return { output: out };
}

export { ProtoReadError };
