// A compact schema DSL for Istio config kinds. One tree per kind drives three things: the CRD
// generator (OpenAPI v3 structural schemas), the structural validator (unknown fields, types, enums,
// required, one-of groups) and the anchors of the semantic rules (a rule names a path in this tree).

export interface Common {
  /** Short description in our own words; optional. */
  desc?: string;
  /** Kubernetes `nullable` (wrapper types such as google.protobuf.BoolValue). */
  nullable?: boolean;
}

export interface StringSchema extends Common {
  t: 'string';
  enum?: readonly string[];
  format?: 'byte' | 'date-time';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** A protobuf Duration (`1.5s`, `100ms`); checked for syntax and a 1ms floor. */
  duration?: boolean;
}

export interface NumberSchema extends Common {
  t: 'integer' | 'number';
  format?: 'int32' | 'int64' | 'double';
  minimum?: number;
  maximum?: number;
}

export interface BoolSchema extends Common {
  t: 'boolean';
}

export interface IntOrStringSchema extends Common {
  t: 'int-or-string';
}

export interface ObjectSchema extends Common {
  t: 'object';
  props: Record<string, Schema>;
  required?: readonly string[];
  /** At most one field of each group may be set (protobuf oneof). */
  oneOf?: readonly (readonly string[])[];
  /** Keeps fields beyond `props` (x-kubernetes-preserve-unknown-fields). */
  preserve?: boolean;
}

/** Free-form object (google.protobuf.Struct): any content is kept. */
export interface AnySchema extends Common {
  t: 'any';
}

export interface MapSchema extends Common {
  t: 'map';
  values: Schema;
  maxProperties?: number;
}

export interface ArraySchema extends Common {
  t: 'array';
  items: Schema;
  minItems?: number;
  maxItems?: number;
  /** x-kubernetes-list-type map with its keys. */
  mapKeys?: readonly string[];
}

export type Schema =
  | StringSchema
  | NumberSchema
  | BoolSchema
  | IntOrStringSchema
  | ObjectSchema
  | AnySchema
  | MapSchema
  | ArraySchema;

type Opts<S> = Omit<S, 't'>;

export const str = (o: Opts<StringSchema> = {}): StringSchema => ({ t: 'string', ...o });
export const enumOf = (values: readonly string[], o: Opts<StringSchema> = {}): StringSchema => ({
  t: 'string',
  enum: values,
  ...o,
});
export const int32 = (o: Opts<NumberSchema> = {}): NumberSchema => ({ t: 'integer', format: 'int32', ...o });
/** protobuf uint32: no format, bounded to 0..2^32-1. */
export const uint32 = (o: Opts<NumberSchema> = {}): NumberSchema => ({
  t: 'integer',
  minimum: 0,
  maximum: 4294967295,
  ...o,
});
export const int = (o: Opts<NumberSchema> = {}): NumberSchema => ({ t: 'integer', ...o });
export const double = (o: Opts<NumberSchema> = {}): NumberSchema => ({ t: 'number', format: 'double', ...o });
export const bool = (o: Opts<BoolSchema> = {}): BoolSchema => ({ t: 'boolean', ...o });
export const intOrString = (o: Opts<IntOrStringSchema> = {}): IntOrStringSchema => ({
  t: 'int-or-string',
  ...o,
});
export const any = (o: Opts<AnySchema> = {}): AnySchema => ({ t: 'any', ...o });
export const obj = (
  props: Record<string, Schema>,
  o: Opts<Omit<ObjectSchema, 'props'>> = {},
): ObjectSchema => ({
  t: 'object',
  props,
  ...o,
});
export const map = (values: Schema, o: Opts<Omit<MapSchema, 'values'>> = {}): MapSchema => ({
  t: 'map',
  values,
  ...o,
});
export const list = (items: Schema, o: Opts<Omit<ArraySchema, 'items'>> = {}): ArraySchema => ({
  t: 'array',
  items,
  ...o,
});
export const strings = (
  o: Opts<Omit<ArraySchema, 'items'>> = {},
  item: Opts<StringSchema> = {},
): ArraySchema => list(str(item), o);
export const stringMap = (
  o: Opts<Omit<MapSchema, 'values'>> = {},
  value: Opts<StringSchema> = {},
): MapSchema => map(str(value), o);
/** A duration string such as `1.5s` (google.protobuf.Duration). */
export const duration = (o: Opts<StringSchema> = {}): StringSchema => ({ t: 'string', duration: true, ...o });

/** Every property path below a schema, `.a.b[].c{}` style, with its schema. */
export function walkSchema(s: Schema, visit: (path: string, s: Schema) => void, path = ''): void {
  visit(path, s);
  if (s.t === 'object') for (const [k, c] of Object.entries(s.props)) walkSchema(c, visit, `${path}.${k}`);
  else if (s.t === 'array') walkSchema(s.items, visit, `${path}[]`);
  else if (s.t === 'map') walkSchema(s.values, visit, `${path}{}`);
}

/** The schema at a `.a.b[].c{}` path, or undefined. */
export function schemaAt(root: Schema, path: string): Schema | undefined {
  let s: Schema | undefined = root;
  for (const m of path.matchAll(/\.([^.[{]+)|(\[\])|(\{\})/g)) {
    if (!s) return undefined;
    if (m[1] !== undefined) s = s.t === 'object' ? s.props[m[1]] : undefined;
    else if (m[2]) s = s.t === 'array' ? s.items : undefined;
    else s = s.t === 'map' ? s.values : undefined;
  }
  return s;
}
