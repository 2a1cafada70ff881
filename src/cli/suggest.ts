// "Did you mean this?" as cobra computes it: Levenshtein distance ≤ 2, or a prefix match.

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

export function suggestions(typed: string, candidates: Iterable<string>): string[] {
  const t = typed.toLowerCase();
  const out = new Set<string>();
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (levenshtein(t, lc) <= 2 || lc.startsWith(t)) out.add(c);
  }
  return [...out].sort();
}
