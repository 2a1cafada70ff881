// Which texts goyaml v2 (behind sigs.k8s.io/yaml) would read back as something other than a string
// if written unquoted (its resolve()): the encoder quotes those. Booleans and nulls of YAML 1.1,
// Go's integer and float syntaxes, and timestamps as Go's time.Parse takes them.

const RESOLVE_NON_STR = new Set(
  (
    'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ~ null Null NULL ' +
    '.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<'
  )
    .split(' ')
    .concat(''),
);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** goyaml's encoder quotes these too: a YAML 1.1 reader would take them for base 60 numbers. */
export const isBase60Float = (s: string) => base60Float.test(s);

/**
 * goyaml v2's parseTimestamp: a text that starts with four digits and "-" is a timestamp when Go's
 * time.Parse accepts it in one of the layouts "2006-1-2T15:4:5.999999999Z07:00" (also with "t"),
 * "2006-1-2 15:4:5.999999999" (a layout space matches any run of spaces) and "2006-1-2" — so the
 * date must exist and every part be in range.
 */
const GO_TIMESTAMP =
  /^(\d{4})-(\d\d?)-(\d\d?)(?:[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d))| +(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?)?$/;

export function isGoTimestamp(s: string): boolean {
  // parseTimestamp's own quick check first: four digits and "-".
  if (s.charCodeAt(4) !== 0x2d) return false;
  const m = GO_TIMESTAMP.exec(s);
  if (m === null) return false;
  const n = (i: number) => Number(m[i] ?? 0);
  const [year, month, day] = [n(1), n(2), n(3)];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays =
    month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (month < 1 || month > 12 || day < 1 || day > monthDays) return false;
  // Time of day below 24:60:60; a zone offset up to 24 hours and 60 minutes (time.Parse's own bounds).
  const [hour, minute, second] = m[4] !== undefined ? [n(4), n(5), n(6)] : [n(9), n(10), n(11)];
  return hour < 24 && minute < 60 && second < 60 && n(7) <= 24 && n(8) <= 60;
}

const ALL_DIGITS = /^[0-9]+$/;

/** Go's strconv.ParseInt/ParseUint with base 0 (after goyaml dropped underscores). */
function goParsesAsInt(s: string): boolean {
  let t = s;
  if (t.startsWith('+') || t.startsWith('-')) t = t.slice(1);
  if (t === '') return false;
  return /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.test(t);
}

/** True when goyaml.v2 would read the unquoted text as something other than a string. */
export function resolvesNonString(s: string): boolean {
  if (RESOLVE_NON_STR.has(s)) return true;
  const c = s.charCodeAt(0);
  if (c === 0x2e) return !Number.isNaN(Number.parseFloat(s)) && /^\.[0-9]/.test(s) && yamlStyleFloat.test(s);
  if (c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    // Digits only: an integer, or (with an 8 or 9 after a leading 0) a float.
    if (ALL_DIGITS.test(s)) return true;
    if (isGoTimestamp(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain)) return true;
    if (yamlStyleFloat.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}
