// Template vectors run by both the Go oracle (test/oracles/gotemplate) and our engine. Each vector:
// { name, mode: 'plain'|'go'|'istio'|'helm', tpl?, data?, missingKey?, tplName?, files?, values? }.
// Data markers (decoded by both sides): {$int:"5"} Go int, {$strmap:{}} map[string]string,
// {$strs:[]} []string, {$obj:{...}} *main.Obj (a struct with methods), {$nilobj:true} nil *main.Obj,
// {$duration:{seconds,nanos}} *durationpb.Duration.
import { helmVectors } from './vectors-helm.mjs';
import { istioVectors } from './vectors-istio.mjs';
import { sprigVectors } from './vectors-sprig.mjs';

const I = (n) => ({ $int: String(n) });
const obj = (o) => ({ $obj: o });

const vectors = [];
let seq = 0;
function add(group, mode, tpl, data, extra = {}) {
  seq++;
  vectors.push({ name: `${group}-${String(seq).padStart(4, '0')}`, mode, tpl, data, ...extra });
}
const plain = (g, tpl, data, extra) => add(g, 'plain', tpl, data, extra);

const D = {
  a: 1,
  s: 'str',
  f: 1.5,
  big: 1000000,
  i: I(42),
  neg: I(-7),
  t: true,
  no: false,
  nil: null,
  empty: '',
  list: ['a', 'b', 'c'],
  nums: [3, 1, 2],
  ints: [I(1), I(2), I(3)],
  m: { z: 1, a: 'x', mid: [1, 2], sub: { k: 'v' } },
  em: {},
  el: [],
  nested: { a: { b: { c: 'deep' } } },
  o: obj({ Name: 'bob', Count: I(2), Data: { k: 'v' } }),
  po: { $nilobj: true },
  sm: { $strmap: { x: 'y', b: 'c' } },
  ss: { $strs: ['q', 'r'] },
};

