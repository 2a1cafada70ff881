// The CRDs a new install applies, read from the package's generated CRD file: name and versions.
// The file is ~0.5 MB and only two fields are needed, so it is scanned line by line (block-style
// YAML as the generator writes it) instead of parsed whole, which costs a third of a second.
import type { NewCrd } from './context.js';

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function unquote(s: string): string {
  return s.trim().replace(/^(['"])(.*)\1$/, '$2');
}

export function newCrdsFromYaml(text: string): NewCrd[] {
  const out: NewCrd[] = [];
  for (const doc of text.split(/^---[ \t]*$/m)) {
    const lines = doc.split('\n');
    if (!lines.some((l) => /^kind:\s*CustomResourceDefinition\s*$/.test(l))) continue;
    let name = '';
    const versions: string[] = [];
    let block = '';
    let itemIndent = -1;
    for (const line of lines) {
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const ind = indentOf(line);
      if (ind === 0) {
        block = line.replace(/:.*$/, '');
        continue;
      }
      if (block === 'metadata' && ind === 2 && line.startsWith('  name:')) name = unquote(line.slice(7));
      if (block !== 'spec') continue;
      // Sequence items may sit at the key's own indentation (`  - name: v1`), so only a key line
      // at indent 2 leaves the versions block.
      if (ind === 2 && !line.trimStart().startsWith('- ')) {
        itemIndent = line.trim() === 'versions:' ? -2 : -1;
        continue;
      }
      if (itemIndent === -2 && line.trimStart().startsWith('- ')) itemIndent = ind;
      if (itemIndent < 0) continue;
      const m =
        new RegExp(`^ {${itemIndent}}- name:(.*)$`).exec(line) ??
        new RegExp(`^ {${itemIndent + 2}}name:(.*)$`).exec(line);
      if (m) versions.push(unquote(m[1]!));
    }
    if (name) out.push({ name, versions });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}
