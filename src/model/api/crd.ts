// CustomResourceDefinitions from the model: structural OpenAPI v3 schemas plus names, versions,
// printer columns and the status subresource. Plain objects; writers/crds.ts renders them.
import { ISTIO_KINDS, type KindInfo } from './kinds.js';
import type { Schema } from './schema.js';

type Json = Record<string, unknown>;

function withDesc(out: Json, s: Schema): Json {
  if (s.desc) out.description = s.desc;
  return out;
}

/** One-of groups as Kubernetes accepts them structurally: none set, or exactly one. */
function oneOfClause(group: readonly string[]): Json[] {
  const req = group.map((f) => ({ required: [f] }));
  return [{ not: { anyOf: req } }, ...req];
}

export function toOpenApi(s: Schema): Json {
  const out: Json = {};
  withDesc(out, s);
  switch (s.t) {
    case 'string':
      if (s.enum) out.enum = [...s.enum];
      if (s.format) out.format = s.format;
      if (s.maxLength !== undefined) out.maxLength = s.maxLength;
      if (s.minLength !== undefined) out.minLength = s.minLength;
      if (s.pattern !== undefined) out.pattern = s.pattern;
      out.type = 'string';
      break;
    case 'integer':
    case 'number':
      if (s.format) out.format = s.format;
      if (s.maximum !== undefined) out.maximum = s.maximum;
      if (s.minimum !== undefined) out.minimum = s.minimum;
      if (s.nullable) out.nullable = true;
      out.type = s.t;
      break;
    case 'boolean':
      if (s.nullable) out.nullable = true;
      out.type = 'boolean';
      break;
    case 'int-or-string':
      out.anyOf = [{ type: 'integer' }, { type: 'string' }];
      out['x-kubernetes-int-or-string'] = true;
      break;
    case 'any':
      out.type = 'object';
      out['x-kubernetes-preserve-unknown-fields'] = true;
      break;
    case 'map':
      out.additionalProperties = toOpenApi(s.values);
      if (s.maxProperties !== undefined) out.maxProperties = s.maxProperties;
      out.type = 'object';
      break;
    case 'array':
      out.items = toOpenApi(s.items);
      if (s.maxItems !== undefined) out.maxItems = s.maxItems;
      if (s.minItems !== undefined) out.minItems = s.minItems;
      out.type = 'array';
      if (s.mapKeys) {
        out['x-kubernetes-list-map-keys'] = [...s.mapKeys];
        out['x-kubernetes-list-type'] = 'map';
      }
      break;
    case 'object': {
      const groups = s.oneOf ?? [];
      if (groups.length === 1) out.oneOf = oneOfClause(groups[0]!);
      else if (groups.length > 1) out.allOf = groups.map((g) => ({ oneOf: oneOfClause(g) }));
      out.properties = Object.fromEntries(
        Object.keys(s.props)
          .sort()
          .map((k) => [k, toOpenApi(s.props[k]!)]),
      );
      if (s.required?.length) out.required = [...s.required];
      out.type = 'object';
      if (s.preserve) out['x-kubernetes-preserve-unknown-fields'] = true;
      break;
    }
  }
  return out;
}

export function crdName(k: KindInfo): string {
  return `${k.plural}.${k.group}`;
}

export function crdObject(k: KindInfo): Json {
  const root: Json = {
    properties: { spec: toOpenApi(k.spec), status: toOpenApi(k.status) },
    ...(k.specRequired ? { required: ['spec'] } : {}),
    type: 'object',
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      annotations: { 'helm.sh/resource-policy': 'keep' },
      labels: { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', ...k.labels, release: 'istio' },
      name: crdName(k),
    },
    spec: {
      group: k.group,
      names: {
        categories: [...k.categories],
        kind: k.kind,
        listKind: `${k.kind}List`,
        plural: k.plural,
        ...(k.shortNames.length ? { shortNames: [...k.shortNames] } : {}),
        singular: k.singular,
      },
      scope: 'Namespaced',
      versions: k.versions.map((v) => ({
        ...(k.printerColumns.length
          ? {
              additionalPrinterColumns: k.printerColumns.map((c) => ({
                description: c.desc,
                jsonPath: c.jsonPath,
                name: c.name,
                type: c.type,
              })),
            }
          : {}),
        name: v.name,
        schema: { openAPIV3Schema: root },
        served: v.served,
        storage: v.storage,
        subresources: { status: {} },
      })),
    },
  };
}

export function crdObjects(): Json[] {
  return ISTIO_KINDS.map(crdObject);
}
