// Text of `istioctl validate` results, in the shapes upstream prints them (hashicorp multierror).

/** `1 error occurred:` / `N errors occurred:` followed by `\t* item` lines and a blank line. */
export function multiErrorText(items: readonly string[]): string {
  const head = items.length === 1 ? '1 error occurred:' : `${items.length} errors occurred:`;
  return `${head}\n\t${items.map((i) => `* ${i}`).join('\n\t')}\n\n`;
}

/** The warnings block after `"file" has warnings: `. */
export function warningsText(items: readonly string[]): string {
  return `\n\t${items.map((i) => `* ${i}`).join('\n\t')}\n`;
}

export interface FileResult {
  file: string;
  warnings: string[];
}

/** The per-file summary lines, in the order the files were read. */
export function summaryText(results: readonly FileResult[], failed: boolean): string {
  let out = '';
  for (const r of results) {
    if (r.file === '-') {
      if (r.warnings.length) out += warningsText(r.warnings);
      else if (!failed) out += 'validation succeed\n';
      continue;
    }
    if (r.warnings.length) out += `${JSON.stringify(r.file)} has warnings: ${warningsText(r.warnings)}\n`;
    else if (!failed) out += `${JSON.stringify(r.file)} is valid\n`;
  }
  return out;
}
