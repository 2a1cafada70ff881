{{/* The revision as used in names: "" for the default revision. */}}
{{- define "istiod.rev" -}}
{{- if and .Values.revision (ne .Values.revision "default") }}{{ .Values.revision }}{{ end -}}
{{- end }}

{{/* istiod or istiod-<revision>: the Deployment, Service, ServiceAccount... */}}
{{- define "istiod.name" -}}
istiod{{ with include "istiod.rev" . }}-{{ . }}{{ end }}
{{- end }}

{{/* Suffix of the cluster roles and their bindings: -<revision>-<release namespace> or -<release namespace>. */}}
{{- define "istiod.clusterSuffix" -}}
{{ with include "istiod.rev" . }}-{{ . }}{{ end }}-{{ .Release.Namespace }}
{{- end }}

{{/* Suffix of the validating webhook and admission policy: -<revision>-<istio namespace> or -<istio namespace>. */}}
{{- define "istiod.validationSuffix" -}}
{{ with include "istiod.rev" . }}-{{ . }}{{ end }}-{{ .Values.global.istioNamespace }}
{{- end }}

{{/* The labels every object of this chart carries. */}}
{{- define "istiod.chartLabels" -}}
app.kubernetes.io/name: {{ .name | default "istiod" }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: istio
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ .root.Chart.Name }}-{{ .root.Chart.Version | replace "+" "_" }}
release: {{ .root.Release.Name }}
{{- end }}

{{/* The labels istioctl uses to find what it installed. */}}
{{- define "istiod.installLabels" -}}
install.operator.istio.io/owning-resource: {{ .Values.ownerName | default "unknown" }}
operator.istio.io/component: Pilot
istio.io/rev: {{ .Values.revision | default "default" | quote }}
{{- end }}

{{- define "istiod.image" -}}
{{- if contains "/" .Values.image -}}
{{ .Values.image }}
{{- else -}}
{{ .Values.hub | default .Values.global.hub }}/{{ .Values.image }}:{{ .Values.tag | default .Values.global.tag }}
{{- with (.Values.variant | default .Values.global.variant) }}-{{ . }}{{ end }}
{{- end -}}
{{- end }}

{{/* The address proxies and ztunnel use to reach this control plane. */}}
{{- define "istiod.xdsAddress" -}}
{{ include "istiod.name" . }}.{{ .Release.Namespace }}.svc:15012
{{- end }}

{{/* "true" when istiod itself runs in this cluster (not a remote-only install). */}}
{{- define "istiod.local" -}}
{{- if or (not .Values.istiodRemote.enabled) .Values.istiodRemote.enabledLocalInjectorIstiod }}true{{ end -}}
{{- end }}

{{/* "true" when istiod's identity and RBAC belong in this cluster: a local istiod, or a config cluster
whose resources an external istiod reads and writes. */}}
{{- define "istiod.rbac" -}}
{{- if or (include "istiod.local" .) .Values.global.configCluster }}true{{ end -}}
{{- end }}

{{/* The values subtree istioctl uses for this chart ("" for none); see zzz_profile.yaml. */}}
{{- define "chart.valuesScope" -}}pilot{{- end }}

{{/* The spec of istiod's Service (also used by the revision-tag Services). */}}
{{- define "istiod.serviceSpec" -}}
{{- with .Values.ipFamilyPolicy }}
ipFamilyPolicy: {{ . }}
{{- end }}
{{- with .Values.ipFamilies }}
ipFamilies: {{ toJson . }}
{{- end }}
ports:
  - {name: grpc-xds, port: 15010, protocol: TCP}
  - {name: https-dns, port: 15012, protocol: TCP}
  - {name: https-webhook, port: 443, targetPort: 15017, protocol: TCP}
  - {name: http-monitoring, port: 15014, protocol: TCP}
selector:
  app: istiod
  {{- with include "istiod.rev" . }}
  istio.io/rev: {{ . | quote }}
  {{- else }}
  istio: pilot
  {{- end }}
{{- end }}
