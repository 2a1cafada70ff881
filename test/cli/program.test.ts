import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runBin, runCli } from '../support/run-cli.js';

describe('program', () => {
  it('lists the registered commands in --help', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /version/);
    assert.match(r.stdout, /completion/);
  });

  it('prints help and succeeds with no arguments, as cobra does', async () => {
    const r = await runCli([]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage: istioctl/);
  });

  it('exits 64 with a suggestion on a mistyped command', async () => {
    const r = await runCli(['versoin']);
    assert.equal(r.code, 64);
    assert.match(r.stderr, /unknown command "versoin" for "istioctl"/);
    assert.match(r.stderr, /Did you mean this\?\n\tversion/);
  });

  it('exits 64 on an unknown command without a close match', async () => {
    const r = await runCli(['nosuch']);
    assert.equal(r.code, 64);
    assert.match(r.stderr, /^Error: unknown command "nosuch" for "istioctl"/);
  });

  it('exits 64 on an unknown flag and on a bad flag value', async () => {
    assert.equal((await runCli(['version', '--bogus'])).code, 64);
    assert.equal((await runCli(['version', '--remote=false', '--kubeclient-timeout', 'soon'])).code, 64);
    assert.equal((await runCli(['version', '--vklog', 'x'])).code, 64);
  });

  it('exits 64 when a flag value is missing', async () => {
    const r = await runCli(['version', '-o']);
    assert.equal(r.code, 64);
    assert.match(r.stderr, /flag needs an argument: --output/);
  });

  it('exits 1, not 64, on excess positional arguments (cobra Args validators)', async () => {
    const r = await runCli(['version', 'extra', '--remote=false']);
    assert.equal(r.code, 1);
  });

  it('accepts Go-style --flag=false for booleans', async () => {
    const r = await runCli(['version', '--remote=false', '--short=true']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'client version: 1.30.3\n');
  });

  it('never prints a stack trace from the real executable', () => {
    const r = runBin(['version', '-o', 'xml', '--remote=false']);
    assert.equal(r.code, 64);
    assert.equal(r.stderr, "Error: --output must be 'yaml' or 'json'\n");
  });
});
