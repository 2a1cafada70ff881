// Helm's .Files object (pkg/engine/files.go): Get, GetBytes, Glob, AsConfig, AsSecrets, Lines.
import { toYamlString } from './funcs/yaml.js';
import { GO_TYPE, Typed } from './values.js';

/** gobwas/glob with '/' as separator: * and ? stay within a segment, ** crosses, {a,b} and [..] work. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${pattern
          .slice(i + 1, end)
          .split(',')
          .map((alt) => globToRegExp(alt).source.slice(1, -1))
          .join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        const body = pattern.slice(i + 1, end);
        re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += `\\${pattern[++i]}`;
    } else re += c.replace(/[.+^$()|]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A Go map[string][]byte with methods: ranging over it yields paths and byte slices. */
export class ChartFiles extends Map<string, Typed> {
  readonly [GO_TYPE] = 'engine.files';
  private readonly files: Record<string, Uint8Array>;
  constructor(files: Record<string, Uint8Array>) {
    super(Object.entries(files).map(([k, v]) => [k, new Typed('[]uint8', v)]));
    this.files = files;
  }
  GetBytes(name: string): Typed {
    return new Typed('[]uint8', this.files[name] ?? new Uint8Array());
  }
  Get(name: string): string {
    const b = this.files[name];
    return b ? Buffer.from(b).toString('utf8') : '';
  }
  Glob(pattern: string): ChartFiles {
    let re: RegExp;
    try {
      re = globToRegExp(pattern);
    } catch {
      re = /^.*$/;
    }
    const out: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(this.files)) if (re.test(k)) out[k] = v;
    return new ChartFiles(out);
  }
  AsConfig(): string {
    const m: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.files)) m[k.split('/').pop()!] = Buffer.from(v).toString('utf8');
    return toYamlString(m).replace(/\n$/, '');
  }
  AsSecrets(): string {
    const m: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.files))
      m[k.split('/').pop()!] = Buffer.from(v).toString('base64');
    return toYamlString(m).replace(/\n$/, '');
  }
  Lines(path: string): Typed {
    const b = this.files[path];
    if (!b || b.length === 0) return new Typed('[]string', []);
    let s = Buffer.from(b).toString('utf8');
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return new Typed('[]string', s.split('\n'));
  }
}
