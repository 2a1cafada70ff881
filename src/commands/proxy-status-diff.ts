// proxy-status <pod>: compares istiod's view of one proxy with the proxy's own config dump
// (istioctl/pkg/proxystatus, pkg/writer/compare). Loaded only when a pod is given.
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { DataError, IstioctlError } from '../cli/errors.js';
import type { Cluster, KubeObject } from '../cluster/cluster.js';
import { debugRequest, type GatherOptions, gather } from '../engines/proxy/gather.js';
import { fetchAdmin } from '../engines/proxy/source.js';
import { envoyDump, istiodDump, ProtoReadError, syncDiff } from '../engines/proxy/sync-diff.js';
import { decodeRawResources, type RawResource } from '../engines/proxy/xds-codec.js';
import { loadEnvoySchema } from '../inputs/envoy-schema.js';
import { hasIstioProxy, parsePodRef, resolvePod } from '../inputs/pod-ref.js';

const CONFIG_DUMP_TYPE = 'istio.io/debug/config_dump';
const NOT_CONNECTED = 'Proxy not connected to this Pilot instance. It may be connected to another instance.';

function notConnected(resources: RawResource[]): boolean {
  return resources.length === 1 && resources[0]!.value.toString('utf8').includes(NOT_CONNECTED);
}

interface Target {
  name: string;
  namespace: string;
  pod?: KubeObject;
  cluster?: Cluster;
}

/** The pod named on the command line. With --file a bare pod name needs no cluster, as upstream. */
async function target(ctx: CommandContext, c: Command, arg: string, file: string): Promise<Target> {
  const ns = ctx.globals(c).namespace ?? 'default';
  const ref = parsePodRef(arg, ns);
  if (file && ref.type === '') {
    let cluster: Cluster | undefined;
    let pod: KubeObject | undefined;
    try {
      cluster = await ctx.cluster(c);
      pod = await cluster.get({ apiVersion: 'v1', kind: 'Pod', name: ref.name, namespace: ref.namespace });
    } catch {
      // Only the ztunnel check looks at the pod; without it the name decides.
    }
    return { name: ref.name, namespace: ref.namespace, pod, cluster };
  }
  const cluster = await ctx.cluster(c);
  const resolved = await resolvePod(cluster, arg, ns);
  return { name: resolved.name, namespace: resolved.namespace, pod: resolved.pod, cluster };
}

function isZtunnel(t: Target): boolean {
  const app = t.pod?.metadata.labels?.app;
  return app !== undefined ? app === 'ztunnel' : t.name.startsWith('ztunnel');
}

async function envoySide(
  ctx: CommandContext,
  c: Command,
  t: Target,
  file: string,
  port: number,
): Promise<Uint8Array> {
  if (file) {
    if (file === '-') return Buffer.from(await ctx.deps.io.readStdin(), 'utf8');
    try {
      return await ctx.deps.files.readFileBytes(file);
    } catch (err) {
      throw new IstioctlError(`could not contact sidecar: ${(err as Error).message}`);
    }
  }
  try {
    const live = {
      cluster: t.cluster!,
      pod: t.name,
      namespace: t.namespace,
      adminPort: port,
      timeoutMs: ctx.globals(c).kubeclientTimeoutMs,
    };
    return Buffer.from(await fetchAdmin(live, 'GET', 'config_dump', true), 'utf8');
  } catch (err) {
    const msg = (err as Error).message.replace(/^failed to execute command on Envoy: /, '');
    throw new IstioctlError(`could not contact sidecar: ${msg}`);
  }
}

export async function runSyncDiff(
  ctx: CommandContext,
  c: Command,
  arg: string,
  file: string,
  adminPort: number,
  opts: GatherOptions,
): Promise<void> {
  const t = await target(ctx, c, arg, file);
  if (isZtunnel(t)) {
    ctx.deps.io.out.write(`Sync diff is not available for ztunnel pod ${t.name}.${t.namespace}\n`);
    return;
  }
  if (!file && t.pod && !hasIstioProxy(t.pod)) {
    throw new IstioctlError(`pod ${t.name}.${t.namespace} has no istio-proxy container (not in the mesh?)`);
  }
  const envoyBytes = await envoySide(ctx, c, t, file, adminPort);
  const answers = await gather(
    opts.xdsAddress ? undefined : () => (t.cluster ? Promise.resolve(t.cluster) : ctx.cluster(c)),
    opts,
    debugRequest(CONFIG_DUMP_TYPE, [`${t.name}.${t.namespace}`]),
    decodeRawResources,
    (r) => !notConnected(r),
  );
  let resources = [...answers.values()].find((r) => r.length > 0);
  // Every istiod said the proxy is elsewhere: upstream goes on with that answer.
  if (answers.size === 0) resources = [{ typeUrl: '', value: Buffer.from(NOT_CONNECTED) }];
  if (!resources) throw new IstioctlError('unable to find config dump in Istiod responses');

  const schema = await loadEnvoySchema(ctx.deps);
  const source = file ? (file === '-' ? '<stdin>' : file) : `${t.name}.${t.namespace}`;
  const bad = (msg: string) =>
    file
      ? new DataError(`${source}: invalid Envoy config dump: ${msg}`)
      : new IstioctlError(`invalid Envoy config dump from ${source}: ${msg}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(envoyBytes).toString('utf8'));
  } catch (err) {
    const m = (err as Error).message;
    throw bad(/end of JSON|Unterminated/i.test(m) ? 'unexpected end of JSON input (truncated?)' : m);
  }
  const configs = (parsed as { configs?: unknown } | null)?.configs;
  if (!parsed || typeof parsed !== 'object' || !Array.isArray(configs)) {
    throw bad('no "configs" list (is it the answer of /config_dump?)');
  }
  let envoy: ReturnType<typeof envoyDump>;
  try {
    envoy = envoyDump(schema, parsed);
  } catch (err) {
    if (err instanceof ProtoReadError) throw bad(err.message);
    throw err;
  }
  let result: ReturnType<typeof syncDiff>;
  try {
    // Upstream prints the RDS load time in the local zone (TZ, else the system's).
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    result = syncDiff(schema, istiodDump(schema, resources), envoy, zone);
  } catch (err) {
    if (err instanceof ProtoReadError)
      throw new IstioctlError(`invalid config dump from istiod: ${err.message}`);
    throw err;
  }
  ctx.deps.io.out.write(result.output);
  if (result.error) throw new IstioctlError(result.error);
}
