// What every command's register() receives: the Deps and a way to read the global flags.
import type { Command } from 'commander';
import type { Cluster, ClusterOptions } from '../cluster/cluster.js';
import type { Deps } from './deps.js';

/** istioctl's persistent root flags (istioctl/pkg/cli/option.go), resolved. */
export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  /** Empty means: the kubeconfig context's namespace, else `default` (NamespaceOrDefault). */
  namespace?: string;
  istioNamespace: string;
  kubeclientTimeoutMs: number;
  vklog: number;
  as?: string;
  asUid?: string;
  asGroup?: string[];
  debug: boolean;
}

export interface CommandContext {
  deps: Deps;
  /** The global flags as given anywhere on the command line, with config-file and env defaults. */
  globals(cmd: Command): GlobalOptions;
  /** The cluster the global flags select. */
  cluster(cmd: Command): Promise<Cluster>;
}

/** A command file exports one of these. register() must not import heavy modules: run() does. */
export interface CommandModule {
  register(parent: Command, ctx: CommandContext): void;
}

export function clusterOptions(g: GlobalOptions): ClusterOptions {
  const o: ClusterOptions = { timeoutMs: g.kubeclientTimeoutMs };
  if (g.kubeconfig) o.kubeconfig = g.kubeconfig;
  if (g.context) o.context = g.context;
  if (g.as || g.asUid || g.asGroup?.length) {
    o.impersonate = {};
    if (g.as) o.impersonate.user = g.as;
    if (g.asUid) o.impersonate.uid = g.asUid;
    if (g.asGroup?.length) o.impersonate.groups = g.asGroup;
  }
  return o;
}
