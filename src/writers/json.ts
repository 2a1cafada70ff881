// JSON as Go's json.MarshalIndent(v, "", "  ") prints it, plus a trailing newline.

export function toJSON(value: unknown, indent = 2): string {
  return `${JSON.stringify(value, null, indent)}\n`;
}

/** Deep copy with object keys sorted (Go marshals map keys in sorted order). */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out as T;
  }
  return value;
}
