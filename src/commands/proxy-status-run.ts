// proxy-status's run side, loaded only when the command runs (gRPC is heavy).
import { join } from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { IstioctlError } from '../cli/errors.js';
import { debugRequest, type GatherOptions, gather, SYNCZ_TYPE } from '../engines/proxy/gather.js';
import { statusDocuments, statusTable } from '../engines/proxy/sync-status.js';

async function certDir(ctx: CommandContext, dir: string): Promise<GatherOptions['certDir']> {
  const read = async (name: string) => {
    const p = join(dir, name);
    return (await ctx.deps.files.exists(p)) ? Buffer.from(await ctx.deps.files.readFileBytes(p)) : undefined;
  };
  const out: NonNullable<GatherOptions['certDir']> = {};
  const root = await read('root-cert.pem');
  const chain = await read('cert-chain.pem');
  const key = await read('key.pem');
  if (root) out.rootCert = root;
  if (chain) out.certChain = chain;
  if (key) out.key = key;
  return out;
}

export async function runProxyStatus(
  ctx: CommandContext,
  c: Command,
  pod: string | undefined,
  raw: Record<string, unknown>,
  output: 'table' | 'json' | 'yaml',
): Promise<void> {
  const g = ctx.globals(c);
  const port = Number(raw.proxyAdminPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new IstioctlError(`Invalid proxy admin port ${port}: must be between 1 and 65535`);
  }
  const opts: GatherOptions = {
    istioNamespace: g.istioNamespace,
    revision: String(raw.revision ?? ''),
    xdsLabel: String(raw.xdsLabel ?? ''),
    xdsPort: Number(raw.xdsPort),
    plaintext: raw.plaintext === true,
    insecure: raw.insecure === true,
    timeoutMs: Number(raw.timeout),
  };
  if (raw.xdsAddress) opts.xdsAddress = String(raw.xdsAddress);
  if (raw.authority) opts.authority = String(raw.authority);
  if (raw.certDir) opts.certDir = await certDir(ctx, String(raw.certDir));

  if (pod !== undefined) {
    const { runSyncDiff } = await import('./proxy-status-diff.js');
    await runSyncDiff(ctx, c, pod, String(raw.file ?? ''), port, opts);
    return;
  }

  const responses = await gather(
    raw.xdsAddress ? undefined : () => ctx.cluster(c),
    opts,
    debugRequest(SYNCZ_TYPE),
  );
  const namespace = g.namespace ?? '';
  if (output === 'table') {
    ctx.deps.io.out.write(
      statusTable(responses, { namespace, verbosity: Number(raw.verbosity ?? 0), now: ctx.deps.now() }),
    );
  } else {
    ctx.deps.io.out.write(statusDocuments(responses, namespace, output));
  }
}
