// kube-inject's decisions (istioctl/pkg/kubeinject): where the mesh config, templates and values
// come from, then the whole stream injected in memory so a failure prints nothing.
import type { Cluster } from '../../cluster/cluster.js';
import type { InjectionParams, PodInput, TemplateRunner } from './inject.js';
import { injectConfigFrom } from './inject-config.js';
import { applyMeshConfig } from './mesh-config.js';
import { injectStream, StreamError } from './resources.js';
import { isMap, type JsonMap } from './typed.js';
import { parseGoYaml, parseGoYamlFast } from './yaml-parse.js';

export interface KubeInjectSources {
  /** The input stream's text and the name used in messages. */
  input: string;
  inputName: string;
  /** Text of --injectConfigFile, when given. */
  injectConfigText?: string;
  /** Text of --meshConfigFile, when given. */
  meshConfigText?: string;
  /** Text of --valuesFile, when given. */
  valuesText?: string;
  /** Parsed --operatorFileName document, when given. */
  operator?: unknown;
  revision: string;
  env: Readonly<Record<string, string | undefined>>;
  run: TemplateRunner;
  /** Parses a template ahead of use (throws on a syntax error), as istiod does when it loads them. */
  loadTemplate?: (text: string) => void;
  /** For the cluster paths (no local files). */
  cluster?: () => Promise<Cluster>;
  istioNamespace: string;
  meshConfigMapName: string;
  injectConfigMapName: string;
  webhookConfigName: string;
  /** Sends one pod to the cluster's injection webhook; undefined when no webhook is set up. */
  webhook?: (
    cluster: Cluster,
  ) => Promise<((input: PodInput, namespace: string) => Promise<JsonMap | undefined>) | undefined>;
}

export interface KubeInjectResult {
  output: string;
  warnings: string[];
  /** Log lines istioctl prints on stderr (e.g. the webhook fallback warning). */
  logs: string[];
}

/** Which input an error's line and column point into (the input stream unless said). */
export type ErrorSource = 'input' | 'meshConfigFile' | 'valuesFile';

export class KubeInjectError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly col?: number,
    readonly source: ErrorSource = 'input',
  ) {
    super(message);
  }
}

/** Parses a settings document; errors in a local file point into it, ConfigMap ones say where in the text. */
function parseDoc(text: string, what: string, file?: ErrorSource): unknown {
  try {
    return parseGoYaml(text);
  } catch (e) {
    const se = e as StreamError;
    if (file && se.line !== undefined)
      throw new KubeInjectError(`${what}: ${se.message}`, se.line, se.col, file);
    const at = se.line !== undefined ? ` (line ${se.line}, column ${se.col ?? 1})` : '';
    throw new KubeInjectError(`${what}: ${se.message}${at}`);
  }
}

function valuesFrom(text: string, file?: ErrorSource): JsonMap {
  if (text.trim() === '') return {};
  const v = parseDoc(text, 'could not parse configuration values', file);
  if (v !== null && !isMap(v)) throw new KubeInjectError('could not parse configuration values: not a map');
  return (v ?? {}) as JsonMap;
}

async function configMapData(
  cluster: Cluster,
  ns: string,
  name: string,
): Promise<Record<string, string> | undefined> {
  const cm = (await cluster.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns, name })) as
    | { data?: Record<string, string> }
    | undefined;
  return cm ? (cm.data ?? {}) : undefined;
}

