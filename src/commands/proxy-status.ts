// istioctl proxy-status (alias ps): istiod's view of every proxy's xDS sync state, over ADS.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { IstioctlError } from '../cli/errors.js';
import { boolFlag, durationArg, intArg } from '../cli/flags.js';

function register(parent: Command, ctx: CommandContext): void {
  const env = ctx.deps.env;
  const truthy = (v: string | undefined) => v !== undefined && /^(1|t|true)$/i.test(v);
  const cmd = parent
    .command('proxy-status')
    .alias('ps')
    .argument('[pod]')
    .description('Retrieves the synchronization status of each Envoy in the mesh')
    .addOption(new Option('-r, --revision <revision>', 'Control plane revision').default(''))
    .addOption(new Option('-o, --output <format>', 'Output format: one of table|json|yaml').default('table'))
    .addOption(
      new Option('-v, --verbosity <level>', 'Show one column per xDS type when > 0')
        .argParser(intArg)
        .default(0),
    )
    .addOption(
      new Option('--file <file>', "Envoy config dump to compare instead of the pod's (diff mode)").default(
        '',
      ),
    )
    .addOption(
      new Option('--proxy-admin-port <port>', 'Envoy proxy admin port').argParser(intArg).default(15000),
    )
    .addOption(
      new Option(
        '--xds-address <address>',
        'xDS server address (host:port), instead of port-forwarding to istiod',
      ).default(env.ISTIOCTL_XDS_ADDRESS ?? ''),
    )
    .addOption(
      new Option('--xds-label <selector>', 'Label selector of the istiod pods (default app=istiod)').default(
        '',
      ),
    )
    .addOption(
      new Option('--xds-port <port>', 'istiod pod port to port-forward to')
        .argParser(intArg)
        .default(env.ISTIOCTL_XDS_PORT ? Number(env.ISTIOCTL_XDS_PORT) : 15012),
    )
    .addOption(
      new Option(
        '--cert-dir <dir>',
        'Directory with cert-chain.pem, key.pem and root-cert.pem for mutual TLS',
      ).default(env.ISTIOCTL_CERT_DIR ?? ''),
    )
    .addOption(
      new Option('--timeout <duration>', 'How long to wait for istiod')
        .argParser(durationArg)
        .default(30_000),
    )
    .addOption(
      new Option('--authority <name>', 'Expected server name of the xDS server').default(
        env.ISTIOCTL_AUTHORITY ?? '',
      ),
    );
  boolFlag(
    cmd,
    '--insecure',
    'Skip server certificate verification (with --xds-address)',
    truthy(env.ISTIOCTL_INSECURE),
  );
  boolFlag(
    cmd,
    '--plaintext',
    'Use plaintext gRPC (port 15010); disables token authentication',
    truthy(env.ISTIOCTL_PLAINTEXT),
  );
  cmd.action(async (pod: string | undefined, raw: Record<string, unknown>, c: Command) => {
    const output = String(raw.output);
    // The sync diff of one pod has a single form: upstream checks -o only for the status table.
    if (pod === undefined && output !== 'table' && output !== 'json' && output !== 'yaml') {
      throw new IstioctlError(`output format "${output}" not supported`);
    }
    const { runProxyStatus } = await import('./proxy-status-run.js');
    await runProxyStatus(ctx, c, pod, raw, output as 'table' | 'json' | 'yaml');
  });
}

export const proxyStatusCommand = { register };
