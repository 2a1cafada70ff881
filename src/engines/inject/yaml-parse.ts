// One YAML document read as sigs.k8s.io/yaml reads it (goyaml.v2 then JSON): YAML 1.1 booleans
// and octals, timestamps and sexagesimal numbers kept as text, every key a string.
import jsyaml from 'js-yaml';
import { parseAllDocuments, type Tags } from 'yaml';
import { readBlockYaml } from '../template/funcs/yaml-block.js';
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

// Plain scalars YAML 1.1 reads differently from YAML 1.2 (booleans y/yes/on/off..., 0-prefixed
// octals, underscores in numbers, `-.5`; `0o17` is text there), merge keys, anchors and explicit tags:
// documents with anything like these take the full parser (a false positive only costs time).
const needsYaml11 =
  /(?:^|[\s:,[{-])(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?0[0-7_]+)\s*(?:$|[,\]}#])|<<|[&*!][^\s'"]|0o[0-7]|[-+]\.\d|\d_/m;

/**
 * parseGoYaml, faster: most documents (every rendered injection template) are plain YAML that
 * YAML 1.2's core schema reads the same way, and js-yaml reads them an order of magnitude faster.
 * Anything else, and every error, goes through parseGoYaml.
 */
export function parseGoYamlFast(text: string): unknown {
  if (!needsYaml11.test(text)) {
    // The line reader first: the same values as js-yaml's core schema, or it leaves the text to it.
    const block = readBlockYaml(text);
    if (block) return block.value;
    try {
      const docs = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, json: true });
      if (docs.length <= 1) return docs[0] ?? null;
    } catch {
      // fall through: the full parser reports the error with its position
    }
  }
  return parseGoYaml(text);
}
