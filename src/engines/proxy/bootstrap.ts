// proxy-config bootstrap: the BootstrapConfigDump, or its three version lines.
import { type ConfigDump, type Json, num, obj, SECTION } from './config-dump.js';

function structString(s: Json | undefined, key: string): string | undefined {
  if (!s || !(key in s)) return undefined;
  const v = s[key];
  return typeof v === 'string' ? v : '';
}

export function bootstrapSection(dump: ConfigDump): Json {
  const s = dump.section(SECTION.bootstrap);
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) if (k !== '@type') out[k] = v;
  return out;
}

/** [label, value] pairs for the lines that have a value. */
export function versionSummary(dump: ConfigDump): Array<[string, string]> {
  const node = obj(obj(dump.section(SECTION.bootstrap), 'bootstrap'), 'node');
  const md = obj(node, 'metadata');
  const istioVersion = structString(md, 'ISTIO_VERSION') ?? '';
  let sha = structString(md, 'ISTIO_PROXY_SHA') ?? '';
  const parts = sha.split(':');
  if (parts.length > 1) sha = parts[1]!;
  const build = obj(node, 'userAgentBuildVersion');
  const version = obj(build, 'version');
  const bmd = obj(build, 'metadata');
  let envoy = `${num(version, 'majorNumber')}.${num(version, 'minorNumber')}.${num(version, 'patch')}`;
  const label = structString(bmd, 'build.label');
  if (label !== undefined) envoy += `-${label}`;
  for (const key of ['revision.status', 'build.type', 'ssl.version']) {
    const v = structString(bmd, key);
    if (v !== undefined) envoy += `/${v}`;
  }
  const lines: Array<[string, string]> = [];
  if (istioVersion) lines.push(['Istio Version:', istioVersion]);
  if (sha) lines.push(['Istio Proxy Version:', sha]);
  if (envoy) lines.push(['Envoy Version:', envoy]);
  return lines;
}
