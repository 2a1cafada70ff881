// proxy-config's run side, loaded only when a subcommand runs (keeps --help light).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { DataError, IstioctlError } from '../cli/errors.js';
import { type ConfigDump, parseConfigDump } from '../engines/proxy/config-dump.js';
import { endpointRows, filteredClusterStatuses, parseClustersJson } from '../engines/proxy/endpoints.js';
import { orderClusterStatus } from '../engines/proxy/field-order.js';
import { levelRequests, loggerNames } from '../engines/proxy/log-level.js';
import { renderStructured, toProtoJson } from '../engines/proxy/proto-json.js';
import * as render from '../engines/proxy/render.js';
import { rootCA, rootCAsMatch } from '../engines/proxy/secrets.js';
import { fetchAdmin, type LivePod, liveConfigDump } from '../engines/proxy/source.js';
import { hasIstioProxy, resolvePod, selectPods } from '../inputs/pod-ref.js';
import { table } from '../writers/tabwriter.js';
import type { ProxyConfigArgs } from './proxy-config.js';

type Format = render.OutputFormat;

function outputFormat(raw: Record<string, unknown>): Format {
  const o = String(raw.output ?? 'short');
  if (o !== 'short' && o !== 'json' && o !== 'yaml')
    throw new IstioctlError(`output format "${o}" not supported`);
  return o;
}

function adminPort(c: Command): number {
  const port = Number((c.optsWithGlobals() as Record<string, unknown>).proxyAdminPort ?? 15000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new IstioctlError(`Invalid proxy admin port ${port}: must be between 1 and 65535`);
  }
  return port;
}

async function livePod(ctx: CommandContext, c: Command, arg: string): Promise<LivePod> {
  const g = ctx.globals(c);
  const cluster = await ctx.cluster(c);
  const port = adminPort(c);
  const resolved = await resolvePod(cluster, arg, g.namespace ?? 'default');
  if (!hasIstioProxy(resolved.pod)) {
    throw new IstioctlError(
      `pod ${resolved.name}.${resolved.namespace} has no istio-proxy container (not in the mesh?)`,
    );
  }
  return {
    cluster,
    pod: resolved.name,
    namespace: resolved.namespace,
    adminPort: port,
    timeoutMs: g.kubeclientTimeoutMs,
  };
}

async function readInput(ctx: CommandContext, file: string): Promise<string> {
  return Buffer.from(await readInputBytes(ctx, file)).toString('utf8');
}