// --- syntax ---------------------------------------------------------------------------------------
const syntax = [
  'plain text',
  '',
  '{{/* a comment */}}x',
  'a {{- /* trimmed */ -}} b',
  'a  {{- .s -}}  b',
  'a  {{- .s }}  b',
  'a  {{ .s -}}  b',
  'a\n\n  {{- .s -}}\n\n  b',
  '{{.s}}{{.a}}{{.f}}{{.big}}{{.i}}{{.neg}}',
  '{{.t}} {{.no}} {{.nil}} {{.empty}}|',
  '{{.list}} {{.nums}} {{.ints}} {{.m}} {{.em}} {{.el}}',
  '{{.nested.a.b.c}} {{.nested.a.b}} {{.nested.x.y}}',
  '{{.}}',
  '{{$}}',
  '{{ $x := 1 }}{{ $x }}{{ $x = 2 }}{{ $x }}',
  '{{ $x := .s }}{{ if true }}{{ $x = "in" }}{{ end }}{{ $x }}',
  '{{ $x := "out" }}{{ if true }}{{ $x := "shadow" }}{{ $x }}{{ end }}{{ $x }}',
  '{{ if .t }}T{{ end }}{{ if .no }}F{{ else }}E{{ end }}',
  '{{ if .no }}1{{ else if .nil }}2{{ else if .s }}3{{ else }}4{{ end }}',
  '{{ if .el }}1{{ else if .em }}2{{ else }}3{{ end }}',
  '{{ if 0 }}a{{ else }}b{{ end }}{{ if 0.0 }}a{{ else }}b{{ end }}{{ if "" }}a{{ else }}b{{ end }}',
  '{{ if .m }}map{{ end }}{{ if .o }}obj{{ end }}',
  '{{ with .s }}{{ . }}{{ end }}{{ with .empty }}x{{ else }}none{{ end }}',
  '{{ with .nil }}a{{ else with .s }}{{ . }}{{ end }}',
  '{{ with $x := .m.sub }}{{ $x.k }}{{ .k }}{{ end }}',
  '{{ range .list }}[{{ . }}]{{ end }}',
  '{{ range $i, $e := .list }}{{ $i }}:{{ $e }} {{ end }}',
  '{{ range $e := .list }}{{ $e }}{{ end }}',
  '{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}',
  '{{ range .el }}x{{ else }}empty{{ end }}',
  '{{ range .nil }}x{{ else }}nil{{ end }}',
  '{{ range .missing }}x{{ else }}missing{{ end }}',
  '{{ range 3 }}{{ . }}{{ end }}',
  '{{ range $i := 4 }}{{ $i }}{{ end }}',
  '{{ range .i }}.{{ end }}',
  '{{ range $i, $e := .list }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ $e }}{{ end }}',
  '{{ range .list }}{{ if eq . "b" }}{{ break }}{{ end }}{{ . }}{{ end }}',
  '{{ range .list }}{{ range $.nums }}{{ . }}{{ end }};{{ end }}',
  '{{ range $i, $v := .ints }}{{ $i }}{{ $v }}{{ end }}',
  '{{ define "t1" }}T1({{ . }}){{ end }}{{ template "t1" .s }}{{ template "t1" }}',
  '{{ define "t2" }}{{ .k }}{{ end }}{{ template "t2" .m.sub }}',
  '{{ block "blk" .s }}block:{{ . }}{{ end }}',
  '{{ define "rec" }}{{ if gt . 0 }}{{ . }}{{ template "rec" (sub . 1) }}{{ end }}{{ end }}{{ template "rec" 3 }}',
  '{{ "string" }} {{ `raw\\n` }} {{ \'a\' }} {{ 1 }} {{ 1.5 }} {{ 0x10 }} {{ 1e3 }} {{ true }} {{ -3 }}',
  "{{ 0o17 }} {{ 0b101 }} {{ 1_000 }} {{ .5 }} {{ 2. }} {{ 1e-7 }} {{ 0x1p4 }} {{ '\\n' }} {{ '\\u00e9' }}",
  '{{ "esc\\t\\"q\\" \\u00e9 \\x41" }}',
  '{{ print (1) (2.0) ("x") }}',
  '{{ (.m).sub.k }} {{ (index .m "sub").k }}',
  '{{ .s | printf "%s!" }}',
  '{{ .s | printf "%s-%s" "a" }}',
  '{{ "x" | print "a" "b" }}',
  '{{ 3 | printf "%d %d" 4 }}',
  '{{ $x := .list }}{{ index $x 1 }}{{ $x | len }}',
  '{{ $a, $b := 1 }}',
  '{{ range $a, $b := .m }}{{ $a }}{{ end }}',
  'line1\n{{ .s }}\nline3',
  '{{- .s -}}\n',
  '{{ if and .t .s }}yes{{ end }}{{ if or .no .empty }}no{{ else }}else{{ end }}',
  '{{ not .t }} {{ not .nil }} {{ not .el }}',
  '{{ with .m }}{{ .a }}{{ $.s }}{{ end }}',
  '{{ template "nope" }}',
  '{{ $ := 1 }}',
  '{{ range $i, $v := 3 }}{{ $i }}{{ end }}',
  '{{ range .f }}x{{ end }}',
  '{{ range .s }}x{{ end }}',
  '{{ .s.x }}',
  '{{ .list.x }}',
  '{{ .a.x }}',
  '{{ .nil.x }}',
  '{{ .missing.x.y }}',
  '{{ $.m.sub.k }}',
  '{{ .m.sub.k.z }}',
  '{{ nil }}',
  '{{ .s 1 }}',
  '{{ .m.a 1 }}',
  '{{ $x := 1 }}{{ $x 2 }}',
  '{{ 1 2 }}',
  '{{ "x" | 1 }}',
  '{{ printf }}',
  '{{ len }}',
  '{{ len 1 2 }}',
  '{{ if }}{{ end }}',
  '{{ range }}{{ end }}',
  '{{ with }}{{ end }}',
  '{{ end }}',
  '{{ else }}',
  '{{ if .t }}',
  '{{ range .list }}{{ else }}{{ else }}{{ end }}',
  '{{ .s',
  '{{ "unterminated }}',
  '{{ `raw }}',
  "{{ 'ab' }}",
  '{{ 3x }}',
  '{{ nofunc }}',
  '{{ $undefined }}',
  '{{ break }}',
  '{{ continue }}',
  '{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}',
  '{{ template .s }}',
  '{{ (1).x }}',
  '{{ .s.x.y | len }}',
  '{{ ( .s }}',
  '{{ .s ) }}',
  '{{ 99999999999999999999 }}',
  '{{ 1.5.2 }}',
  '{{ # }}',
  '{{ .a | .s }}',
  'ok {{/* unclosed comment }}',
  '{{ /* bad comment */ }}',
  '{{ $x := 1 }}{{ $x := 2 }}{{ $x }}',
  '{{ define "t" }}{{ $ }}{{ end }}{{ template "t" 5 }}',
  '{{ range $i, $e := .list }}{{ $i }}{{ end }}{{ $i }}',
  '{{ if $x := .s }}{{ $x }}{{ end }}',
  '{{ if $x := .empty }}{{ $x }}{{ else }}[{{ $x }}]{{ end }}',
  '{{ with $x := 0 }}a{{ else }}{{ $x }}{{ end }}',
  'a{{ "\n" }}b',
  '{{ "a" }}{{ "b" -}}   {{ "c" }}',
  '{{- "a" }}   {{- "b" }}',
  '{{ -1 }}{{ +1 }}',
  '{{ .o }}',
  '{{ .po }}',
  '{{ .sm }} {{ .ss }}',
  'héllo wörld {{ .s.x }}',
  'line1\n  ünï {{ .m.sub.k.z }}',
  '{{ if .t\n  }}a{{ .s\n  "unterminated }}{{ end }}',
  '{{ printf "%d"\n 1 2 }}',
  '{{ define "inner" }}{{ .x.y }}{{ end }}{{ template "inner" .m }}',
  '{{ $v := .m }}{{ range $k, $e := $v }}{{ if eq $k "sub" }}{{ $e.k }}{{ $e.nope.deeper }}{{ end }}{{ end }}',
  '{{ .m.toString }}|{{ .m.constructor }}|{{ .m.__proto__ }}|{{ .em.hasOwnProperty }}|{{ index .m "toString" }}',
];
// Pointers print as addresses inside collections, so the whole-data prints leave the structs out.
const { o: _o, po: _po, ...D2 } = D;
for (const t of syntax) plain('syntax', t, t === '{{.}}' || t === '{{$}}' ? D2 : D);
['go', 'plain'].forEach((m) => {
  add('nodata', m, '{{ . }} {{ .x }} {{ .x.y }}', undefined);
  add('nodata', m, '{{ if . }}y{{ else }}n{{ end }}', undefined);
});

