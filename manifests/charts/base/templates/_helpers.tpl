{{- define "base.labels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: istio
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version | replace "+" "_" }}
release: {{ .root.Release.Name }}
{{- end }}

{{/* The values subtree istioctl uses for this chart ("" for none); see zzz_profile.yaml. */}}
{{- define "chart.valuesScope" -}}{{- end }}
