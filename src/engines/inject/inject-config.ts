// The injector configuration (the istio-sidecar-injector ConfigMap's `config`, or a local
// --injectConfigFile): templates by name, aliases, default templates, policy.
import { isMap, type JsonMap } from './typed.js';

export interface InjectConfig {
  policy: string;
  defaultTemplates: string[];
  templates: Record<string, string>;
  aliases: Record<string, string[]>;
  injectedAnnotations: Record<string, string>;
}

/** UnmarshalConfig; `bareTemplate` is kube-inject's fallback: a file without templates is the sidecar template. */
export function injectConfigFrom(parsed: unknown, rawText?: string): InjectConfig {
  const m: JsonMap = isMap(parsed) ? parsed : {};
  const templates: Record<string, string> = {};
  if (isMap(m.templates))
    for (const [k, v] of Object.entries(m.templates)) templates[k] = typeof v === 'string' ? v : '';
  if (Object.keys(templates).length === 0 && rawText !== undefined) templates.sidecar = rawText;
  const aliases: Record<string, string[]> = {};
  if (isMap(m.aliases))
    for (const [k, v] of Object.entries(m.aliases)) aliases[k] = Array.isArray(v) ? v.map(String) : [];
  const defaultTemplates =
    Array.isArray(m.defaultTemplates) && m.defaultTemplates.length > 0
      ? m.defaultTemplates.map(String)
      : ['sidecar'];
  const injectedAnnotations: Record<string, string> = {};
  if (isMap(m.injectedAnnotations))
    for (const [k, v] of Object.entries(m.injectedAnnotations)) injectedAnnotations[k] = String(v);
  return {
    policy: typeof m.policy === 'string' ? m.policy : '',
    defaultTemplates,
    templates,
    aliases,
    injectedAnnotations,
  };
}