/** The `-f` file (or stdin for `-`) as bytes: a large dump is never decoded as a whole. */
async function readInputBytes(ctx: CommandContext, file: string): Promise<Uint8Array> {
  if (file === '-') return Buffer.from(await ctx.deps.io.readStdin(), 'utf8');
  try {
    return await ctx.deps.files.readFileBytes(file);
  } catch (err) {
    throw new IstioctlError(`failed to read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Dumps above this size get a garbage collection between `all` sections. */
const LARGE_DUMP = 16 << 20;

function large(dump: ConfigDump): boolean {
  return dump.raw().length > LARGE_DUMP;
}

/**
 * V8 grows the heap rather than collect the previous section's objects in time; on a large
 * dump an explicit collection between sections keeps the peak near one section's size.
 */
function collector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
  } catch {
    return undefined;
  }
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v ?? 0) || 0;
}

export async function runProxyConfig(ctx: CommandContext, c: Command, a: ProxyConfigArgs): Promise<void> {
  const { raw, sub } = a;
  const file = String(raw.file ?? '');
  if ((a.pod === undefined) === (file === '')) {
    ctx.deps.io.err.write(c.helpInformation());
    throw new IstioctlError(
      `${sub === 'endpoint' ? 'endpoints' : sub} requires pod name or --file parameter`,
    );
  }
  const format = outputFormat(raw);
  const out = ctx.deps.io.out;
  const live = a.pod !== undefined ? await livePod(ctx, c, a.pod) : undefined;

  if (sub === 'endpoint') {
    const text = live ? await fetchAdmin(live, 'GET', a.path, true) : await readInput(ctx, file);
    const statuses = parseClustersJson(
      text,
      live ? `${live.pod}.${live.namespace}` : file === '-' ? '<stdin>' : file,
    );
    const filter = {
      address: String(raw.address ?? ''),
      port: num(raw.port),
      cluster: String(raw.cluster ?? ''),
      status: String(raw.status ?? ''),
    };
    out.write(
      format === 'short'
        ? table(endpointRows(statuses, filter), 5)
        : renderStructured(
            filteredClusterStatuses(statuses, filter).map((c) =>
              orderClusterStatus(toProtoJson(c) as Record<string, unknown>),
            ),
            format,
          ),
    );
    return;
  }

  const dump: ConfigDump = live
    ? await liveConfigDump(live, a.path)
    : parseConfigDump(await readInputBytes(ctx, file), file === '-' ? '<stdin>' : file, true);
  const now = ctx.deps.now();
  const verbose = raw.verbose !== false;
  const clusterF = {
    fqdn: String(raw.fqdn ?? ''),
    port: num(raw.port),
    subset: String(raw.subset ?? ''),
    direction: String(raw.direction ?? ''),
  };
  const listenerF = {
    address: String(raw.address ?? ''),
    port: num(raw.port),
    type: String(raw.type ?? ''),
    verbose,
  };
  const routeF = { name: String(raw.name ?? ''), verbose };
  const edsF = {
    address: String(raw.address ?? ''),
    port: num(raw.port),
    cluster: String(raw.cluster ?? ''),
    status: String(raw.status ?? ''),
  };
  switch (sub) {
    case 'cluster':
      return void out.write(render.renderClusters(dump, clusterF, format));
    case 'listener':
      return void out.write(render.renderListeners(dump, listenerF, format));
    case 'route':
      return void out.write(render.renderRoutes(dump, routeF, format));
    case 'eds':
      return void out.write(render.renderEds(dump, edsF, format));
    case 'secret':
      return void out.write(render.renderSecrets(dump, format, now));
    case 'bootstrap':
      return void out.write(render.renderBootstrap(dump, format));
    case 'ecds':
      return void out.write(render.renderEcds(dump, format));
    case 'all': {
      if (format === 'short') {
        const filters = { cluster: clusterF, listener: listenerF, route: routeF, endpoint: { port: 0 } };
        const reclaim = large(dump) ? collector() : undefined;
        return render.renderAll(dump, filters, now, raw.withHeaders === true, (s) => out.write(s), reclaim);
      }
      // The whole dump as received (YAML-converted for yaml).
      const text = Buffer.from(dump.raw()).toString('utf8');
      if (format === 'json') return void out.write(`${text.trimEnd()}\n`);
      const { goYamlMarshal } = await import('../engines/inject/go-yaml.js');
      return void out.write(`${goYamlMarshal(JSON.parse(text))}\n`);
    }
  }
}

export async function runLog(
  ctx: CommandContext,
  c: Command,
  pod: string | undefined,
  raw: Record<string, unknown>,
): Promise<void> {
  const selector = String(raw.selector ?? '');
  const level = String(raw.level ?? '');
  const output = String(raw.output ?? '');
  if (output !== '' && output !== 'short')
    throw new IstioctlError('--output is not applicable for this command');
  if (pod === undefined && selector === '') {
    ctx.deps.io.err.write(c.helpInformation());
    throw new IstioctlError('log requires pod name or --selector');
  }
  if (level !== '' && raw.reset === true) throw new IstioctlError('--level cannot be combined with --reset');
  const g = ctx.globals(c);
  const targets: LivePod[] = [];
  if (pod !== undefined) targets.push(await livePod(ctx, c, pod));
  else {
    const cluster = await ctx.cluster(c);
    const ns = g.namespace ?? 'default';
    for (const p of await selectPods(cluster, ns, selector)) {
      targets.push({
        cluster,
        pod: p.metadata.name,
        namespace: ns,
        adminPort: adminPort(c),
        timeoutMs: g.kubeclientTimeoutMs,
      });
    }
    if (targets.length === 0)
      throw new IstioctlError(`no pods match selector "${selector}" in namespace "${ns}"`);
  }
  const loggers = loggerNames(await fetchAdmin(targets[0]!, 'POST', 'logging', true));
  const paths =
    raw.reset === true
      ? [`logging?level=${await defaultProxyLogLevel(targets[0]!.cluster, g.istioNamespace)}`]
      : level === ''
        ? ['logging']
        : levelRequests(level, loggers);
  const errors: string[] = [];
  for (const t of targets) {
    try {
      let resp = '';
      for (const p of paths) resp = await fetchAdmin(t, 'POST', p, true);
      ctx.deps.io.out.write(`${t.pod}.${t.namespace}:\n${resp}`);
    } catch (err) {
      errors.push(
        `error configuring log level for ${t.pod}.${t.namespace}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  if (errors.length === 1) throw new IstioctlError(`1 error occurred:\n\t* ${errors[0]}\n\n`);
  // hashicorp/go-multierror's list format, as upstream prints per-pod failures.
  if (errors.length)
    throw new IstioctlError(`${errors.length} errors occurred:\n\t* ${errors.join('\n\t* ')}\n\n`);
}

/** The injector's `global.proxy.logLevel` (what `--reset` restores), else `warning`. */
async function defaultProxyLogLevel(cluster: LivePod['cluster'], istioNamespace: string): Promise<string> {
  try {
    const cm = await cluster.get({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      name: 'istio-sidecar-injector',
      namespace: istioNamespace,
    });
    const values = JSON.parse(String((cm?.data as Record<string, string> | undefined)?.values ?? '{}')) as {
      global?: { proxy?: { logLevel?: unknown } };
    };
    const lvl = values.global?.proxy?.logLevel;
    return typeof lvl === 'string' && lvl !== '' ? (lvl === 'warn' ? 'warning' : lvl) : 'warning';
  } catch {
    return 'warning';
  }
}

export async function runRootCACompare(ctx: CommandContext, c: Command, a: string, b: string): Promise<void> {
  const path = 'config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets';
  const p1 = await livePod(ctx, c, a);
  const p2 = await livePod(ctx, c, b);
  const ca1 = rootCA(await liveConfigDump(p1, path));
  const ca2 = rootCA(await liveConfigDump(p2, path));
  let match: boolean;
  try {
    match = rootCAsMatch(ca1, ca2);
  } catch (err) {
    throw new DataError(err instanceof Error ? err.message : String(err));
  }
  const names = `Both [${p1.pod}.${p1.namespace}] and [${p2.pod}.${p2.namespace}]`;
  if (!match) {
    throw new IstioctlError(
      `${names} have the non identical ROOTCA, theoretically the connectivity between them is unavailable`,
    );
  }
  ctx.deps.io.err.write(
    `${names} have the identical ROOTCA, theoretically the connectivity between them is available\n`,
  );
}
