// Sprig v3 date functions over a Go-like time.Time (UTC or a fixed offset; "Local" is UTC here).
import { def, type FuncMap, GoError } from '../func-types.js';
import { GO_TYPE, kindOf, Typed, unwrapTyped } from '../values.js';

export class GoTime {
  readonly [GO_TYPE] = 'time.Time';
  constructor(
    readonly unixNs: bigint,
    readonly offsetSec = 0,
    readonly zone = 'UTC',
  ) {}
  static now(): GoTime {
    const ms = BigInt(Date.now());
    return new GoTime(ms * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1e6)));
  }
  String(): string {
    return formatTime(this, '2006-01-02 15:04:05.999999999 -0700 MST');
  }
  Unix(): bigint {
    return floorDiv(this.unixNs, 1_000_000_000n);
  }
  UnixNano(): bigint {
    return this.unixNs;
  }
  Year(): bigint {
    return BigInt(this.parts().year);
  }
  Format(layout: string): string {
    return formatTime(this, layout);
  }
  UTC(): GoTime {
    return new GoTime(this.unixNs);
  }
  parts() {
    const secs = Number(floorDiv(this.unixNs, 1_000_000_000n)) + this.offsetSec;
    const d = new Date(secs * 1000);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      min: d.getUTCMinutes(),
      sec: d.getUTCSeconds(),
      nanos: Number(((this.unixNs % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n),
      weekday: d.getUTCDay(),
      yday:
        Math.floor(
          (Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) -
            Date.UTC(d.getUTCFullYear(), 0, 1)) /
            864e5,
        ) + 1,
    };
  }
}

const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const p2 = (n: number) => String(n).padStart(2, '0');

const TOKENS = [
  'January',
  'Monday',
  '2006',
  '-07:00:00',
  '-0700',
  '-07:00',
  'Z07:00:00',
  'Z0700',
  'Z07:00',
  '-07',
  'Z07',
  'Jan',
  'Mon',
  'MST',
  '002',
  '__2',
  '_2',
  '15',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  'PM',
  'pm',
  '1',
  '2',
  '3',
  '4',
  '5',
];

export function formatTime(t: GoTime, layout: string): string {
  const p = t.parts();
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?!\d)/.exec(layout.slice(i));
    if (frac) {
      const n = frac[1]!.length;
      let digits = String(p.nanos).padStart(9, '0').slice(0, n);
      if (frac[1]![0] === '9') {
        digits = digits.replace(/0+$/, '');
        out += digits ? layout[i] + digits : '';
      } else out += layout[i] + digits;
      i += frac[0].length;
      continue;
    }
    const tok = TOKENS.find((k) => layout.startsWith(k, i));
    if (!tok) {
      out += layout[i];
      i++;
      continue;
    }
    i += tok.length;
    const off = t.offsetSec;
    const sign = off < 0 ? '-' : '+';
    const ao = Math.abs(off);
    const oh = p2(Math.floor(ao / 3600));
    const om = p2(Math.floor((ao % 3600) / 60));
    switch (tok) {
      case 'January':
        out += MONTHS[p.month - 1];
        break;
      case 'Jan':
        out += MONTHS[p.month - 1]!.slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[p.weekday];
        break;
      case 'Mon':
        out += DAYS[p.weekday]!.slice(0, 3);
        break;
      case '2006':
        out += String(p.year).padStart(4, '0');
        break;
      case '06':
        out += p2(p.year % 100);
        break;
      case '01':
        out += p2(p.month);
        break;
      case '1':
        out += String(p.month);
        break;
      case '02':
        out += p2(p.day);
        break;
      case '_2':
        out += String(p.day).padStart(2, ' ');
        break;
      case '2':
        out += String(p.day);
        break;
      case '002':
        out += String(p.yday).padStart(3, '0');
        break;
      case '__2':
        out += String(p.yday).padStart(3, ' ');
        break;
      case '15':
        out += p2(p.hour);
        break;
      case '03':
        out += p2(p.hour % 12 === 0 ? 12 : p.hour % 12);
        break;
      case '3':
        out += String(p.hour % 12 === 0 ? 12 : p.hour % 12);
        break;
      case '04':
        out += p2(p.min);
        break;
      case '4':
        out += String(p.min);
        break;
      case '05':
        out += p2(p.sec);
        break;
      case '5':
        out += String(p.sec);
        break;
      case 'PM':
        out += p.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += p.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        out += t.zone || `${sign}${oh}${om}`;
        break;
      case '-0700':
        out += `${sign}${oh}${om}`;
        break;
      case '-07:00':
        out += `${sign}${oh}:${om}`;
        break;
      case '-07':
        out += `${sign}${oh}`;
        break;
      case '-07:00:00':
        out += `${sign}${oh}:${om}:${p2(ao % 60)}`;
        break;
      case 'Z0700':
        out += off === 0 ? 'Z' : `${sign}${oh}${om}`;
        break;
      case 'Z07:00':
        out += off === 0 ? 'Z' : `${sign}${oh}:${om}`;
        break;
      case 'Z07':
        out += off === 0 ? 'Z' : `${sign}${oh}`;
        break;
      case 'Z07:00:00':
        out += off === 0 ? 'Z' : `${sign}${oh}:${om}:${p2(ao % 60)}`;
        break;
    }
  }
  return out;
}

