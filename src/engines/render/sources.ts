// Where profiles and charts come from: the package's own profiles/ and manifests/charts/, or a
// user's manifests directory (-d / installPackagePath) laid out as <dir>/profiles and <dir>/charts.
import { basename, join } from 'node:path';
import type { Files } from '../../cli/deps.js';
import { UsageError } from '../../cli/errors.js';
import { isMap, type Tree } from '../../model/iop/tree.js';
import { readPlainYaml } from '../template/funcs/yaml-read.js';

export interface Sources {
  files: Files;
  packageRoot: string;
}

function profilesDir(src: Sources, installPackagePath: string): string {
  return installPackagePath ? join(installPackagePath, 'profiles') : join(src.packageRoot, 'profiles');
}

/** The chart directory of one of our charts. */
export function chartDir(src: Sources, installPackagePath: string, chart: string): string {
  return installPackagePath
    ? join(installPackagePath, 'charts', chart)
    : join(src.packageRoot, 'manifests', 'charts', chart);
}

/** Profile names available, sorted. */
export async function listProfiles(src: Sources, installPackagePath = ''): Promise<string[]> {
  const dir = profilesDir(src, installPackagePath);
  if (!(await src.files.isDirectory(dir))) throw new UsageError(`profiles directory ${dir} not found`);
  return (await src.files.walk(dir))
    .filter((p) => p.endsWith('.yaml') && !p.slice(dir.length + 1).includes('/'))
    .map((p) => basename(p, '.yaml'))
    .sort();
}

/** Reads one profile document. An unknown name is a usage error naming the profile. */
export async function loadProfile(src: Sources, name: string, installPackagePath: string): Promise<Tree> {
  const file = join(profilesDir(src, installPackagePath), `${name}.yaml`);
  if (!/^[\w.-]+$/.test(name) || !(await src.files.exists(file))) {
    throw new UsageError(`profile "${name}" not found: open ${file}: no such file or directory`);
  }
  const text = await src.files.readFile(file);
  // Plain YAML (every profile we ship) skips loading the full reader.
  const plain = readPlainYaml(text);
  const doc = plain ? plain.value : ((await import('yaml')).parse(text) as unknown);
  if (!isMap(doc)) throw new UsageError(`profile "${name}" (${file}) is not an IstioOperator`);
  return doc;
}
