// Semantic comparison of rendered manifests with upstream goldens: object sets and the per-object
// fields the acceptance lists. Normalisations are few and named (NORMALISATIONS).
import { parse } from 'yaml';
import { isMap, type Tree } from '../../../../src/model/iop/tree.js';

/** Every difference upstream's own test would not care about, or that is a known upstream flaw. */
export const NORMALISATIONS = [
  'chart version labels (helm.sh/chart, app.kubernetes.io/version) and other labels/annotations are not compared',
  'golden objects without metadata.name (a flaw of upstream k8s.service patching) match our objects of the same kind and namespace, in order',
  'the istio-sidecar-injector `config` (injection templates: the snapshot carries an older agentgateway template) is compared only for its template names; `values` is compared in full',
] as const;

export function objectKey(o: Tree): string {
  const md = isMap(o.metadata) ? o.metadata : {};
  return `${o.apiVersion}|${o.kind}|${md.namespace ?? ''}|${md.name ?? ''}`;
}

/** Splits a golden (or our output) into objects, as upstream's test does. */
export function parseManifest(text: string): Tree[] {
  const out: Tree[] = [];
  for (const chunk of text.split(/^---.*$/m)) {
    if (chunk.trim() === '') continue;
    const v = parse(chunk) as unknown;
    if (isMap(v) && typeof v.kind === 'string') out.push(v);
  }
  return out;
}

/** upstream's diffSelect: comma-separated Kind:Namespace:Name patterns, unanchored, `*`/empty = any. */
export function selectObjects(objects: Tree[], diffSelect: string | null): Tree[] {
  if (!diffSelect) return objects;
  const patterns = diffSelect.split(',').map((sel) => {
    const parts = sel
      .trim()
      .split(':')
      .map((p) => (p === '' || p === '*' ? '.*' : p));
    return new RegExp(parts.join(':'));
  });
  return objects.filter((o) => {
    const md = isMap(o.metadata) ? o.metadata : {};
    const clusterScoped = o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding';
    const key = clusterScoped
      ? `${o.kind}:${md.name ?? ''}`
      : `${o.kind}:${md.namespace ?? ''}:${md.name ?? ''}`;
    return patterns.some((re) => re.test(key));
  });
}

function podSpec(o: Tree): Tree | undefined {
  const t = isMap(o.spec) && isMap(o.spec.template) ? o.spec.template : undefined;
  return t && isMap(t.spec) ? t.spec : undefined;
}

function containerFields(c: Tree): Tree {
  const f: Tree = {};
  for (const k of [
    'image',
    'args',
    'command',
    'ports',
    'readinessProbe',
    'livenessProbe',
    'startupProbe',
    'volumeMounts',
  ]) {
    if (c[k] !== undefined) f[k] = c[k];
  }
  if (Array.isArray(c.env)) f.env = c.env;
  return f;
}

/** The fields compared for one object, keyed by a readable name. */
export function comparedFields(o: Tree): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  const spec = isMap(o.spec) ? o.spec : {};
  const pod = podSpec(o);
  if (pod) {
    for (const list of ['containers', 'initContainers']) {
      for (const c of Array.isArray(pod[list]) ? pod[list] : []) {
        if (isMap(c)) f[`${list}[${c.name}]`] = containerFields(c);
      }
    }
    f.volumes = pod.volumes;
    f.selector = spec.selector;
  }
  switch (o.kind) {
    case 'Service':
      f.ports = spec.ports;
      f.selector = spec.selector;
      break;
    case 'ClusterRole':
    case 'Role':
      f.rules = o.rules;
      break;
    case 'ClusterRoleBinding':
    case 'RoleBinding':
      f.roleRef = o.roleRef;
      f.subjects = o.subjects;
      break;
    case 'MutatingWebhookConfiguration':
    case 'ValidatingWebhookConfiguration':
      f.webhooks = (Array.isArray(o.webhooks) ? o.webhooks : []).map((w: Tree) => ({
        name: w.name,
        rules: w.rules,
        namespaceSelector: w.namespaceSelector,
        objectSelector: w.objectSelector,
        failurePolicy: w.failurePolicy,
        clientConfig: w.clientConfig,
      }));
      break;
    case 'HorizontalPodAutoscaler':
    case 'PodDisruptionBudget':
    case 'NetworkPolicy':
      f.spec = spec;
      break;
    case 'ConfigMap': {
      const data = isMap(o.data) ? o.data : {};
      const name = isMap(o.metadata) ? o.metadata.name : '';
      if (typeof data.mesh === 'string') f.mesh = parse(data.mesh);
      if (typeof data.meshNetworks === 'string') f.meshNetworks = parse(data.meshNetworks);
      if (String(name).startsWith('istio-sidecar-injector')) {
        if (typeof data.values === 'string') f.injectorValues = JSON.parse(data.values);
        if (typeof data.config === 'string') {
          const cfg = parse(data.config.replace(/^template: .*$/m, '')) as Tree;
          f.injectorTemplates = Object.keys(isMap(cfg.templates) ? cfg.templates : {}).sort();
          f.injectorDefaultTemplates = cfg.defaultTemplates;
        }
      }
      if (name === 'values' || String(name).startsWith('values-')) {
        for (const k of ['merged-values', 'original-values']) {
          if (typeof data[k] === 'string') f[k] = JSON.parse(data[k]);
        }
      }
      break;
    }
  }
  return f;
}

export interface CaseResult {
  checks: number;
  failures: string[];
}

/** Compares object sets and per-object fields; each object and each field is one check. */
export function compareManifests(ours: Tree[], golden: Tree[]): CaseResult {
  const failures: string[] = [];
  let checks = 0;
  const pool = new Map<string, Tree>();
  for (const o of ours) pool.set(objectKey(o), o);
  const pairs: [Tree, Tree][] = [];
  const unnamed: Tree[] = [];
  for (const g of golden) {
    checks++;
    const md = isMap(g.metadata) ? g.metadata : {};
    if (md.name === undefined) {
      unnamed.push(g);
      continue;
    }
    const k = objectKey(g);
    const o = pool.get(k);
    if (!o) failures.push(`missing object ${k}`);
    else {
      pairs.push([o, g]);
      pool.delete(k);
    }
  }
  for (const g of unnamed) {
    const md = isMap(g.metadata) ? g.metadata : {};
    const match = [...pool].find(
      ([, o]) => o.kind === g.kind && (isMap(o.metadata) ? o.metadata.namespace : '') === md.namespace,
    );
    if (!match) failures.push(`missing object ${objectKey(g)} (unnamed in golden)`);
    else {
      pairs.push([match[1], g]);
      pool.delete(match[0]);
    }
  }
  for (const k of pool.keys()) {
    checks++;
    failures.push(`extra object ${k}`);
  }
  for (const [o, g] of pairs) {
    const of = comparedFields(o);
    const gf = comparedFields(g);
    for (const field of new Set([...Object.keys(of), ...Object.keys(gf)])) {
      checks++;
      if (JSON.stringify(canon(of[field])) !== JSON.stringify(canon(gf[field]))) {
        failures.push(
          `${objectKey(g)} ${field}:\n    ours:   ${JSON.stringify(canon(of[field]))}\n    golden: ${JSON.stringify(canon(gf[field]))}`,
        );
      }
    }
  }
  return { checks, failures };
}

/** Key-sorted copy, so map order never matters. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (isMap(v)) {
    const out: Tree = {};
    for (const k of Object.keys(v).sort()) out[k] = canon(v[k]);
    return out;
  }
  return v;
}
