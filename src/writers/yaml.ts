// YAML in the style of sigs.k8s.io/yaml (what istioctl prints): two-space indent, sequences
// not indented under their key, no line folding. Loads the yaml package on first use.
import type { ToStringOptions } from 'yaml';

export async function toYAML(value: unknown, opts: { sortKeys?: boolean } = {}): Promise<string> {
  const { stringify } = await import('yaml');
  const o: ToStringOptions & { sortMapEntries?: boolean } = { indentSeq: false, lineWidth: 0 };
  if (opts.sortKeys) o.sortMapEntries = true;
  return stringify(value, o);
}
