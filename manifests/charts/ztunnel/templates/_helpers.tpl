{{- define "ztunnel.labels" -}}
app.kubernetes.io/name: ztunnel
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: istio
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* istiod{-rev}.<istio namespace>.svc:15012 */}}
{{- define "ztunnel.istiod" -}}
istiod{{ if and .Values.revision (ne .Values.revision "default") }}-{{ .Values.revision }}{{ end }}.{{ .Values.istioNamespace | default .Values.global.istioNamespace }}.svc:15012
{{- end }}

{{/* The values subtree istioctl uses for this chart ("" for none); see zzz_profile.yaml. */}}
{{- define "chart.valuesScope" -}}ztunnel{{- end }}