/** time.Duration.String() for nanoseconds. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    let unit: string;
    let div: bigint;
    if (u < 1000n) return `${neg ? '-' : ''}${u}ns`;
    if (u < 1_000_000n) {
      unit = 'µs';
      div = 1000n;
    } else {
      unit = 'ms';
      div = 1_000_000n;
    }
    out = fracStr(u, div) + unit;
  } else {
    const h = u / 3_600_000_000_000n;
    u -= h * 3_600_000_000_000n;
    const m = u / 60_000_000_000n;
    u -= m * 60_000_000_000n;
    out = `${fracStr(u, 1_000_000_000n)}s`;
    if (h > 0n) out = `${h}h${m}m${out}`;
    else if (m > 0n) out = `${m}m${out}`;
  }
  return (neg ? '-' : '') + out;
}

function fracStr(v: bigint, div: bigint): string {
  const whole = v / div;
  let frac = (v % div)
    .toString()
    .padStart(div.toString().length - 1, '0')
    .replace(/0+$/, '');
  if (frac) frac = `.${frac}`;
  return `${whole}${frac}`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

/** time.ParseDuration */
export function parseDuration(s: string): bigint {
  const orig = s;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw new GoError(`time: invalid duration "${orig}"`);
  let total = 0;
  while (s !== '') {
    const m = /^(\d*)(\.\d*)?(ns|us|µs|μs|ms|s|m|h)?/.exec(s)!;
    if (!m[0] || (m[1] === '' && (m[2] ?? '.') === '.'))
      throw new GoError(`time: invalid duration "${orig}"`);
    if (!m[3]) throw new GoError(`time: missing unit in duration "${orig}"`);
    total += Number(`${m[1] || '0'}${m[2] ?? ''}`) * Number(UNITS[m[3]]!);
    s = s.slice(m[0].length);
  }
  const r = BigInt(Math.round(total));
  return neg ? -r : r;
}

function toTime(v: unknown): GoTime {
  const x = unwrapTyped(v);
  if (x instanceof GoTime) return x;
  if (kindOf(v) === 'int' && (!(v instanceof Typed) || ['int64', 'int', 'int32'].includes(v.type)))
    return new GoTime((x as bigint) * 1_000_000_000n);
  return GoTime.now();
}

function inZone(t: GoTime, zone: string): GoTime {
  if (zone === 'UTC' || zone === 'Local' || zone === '') return new GoTime(t.unixNs);
  try {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' });
    const part = fmt
      .formatToParts(new Date(Number(t.unixNs / 1_000_000n)))
      .find((p) => p.type === 'timeZoneName');
    const m = /GMT([+-])(\d+)(?::(\d+))?/.exec(part?.value ?? '');
    const off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60) : 0;
    const abbr = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(Number(t.unixNs / 1_000_000n)))
      .find((p) => p.type === 'timeZoneName')?.value;
    return new GoTime(t.unixNs, off, abbr && !/GMT/.test(abbr) ? abbr : '');
  } catch {
    return new GoTime(t.unixNs);
  }
}