// --- missingkey ---------------------------------------------------------------------------------
for (const mk of ['default', 'zero', 'error', 'invalid']) {
  for (const t of [
    '{{ .missing }}',
    '{{ .m.missing }}',
    '{{ .missing.deeper }}',
    '{{ printf "%v" .missing }}',
    '{{ index .m "missing" }}',
    '{{ .nil }}',
  ]) {
    plain('missingkey', t, D, { missingKey: mk });
  }
}

// --- methods -------------------------------------------------------------------------------------
for (const t of [
  '{{ .o.Name }} {{ .o.Count }} {{ .o.Data.k }}',
  '{{ .o.Hello }}',
  '{{ .o.Add 1 2 }}',
  '{{ .o.Greet "you" }}',
  '{{ "pipe" | .o.Greet }}',
  '{{ .o.Join "-" "a" "b" "c" }}',
  '{{ .o.Join "-" }}',
  '{{ .o.Fail }}',
  '{{ .o.Add 1 }}',
  '{{ .o.Add "x" 2 }}',
  '{{ .o.Add 1.5 2 }}',
  '{{ .o.Missing }}',
  '{{ .o.Name 1 }}',
  '{{ .o.Inner }}',
  '{{ .o.Inner.Name }}',
  '{{ .po.Name }}',
  '{{ .o.Add .a 1 }}',
  '{{ .o.Add .i 1 }}',
  '{{ with .o }}{{ .Hello }}{{ end }}',
]) {
  plain('methods', t, D);
}