export async function kubeInject(s: KubeInjectSources): Promise<KubeInjectResult> {
  const logs: string[] = [];
  let values: JsonMap | undefined;
  let mesh: JsonMap | undefined;
  if (s.operator !== undefined) {
    // The file is decoded as a Kubernetes object first, which needs a kind.
    if (isMap(s.operator) && (typeof s.operator.kind !== 'string' || s.operator.kind === ''))
      throw new KubeInjectError(
        `unable to parse file: error unmarshaling JSON: while decoding JSON: Object 'Kind' is missing in '${sortedJSON(s.operator)}'`,
      );
    const spec = isMap(s.operator) && isMap(s.operator.spec) ? s.operator.spec : {};
    values = isMap(spec.values) ? spec.values : {};
    if (isMap(spec.meshConfig)) mesh = applyMeshConfig(spec.meshConfig);
  }
  const rev = s.revision;
  let cluster: Cluster | undefined;
  const getCluster = async () => {
    if (!cluster) {
      if (!s.cluster)
        throw new KubeInjectError(
          'no Kubernetes cluster available: use --meshConfigFile, --injectConfigFile and --valuesFile',
        );
      cluster = await s.cluster();
    }
    return cluster;
  };
  if (!mesh) {
    if (s.meshConfigText !== undefined)
      mesh = applyMeshConfig(parseDoc(s.meshConfigText, 'failed to read mesh config', 'meshConfigFile'));
    else {
      let name = s.meshConfigMapName;
      if (name === 'istio' && rev !== '') name = `istio-${rev}`;
      const c = await getCluster();
      let data: Record<string, string> | undefined;
      try {
        data = await configMapData(c, s.istioNamespace, name);
      } catch (e) {
        throw new KubeInjectError(meshMissing(name, s.istioNamespace, (e as Error).message));
      }
      if (!data)
        throw new KubeInjectError(meshMissing(name, s.istioNamespace, `configmaps "${name}" not found`));
      if (data.mesh === undefined) throw new KubeInjectError('missing configuration map key "mesh"');
      mesh = applyMeshConfig(parseDoc(data.mesh, 'failed to read mesh config'));
    }
  }

  let templatesConfig = injectConfigFrom({});
  let webhook: ((input: PodInput, namespace: string) => Promise<JsonMap | undefined>) | undefined;
  if (s.injectConfigText !== undefined) {
    let parsed: unknown;
    try {
      parsed = parseGoYaml(s.injectConfigText);
    } catch {
      parsed = undefined;
    }
    templatesConfig = injectConfigFrom(parsed, s.injectConfigText);
    for (const [name, text] of Object.entries(templatesConfig.templates).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      try {
        s.loadTemplate?.(text);
      } catch (e) {
        throw new KubeInjectError(`loading --injectConfigFile: template ${name}: ${(e as Error).message}`);
      }
    }
    if (values === undefined) {
      if (s.valuesText !== undefined) values = valuesFrom(s.valuesText, 'valuesFile');
      else {
        const name = rev !== '' ? `istio-sidecar-injector-${rev}` : s.injectConfigMapName;
        const c = await getCluster();
        const data = await configMapData(c, s.istioNamespace, name).catch(() => undefined);
        if (!data)
          throw new KubeInjectError(
            `could not find valid configmap "${name}" from namespace  "${s.istioNamespace}": configmaps "${name}" not found - Use --valuesFile or re-run kube-inject with \`-i <istioSystemNamespace> and ensure istio-sidecar-injector configmap exists`,
          );
        if (data.values === undefined)
          throw new KubeInjectError(`missing configuration map key "values" in "${name}"`);
        values = valuesFrom(data.values);
      }
    }
  } else {
    const c = await getCluster();
    webhook = s.webhook ? await s.webhook(c).catch(() => undefined) : undefined;
    if (!webhook) {
      logs.push(
        `warn\tfailed to get injection config from mutatingWebhookConfigurations "${s.webhookConfigName}", will fall back to get injection from the injection configmap "istio-sidecar-injector" : could not find valid mutatingWebhookConfiguration "sidecar-injector.istio.io" from cluster`,
      );
      let name = s.injectConfigMapName;
      if (name === 'istio-sidecar-injector' && rev !== '') name = `istio-sidecar-injector-${rev}`;
      const data = await configMapData(c, s.istioNamespace, name).catch(() => undefined);
      if (!data)
        throw new KubeInjectError(
          `could not find valid configmap "${name}" from namespace  "${s.istioNamespace}": configmaps "${name}" not found - Use --injectConfigFile or re-run kube-inject with \`-i <istioSystemNamespace>\` and ensure istio-sidecar-injector configmap exists`,
        );
      if (data.config === undefined)
        throw new KubeInjectError(`missing configuration map key "config" in "${name}"`);
      templatesConfig = injectConfigFrom(
        parseDoc(data.config, `unable to convert data from configmap "${name}"`),
      );
    }
    values = values ?? {};
  }

  const params: InjectionParams = {
    config: { ...templatesConfig, defaultTemplates: ['sidecar'], aliases: {}, injectedAnnotations: {} },
    values: values ?? {},
    mesh,
    revision: rev,
    nativeSidecars: (s.env.ENABLE_NATIVE_SIDECARS ?? '').toLowerCase() === 'true',
    compliancePolicy: s.env.COMPLIANCE_POLICY ?? '',
    run: s.run,
    parse: parseGoYamlFast,
  };
  const warnings: string[] = [];
  try {
    const output = await injectStream(s.input, params, {
      parse: parseGoYamlFast,
      warn: (w) => warnings.push(w),
      log: (l) => logs.push(`warn\t${l}`),
      ...(webhook ? { inject: webhookThenLocal(webhook, params, warnings, logs) } : {}),
    });
    return { output, warnings, logs };
  } catch (e) {
    if (e instanceof StreamError) throw new KubeInjectError(e.message, e.line, e.col);
    throw e;
  }
}

/** JSON as Go marshals a decoded YAML map: keys sorted, <, > and & escaped. */
function sortedJSON(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : isMap(x)
        ? Object.fromEntries(
            Object.keys(x)
              .sort()
              .map((k) => [k, sort(x[k])]),
          )
        : x;
  return JSON.stringify(sort(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function meshMissing(name: string, ns: string, why: string): string {
  return `could not read valid configmap "${name}" from namespace "${ns}": ${why} - Use --meshConfigFile or re-run kube-inject with \`-i <istioSystemNamespace> and ensure valid MeshConfig exists`;
}

function webhookThenLocal(
  webhook: (input: PodInput, namespace: string) => Promise<JsonMap | undefined>,
  params: InjectionParams,
  warnings: string[],
  logs: string[],
): (input: PodInput, namespace: string) => Promise<JsonMap | undefined> {
  return async (input, namespace) => {
    const r = await webhook(input, namespace);
    if (r) return r;
    const { injectRequired } = await import('./resources.js');
    const { injectPod } = await import('./inject.js');
    const meta = input.pod.metadata as JsonMap;
    if (!injectRequired(input.pod.spec as JsonMap, meta, (l) => logs.push(`warn\t${l}`))) {
      const fullName =
        input.deployMeta.Namespace !== ''
          ? `${input.deployMeta.Namespace}/${String(meta.name ?? input.deployMeta.Name)}`
          : String(meta.name || input.deployMeta.Name);
      warnings.push(
        `===> Skipping injection because ${input.typeMeta.Kind} "${fullName}" has sidecar injection disabled\n`,
      );
      return undefined;
    }
    return injectPod(input, params);
  };
}
