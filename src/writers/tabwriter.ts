// Go's text/tabwriter with istioctl's settings (minwidth 0, tabwidth 8, padchar ' ', flags 0).
// Tables are byte-compared with upstream goldens, so this mirrors tabwriter's column-block
// algorithm exactly: a tab terminates a cell; the text after a line's last tab is not a column;
// a column's width is computed over each run of consecutive lines that have a cell there.

interface Cell {
  text: string;
  width: number;
}

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function tabwrite(text: string, padding: number, minwidth = 0): string {
  const rawLines = text.split('\n');
  // A trailing newline ends the last line; the empty remainder is not a line.
  const endsWithNewline = rawLines.length > 1 && rawLines[rawLines.length - 1] === '';
  if (endsWithNewline) rawLines.pop();
  const lines: Cell[][] = rawLines.map((l) => l.split('\t').map((t) => ({ text: t, width: runeWidth(t) })));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i]!;
      let s = '';
      for (const [j, c] of line.entries()) {
        s += c.text;
        if (j < widths.length && j < line.length - 1) s += ' '.repeat(Math.max(0, widths[j]! - c.width));
      }
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let width = minwidth;
      for (; t < line1; t++) {
        const line = lines[t]!;
        if (column >= line.length - 1) break;
        const w = line[column]!.width + padding;
        if (w > width) width = w;
      }
      widths.push(width);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells → a tabwriter table: every cell but the last of a row is tab-terminated. */
export function table(rows: string[][], padding: number): string {
  return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''), padding);
}
