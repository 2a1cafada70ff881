// ParseAndValidateIstioOperator: strict structure, then the semantic checks upstream makes
// (revision, hub, tag, gateway names, IP ranges). Errors name the bad path.
import { DataError } from '../../cli/errors.js';
import { checkSchema, IOP_SCHEMA, type Schema, type SchemaIssue, TOLERATION } from './schema.js';
import { isMap, type Tree } from './tree.js';

/** The top-level keys of the Values message (operator/pkg/apis values_types.proto). */
const VALUES_KEYS = new Set([
  'cni',
  'gateways',
  'global',
  'pilot',
  'ztunnel',
  'telemetry',
  'sidecarInjectorWebhook',
  'istio_cni',
  'revision',
  'ownerName',
  'meshConfig',
  'base',
  'istiodRemote',
  'revisionTags',
  'defaultRevision',
  'profile',
  'compatibilityVersion',
  'experimental',
  'gatewayClasses',
  'platform',
  'resourceScope',
]);

/** The fields of values.global (GlobalConfig in values_types.proto, plus the ones 1.30's charts read). */
const GLOBAL_KEYS = new Set([
  'arch',
  'caAddress',
  'caName',
  'certSigners',
  'configCluster',
  'configValidation',
  'defaultNodeSelector',
  'defaultPodDisruptionBudget',
  'defaultResources',
  'defaultTolerations',
  'enableReaderRBAC',
  'externalIstiod',
  'hub',
  'imagePullPolicy',
  'imagePullSecrets',
  'ipFamilies',
  'ipFamilyPolicy',
  'istioNamespace',
  'istiod',
  'jwtPolicy',
  'logAsJson',
  'logging',
  'meshID',
  'meshNetworks',
  'mountMtlsCerts',
  'multiCluster',
  'nativeNftables',
  'network',
  'networkPolicy',
  'omitSidecarInjectorConfigMap',
  'operatorManageWebhooks',
  'pilotCertProvider',
  'platform',
  'podDNSSearchNamespaces',
  'priorityClassName',
  'proxy',
  'proxy_init',
  'remotePilotAddress',
  'resourceScope',
  'revision',
  'sds',
  'sts',
  'tag',
  'tracer',
  'trustBundleName',
  'variant',
  'waypoint',
]);

/** Keys whose lists are Kubernetes tolerations wherever they appear in values. */
const TOLERATION_KEYS = new Set(['tolerations', 'defaultTolerations']);

function checkValues(values: unknown, out: SchemaIssue[]): void {
  if (!isMap(values)) {
    if (values !== null && values !== undefined)
      out.push({ path: 'values', message: 'values: expected a map' });
    return;
  }
  for (const k of Object.keys(values)) {
    if (!VALUES_KEYS.has(k)) out.push({ path: `values.${k}`, message: `unknown field "${k}" in values` });
  }
  if (isMap(values.global)) {
    for (const k of Object.keys(values.global)) {
      if (!GLOBAL_KEYS.has(k))
        out.push({ path: `values.global.${k}`, message: `unknown field "${k}" in values.global` });
    }
  }
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, `${path}[${i}]`);
      });
      return;
    }
    if (!isMap(v)) return;
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      if (TOLERATION_KEYS.has(k)) checkSchema(x, { list: TOLERATION } as Schema, p, out);
      else walk(x, p);
    }
  };
  walk(values, 'values');
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GATEWAY_NAME = /^[a-z0-9.-]{1,254}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const HUB = /^[a-zA-Z0-9][a-zA-Z0-9._:/-]*$/;

export interface ValidationResult {
  errors: string[];
  warnings: string[];
}

/** Validates a merged IstioOperator. Returns errors instead of throwing so --force can continue. */
export function validateIstioOperator(iop: Tree): ValidationResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const structural: SchemaIssue[] = [];
  checkSchema(iop, IOP_SCHEMA, '', structural);
  for (const i of structural) errors.push(`could not unmarshal: ${i.message}`);
  const spec = isMap(iop.spec) ? iop.spec : {};
  const valueIssues: SchemaIssue[] = [];
  checkValues(spec.values, valueIssues);
  for (const i of valueIssues) errors.push(`invalid schema for ${i.path}: ${i.message}`);

  const revision = spec.revision;
  if (typeof revision === 'string' && revision !== '' && !DNS1123_LABEL.test(revision)) {
    errors.push(`invalid revision specified: ${revision}`);
  }
  if (typeof spec.hub === 'string' && spec.hub !== '' && !HUB.test(spec.hub))
    errors.push(`invalid hub: ${spec.hub}`);
  if (typeof spec.tag === 'string' && spec.tag !== '' && !TAG.test(spec.tag))
    errors.push(`invalid tag: ${spec.tag}`);
  const components = isMap(spec.components) ? spec.components : {};
  for (const key of ['ingressGateways', 'egressGateways']) {
    const list = components[key];
    if (!Array.isArray(list)) continue;
    list.forEach((g, i) => {
      if (isMap(g) && typeof g.name === 'string' && !GATEWAY_NAME.test(g.name)) {
        errors.push(`invalid gateway name ${JSON.stringify(g.name)} at spec.components.${key}[${i}].name`);
      }
    });
  }
  const values = isMap(spec.values) ? spec.values : {};
  const proxy = isMap(values.global) && isMap(values.global.proxy) ? values.global.proxy : {};
  for (const key of ['includeIPRanges', 'excludeIPRanges']) {
    const v = proxy[key];
    if (typeof v === 'string' && v !== '' && v !== '*') {
      for (const cidr of v.split(',')) {
        if (!isCidr(cidr.trim()))
          errors.push(`global.proxy.${key} has an invalid CIDR ${JSON.stringify(cidr)}`);
      }
    }
  }
  for (const key of ['includeInboundPorts', 'excludeInboundPorts', 'excludeOutboundPorts']) {
    const v = proxy[key];
    if (typeof v === 'string' && v !== '' && v !== '*') {
      for (const p of v.split(',')) {
        const n = Number(p.trim());
        if (!Number.isInteger(n) || n < 0 || n > 65535) {
          errors.push(`global.proxy.${key} has an invalid port ${JSON.stringify(p)}`);
        }
      }
    }
  }
  const k8sWarn = (name: string, k8s: unknown, autoscale: unknown): void => {
    if (isMap(k8s) && k8s.replicaCount !== undefined && k8s.replicaCount !== null && autoscale !== false) {
      warnings.push(
        `components.${name}.k8s.replicaCount should not be set when values.${name === 'pilot' ? 'pilot' : 'gateways'}.autoscaleEnabled is true`,
      );
    }
  };
  const pilot = isMap(components.pilot) ? components.pilot : {};
  k8sWarn('pilot', pilot.k8s, isMap(values.pilot) ? values.pilot.autoscaleEnabled : undefined);
  return { errors, warnings };
}

function isCidr(s: string): boolean {
  const [ip, bits, extra] = s.split('/');
  if (extra !== undefined || ip === undefined || bits === undefined || !/^\d+$/.test(bits)) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) {
    return ip.split('.').every((o) => Number(o) <= 255) && Number(bits) <= 32;
  }
  return ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip) && Number(bits) <= 128;
}

/** Throws the first error unless forced; returns the warnings (and, when forced, the errors) to print. */
export function assertValid(iop: Tree, force: boolean): string[] {
  const { errors, warnings } = validateIstioOperator(iop);
  if (errors.length === 0) return warnings;
  if (!force) throw new DataError(errors.join('; '));
  return [...warnings, `spec invalid; continuing because of --force: ${errors.join('; ')}`];
}
