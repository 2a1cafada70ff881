// Command gotemplate is the test oracle for istioctl-ts's template engine: it executes vectors with Go's
// text/template, Sprig v3 and Helm's engine and prints the results as JSON, so the TypeScript engine can be
// compared with the real thing. Usage:
//
//	gotemplate run <vectors.json>            -> JSON array of {name, out, err} (helm: files)
//	gotemplate bench <tpl> <data.json> <n>   -> nanoseconds per execution of an istio-mode template
//	gotemplate caps                          -> Helm's default capabilities as JSON
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/Masterminds/sprig/v3"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
)

type vector struct {
	Name       string            `json:"name"`
	Mode       string            `json:"mode"`
	Tpl        string            `json:"tpl"`
	TplName    string            `json:"tplName"`
	Data       json.RawMessage   `json:"data"`
	MissingKey string            `json:"missingKey"`
	Files      map[string]string `json:"files"`
	Values     json.RawMessage   `json:"values"`
}

type result struct {
	Name  string            `json:"name"`
	Out   string            `json:"out"`
	Err   string            `json:"err,omitempty"`
	Files map[string]string `json:"files,omitempty"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: gotemplate run|bench|caps ...")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "run":
		run(os.Args[2])
	case "bench":
		n, _ := strconv.Atoi(os.Args[4])
		bench(os.Args[2], os.Args[3], n)
	case "caps":
		caps := chartutil.DefaultCapabilities
		b, _ := json.MarshalIndent(map[string]any{
			"kubeVersion": caps.KubeVersion.Version,
			"apiVersions": []string(caps.APIVersions),
			"helmVersion": caps.HelmVersion,
		}, "", "  ")
		fmt.Println(string(b))
	default:
		fmt.Fprintln(os.Stderr, "unknown command")
		os.Exit(2)
	}
}

func run(path string) {
	raw, err := os.ReadFile(path)
	must(err)
	var vs []vector
	must(json.Unmarshal(raw, &vs))
	results := make([]result, 0, len(vs))
	for _, v := range vs {
		results = append(results, runOne(v))
	}
	out, err := json.MarshalIndent(results, "", " ")
	must(err)
	os.Stdout.Write(out)
	os.Stdout.Write([]byte("\n"))
}

func funcsFor(mode string) template.FuncMap {
	switch mode {
	case "plain":
		return template.FuncMap{}
	case "istio":
		fm := sprig.TxtFuncMap()
		for k, f := range istioFuncs() {
			fm[k] = f
		}
		return fm
	default:
		return sprig.TxtFuncMap()
	}
}

func runOne(v vector) (res result) {
	res.Name = v.Name
	defer func() {
		if r := recover(); r != nil {
			res.Err = fmt.Sprintf("panic: %v", r)
		}
	}()
	if v.Mode == "helm" {
		return runHelm(v)
	}
	name := v.TplName
	if name == "" {
		name = "t"
	}
	t := template.New(name).Funcs(funcsFor(v.Mode))
	if v.MissingKey != "" {
		t = t.Option("missingkey=" + v.MissingKey)
	}
	t, err := t.Parse(v.Tpl)
	if err != nil {
		res.Err = err.Error()
		return
	}
	var data any
	if len(v.Data) > 0 {
		data = decode(v.Data)
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, data)
	res.Out = buf.String()
	if err != nil {
		res.Err = err.Error()
	}
	return
}

func runHelm(v vector) (res result) {
	res.Name = v.Name
	dir, err := os.MkdirTemp("", "oracle-chart-")
	must(err)
	defer os.RemoveAll(dir)
	root := filepath.Join(dir, "mychart")
	files := map[string]string{"Chart.yaml": "apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: \"1.16.0\"\n"}
	for k, c := range v.Files {
		files[k] = c
	}
	for k, c := range files {
		p := filepath.Join(root, k)
		must(os.MkdirAll(filepath.Dir(p), 0o755))
		must(os.WriteFile(p, []byte(c), 0o644))
	}
	ch, err := loader.Load(root)
	if err != nil {
		res.Err = err.Error()
		return
	}
	vals := map[string]any{}
	if len(v.Values) > 0 {
		must(json.Unmarshal(v.Values, &vals))
	}
	top, err := chartutil.ToRenderValues(ch, vals, chartutil.ReleaseOptions{
		Name: "rel", Namespace: "default", Revision: 1, IsInstall: true,
	}, nil)
	if err != nil {
		res.Err = err.Error()
		return
	}
	out, err := engine.Render(ch, top)
	if err != nil {
		res.Err = err.Error()
		return
	}
	res.Files = out
	return
}

// decode turns JSON into Go values: numbers are float64 (as Helm and istiod read YAML/JSON), and a few
// marker objects build other Go types: {"$int":"5"}, {"$strmap":{...}}, {"$strs":[...]}, {"$obj":{...}},
// {"$nilobj":true}, {"$duration":{"seconds":1,"nanos":0}}.
func decode(raw json.RawMessage) any {
	var v any
	must(json.Unmarshal(raw, &v))
	return conv(v)
}

func conv(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, inner := range x {
				switch k {
				case "$int":
					n, err := strconv.ParseInt(fmt.Sprint(inner), 10, 64)
					must(err)
					return int(n)
				case "$strmap":
					m := map[string]string{}
					for mk, mv := range inner.(map[string]any) {
						m[mk] = mv.(string)
					}
					return m
				case "$strs":
					s := []string{}
					for _, e := range inner.([]any) {
						s = append(s, e.(string))
					}
					return s
				case "$obj":
					return makeObj(inner.(map[string]any))
				case "$nilobj":
					return (*Obj)(nil)
				case "$duration":
					return makeDuration(inner.(map[string]any))
				case "$enum":
					return InterceptionMode(inner.(string))
				}
			}
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = conv(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = conv(e)
		}
		return s
	}
	return v
}

// InterceptionMode stands for a protobuf enum: a string kind with a String method.
type InterceptionMode string

func (m InterceptionMode) String() string { return string(m) }

// Obj is a struct with methods, to check field and method evaluation.
type Obj struct {
	Name  string
	Count int
	Inner *Obj
	Data  map[string]any
}

func (o *Obj) Hello() string             { return "hello " + o.Name }
func (o *Obj) Add(a, b int) int          { return a + b + o.Count }
func (o *Obj) Fail() (string, error)     { return "", fmt.Errorf("boom %s", o.Name) }
func (o *Obj) Greet(who string) string   { return o.Name + " greets " + who }
func (o *Obj) Join(sep string, parts ...string) string { return strings.Join(parts, sep) }

func makeObj(m map[string]any) *Obj {
	o := &Obj{}
	if n, ok := m["Name"].(string); ok {
		o.Name = n
	}
	if c, ok := m["Count"]; ok {
		o.Count = conv(c).(int)
	}
	if in, ok := m["Inner"].(map[string]any); ok {
		o.Inner = conv(in).(*Obj)
	}
	if d, ok := m["Data"].(map[string]any); ok {
		o.Data = conv(d).(map[string]any)
	}
	return o
}

func bench(tplPath, dataPath string, n int) {
	tb, err := os.ReadFile(tplPath)
	must(err)
	db, err := os.ReadFile(dataPath)
	must(err)
	t, err := template.New("sidecar").Funcs(funcsFor("istio")).Parse(string(tb))
	must(err)
	data := decode(db)
	var buf bytes.Buffer
	must(t.Execute(&buf, data))
	start := time.Now()
	for i := 0; i < n; i++ {
		buf.Reset()
		must(t.Execute(&buf, data))
	}
	fmt.Println(time.Since(start).Nanoseconds() / int64(n))
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

var _ = sort.Strings
