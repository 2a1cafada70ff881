// istioctl validate (alias v): offline validation of Istio resources in files, directories or stdin.
import { isAbsolute, join, relative } from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { IstioctlError, UsageError } from '../cli/errors.js';
import { boolFlag, sliceFlag } from '../cli/flags.js';

export interface ValidateOptions {
  filenames: string[];
  istioNamespace: string;
  defaultNamespace: string;
}

const MISSING_FILENAME = `error: you must specify resources by --filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'`;

const FILE_FORMATS = /\.(json|ya?ml)$/i;

function register(parent: Command, ctx: CommandContext): void {
  const cmd = parent
    .command('validate')
    .alias('v')
    .description('Validate Istio policy and rules files')
    .argument('[args...]');
  sliceFlag(cmd, '-f, --filename <files>', 'Inputs of files containing resources to validate');
  boolFlag(cmd, '-x, --referential', 'Enable structural validation for policy and telemetry', true);
  cmd.options.find((o) => o.long === '--referential')?.hideHelp();
  cmd.addHelpText(
    'after',
    `
Examples:
  # Validate bookinfo-gateway.yaml
  istioctl validate -f samples/bookinfo/networking/bookinfo-gateway.yaml

  # Validate every file in a directory (only .json, .yaml and .yml files are read)
  istioctl validate -f samples/bookinfo/networking

  # Validate from stdin
  kubectl get -o yaml deployment httpbin | istioctl validate -f -
`,
  );
  cmd.action(async (args: string[], raw: Record<string, unknown>, c: Command) => {
    if (args.length) throw new UsageError(`unknown command "${args[0]}" for "istioctl validate"`);
    const g = ctx.globals(c);
    await run(
      {
        filenames: (raw.filename as string[] | undefined) ?? [],
        istioNamespace: g.istioNamespace,
        defaultNamespace: 'default',
      },
      ctx.deps,
    );
  });
}

export async function run(opts: ValidateOptions, deps: Deps): Promise<void> {
  if (!opts.filenames.length) throw new IstioctlError(MISSING_FILENAME);
  const { parseYamlDocuments } = await import('../inputs/yaml-documents.js');
  const { validateDocument } = await import('../engines/validate/documents.js');
  const { multiErrorText, summaryText } = await import('../writers/validate.js');
  const errors: string[] = [];
  const results = new Map<string, string[]>();
  // `shown` is the name as the user gave it (or as found below a given directory)
  const processFile = async (shown: string, read: () => Promise<string>) => {
    let text: string;
    try {
      text = await read();
    } catch (e) {
      errors.push(`open ${shown}: ${(e as Error).message}`);
      return;
    }
    const warnings: string[] = [];
    for (const doc of await parseYamlDocuments(text, shown)) {
      const v = validateDocument({ value: doc.value, file: shown, line: doc.line, source: doc.source }, opts);
      for (const n of v.notes) deps.io.err.write(`${n}\n`);
      errors.push(...v.errors);
      warnings.push(...v.warnings);
    }
    results.set(shown, warnings);
  };
  for (const f of opts.filenames) {
    if (f === '-') {
      await processFile(f, () => deps.io.readStdin());
      continue;
    }
    const abs = isAbsolute(f) ? f : join(deps.cwd, f);
    if (!(await deps.files.exists(abs))) {
      errors.push(`cannot stat file ${JSON.stringify(f)}: stat ${f}: no such file or directory`);
    } else if (!(await deps.files.isDirectory(abs))) {
      await processFile(f, () => deps.files.readFile(abs));
    } else {
      for (const p of await deps.files.walk(abs)) {
        if (FILE_FORMATS.test(p)) await processFile(join(f, relative(abs, p)), () => deps.files.readFile(p));
      }
    }
  }
  const files = [...results].map(([file, warnings]) => ({ file, warnings }));
  deps.io.err.write(summaryText(files, errors.length > 0));
  // the multierror text ends in a blank line, and main adds one more newline, as cobra does
  if (errors.length) throw new IstioctlError(multiErrorText(errors));
}

export const validateCommand = { register };
