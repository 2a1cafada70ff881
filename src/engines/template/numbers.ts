// strconv.FormatFloat(v, fmt, prec, 64) for 'e', 'E', 'f', 'g', 'G' (and a plain 'x'/'b' fallback),
// working on exact decimal digits so rounding (half to even) matches Go.

interface Digits {
  d: string; // significant digits, no trailing zeros
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function exactDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trim({ d: digits, dp });
}

function trim(x: Digits): Digits {
  let d = x.d;
  let lead = 0;
  while (lead < d.length && d[lead] === '0') lead++;
  d = d.slice(lead);
  const dp = x.dp - lead;
  d = d.replace(/0+$/, '');
  return { d, dp: d === '' ? 0 : dp };
}

function shortestDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  const s = v.toExponential();
  const [m, e] = s.split('e');
  const d = m!.replace('.', '');
  return trim({ d, dp: Number(e) + 1 });
}

/** Round to nd significant digits, half to even on the exact expansion. */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up = false;
  if (next > 5) up = true;
  else if (next === 5) {
    if (nd + 1 < x.d.length) up = true;
    else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  }
  let d = x.d.slice(0, nd);
  let dp = x.dp;
  if (up) {
    let i = d.length - 1;
    while (i >= 0 && d[i] === '9') i--;
    if (i < 0) {
      d = '1';
      dp++;
    } else d = d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1);
  }
  return trim({ d, dp });
}

function fmtE(x: Digits, prec: number, e: string): string {
  let out = x.d.length ? x.d[0]! : '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += i < x.d.length ? x.d[i] : '0';
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  if (exp < 0) exp = -exp;
  return `${out}${e}${sign}${exp < 10 ? `0${exp}` : String(exp)}`;
}

function fmtF(x: Digits, prec: number): string {
  let out = '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) out += i < x.d.length ? x.d[i] : '0';
  } else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      out += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return out;
}

export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const sign = neg ? '-' : '';
  if (fmt === 'x' || fmt === 'X' || fmt === 'b') return sign + hexFloat(a, fmt, prec);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(a);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const exact = exactDigits(a);
    if (fmt === 'e' || fmt === 'E') digs = roundDigits(exact, prec + 1);
    else if (fmt === 'f') digs = roundDigits(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return sign + fmtE(digs, prec, fmt);
    case 'f':
      return sign + fmtF(digs, prec);
    default: {
      let eprec = prec;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > digs.d.length) prec = digs.d.length;
        return sign + fmtE(digs, prec - 1, fmt === 'G' ? 'E' : 'e');
      }
      if (prec > digs.dp) prec = digs.d.length;
      return sign + fmtF(digs, Math.max(prec - digs.dp, 0));
    }
  }
}

function hexFloat(a: number, fmt: string, prec: number): string {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const bits = buf.getBigUint64(0);
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (a === 0) exp = 0;
  else if (exp === 0) {
    exp = -1022;
    while (mant < 1n << 52n) {
      mant <<= 1n;
      exp--;
    }
    mant &= (1n << 52n) - 1n;
  } else exp -= 1023;
  let lead = a === 0 ? 0n : 1n;
  if (prec >= 0 && prec < 13) {
    const shift = BigInt(52 - prec * 4);
    const full = (lead << 52n) | mant;
    let q = full >> shift;
    const rem = full & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    if (q >> BigInt(prec * 4) >= 2n) {
      q >>= 1n;
      exp++;
    }
    lead = q >> BigInt(prec * 4);
    mant = (q & ((1n << BigInt(prec * 4)) - 1n)) << shift;
  }
  let frac = mant.toString(16).padStart(13, '0');
  if (prec < 0) frac = frac.replace(/0+$/, '');
  else frac = frac.slice(0, prec).padEnd(prec, '0');
  const s = `0x${lead}${frac ? `.${frac}` : ''}p${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return fmt === 'X' ? s.toUpperCase() : s;
}

/** Go's strconv.FormatFloat(f, 'f', -1, 64) — used by Sprig and YAML/JSON encoders. */
export const shortestFixed = (v: number): string => formatFloat(v, 'f', -1);
