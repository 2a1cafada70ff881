// The shape of an IstioOperator (operator/pkg/apis types.go) as a small schema, strict where upstream
// decodes strictly: unknown fields under the operator's own types and under the Kubernetes sub-objects
// it parses (tolerations, resources, env...) are errors naming their path.

export type Schema =
  | 'string'
  | 'int'
  | 'bool'
  | 'number'
  /** int or string, like intstr.IntOrString and resource quantities. */
  | 'intOrString'
  /** anything: maps, lists and scalars are not checked below this point. */
  | 'any'
  | { map: Schema }
  | { list: Schema }
  | { fields: Record<string, Schema>; open?: boolean };

const str: Schema = 'string';
const any: Schema = 'any';
const stringMap: Schema = { map: 'string' };

export const TOLERATION: Schema = {
  fields: { key: str, operator: str, value: str, effect: str, tolerationSeconds: 'int' },
};

const RESOURCE_LIST: Schema = { map: 'intOrString' };
export const RESOURCES: Schema = {
  fields: { limits: RESOURCE_LIST, requests: RESOURCE_LIST, claims: { list: any } },
};

const ENV_VAR: Schema = { fields: { name: str, value: str, valueFrom: any } };

const SERVICE_PORT: Schema = {
  fields: {
    name: str,
    protocol: str,
    appProtocol: str,
    port: 'int',
    targetPort: 'intOrString',
    nodePort: 'int',
  },
};

const SERVICE_SPEC: Schema = {
  fields: {
    ports: { list: SERVICE_PORT },
    selector: stringMap,
    clusterIP: str,
    clusterIPs: { list: str },
    type: str,
    externalIPs: { list: str },
    sessionAffinity: str,
    loadBalancerIP: str,
    loadBalancerSourceRanges: { list: str },
    externalName: str,
    externalTrafficPolicy: str,
    internalTrafficPolicy: str,
    healthCheckNodePort: 'int',
    publishNotReadyAddresses: 'bool',
    sessionAffinityConfig: any,
    ipFamilies: { list: str },
    ipFamilyPolicy: str,
    allocateLoadBalancerNodePorts: 'bool',
    loadBalancerClass: str,
    trafficDistribution: str,
  },
};

const OVERLAY: Schema = {
  fields: {
    apiVersion: str,
    kind: str,
    name: str,
    patches: { list: { fields: { path: str, value: any } } },
  },
};

const METRIC_TARGET: Schema = {
  fields: { type: str, value: 'intOrString', averageValue: 'intOrString', averageUtilization: 'int' },
};
const METRIC_IDENTIFIER: Schema = { fields: { name: str, selector: any } };
const OBJECT_REF: Schema = { fields: { apiVersion: str, kind: str, name: str } };

/** autoscaling/v2 HorizontalPodAutoscalerSpec: the v2beta1 shapes (targetAverageUtilization...) are rejected. */
const HPA_SPEC: Schema = {
  fields: {
    scaleTargetRef: OBJECT_REF,
    minReplicas: 'int',
    maxReplicas: 'int',
    behavior: any,
    metrics: {
      list: {
        fields: {
          type: str,
          resource: { fields: { name: str, target: METRIC_TARGET } },
          containerResource: { fields: { name: str, container: str, target: METRIC_TARGET } },
          pods: { fields: { metric: METRIC_IDENTIFIER, target: METRIC_TARGET } },
          object: {
            fields: { describedObject: OBJECT_REF, metric: METRIC_IDENTIFIER, target: METRIC_TARGET },
          },
          external: { fields: { metric: METRIC_IDENTIFIER, target: METRIC_TARGET } },
        },
      },
    },
  },
};

const PDB_SPEC: Schema = {
  fields: {
    minAvailable: 'intOrString',
    maxUnavailable: 'intOrString',
    selector: any,
    unhealthyPodEvictionPolicy: str,
  },
};

export const K8S: Schema = {
  fields: {
    affinity: any,
    env: { list: ENV_VAR },
    hpaSpec: HPA_SPEC,
    imagePullPolicy: str,
    nodeSelector: stringMap,
    podDisruptionBudget: PDB_SPEC,
    podAnnotations: stringMap,
    priorityClassName: str,
    readinessProbe: any,
    replicaCount: 'int',
    resources: RESOURCES,
    service: SERVICE_SPEC,
    strategy: any,
    tolerations: { list: TOLERATION },
    serviceAnnotations: stringMap,
    securityContext: any,
    volumes: { list: any },
    volumeMounts: { list: any },
    overlays: { list: OVERLAY },
  },
};

const COMPONENT: Schema = {
  fields: { enabled: 'bool', namespace: str, hub: str, tag: 'intOrString', spec: any, k8s: K8S, raw: any },
};
const GATEWAY: Schema = {
  fields: {
    name: str,
    label: stringMap,
    enabled: 'bool',
    namespace: str,
    hub: str,
    tag: 'intOrString',
    k8s: K8S,
  },
};

export const IOP_SCHEMA: Schema = {
  fields: {
    apiVersion: str,
    kind: str,
    metadata: {
      fields: { name: str, namespace: str, labels: stringMap, annotations: stringMap },
      open: true,
    },
    spec: {
      fields: {
        profile: str,
        installPackagePath: str,
        hub: str,
        tag: 'intOrString',
        resourceSuffix: str,
        namespace: str,
        revision: str,
        compatibilityVersion: str,
        meshConfig: any,
        components: {
          fields: {
            base: { fields: { enabled: 'bool', k8s: K8S } },
            pilot: COMPONENT,
            cni: COMPONENT,
            ztunnel: COMPONENT,
            istiodRemote: COMPONENT,
            ingressGateways: { list: GATEWAY },
            egressGateways: { list: GATEWAY },
          },
        },
        // `values` has its own schema (values-schema.ts); unvalidatedValues is free-form by design.
        values: any,
        unvalidatedValues: any,
      },
    },
    status: any,
  },
};

export interface SchemaIssue {
  path: string;
  message: string;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'number';
  return typeof v;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Checks a value against a schema; nulls are accepted anywhere (an empty YAML key). */
export function checkSchema(value: unknown, schema: Schema, path: string, out: SchemaIssue[]): void {
  if (value === null || value === undefined || schema === 'any') return;
  if (typeof schema === 'string') {
    const t = typeName(value);
    const ok =
      (schema === 'string' && t === 'string') ||
      (schema === 'int' && t === 'int') ||
      (schema === 'number' && (t === 'int' || t === 'number')) ||
      (schema === 'bool' && t === 'boolean') ||
      (schema === 'intOrString' && (t === 'int' || t === 'string' || t === 'number'));
    if (!ok) out.push({ path, message: `${path}: expected ${schema}, got ${t} ${JSON.stringify(value)}` });
    return;
  }
  if ('list' in schema) {
    if (!Array.isArray(value)) {
      out.push({ path, message: `${path}: expected a list, got ${typeName(value)}` });
      return;
    }
    value.forEach((v, i) => {
      checkSchema(v, schema.list, `${path}[${i}]`, out);
    });
    return;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.push({ path, message: `${path}: expected a map, got ${typeName(value)}` });
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const p = join(path, k);
    if ('map' in schema) {
      checkSchema(v, schema.map, p, out);
    } else if (k in schema.fields) {
      checkSchema(v, schema.fields[k]!, p, out);
    } else if (!schema.open) {
      out.push({ path: p, message: `unknown field "${p}"` });
    }
  }
}