// --- builtins -------------------------------------------------------------------------------------
const builtins = [
  '{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 "" 3 }} {{ or 0 "" }} {{ and }}',
  '{{ and .t .missing.x }} {{ or .s .missing.x }}',
  '{{ len .s }} {{ len .list }} {{ len .m }} {{ len .em }} {{ len "héllo" }}',
  '{{ len .a }}',
  '{{ len .nil }}',
  '{{ len .missing }}',
  '{{ index .list 0 }} {{ index .m "a" }} {{ index .m "sub" "k" }} {{ index .nested "a" "b" "c" }}',
  '{{ index .list 3 }}',
  '{{ index .list -1 }}',
  '{{ index .list "x" }}',
  '{{ index .m 1 }}',
  '{{ index .s 1 }}',
  '{{ index .a 0 }}',
  '{{ index .nil 0 }}',
  '{{ index .missing 0 }}',
  '{{ index .list }}',
  '{{ index .list .i }}',
  '{{ index .list 1.0 }}',
  '{{ slice .list 1 }} {{ slice .list 1 2 }} {{ slice .s 1 2 }} {{ slice .list }}',
  '{{ slice .list 2 1 }}',
  '{{ slice .list 0 5 }}',
  '{{ slice .s 0 1 2 }}',
  '{{ slice .a 1 }}',
  '{{ eq 1 1 }} {{ eq 1 2 }} {{ eq "a" "a" }} {{ eq 1 2 1 }} {{ eq .s "str" }} {{ eq .t true }}',
  '{{ eq .a 1 }}',
  '{{ eq .a 1.0 }}',
  '{{ eq .i 42 }}',
  '{{ eq .list .list }}',
  '{{ eq .m 1 }}',
  '{{ eq .nil .nil }} {{ eq .missing .missing }} {{ eq .nil "x" }} {{ eq .missing 1 }}',
  '{{ eq 1 }}',
  '{{ eq nil nil }}',
  '{{ ne 1 2 }} {{ ne "a" "a" }} {{ ne .s "x" }}',
  '{{ ne 1 "a" }}',
  '{{ lt 1 2 }} {{ lt 2 1 }} {{ le 2 2 }} {{ gt 3 1 }} {{ ge 1 1 }} {{ lt "a" "b" }} {{ lt 1.5 2.5 }}',
  '{{ lt 1 2.5 }}',
  '{{ lt .t .no }}',
  '{{ lt .nil 1 }}',
  '{{ lt .list 1 }}',
  '{{ gt .f 1.0 }} {{ ge .a .f }}',
  '{{ print 1 2 "a" "b" 3 .nil 4.5 }}',
  '{{ print }}|{{ println }}|{{ println 1 "a" 2 }}',
  '{{ print .list .m .t }}',
  '{{ html "<a href=\'x\'>&\\"</a>" }} {{ html 1 "<" }}',
  '{{ js "it\'s <b> \\"q\\" \\\\ & =\\n" }} {{ js 1 2 }}',
  '{{ urlquery "a b&c=d/é" }} {{ urlquery 1 "x" }}',
  '{{ call .nil }}',
  '{{ call .s }}',
  '{{ not }}',
  '{{ not 1 2 }}',
  '{{ printf "%d" }}',
  '{{ printf 1 }}',
  '{{ printf .a }}',
  '{{ html .nil }} {{ js .missing }}',
];
for (const t of builtins) plain('builtin', t, D);

