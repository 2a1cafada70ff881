// The public API beyond Go semantics: options, caching, errors with partial output, caller functions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  compileGoTemplate,
  goFunc,
  renderGoTemplate,
  TemplateError,
} from '../../../src/engines/template/index.js';

test('TemplateError carries Go text and the output written before the failure', () => {
  try {
    renderGoTemplate('before {{ fail "stop" }} after', {}, { name: 'x' });
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    assert.equal(e.message, 'template: x:1:10: executing "x" at <fail "stop">: error calling fail: stop');
    assert.equal(e.partial, 'before ');
  }
});

test('parse errors are TemplateErrors too', () => {
  assert.throws(
    () => renderGoTemplate('{{ if }}', {}),
    (e: unknown) => e instanceof TemplateError && /missing value for if/.test((e as Error).message),
  );
});

test('compiled templates execute many times and expose defined templates', () => {
  const t = compileGoTemplate(
    '{{ define "row" }}<{{ . }}>{{ end }}{{ range . }}{{ template "row" . }}{{ end }}',
  );
  assert.equal(t.execute([1, 2]), '<1><2>');
  assert.equal(t.execute(['a']), '<a>');
  assert.deepEqual(t.templateNames(), ['row']);
  assert.equal(t.executeTemplate('row', 'z'), '<z>');
});

test('caller functions: plain JS functions are variadic interface{}, goFunc declares Go types', () => {
  const funcs = {
    shout: (s: unknown) => `${String(s).toUpperCase()}!`,
    twice: goFunc(['int'], (n: bigint) => n * 2n),
  };
  assert.equal(renderGoTemplate('{{ shout "hi" }} {{ twice 21 }}', {}, { funcs }), 'HI! 42');
  assert.throws(() => renderGoTemplate('{{ twice "x" }}', {}, { funcs }), /expected integer; found "x"/);
});

test('modes: plain text/template has no Sprig, helm mode renders missing keys empty, env is opt-in', () => {
  assert.throws(
    () => renderGoTemplate('{{ upper "a" }}', {}, { sprig: false }),
    /function "upper" not defined/,
  );
  assert.equal(renderGoTemplate('[{{ .missing }}]', {}, { mode: 'helm' }), '[]');
  assert.equal(renderGoTemplate('[{{ .missing }}]', {}), '[<no value>]');
  assert.equal(renderGoTemplate('{{ env "X" }}', {}, { env: { X: 'set' } }), 'set');
  assert.throws(() => renderGoTemplate('{{ env "X" }}', {}, { mode: 'helm' }), /function "env" not defined/);
});
