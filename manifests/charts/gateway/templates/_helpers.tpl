{{/* ---------- shared ---------- */}}
{{- define "gateway.chartLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: istio
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* ---------- istioctl gateways (legacyGateway set) ---------- */}}

{{/* The settings of the gateway being rendered: shared defaults < gateways.<legacyGateway>. */}}
{{- define "gateway.legacy" -}}
{{- $gw := mustMergeOverwrite (deepCopy .Values.legacyDefaults) (deepCopy (index .Values.gateways .Values.legacyGateway | default dict)) }}
{{- $kind := ternary "egressgateway" "ingressgateway" (hasPrefix "istio-egress" .Values.legacyGateway) }}
{{- $labels := dict "app" (printf "istio-%s" $kind) "istio" $kind }}
{{- $_ := set $gw "labels" (mustMergeOverwrite $labels ($gw.labels | default dict)) }}
{{- $_ := set $gw "kind" $kind }}
{{- $_ := set $gw "name" ($gw.name | default .Values.legacyGateway) }}
{{- toJson $gw }}
{{- end }}

{{- define "gateway.legacyLabels" -}}
{{- $gw := .gw }}
{{- range $k, $v := $gw.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
install.operator.istio.io/owning-resource: {{ .root.Values.ownerName | default "unknown" }}
operator.istio.io/component: {{ ternary "EgressGateways" "IngressGateways" (eq $gw.kind "egressgateway") }}
istio.io/rev: {{ .root.Values.revision | default "default" | quote }}
release: {{ .root.Release.Name }}
{{ include "gateway.chartLabels" (dict "root" .root "name" $gw.name) }}
{{- end }}

{{- define "gateway.legacySelector" -}}
{{- range $k, $v := .labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}

{{/* istiod{-rev}.<ns>.svc:15012 */}}
{{- define "gateway.caAddress" -}}
{{- if .Values.global.caAddress }}{{ .Values.global.caAddress }}{{ else -}}
istiod{{ if and .Values.revision (ne .Values.revision "default") }}-{{ .Values.revision }}{{ end }}.{{ .Values.global.istioNamespace }}.svc:15012
{{- end }}
{{- end }}

{{/* ---------- plain helm gateway ---------- */}}
{{- define "gateway.name" -}}
{{- .Values.name | default .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "gateway.selectorLabels" -}}
app: {{ index .Values.labels "app" | default (include "gateway.name" .) }}
istio: {{ index .Values.labels "istio" | default (include "gateway.name" . | trimPrefix "istio-") }}
{{- end }}

{{- define "gateway.labels" -}}
{{ include "gateway.selectorLabels" . }}
{{ include "gateway.chartLabels" (dict "root" . "name" (include "gateway.name" .)) }}
{{- range $k, $v := .Values.labels }}
{{- if and (ne $k "app") (ne $k "istio") }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}
{{- end }}

{{- define "gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}{{ .Values.serviceAccount.name | default (include "gateway.name" .) }}{{ else }}{{ .Values.serviceAccount.name | default "default" }}{{ end -}}
{{- end }}

{{/* The values subtree istioctl uses for this chart ("" for none); see zzz_profile.yaml. */}}
{{- define "chart.valuesScope" -}}{{- end }}
