package main

// The functions istiod adds to injection templates (pkg/kube/inject), ported for this oracle with the
// same behaviour for map-shaped data (the oracle does not link istio itself: its dependency tree is too
// heavy to build here). Pod fields arrive as maps keyed by Go field names.

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strings"
	"text/template"
	"time"

	"sigs.k8s.io/yaml"
)

type pbDuration struct {
	Seconds int64
	Nanos   int32
}

func makeDuration(m map[string]any) *pbDuration {
	d := &pbDuration{}
	if s, ok := m["seconds"].(float64); ok {
		d.Seconds = int64(s)
	}
	if n, ok := m["nanos"].(float64); ok {
		d.Nanos = int32(n)
	}
	return d
}

func istioFuncs() template.FuncMap {
	return template.FuncMap{
		"formatDuration": func(in *pbDuration) string {
			if in == nil {
				return time.Duration(0).String()
			}
			return (time.Duration(in.Seconds)*time.Second + time.Duration(in.Nanos)).String()
		},
		"isset": func(m map[string]string, key string) bool {
			_, ok := m[key]
			return ok
		},
		"excludeInboundPort":  excludeInboundPort,
		"includeInboundPorts": func(cs []any) string { return containerPorts(cs, func(map[string]any) bool { return true }) },
		"kubevirtInterfaces":  func(s string) string { return s },
		"excludeInterfaces":   func(s string) string { return s },
		"applicationPorts": func(cs []any) string {
			return containerPorts(cs, func(c map[string]any) bool { return c["Name"] != "istio-proxy" })
		},
		"annotation": func(meta map[string]any, name string, def any) string {
			if anns, ok := meta["Annotations"].(map[string]string); ok {
				if v, ok := anns[name]; ok {
					return v
				}
			}
			return fmt.Sprint(def)
		},
		"valueOrDefault": func(v any, d any) any {
			if v == "" || v == nil {
				return d
			}
			return v
		},
		"toJSON": func(m map[string]string) string {
			if m == nil {
				return "{}"
			}
			b, _ := json.Marshal(m)
			return string(b)
		},
		"fromJSON": func(j string) any {
			var m any
			if err := json.Unmarshal([]byte(j), &m); err != nil {
				return "{}"
			}
			return m
		},
		"structToJSON": func(v any) string {
			if v == nil {
				return "{}"
			}
			b, err := json.Marshal(v)
			if err != nil {
				return "{}"
			}
			return string(b)
		},
		"protoToJSON": func(v any) string {
			if v == nil {
				return "{}"
			}
			b, err := json.Marshal(v)
			if err != nil {
				return "{}"
			}
			return string(b)
		},
		"toYaml": func(v any) string {
			y, err := yaml.Marshal(v)
			if err != nil {
				return ""
			}
			return string(y)
		},
		"indent": func(spaces int, source string) string {
			res := strings.Split(source, "\n")
			for i, line := range res {
				if i > 0 {
					res[i] = fmt.Sprintf(fmt.Sprintf("%% %ds%%s", spaces), "", line)
				}
			}
			return strings.Join(res, "\n")
		},
		"directory": func(p string) string {
			dir, _ := path.Split(p)
			return dir
		},
		"contains":            func(needle, haystack string) bool { return strings.Contains(haystack, needle) },
		"toLower":             strings.ToLower,
		"appendMultusNetwork": appendMultusNetwork,
		"env": func(key, def string) string {
			if v := os.Getenv(key); v != "" {
				return v
			}
			return def
		},
		"omit": func(m map[string]string, keys ...string) map[string]string {
			drop := map[string]bool{}
			for _, k := range keys {
				drop[k] = true
			}
			out := map[string]string{}
			for k, v := range m {
				if !drop[k] {
					out[k] = v
				}
			}
			return out
		},
		"strdict": func(v ...string) map[string]string {
			out := map[string]string{}
			for i := 0; i < len(v); i += 2 {
				if i+1 >= len(v) {
					out[v[i]] = ""
					continue
				}
				out[v[i]] = v[i+1]
			}
			return out
		},
		"toJsonMap": func(ms ...map[string]string) string {
			b, err := json.Marshal(mergeMaps(ms...))
			if err != nil {
				return "{}"
			}
			return string(b)
		},
		"mergeMaps": mergeMaps,
		"omitNil":   omitNil,
		"otelResourceAttributes": otelResourceAttributes,
	}
}