export function sprigTimeFuncs(): FuncMap {
  const dateInZone = (fmt: string, d: unknown, zone: string) => formatTime(inZone(toTime(d), zone), fmt);
  return {
    now: def([], () => GoTime.now()),
    date: def(['string', 'any'], (f: string, d: unknown) => dateInZone(f, d, 'Local')),
    dateInZone: def(['string', 'any', 'string'], dateInZone),
    date_in_zone: def(['string', 'any', 'string'], dateInZone),
    htmlDate: def(['any'], (d: unknown) => dateInZone('2006-01-02', d, 'Local')),
    htmlDateInZone: def(['any', 'string'], (d: unknown, z: string) => dateInZone('2006-01-02', d, z)),
    dateModify: def(['string', 'time.Time'], (f: string, t: GoTime) => {
      try {
        return new GoTime(t.unixNs + parseDuration(f), t.offsetSec, t.zone);
      } catch {
        return t;
      }
    }),
    date_modify: def(['string', 'time.Time'], (f: string, t: GoTime) => {
      try {
        return new GoTime(t.unixNs + parseDuration(f), t.offsetSec, t.zone);
      } catch {
        return t;
      }
    }),
    mustDateModify: def(
      ['string', 'time.Time'],
      (f: string, t: GoTime) => new GoTime(t.unixNs + parseDuration(f), t.offsetSec, t.zone),
    ),
    must_date_modify: def(
      ['string', 'time.Time'],
      (f: string, t: GoTime) => new GoTime(t.unixNs + parseDuration(f), t.offsetSec, t.zone),
    ),
    ago: def(['any'], (d: unknown) => {
      const t = toTime(d);
      const diff = GoTime.now().unixNs - t.unixNs;
      return formatDuration(((diff + 500_000_000n) / 1_000_000_000n) * 1_000_000_000n);
    }),
    duration: def(['any'], (sec: unknown) => {
      let n = 0n;
      if (typeof sec === 'string') n = /^[+-]?\d+$/.test(sec) ? BigInt(sec) : 0n;
      else if (sec instanceof Typed && sec.type === 'int64') n = sec.value as bigint;
      return formatDuration(n * 1_000_000_000n);
    }),
    durationRound: def(['any'], (dur: unknown) => {
      let d = 0n;
      if (typeof dur === 'string') {
        try {
          d = parseDuration(dur);
        } catch {
          d = 0n;
        }
      } else if (dur instanceof Typed && dur.type === 'int64') d = dur.value as bigint;
      else if (dur instanceof GoTime) d = GoTime.now().unixNs - dur.unixNs;
      let u = d < 0n ? -d : d;
      const H = 3_600_000_000_000n;
      const steps: [bigint, string][] = [
        [H * 24n * 365n, 'y'],
        [H * 24n * 30n, 'mo'],
        [H * 24n, 'd'],
        [H, 'h'],
        [60_000_000_000n, 'm'],
        [1_000_000_000n, 's'],
      ];
      for (const [size, unit] of steps) if (u > size) return `${u / size}${unit}`;
      u = 0n;
      return '0s';
    }),
    toDate: def(
      ['string', 'string'],
      (f: string, s: string) =>
        (rangeError(f, s) ? null : parseTime(f, s)) ?? new GoTime(-62135596800n * 1_000_000_000n),
    ),
    mustToDate: def(['string', 'string'], (f: string, s: string) => {
      const range = rangeError(f, s);
      if (range) throw new GoError(`parsing time ${JSON.stringify(s)}: ${range}`);
      const t = parseTime(f, s);
      if (!t) throw new GoError(`parsing time "${s}" as "${f}": cannot parse "${s}" as "${f}"`);
      return t;
    }),
    unixEpoch: def(['time.Time'], (t: GoTime) => String(t.Unix())),
  };
}

/** time.Parse's range checks for the numeric layouts parseTime understands. */
function rangeError(layout: string, s: string): string | null {
  if (!layout.startsWith('2006-01-02')) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as number[];
  if (mo! < 1 || mo! > 12) return 'month out of range';
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! < 1 || d! > days) return 'day out of range';
  if (h! > 23) return 'hour out of range';
  if (mi! > 59) return 'minute out of range';
  if (se! > 59) return 'second out of range';
  return null;
}

function parseTime(layout: string, s: string): GoTime | null {
  const std: Record<string, string> = {
    '2006-01-02': '^(\\d{4})-(\\d{2})-(\\d{2})$',
    '2006-01-02 15:04:05': '^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})$',
    '2006-01-02T15:04:05Z07:00':
      '^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(Z|[+-]\\d{2}:\\d{2})$',
  };
  const re = std[layout];
  if (!re) return null;
  const m = new RegExp(re).exec(s);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0', z] = m.slice(1);
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  let off = 0;
  if (z && z !== 'Z') {
    off = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 3600 + Number(z.slice(4, 6)) * 60);
    ms -= off * 1000;
  }
  return new GoTime(BigInt(ms) * 1_000_000n, off, off === 0 ? 'UTC' : '');
}
