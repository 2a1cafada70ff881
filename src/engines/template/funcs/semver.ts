// Sprig's semver and semverCompare (Masterminds/semver v3 rules: loose versions, ^ ~ ranges, wildcards,
// hyphen ranges, "||" alternatives, prereleases only match constraints that name one).
import { def, type FuncMap, GoError } from '../func-types.js';
import { GO_TYPE, Typed } from '../values.js';

const VERSION_RE =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export class SemVersion {
  readonly [GO_TYPE] = '*semver.Version';
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
  ) {}
  static parse(s: string): SemVersion {
    const m = VERSION_RE.exec(s);
    if (!m) throw new GoError('invalid semantic version');
    if (m[4]?.split('.').some((p) => /^0\d+$/.test(p))) throw new GoError('Version segment starts with 0');
    return new SemVersion(BigInt(m[1]!), BigInt(m[2] ?? 0), BigInt(m[3] ?? 0), m[4] ?? '', m[5] ?? '', s);
  }
  Major() {
    return new Typed('uint64', this.major);
  }
  Minor() {
    return new Typed('uint64', this.minor);
  }
  Patch() {
    return new Typed('uint64', this.patch);
  }
  Prerelease() {
    return this.pre;
  }
  Metadata() {
    return this.metadata;
  }
  Original() {
    return this.original;
  }
  String() {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? `-${this.pre}` : ''}${this.metadata ? `+${this.metadata}` : ''}`;
  }
  compare(o: SemVersion): number {
    for (const [a, b] of [
      [this.major, o.major],
      [this.minor, o.minor],
      [this.patch, o.patch],
    ] as const) {
      if (a !== b) return a < b ? -1 : 1;
    }
    return comparePre(this.pre, o.pre);
  }
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

interface Con {
  majorDirty: boolean;
  op: string;
  v: SemVersion;
  minorDirty: boolean;
  patchDirty: boolean;
  dirty: boolean;
}

const CON_RE =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*(v?[0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)\s*$/;

function parseCon(s: string): Con {
  const m = CON_RE.exec(s);
  if (!m) throw new GoError(`improper constraint: ${s}`);
  const raw = m[2]!;
  const parts = /^v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(.*)$/.exec(raw)!;
  const wild = (x: string | undefined) => x === undefined || /^[xX*]$/.test(x);
  const majorWild = /^[xX*]$/.test(parts[1]!);
  const minorDirty = majorWild || wild(parts[2]);
  const patchDirty = minorDirty || wild(parts[3]);
  const num = (x: string | undefined) => (x === undefined || /^[xX*]$/.test(x) ? '0' : x);
  const v = SemVersion.parse(`${num(parts[1])}.${num(parts[2])}.${num(parts[3])}${parts[4]}`);
  return {
    op: m[1] ?? '',
    v,
    minorDirty,
    patchDirty,
    dirty: minorDirty || patchDirty,
    majorDirty: majorWild,
  };
}

function check(c: Con, v: SemVersion): boolean {
  if (v.pre !== '' && c.v.pre === '') return false;
  const cmp = v.compare(c.v);
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty) {
        if (c.majorDirty) return true;
        if (c.minorDirty) return v.major === c.v.major;
        return v.major === c.v.major && v.minor === c.v.minor;
      }
      return cmp === 0;
    case '!=':
      if (c.dirty) {
        if (c.minorDirty) return v.major !== c.v.major;
        return !(v.major === c.v.major && v.minor === c.v.minor);
      }
      return cmp !== 0;
    case '>':
      if (c.minorDirty) return v.major > c.v.major;
      if (c.patchDirty) return v.major > c.v.major || (v.major === c.v.major && v.minor > c.v.minor);
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
    case '=>':
      return cmp >= 0;
    case '<=':
    case '=<':
      if (c.minorDirty) return v.major <= c.v.major;
      if (c.patchDirty) return v.major < c.v.major || (v.major === c.v.major && v.minor <= c.v.minor);
      return cmp <= 0;
    case '~':
    case '~>':
      if (cmp < 0) return false;
      if (c.minorDirty) return v.major === c.v.major;
      return v.major === c.v.major && v.minor === c.v.minor;
    case '^':
      if (cmp < 0) return false;
      if (c.v.major > 0n || c.minorDirty) return v.major === c.v.major;
      if (c.v.minor > 0n || c.patchDirty) return v.major === 0n && v.minor === c.v.minor;
      return v.major === 0n && v.minor === 0n && v.patch === c.v.patch;
  }
  return false;
}

export function semverCompare(constraint: string, version: string): boolean {
  const v = SemVersion.parse(version);
  const groups = constraint.split('||').map((g) => {
    const hy = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(g);
    if (hy) return [parseCon(`>= ${hy[1]}`), parseCon(`<= ${hy[2]}`)];
    const parts = g
      .split(/\s*,\s*|\s+(?=[=!<>~^v0-9xX*])/)
      .map((s) => s.trim())
      .filter(Boolean)
      .reduce<string[]>((acc, s) => {
        if (/^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)$/.test(s)) acc.push(s);
        else if (acc.length && /^(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)$/.test(acc[acc.length - 1]!))
          acc[acc.length - 1] += s;
        else acc.push(s);
        return acc;
      }, []);
    if (parts.length === 0) throw new GoError(`improper constraint: ${constraint}`);
    return parts.map(parseCon);
  });
  return groups.some((g) => g.every((c) => check(c, v)));
}

export function semverFuncs(): FuncMap {
  return {
    semver: def(['string'], (s: string) => SemVersion.parse(s)),
    semverCompare: def(['string', 'string'], semverCompare),
  };
}
