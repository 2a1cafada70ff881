// Every document of a served Istio config kind in the analyze and inject conformance inputs (read at
// test time, never copied), with its origin. Used by the validate, one-source and API round-trip tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYamlDocuments } from '../../src/inputs/yaml-documents.js';
import { isIstioKind } from '../../src/model/api/kinds.js';
import { conformanceRoot } from './run-cli.js';

export interface IstioDoc {
  /** `<path below the conformance root>#<Kind>/<name>` */
  key: string;
  value: Record<string, any>;
  file: string;
  line: number;
  source: string;
}

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? files(p) : /\.(ya?ml|injected)$/.test(p) ? [p] : [];
    });
}

export async function conformanceIstioDocs(): Promise<IstioDoc[]> {
  const out: IstioDoc[] = [];
  const dirs = [join(conformanceRoot, 'analyze', 'inputs'), join(conformanceRoot, 'inject', 'cases')];
  for (const f of dirs.flatMap(files)) {
    let docs: Awaited<ReturnType<typeof parseYamlDocuments>>;
    try {
      docs = await parseYamlDocuments(readFileSync(f, 'utf8'), f);
    } catch {
      continue; // deliberately broken YAML belongs to the parser's tests
    }
    for (const d of docs) {
      const v = d.value as Record<string, any>;
      if (!v || !isIstioKind(v.apiVersion, v.kind)) continue;
      const key = `${relative(conformanceRoot, f)}#${v.kind}/${v.metadata?.name}`;
      out.push({ key, value: v, file: f, line: d.line, source: d.source });
    }
  }
  return out;
}