// --- printf and number formatting -----------------------------------------------------------------
const fmts = [
  [
    '%v',
    [
      1, 1.5, 1000000, 1e21, 1e20, 123456789, 0.0001, 0.00001, 1e-7, -0.5, 100000, 12345678.9, 3.0, 2.5e-5,
      1.7976931348623157e308, 5e-324,
    ],
  ],
  ['%d', [I(0), I(42), I(-42), 1.5, 'x', true]],
  ['%5d|%-5d|%05d|%+d|% d', [I(42), I(-42)]],
  ['%x|%X|%o|%O|%b|%#x|%#o|%#b', [I(255), I(-255), 'hi']],
  ['%c|%q|%U|%#U', [I(65), I(0x1f600), I(-1)]],
  ['%f|%.2f|%8.3f|%-8.1f|%+.1f|%08.2f', [3.14158, -2.5, 0, 1e6, 0.125, 0.375, 2.5, 1.005]],
  ['%e|%E|%.3e|%.0e', [1234.5678, 0, -1e-10, 1e100]],
  ['%g|%G|%.3g|%.10g|%g', [1234.5678, 1e21, 1e-5, 100000, 1e6, 0.1]],
  ['%s|%10s|%-10s|%.2s|%q|%x|% x|%X|%#q', ['hello', 'é!', 'a"b', '', 'back`tick']],
  ['%t|%v|%5t', [true, false]],
  [
    '%v|%+v|%#v|%T',
    [I(1), 1.5, 'x', true, null, [1, 'a'], { k: 1 }, [], {}, { $strs: ['a'] }, { $strmap: { a: 'b' } }],
  ],
  ['%s', [[1, 'a'], { k: 1 }, null, I(5)]],
  [
    '%d',
    [
      [I(1), I(2)],
      [1, 2],
    ],
  ],
  ['%6.2v|%-6v|%06v', [3.14158, I(7), 'ab']],
  ['%z|%!|%', [I(1)]],
  ['%[1]d', [I(1)]],
  ['%*d|%-*d|%.*f', [I(5), I(3)]],
  ['%d %d', [I(1)]],
  ['%d', [I(1), I(2), 'x']],
  ['100%%|%.|%5.f', [1.5]],
  ['%.0f|%.0f|%.0f|%.0f|%.1f|%.1f', [0.5, 1.5, 2.5, -0.5, 0.25, 0.35]],
  ['%v %v %v', [Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, -0]],
  ['%x|%X|%.2x', [1.5, 255.0, 0.1]],
  ['%8.3q|%-8q|%08q', ['abc']],
  ['%3c|%-3c|%03c', [I(97)]],
  ['%v|%d', [{ $int: '9223372036854775807' }, { $int: '-9223372036854775808' }]],
  ['%.3s|%.10s|%5.1s', ['héllo wörld']],
  ['%#v|%#v|%#v', [I(255), 'x', 1.0]],
  ['%+q|%#+q', ['héllo\u263a']],
  ['% d|%+ d|% +d', [I(5), I(-5)]],
];
for (const [f, args] of fmts) {
  for (const a of args) {
    plain('printf', '{{ printf .f .a .a .a .a .a .a .a .a }}', { f, a }, {});
  }
  plain('printf', '{{ printf .f }}', { f }, {});
}
for (const n of [
  0,
  1,
  -1,
  0.1,
  0.2,
  0.30000000000000004,
  1e6,
  999999,
  1e15,
  1e16,
  123456.789,
  1.0e-4,
  9.999e-5,
  1e300,
  2 ** 63,
  4.35,
  1 / 3,
]) {
  plain('number', '{{ . }} {{ print . }} {{ printf "%v|%g|%f|%e|%.2f|%6.3g" . . . . . . }}', n);
}
for (const n of ['0', '-0', '42', '-9223372036854775808', '9223372036854775807', '1000000']) {
  plain('number', '{{ . }} {{ printf "%d|%v|%x|%08d|%-8d|%+d" . . . . . . }}', I(n));
}

const all = [...vectors, ...sprigVectors(), ...helmVectors(), ...istioVectors()];
export default all;
