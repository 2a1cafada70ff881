#!/usr/bin/env node
// npm run bench: times whole commands (several runs after a warm-up) and prints medians,
// ratios to a baseline measured in the same run, and peak RSS where /usr/bin/time exists.
// Benchmarks live in test/bench/*.bench.mjs; each default-exports a function that returns
// cases: { name, cmd: [exe, ...args], baseline?: caseName, runs?, input?, env?, setup?(), skip? }.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'test', 'bench');
const only = process.argv.slice(2);
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const ctx = {
  root,
  node: process.execPath,
  bin: join(root, 'bin', 'istioctl.js'),
  shared: resolve(root, '..', 'shared'),
};

function once(c) {
  const argv = gnuTime ? [gnuTime, '-f', '%M', ...c.cmd] : c.cmd;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), {
    input: c.input ?? '',
    env: { ...process.env, ...c.env },
    maxBuffer: 1 << 30,
    encoding: 'buffer',
    cwd: c.cwd ?? root,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const errText = r.stderr.toString('utf8');
  if (r.status !== 0 && !(c.okCodes ?? []).includes(r.status)) {
    throw new Error(`${c.name}: exit ${r.status}: ${errText.slice(-500)}`);
  }
  const rssKb = gnuTime ? Number(errText.trim().split('\n').pop()) : Number.NaN;
  return { ms, rssKb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort();
const results = new Map();
console.log(
  `${'benchmark'.padEnd(58)} ${'median'.padStart(10)} ${'ratio'.padStart(8)} ${'peak RSS'.padStart(10)}  runs`,
);
for (const f of files) {
  const mod = await import(pathToFileURL(join(benchDir, f)).href);
  const cases = await mod.default(ctx);
  for (const c of cases) {
    if (only.length && !only.some((o) => c.name.includes(o) || f.includes(o))) continue;
    if (c.skip) {
      console.log(`${c.name.padEnd(58)} ${'skipped'.padStart(10)}  (${c.skip})`);
      continue;
    }
    if (c.setup) await c.setup();
    const runs = c.runs ?? 15;
    const warm = c.warmup ?? 2;
    for (let i = 0; i < warm; i++) once(c);
    const samples = Array.from({ length: runs }, () => once(c));
    const med = median(samples.map((s) => s.ms));
    const rss = Math.max(...samples.map((s) => s.rssKb));
    results.set(c.name, med);
    const base = c.baseline ? results.get(c.baseline) : undefined;
    const ratio = base ? `${(med / base).toFixed(2)}x` : '';
    const rssText = Number.isFinite(rss) ? `${(rss / 1024).toFixed(1)} MiB` : 'n/a';
    console.log(
      `${c.name.padEnd(58)} ${`${med.toFixed(1)} ms`.padStart(10)} ${ratio.padStart(8)} ${rssText.padStart(10)}  ${runs}`,
    );
    if (base) console.log(`  ratio is to: ${c.baseline}`);
  }
}
