{{- define "cni.labels" -}}
app.kubernetes.io/name: istio-cni
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: istio
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}
release: {{ .Release.Name }}
{{- end }}

{{- define "cni.installLabels" -}}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" }}
operator.istio.io/component: Cni
istio.io/rev: {{ .Values.revision | default "default" | quote }}
{{- end }}

{{- define "cni.platform" -}}
{{ coalesce .Values.platform .Values.global.platform | default "" }}
{{- end }}

{{/* The values subtree istioctl uses for this chart ("" for none); see zzz_profile.yaml. */}}
{{- define "chart.valuesScope" -}}cni{{- end }}

{{/* "true" when the cluster takes AppArmor settings as a securityContext field (Kubernetes 1.30+)
rather than the older annotation. */}}
{{- define "cni.appArmorField" -}}
{{- if semverCompare ">=1.30-0" .Capabilities.KubeVersion.GitVersion }}true{{ end -}}
{{- end }}
