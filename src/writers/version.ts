// istioctl version's short, long (Go struct) and json/yaml forms.
import type { MeshVersion } from '../engines/version/mesh-version.js';
import type { BuildInfo } from '../model/build-info.js';
import { toJSON } from './json.js';
import { toYAML } from './yaml.js';

function goStruct(b: BuildInfo): string {
  return `version.BuildInfo{Version:"${b.version}", GitRevision:"${b.revision}", GolangVersion:"${b.golang_version}", BuildStatus:"${b.status}", GitTag:"${b.tag}"}`;
}

export async function writeVersion(
  client: BuildInfo,
  mesh: MeshVersion[] | undefined,
  opts: { short: boolean; output: '' | 'json' | 'yaml' },
): Promise<string> {
  if (opts.output) {
    const doc: Record<string, unknown> = { clientVersion: client };
    if (mesh && mesh.length > 0) {
      doc.meshVersion = mesh.map((m) => ({ Component: m.Component, Revision: m.Revision, Info: m.Info }));
    }
    return opts.output === 'json' ? toJSON(doc) : toYAML(doc);
  }
  const lines = [`client version: ${opts.short ? client.version : goStruct(client)}`];
  if (mesh && mesh.length > 0) {
    const versions = new Set(mesh.map((m) => m.Info.version));
    if (opts.short && versions.size === 1) lines.push(`control plane version: ${[...versions][0]}`);
    else
      for (const m of mesh)
        lines.push(`${m.Component} version: ${opts.short ? m.Info.version : goStruct(m.Info)}`);
  }
  return `${lines.join('\n')}\n`;
}
