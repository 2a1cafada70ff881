// One YAML document read as sigs.k8s.io/yaml reads it (goyaml.v2 then JSON): YAML 1.1 booleans
// and octals, timestamps and sexagesimal numbers kept as text, every key a string.
import { parseAllDocuments, type Tags } from 'yaml';
import { StreamError } from './resources.js';

const customTags = (tags: Tags): Tags =>
  tags.filter((t) => {
    const tag = t as { tag?: string; format?: string };
    return (
      tag.tag !== 'tag:yaml.org,2002:timestamp' &&
      tag.format !== 'TIME' &&
      tag.tag !== 'tag:yaml.org,2002:binary'
    );
  });

export function parseGoYaml(text: string): unknown {
  const docs = parseAllDocuments(text, { version: '1.1', customTags, uniqueKeys: false, merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  let value: unknown = null;
  for (const [i, doc] of list.entries()) {
    const err = doc.errors[0];
    if (err) {
      const lp = err.linePos?.[0];
      throw new StreamError(
        err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
        lp?.line ?? 1,
        lp?.col ?? 1,
      );
    }
    if (i === 0) value = doc.toJS({ maxAliasCount: 1000 }) ?? null;
  }
  return value;
}
