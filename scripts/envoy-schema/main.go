// Writes the protobuf schema of the Envoy and Istio messages that istioctl links (the types a config
// dump can hold) as compact JSON: per message its fields in declaration order as
// [proto name, number, kind, flags (1 list, 2 map, 4 presence), oneof index or -1, type name, json name
// when it differs from the camel-cased proto name]; per enum its value names by number.
// proxy-status's sync diff decodes istiod's binary config dump and re-prints both sides with it.
package main

import (
	"encoding/json"
	"os"
	"strings"

	_ "github.com/envoyproxy/go-control-plane/envoy/admin/v3"
	_ "istio.io/istio/pkg/config/xds"
	_ "istio.io/istio/istioctl/pkg/writer/compare"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// Registered messages that a config dump never holds (Kubernetes, Istio CRDs, OpenAPI).
var skippedRoots = []string{
	"k8s.", "istio.networking.", "istio.security.", "istio.telemetry.", "istio.operator", "istio.mesh.",
	"istio.extensions.", "grpc.", "opentelemetry.", "istio.analysis", "istio.mcp", "istio.meta", "openapi.",
	"gnostic.",
}

func camel(s string) string {
	var b strings.Builder
	up := false
	for _, r := range s {
		if r == '_' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

func main() {
	msgs := map[string][]any{}
	enums := map[string]map[int32]string{}
	var addMsg func(md protoreflect.MessageDescriptor)
	var addEnum func(ed protoreflect.EnumDescriptor)
	addEnum = func(ed protoreflect.EnumDescriptor) {
		n := string(ed.FullName())
		if _, ok := enums[n]; ok {
			return
		}
		vals := map[int32]string{}
		for i := 0; i < ed.Values().Len(); i++ {
			v := ed.Values().Get(i)
			if _, dup := vals[int32(v.Number())]; !dup {
				vals[int32(v.Number())] = string(v.Name())
			}
		}
		enums[n] = vals
	}
	addMsg = func(md protoreflect.MessageDescriptor) {
		n := string(md.FullName())
		if _, ok := msgs[n]; ok {
			return
		}
		msgs[n] = nil
		fields := []any{}
		for i := 0; i < md.Fields().Len(); i++ {
			fd := md.Fields().Get(i)
			flags := 0
			if fd.IsList() {
				flags |= 1
			}
			if fd.IsMap() {
				flags |= 2
			}
			if fd.HasPresence() {
				flags |= 4
			}
			oneof := -1
			if od := fd.ContainingOneof(); od != nil {
				oneof = od.Index()
			}
			ref := ""
			if fd.Message() != nil {
				ref = string(fd.Message().FullName())
				addMsg(fd.Message())
			} else if fd.Enum() != nil {
				ref = string(fd.Enum().FullName())
				addEnum(fd.Enum())
			}
			f := []any{string(fd.Name()), int(fd.Number()), int(fd.Kind()), flags, oneof, ref}
			if fd.JSONName() != camel(string(fd.Name())) {
				f = append(f, fd.JSONName())
			}
			fields = append(fields, f)
		}
		msgs[n] = fields
	}
	protoregistry.GlobalTypes.RangeMessages(func(mt protoreflect.MessageType) bool {
		n := string(mt.Descriptor().FullName())
		for _, p := range skippedRoots {
			if strings.HasPrefix(n, p) {
				return true
			}
		}
		addMsg(mt.Descriptor())
		return true
	})
	out, _ := json.Marshal(map[string]any{"messages": msgs, "enums": enums})
	os.Stdout.Write(out)
}