func mergeMaps(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func omitNil(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if e == nil {
				continue
			}
			out[k] = omitNil(e)
		}
		return out
	case []any:
		out := []any{}
		for _, e := range x {
			if e == nil {
				continue
			}
			out = append(out, omitNil(e))
		}
		return out
	}
	return v
}

func excludeInboundPort(port any, excluded string) string {
	portStr := strings.TrimSpace(fmt.Sprint(port))
	if len(portStr) == 0 || portStr == "0" {
		return excluded
	}
	var out []string
	for _, p := range strings.Split(excluded, ",") {
		if p == portStr {
			return excluded
		}
		p = strings.TrimSpace(p)
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	out = append(out, portStr)
	return strings.Join(out, ",")
}

func containerPorts(cs []any, include func(map[string]any) bool) string {
	parts := []string{}
	for _, c := range cs {
		cm, _ := c.(map[string]any)
		if cm == nil || !include(cm) {
			continue
		}
		ports, _ := cm["Ports"].([]any)
		for _, p := range ports {
			pm, _ := p.(map[string]any)
			if pm["Protocol"] == "UDP" || pm["Protocol"] == "SCTP" {
				continue
			}
			parts = append(parts, fmt.Sprint(int(toF(pm["ContainerPort"]))))
		}
	}
	return strings.Join(parts, ",")
}

func toF(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	}
	return 0
}

func appendMultusNetwork(existing, network string) string {
	if existing == "" {
		return network
	}
	i := strings.LastIndex(existing, "]")
	if i != -1 {
		nets := []map[string]any{}
		if err := json.Unmarshal([]byte(existing), &nets); err != nil {
			return existing
		}
		for _, n := range nets {
			if n["name"] == network {
				return existing
			}
		}
		return existing[0:i] + fmt.Sprintf(`, {"name": "%s"}`, network) + existing[i:]
	}
	for _, n := range strings.Split(existing, ",") {
		if strings.TrimSpace(n) == network {
			return existing
		}
	}
	return existing + ", " + network
}

// otelResourceAttributes mirrors our engine's reading of istiod's helper: attributes are emitted only when
// a mesh extension provider asks for OTEL semantic conventions.
func otelResourceAttributes(mesh any, annotations, labels map[string]string, namespace string, containers []any) string {
	enabled := false
	if m, ok := mesh.(map[string]any); ok {
		if ps, ok := m["ExtensionProviders"].([]any); ok {
			for _, p := range ps {
				pm, _ := p.(map[string]any)
				prov, _ := pm["Provider"].(map[string]any)
				otel, _ := prov["Opentelemetry"].(map[string]any)
				if otel == nil {
					otel, _ = pm["Opentelemetry"].(map[string]any)
				}
				if otel != nil && otel["ServiceAttributeEnrichment"] == "OTEL_SEMANTIC_CONVENTIONS" {
					enabled = true
				}
			}
		}
	}
	if !enabled {
		return ""
	}
	attrs := []string{}
	if namespace != "" {
		attrs = append(attrs, "service.namespace="+namespace)
	}
	version, ok := annotations["resource.opentelemetry.io/service.version"]
	if !ok {
		version, ok = labels["app.kubernetes.io/version"]
	}
	if !ok {
		version = labels["version"]
	}
	if version != "" {
		attrs = append(attrs, "service.version="+version)
	}
	for _, c := range containers {
		cm, _ := c.(map[string]any)
		if name, _ := cm["Name"].(string); name != "" && name != "istio-proxy" {
			attrs = append(attrs, "service.instance.id="+namespace+".$(POD_NAME)."+name)
			break
		}
	}
	return strings.Join(attrs, ",")
}
