// Helm vectors: each renders a small chart (files + user values) with Helm's engine (engine.Render after
// chartutil.ToRenderValues, release "rel" in namespace "default").
const one = (tpl, values, extraFiles = {}) => ({ files: { 'templates/t.yaml': tpl, ...extraFiles }, values });

const VALUES_YAML = `replicas: 1
image:
  repo: nginx
  tag: "1.25"
  pullPolicy: IfNotPresent
enabled: true
ports: [80, 443]
labels:
  app: web
empty: ""
nothing: null
ratio: 0.5
big: 1000000
nested:
  keep: yes
  drop: 1
`;

const cases = [
  one(
    '{{ .Values.replicas }} {{ .Values.image.repo }}:{{ .Values.image.tag }} {{ .Values.missing }} {{ .Values.missing.deeper }}',
    {},
    { 'values.yaml': VALUES_YAML },
  ),
  one(
    '{{ .Values.replicas }} {{ .Values.image.tag }} {{ .Values.nested }} {{ .Values.nothing }}',
    { replicas: 3, image: { tag: 'latest' }, nested: { drop: null } },
    { 'values.yaml': VALUES_YAML },
  ),
  one('{{ toYaml .Values }}', {}, { 'values.yaml': VALUES_YAML }),
  one(
    '{{ toYaml .Values.image | indent 2 }}\n{{- toYaml .Values.ports | nindent 4 }}',
    {},
    { 'values.yaml': VALUES_YAML },
  ),
  one(
    '{{ .Values.big }} {{ .Values.ratio }} {{ .Values.nested.keep }} {{ printf "%T" .Values.replicas }}',
    {},
    { 'values.yaml': VALUES_YAML },
  ),
  // goyaml v2 quotes what it would read back as a timestamp (Go's time.Parse decides, ranges included).
  one('{{ toYaml . }}', {
    ts: [
      '2020-01-01',
      '2020-1-2',
      '2020-13-01',
      '2020-02-30',
      '2020-02-29',
      '2021-02-29',
      '2020-01-01T10:00:00Z',
      '2020-1-1t1:2:3Z',
      '2020-01-01T10:00:00+01:00',
      '2020-01-01T10:00:00+0100',
      '2020-01-01 10:00:00',
      '2020-01-01 10:00:00,5',
      '2020-01-01 10:00:00Z',
      '2020-01-01T24:00:00Z',
      '2020-01-01T10:60:00Z',
      '2020-01-01t10:00:00.123456789123Z',
      '2020-001-01',
      '20200-01-01',
      '2020-01-01x',
      '2020-01-01T10:00Z',
      '0000-02-29',
      '1900-02-29',
      '2000-02-29',
      '2020-04-31',
      '2001-12-14  21:59:43',
      '2001-12-14T21:59:43',
    ],
    key2020: { '2020-01-01': 'as key' },
  }),
  one('{{ toYaml . }}', {
    str: 'plain',
    quoted: [
      'true',
      'yes',
      'no',
      'on',
      'null',
      '~',
      '1',
      '1.5',
      '0x1F',
      '1e3',
      '',
      ' lead',
      'trail ',
      'a: b',
      'a #b',
      '#c',
      '- x',
      '@at',
      '`tick',
      "it's",
      'tab\there',
      '12:30',
      '.5',
      '+1',
      '0o17',
      'Y',
      'NULL',
    ],
    multi: 'line1\nline2\n',
    multiNoEnd: 'line1\nline2',
    multiKeep: 'a\n\n',
    leadingSpaceMulti: '  indented\nnext\n',
    trailingSpaceLine: 'a \nb',
    long: 'word '.repeat(30).trim(),
    longNoSpace: 'x'.repeat(100),
    nums: [0, -1, 1.5, 1e21, 1e-7, 123456789, 0.1],
    nested: { b: { c: [{ d: 1, e: [1, 2] }, [3, [4]]] }, emptyMap: {}, emptyList: [] },
    keys: { b10: 1, b9: 2, a: 3, B: 4, _x: 5, 'x-y': 6, 1: 7, true: 8, 'a b': 9, 'a.b': 10 },
    unicode: 'héllo ☺',
    nil: null,
    bools: [true, false],
  }),
  one(
    '{{ toYaml .Values.list }}|{{ toYaml .Values.s }}|{{ toYaml .Values.n }}|{{ toYaml .Values.nil }}|{{ toYaml .Values.b }}',
    { list: [], s: 'x', n: 1.5, nil: null, b: true },
  ),
  one(
    '{{ toJson .Values }} {{ fromYaml "a: 1\\nb: [x, y]" }} {{ fromYamlArray "- 1\\n- two" }} {{ fromJson "{\\"a\\": 1}" }} {{ fromJsonArray "[1, \\"x\\"]" }}',
    { z: { y: 1 }, a: [1.5, 'x<'] },
  ),
  one(
    '{{ hasKey (fromYaml "a: [") "Error" }}|{{ fromYamlArray "a: 1" }}|{{ (fromJson "x").Error }}|{{ fromJsonArray "{}" }}',
    {},
  ),
  one(
    '{{ $t := fromToml "a = 1\\nb = \\"x\\"\\nf = 1.5\\nl = [1, 2]\\n[s]\\nk = true\\n[[arr]]\\nn = 1\\n[[arr]]\\nn = 2" }}{{ $t.a }} {{ $t.b }} {{ $t.f }} {{ $t.l }} {{ $t.s.k }} {{ len $t.arr }} {{ printf "%T" $t.a }}|{{ hasKey (fromToml "x = ") "Error" }}',
    {},
  ),
  one('{{ toToml .Values }}', { a: 1, b: 'x', c: { d: [1, 2], e: { f: true } }, list: [{ n: 1 }, { n: 2 }] }),
  one('{{ mustToYaml .Values }}', { b: [1, { c: 'x y' }], a: 'multi\nline' }),
  one('{{ toYamlPretty .Values }}', { b: [1, 2, { c: 3 }], a: { x: 'y', l: ['p'] }, f: 1.5, n: 1000000 }),
  one(
    '{{ include "mychart.name" . }}|{{ include "mychart.full" . | upper }}|{{ include "mychart.dict" (dict "x" 1) }}',
    {},
    {
      'templates/_helpers.tpl':
        '{{- define "mychart.name" -}}{{ .Chart.Name }}{{- end -}}\n{{- define "mychart.full" -}}{{ .Release.Name }}-{{ include "mychart.name" . }}{{- end -}}\n{{ define "mychart.dict" }}x={{ .x }}{{ end }}',
    },
  ),
  one('{{ include "nope" . }}', {}),
  one(
    '{{ tpl "{{ .Values.a }}-{{ .Release.Name }}" . }} {{ tpl .Values.t . }} {{ tpl "{{ .missing }}" .Values }}',
    { a: 'A', t: '{{ .Values.a | lower }}' },
  ),
  one('{{ tpl "{{ include \\"x\\" . }}" . }}', {}, { 'templates/_x.tpl': '{{ define "x" }}from-x{{ end }}' }),
  one('{{ tpl "{{ .bad" . }}', {}),
  one('{{ tpl "{{ fail \\"inner\\" }}" . }}', {}),
  one('{{ required "need a" .Values.a }} {{ required "need b" .Values.b }}', { a: 1 }),
  one('{{ required "need a" .Values.a }}', { a: '' }),
  one('{{ required "zero ok" .Values.z }} {{ required "false ok" .Values.f }}', { z: 0, f: false }),
  one('{{ fail "custom failure" }}', {}),
  one(
    '{{ include "f" . }}',
    {},
    { 'templates/_f.tpl': '{{ define "f" }}{{ fail "from include" }}{{ end }}' },
  ),
  one('{{ .Values.x.y.z }}', { x: null }),
  one(
    '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Missing }}|',
    {},
  ),
  one(
    '{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.APIVersion }} {{ .Chart.IsRoot }} {{ .Chart.Description }}|{{ .Chart.Type }}|',
    {},
  ),
  one('{{ .Chart.Bogus }}', {}),
  one(
    '{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.KubeVersion }} {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "nope/v1" }} {{ .Capabilities.HelmVersion.Version }}',
    {},
  ),
  one('{{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}', {}),
  one('{{ .Template.Name }} {{ .Template.BasePath }}', {}),
  one(
    '{{ .Files.Get "files/a.txt" }}|{{ .Files.Get "missing" }}|{{ range .Files.Lines "files/a.txt" }}[{{ . }}]{{ end }}',
    {},
    { 'files/a.txt': 'line1\nline2\n', 'files/b.conf': 'k=v' },
  ),
  one(
    '{{ (.Files.Glob "files/*").AsConfig }}\n---\n{{ (.Files.Glob "files/*.txt").AsSecrets }}\n---\n{{ (.Files.Glob "nothing/*").AsConfig }}',
    {},
    { 'files/a.txt': 'alpha\n', 'files/b.conf': 'k: v' },
  ),
  one(
    '{{ range $p, $_ := .Files.Glob "**.txt" }}{{ $p }};{{ end }}',
    {},
    { 'files/a.txt': 'a', 'other/deep/c.txt': 'c', 'x.md': 'm' },
  ),
  one('{{ .Files.GetBytes "files/a.txt" }}', {}, { 'files/a.txt': 'AB' }),
  one('{{ lookup "v1" "Namespace" "" "default" }} {{ len (lookup "v1" "Pod" "ns" "") }}', {}),
  one('{{ env "HOME" }}', {}),
  one('{{ getHostByName "example.com" }}|', {}),
  one(
    'a: {{ .Values.a }}\n',
    { a: 'x' },
    {
      'templates/NOTES.txt': 'Thanks {{ .Release.Name }}',
      'templates/_only.tpl': '{{ define "only" }}x{{ end }}',
    },
  ),
  one(
    '{{ template "shared" . }}',
    {},
    {
      'templates/_a.tpl': '{{ define "shared" }}from-a{{ end }}',
      'templates/_b.tpl': '{{ define "shared" }}from-b{{ end }}',
    },
  ),
  one('{{ .Values.nested }}', { nested: { drop: null } }, { 'values.yaml': VALUES_YAML }),
  one(
    '{{ .Values.bogus | default "def" }} {{ .Values.image | default "x" }} {{ coalesce .Values.a .Values.b "c" }}',
    { b: 'B' },
  ),
  one('{{ .Values.a | quote }} {{ .Values.n | quote }} {{ .Values.missing | quote }}|', { a: 'x', n: 2 }),
  one('{{ if eq .Values.n 2.0 }}two{{ end }} {{ if eq (int .Values.n) 2 }}int2{{ end }}', { n: 2 }),
  one('{{ eq .Values.n 2 }}', { n: 2 }),
  one('{{ range .Values.l }}- {{ . }}\n{{ end }}', { l: ['a', 1, true, null] }),
  one('{{ .Values.x', {}),
  one('{{ nofunc }}', {}),
  one('{{ .Values.a.b }}', { a: 'str' }),
  one(
    '{{ .Subcharts.sub.Values.x }} {{ .Values.sub.x }} {{ .Values.global.g }}',
    { global: { g: 'G' }, sub: { x: 'override' } },
    {
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
      'charts/sub/values.yaml': 'x: default\ny: suby\nglobal:\n  g: subdefault\n  h: H\n',
      'charts/sub/templates/s.yaml':
        'sub: {{ .Values.x }} {{ .Values.y }} {{ .Values.global.g }} {{ .Values.global.h }} {{ .Chart.Name }} {{ .Chart.IsRoot }} {{ .Template.BasePath }}',
    },
  ),
  one(
    '{{ include "sub.helper" . }}',
    {},
    {
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
      'charts/sub/templates/_h.tpl': '{{ define "sub.helper" }}helper:{{ .Chart.Name }}{{ end }}',
    },
  ),
  one(
    'kind: ConfigMap\ndata:\n  {{- range $k, $v := .Values.data }}\n  {{ $k }}: {{ $v | quote }}\n  {{- end }}\n',
    { data: { b: 2, a: 'one' } },
  ),
];

export function helmVectors() {
  return cases.map((c, i) => ({ name: `helm-${String(i + 1).padStart(4, '0')}`, mode: 'helm', ...c }));
}
