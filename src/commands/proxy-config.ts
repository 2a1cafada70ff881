// istioctl proxy-config (alias pc): an Envoy proxy's configuration from its admin API or a dump file.
import { type Command, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { IstioctlError } from '../cli/errors.js';
import { boolFlag, intArg } from '../cli/flags.js';

type Sub = 'cluster' | 'listener' | 'route' | 'endpoint' | 'eds' | 'secret' | 'bootstrap' | 'ecds' | 'all';

interface SubSpec {
  name: Sub;
  aliases: string[];
  desc: string;
  /** Admin path of the live fetch. */
  path: string;
  hidden?: boolean;
}

const SUBS: SubSpec[] = [
  {
    name: 'all',
    aliases: ['a'],
    desc: 'Retrieves all configuration for the Envoy in the specified pod',
    path: 'config_dump?include_eds=true',
  },
  {
    name: 'bootstrap',
    aliases: ['b'],
    desc: 'Retrieves bootstrap configuration for the Envoy in the specified pod',
    path: 'config_dump?mask=bootstrap',
  },
  {
    name: 'cluster',
    aliases: ['clusters', 'c'],
    desc: 'Retrieves cluster configuration for the Envoy in the specified pod',
    path: 'config_dump?mask=dynamic_active_clusters,dynamic_warming_clusters,static_clusters',
  },
  {
    name: 'ecds',
    aliases: ['ec'],
    desc: 'Retrieves typed extension configuration for the Envoy in the specified pod',
    path: 'config_dump?include_eds=true',
  },
  {
    name: 'eds',
    aliases: [],
    desc: 'Retrieves endpoints from the Envoy config dump of the specified pod',
    path: 'config_dump?include_eds=true',
    hidden: true,
  },
  {
    name: 'endpoint',
    aliases: ['endpoints', 'ep'],
    desc: 'Retrieves endpoint configuration for the Envoy in the specified pod',
    path: 'clusters?format=json',
  },
  {
    name: 'listener',
    aliases: ['listeners', 'l'],
    desc: 'Retrieves listener configuration for the Envoy in the specified pod',
    path: 'config_dump?mask=dynamic_listeners,static_listeners',
  },
  {
    name: 'route',
    aliases: ['routes', 'r'],
    desc: 'Retrieves route configuration for the Envoy in the specified pod',
    path: 'config_dump?mask=dynamic_route_configs,static_route_configs',
  },
  {
    name: 'secret',
    aliases: ['secrets', 's'],
    desc: 'Retrieves secret configuration for the Envoy in the specified pod',
    path: 'config_dump?mask=dynamic_active_secrets,dynamic_warming_secrets',
  },
];

const FILTERS: Partial<
  Record<
    Sub,
    Array<
      | 'fqdn'
      | 'direction'
      | 'subset'
      | 'port'
      | 'address'
      | 'type'
      | 'verbose'
      | 'name'
      | 'cluster'
      | 'status'
    >
  >
> = {
  cluster: ['fqdn', 'direction', 'subset', 'port'],
  listener: ['address', 'port', 'type', 'verbose'],
  route: ['name', 'verbose'],
  endpoint: ['address', 'port', 'cluster', 'status'],
  eds: ['address', 'port', 'cluster', 'status'],
  all: ['fqdn', 'direction', 'subset', 'port', 'address', 'type', 'verbose', 'name'],
};

function addFilters(cmd: Command, sub: Sub): void {
  for (const f of FILTERS[sub] ?? []) {
    if (f === 'port')
      cmd.addOption(new Option('--port <port>', 'Filter by port').argParser(intArg).default(0));
    else if (f === 'verbose') boolFlag(cmd, '--verbose', 'Output more information', true);
    else cmd.addOption(new Option(`--${f} <${f}>`, `Filter by ${f}`).default(''));
  }
}

export interface ProxyConfigArgs {
  sub: Sub;
  path: string;
  pod?: string;
  raw: Record<string, unknown>;
}

function register(parent: Command, ctx: CommandContext): void {
  const pc = parent
    .command('proxy-config')
    .alias('pc')
    .description(
      'A group of commands used to retrieve information about proxy configuration from the Envoy config dump',
    )
    .addOption(
      new Option('--proxy-admin-port <port>', 'Envoy proxy admin port').argParser(intArg).default(15000),
    );
  pc.action(() => {
    ctx.deps.io.out.write(pc.helpInformation());
  });

  for (const spec of SUBS) {
    const cmd = pc
      .command(spec.name, spec.hidden ? { hidden: true } : {})
      .aliases(spec.aliases)
      .argument('[pod]')
      .description(spec.desc)
      .addOption(
        new Option('-o, --output <format>', 'Output format: one of json|yaml|short').default(
          spec.name === 'bootstrap' ? 'json' : 'short',
        ),
      )
      .addOption(new Option('-f, --file <file>', 'Envoy config dump file (`-` for stdin)').default(''));
    addFilters(cmd, spec.name);
    if (spec.name === 'all') boolFlag(cmd, '--with-headers', 'Print a header before each section', false);
    cmd.action(async (pod: string | undefined, raw: Record<string, unknown>, c: Command) => {
      const { runProxyConfig } = await import('./proxy-config-run.js');
      await runProxyConfig(ctx, c, { sub: spec.name, path: spec.path, pod, raw });
    });
  }

  const log = pc
    .command('log')
    .alias('o')
    .argument('[pod]')
    .description('Retrieves and updates the logging levels of the Envoy in the specified pod')
    .addOption(
      new Option('--level <level>', 'Comma-separated logging levels, e.g. http:debug,conn=trace').default(''),
    )
    .addOption(new Option('-l, --selector <selector>', 'Label selector').default(''))
    .addOption(new Option('-o, --output <format>', 'Output format').default(''));
  boolFlag(log, '-r, --reset', 'Reset levels to the default (warning)', false);
  log.action(async (pod: string | undefined, raw: Record<string, unknown>, c: Command) => {
    const { runLog } = await import('./proxy-config-run.js');
    await runLog(ctx, c, pod, raw);
  });

  pc.command('rootca-compare')
    .alias('rc')
    .argument('[pods...]')
    .description('Compares the root CA of two pods')
    .action(async (pods: string[], _raw: unknown, c: Command) => {
      if (pods.length !== 2) throw new IstioctlError('rootca-compare requires 2 pods as an argument');
      const { runRootCACompare } = await import('./proxy-config-run.js');
      await runRootCACompare(ctx, c, pods[0]!, pods[1]!);
    });
}

export const proxyConfigCommand = { register };
