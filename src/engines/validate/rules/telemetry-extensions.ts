// Telemetry, WasmPlugin and TrafficExtension rules.
import { joinPath, type Reporter, type Rule } from '../types.js';
import { at, len, policyTargetRules } from './shared.js';

type Obj = Record<string, any>;

function providers(list: Obj[] | undefined, path: string, r: Reporter): void {
  for (const [i, p] of (list ?? []).entries()) {
    if (!p?.name) {
      r.error(at(path, i), 'providers.name may not be empty');
      return;
    }
  }
}

export const telemetryRules: Rule[] = [
  ...policyTargetRules('.spec'),
  {
    at: '.spec',
    check: (t: Obj, path, r) => {
      if (len(t.tracing) > 1)
        r.warn(joinPath(path, 'tracing'), 'multiple tracing is not currently supported');
    },
  },
  {
    at: '.spec.accessLogging[]',
    check: (l: Obj, path, r) => providers(l.providers, joinPath(path, 'providers'), r),
  },
  {
    at: '.spec.tracing[]',
    check: (l: Obj, path, r) => {
      if (len(l.providers) > 1)
        r.warn(joinPath(path, 'providers'), 'multiple providers is not currently supported');
      providers(l.providers, joinPath(path, 'providers'), r);
      const pct = Number(l.randomSamplingPercentage ?? 0);
      if (pct < 0 || pct > 100)
        r.error(
          joinPath(path, 'randomSamplingPercentage'),
          'randomSamplingPercentage must be in range [0.0, 100.0]',
        );
      for (const [name, tag] of Object.entries<Obj>(l.customTags ?? {})) {
        const tp = at(path, 'customTags', name);
        if (name === '') r.error(tp, 'tag name may not be empty');
        if (!tag) {
          r.error(tp, `tag '${name}' may not have a nil value`);
          continue;
        }
        if (tag.literal && !tag.literal.value) r.error(tp, 'literal tag value may not be empty');
        if (tag.header && !tag.header.name) r.error(tp, 'header tag name may not be empty');
        if (tag.environment && !tag.environment.name) r.error(tp, 'environment tag name may not be empty');
      }
    },
  },
  {
    at: '.spec.metrics[]',
    check: (m: Obj, path, r) => {
      providers(m.providers, joinPath(path, 'providers'), r);
      for (const [i, o] of (m.overrides ?? []).entries()) {
        const op = at(path, 'overrides', i);
        if (!o) {
          r.error(op, 'tagOverrides may not be null');
          continue;
        }
        for (const [name, to] of Object.entries<Obj>(o.tagOverrides ?? {})) {
          const tp = at(op, 'tagOverrides', name);
          if (name === '') r.warn(tp, 'tagOverrides.name may not be empty');
          if (!to) {
            r.error(tp, 'tagOverrides may not be null');
            continue;
          }
          const oper = to.operation ?? 'UPSERT';
          if (oper === 'UPSERT' && !to.value)
            r.error(tp, 'tagOverrides.value must be set when operation is UPSERT');
          if (oper === 'REMOVE' && to.value)
            r.error(tp, 'tagOverrides.value may only be set when operation is UPSERT');
        }
        if (o.match && o.match.customMetric === '')
          r.error(at(op, 'match', 'customMetric'), 'customMetric may not be empty');
      }
    },
  },
];

const SCHEMES = new Set(['', 'file', 'http', 'https', 'oci']);

function pluginUrl(url: string, path: string, r: Reporter): void {
  if (url === '') {
    r.error(path, 'url field needs to be set');
    return;
  }
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  const scheme = m ? m[1]!.toLowerCase() : '';
  if (/\s/.test(url)) {
    r.error(path, `failed to parse url: parse ${JSON.stringify(url)}: invalid character " " in host name`);
    return;
  }
  if (!SCHEMES.has(scheme)) r.error(path, `url contains unsupported scheme: ${scheme}`);
}

function wasm(spec: Obj, path: string, r: Reporter): void {
  pluginUrl(String(spec.url ?? ''), joinPath(path, 'url'), r);
  const sha = String(spec.sha256 ?? '');
  if (sha !== '') {
    if (sha.length !== 64) r.error(joinPath(path, 'sha256'), 'sha256 field must be 64 characters long');
    else if (!/^[a-f0-9]+$/.test(sha))
      r.error(joinPath(path, 'sha256'), 'sha256 field must match [a-f0-9]{64} pattern');
  }
  if (String(spec.imagePullSecret ?? '').length > 253)
    r.error(joinPath(path, 'imagePullSecret'), 'imagePullSecret field must be less than 253 characters long');
  if (String(spec.pluginName ?? '').length > 256)
    r.error(joinPath(path, 'pluginName'), 'pluginName field must be less than 255 characters long');
  const env: Obj[] = spec.vmConfig?.env ?? [];
  const keys = new Set<string>();
  for (const [i, e] of env.entries()) {
    if (!e) continue;
    const ep = at(path, 'vmConfig', 'env', i);
    if (!e.name) {
      r.error(ep, 'spec.vmConfig.env invalid');
      return;
    }
    if (String(e.name).length > 256) {
      r.error(joinPath(ep, 'name'), 'env.name field must be less than 255 characters long');
      return;
    }
    if (keys.has(e.name)) {
      r.error(joinPath(ep, 'name'), 'duplicate env');
      return;
    }
    keys.add(e.name);
    if ((e.valueFrom ?? 'INLINE') !== 'INLINE' && e.value) {
      r.error(joinPath(ep, 'value'), 'value may only be set when valueFrom is INLINE');
      return;
    }
  }
}

function match(list: Obj[] | undefined, path: string, r: Reporter): void {
  for (const [i, sel] of (list ?? []).entries()) {
    if (!sel) {
      r.error(at(path, i), `spec.Match[${i}] is nil`);
      return;
    }
    for (const [j, p] of (sel.ports ?? []).entries()) {
      if (!p) {
        r.error(at(path, i, 'ports', j), `spec.Match[${i}].Ports[${j}] is nil`);
        return;
      }
      const n = Number(p.number ?? 0);
      if (n <= 0 || n > 65535) {
        r.error(at(path, i, 'ports', j, 'number'), `spec.Match[${i}].Ports[${j}] is out of range: ${n}`);
        return;
      }
    }
  }
}

export const wasmPluginRules: Rule[] = [
  ...policyTargetRules('.spec'),
  {
    at: '.spec',
    check: (w: Obj, path, r) => {
      wasm(w, path, r);
      match(w.match, joinPath(path, 'match'), r);
    },
  },
];

export const trafficExtensionRules: Rule[] = [
  ...policyTargetRules('.spec', false),
  {
    at: '.spec',
    check: (t: Obj, path, r) => {
      if (!t.wasm && !t.lua) r.error(path, 'exactly one of wasm or lua must be set');
      if (t.wasm) wasm(t.wasm, joinPath(path, 'wasm'), r);
      if (t.lua && !t.lua.inlineCode)
        r.error(at(path, 'lua', 'inlineCode'), 'lua.inlineCode cannot be empty');
      match(t.match, joinPath(path, 'match'), r);
    },
  },
];
