// Shared helpers for the template tests: decoding the vector data markers into our Go value model and
// running a vector through our engine in the same shape the Go oracle reports.
import {
  compileGoTemplate,
  GO_TYPE,
  renderChart,
  TemplateError,
  Typed,
} from '../../../src/engines/template/index.js';

export interface Vector {
  name: string;
  mode: 'plain' | 'go' | 'istio' | 'helm';
  tpl?: string;
  tplName?: string;
  data?: unknown;
  missingKey?: 'default' | 'zero' | 'error' | 'invalid';
  files?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface Result {
  name: string;
  out: string;
  err?: string;
  files?: Record<string, string>;
}

/** *main.Obj of the oracle: a struct with methods. */
class Obj {
  [GO_TYPE] = '*main.Obj';
  Name = '';
  Count = 0n;
  Inner: unknown = new Typed('*main.Obj', null);
  Data: unknown = null;
  Hello() {
    return `hello ${this.Name}`;
  }
  Greet(who: string) {
    return `${this.Name} greets ${who}`;
  }
  Fail(): string {
    throw new Error(`boom ${this.Name}`);
  }
  Add(a: bigint, b: bigint) {
    return a + b + this.Count;
  }
  Join(sep: string, ...parts: string[]) {
    return parts.join(sep);
  }
}
Object.assign(Obj.prototype.Add, { goParams: ['int', 'int'] });
Object.assign(Obj.prototype.Greet, { goParams: ['string'] });
Object.assign(Obj.prototype.Hello, { goParams: [] });
Object.assign(Obj.prototype.Fail, { goParams: [] });
Object.assign(Obj.prototype.Join, { goParams: ['string', 'string'], goVariadic: true });

export function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, any>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const k = keys[0]!;
      const inner = o[k];
      switch (k) {
        case '$int':
          return BigInt(inner);
        case '$strmap':
          return new Typed('map[string]string', { ...inner });
        case '$strs':
          return new Typed('[]string', [...inner]);
        case '$nilobj':
          return new Typed('*main.Obj', null);
        case '$enum':
          return new Typed('v1alpha1.ProxyConfig_InboundInterceptionMode', inner, { String: () => inner });
        case '$duration':
          return { seconds: inner.seconds ?? 0, nanos: inner.nanos ?? 0 };
        case '$obj': {
          const ob = new Obj();
          if (inner.Name !== undefined) ob.Name = inner.Name;
          if (inner.Count !== undefined) ob.Count = decode(inner.Count) as bigint;
          if (inner.Inner !== undefined) ob.Inner = decode({ $obj: inner.Inner });
          if (inner.Data !== undefined) ob.Data = decode(inner.Data);
          return ob;
        }
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

export function runVector(v: Vector): Result {
  if (v.mode === 'helm') {
    const files = {
      'Chart.yaml': 'apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: "1.16.0"\n',
      ...v.files,
    };
    try {
      const r = renderChart(
        { files },
        {
          values: JSON.parse(JSON.stringify(v.values ?? {})) as Record<string, unknown>,
          release: { name: 'rel', namespace: 'default' },
        },
      );
      const withNotes: Record<string, string> = Object.fromEntries(r.files);
      return { name: v.name, out: '', files: withNotes };
    } catch (e) {
      return { name: v.name, out: '', err: (e as Error).message };
    }
  }
  try {
    const t = compileGoTemplate(v.tpl ?? '', {
      name: v.tplName ?? 't',
      sprig: v.mode !== 'plain',
      istio: v.mode === 'istio',
      missingKey: v.missingKey ?? 'default',
    });
    // The oracle reads the data as JSON: round-trip it the same way (-0 becomes 0, undefined keys vanish).
    const data = v.data === undefined ? undefined : decode(JSON.parse(JSON.stringify(v.data)));
    return { name: v.name, out: t.execute(data) };
  } catch (e) {
    if (e instanceof TemplateError) return { name: v.name, out: e.partial, err: e.message };
    return { name: v.name, out: '', err: `JS: ${(e as Error).stack}` };
  }
}
