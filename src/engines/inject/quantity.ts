// Kubernetes resource.Quantity canonical text ("2000m" → "2", "1024Mi" → "1Gi"), as a typed
// decode and re-encode of a pod prints it.

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(
  Object.entries(DECIMAL).map(([k, v]) => [v, k]),
);
const BINARY_SUFFIX: Record<number, string> = Object.fromEntries(
  Object.entries(BINARY).map(([k, v]) => [v, k]),
);

const quantityRe =
  /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** The canonical form of a quantity, or undefined when the text is not a quantity. */
export function canonicalQuantity(input: string | number): string | undefined {
  const text = String(input).trim();
  const m = quantityRe.exec(text);
  if (!m) return undefined;
  const [, num, suffix = ''] = m;
  let digits = num!;
  let sign = 1n;
  if (digits.startsWith('-')) {
    sign = -1n;
    digits = digits.slice(1);
  } else if (digits.startsWith('+')) digits = digits.slice(1);
  const [intPart = '', frac = ''] = digits.split('.');
  let mantissa = BigInt((intPart + frac).replace(/^0+(?=.)/, '') || '0') * sign;
  let scale = -frac.length;
  let format: 'bin' | 'dec' | 'exp';
  if (suffix in BINARY) {
    format = 'bin';
    mantissa *= 1n << BigInt(BINARY[suffix]!);
  } else if (suffix in DECIMAL) {
    format = 'dec';
    scale += DECIMAL[suffix]!;
  } else {
    format = 'exp';
    scale += Number(suffix.slice(1));
  }
  // Quantities keep at most nano precision and round up beyond it.
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    const q = mantissa / div;
    mantissa = q * div === mantissa ? q : q + (mantissa > 0n ? 1n : 0n);
    scale = -9;
  }
  if (mantissa === 0n) return '0';
  if (format === 'bin') {
    const abs = mantissa < 0n ? -mantissa : mantissa;
    const integral = scale >= 0 ? abs * 10n ** BigInt(scale) : undefined;
    const exact = scale >= 0 || abs % 10n ** BigInt(-scale) === 0n;
    const whole = integral ?? (exact ? abs / 10n ** BigInt(-scale) : 0n);
    if (whole < 1024n || !exact) format = 'dec';
    else {
      let amount = whole;
      let exp = 0;
      while (amount % 1024n === 0n && exp < 60) {
        amount /= 1024n;
        exp += 10;
      }
      return `${mantissa < 0n ? '-' : ''}${amount}${BINARY_SUFFIX[exp] ?? ''}`;
    }
  }
  let amount = mantissa;
  let exp = scale;
  while (amount !== 0n && amount % 10n === 0n) {
    amount /= 10n;
    exp++;
  }
  const r = ((exp % 3) + 3) % 3;
  if (r === 1) {
    amount *= 10n;
    exp -= 1;
  } else if (r === 2) {
    amount *= 100n;
    exp -= 2;
  }
  if (format === 'exp') return exp === 0 ? `${amount}` : `${amount}e${exp}`;
  const s = DECIMAL_SUFFIX[exp];
  return s !== undefined ? `${amount}${s}` : `${amount}e${exp}`;
}
