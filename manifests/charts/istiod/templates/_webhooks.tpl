{{/* clientConfig pointing at istiod (or at a remote URL). Arguments: root, path. */}}
{{- define "istiod.webhookClient" -}}
{{- $v := .root.Values }}
{{- if and (eq .path "/inject") $v.istiodRemote.injectionURL }}
url: {{ $v.istiodRemote.injectionURL | quote }}
{{- else if and (eq .path "/validate") ($v.base | default dict).validationURL }}
url: {{ $v.base.validationURL | quote }}
{{- else }}
service:
  name: {{ include "istiod.name" .root }}
  namespace: {{ ternary .root.Values.global.istioNamespace .root.Release.Namespace (eq .path "/validate") }}
  path: {{ .path | quote }}
  {{- if eq .path "/inject" }}
  port: 443
  {{- end }}
{{- end }}
{{- with $v.istiodRemote.injectionCABundle }}
caBundle: {{ . | quote }}
{{- end }}
{{- end }}

{{/* One injection webhook entry. Arguments: root, name, namespaceSelector, objectSelector (as dicts). */}}
{{- define "istiod.injectionWebhook" -}}
- name: {{ .name }}
  admissionReviewVersions: [v1]
  clientConfig:
    {{- include "istiod.webhookClient" (dict "root" .root "path" "/inject") | nindent 4 }}
  failurePolicy: Fail
  sideEffects: None
  reinvocationPolicy: {{ .root.Values.sidecarInjectorWebhook.reinvocationPolicy }}
  rules:
    - apiGroups: [""]
      apiVersions: [v1]
      operations: [CREATE]
      resources: [pods]
  namespaceSelector:
    {{- toYaml .namespaceSelector | nindent 4 }}
  objectSelector:
    {{- toYaml .objectSelector | nindent 4 }}
{{- end }}

{{/* The webhook entries that select pods for revision `.rev`; with .legacy also the istio-injection ones. */}}
{{- define "istiod.injectionWebhooks" -}}
{{- $notDisabled := dict "key" "sidecar.istio.io/inject" "operator" "NotIn" "values" (list "false") }}
{{- $revIs := dict "key" "istio.io/rev" "operator" "In" "values" (list .rev) }}
{{- $noRev := dict "key" "istio.io/rev" "operator" "DoesNotExist" }}
{{- $noLegacy := dict "key" "istio-injection" "operator" "DoesNotExist" }}
{{- include "istiod.injectionWebhook" (dict "root" .root "name" (printf "%snamespace.sidecar-injector.istio.io" .prefix)
    "namespaceSelector" (dict "matchExpressions" (list $revIs $noLegacy))
    "objectSelector" (dict "matchExpressions" (list $notDisabled))) }}
{{ include "istiod.injectionWebhook" (dict "root" .root "name" (printf "%sobject.sidecar-injector.istio.io" .prefix)
    "namespaceSelector" (dict "matchExpressions" (list $noRev $noLegacy))
    "objectSelector" (dict "matchExpressions" (list $notDisabled $revIs))) }}
{{- if .legacy }}
{{ include "istiod.injectionWebhook" (dict "root" .root "name" "namespace.sidecar-injector.istio.io"
    "namespaceSelector" (dict "matchExpressions" (list (dict "key" "istio-injection" "operator" "In" "values" (list "enabled"))))
    "objectSelector" (dict "matchExpressions" (list $notDisabled))) }}
{{ include "istiod.injectionWebhook" (dict "root" .root "name" "object.sidecar-injector.istio.io"
    "namespaceSelector" (dict "matchExpressions" (list $noLegacy $noRev))
    "objectSelector" (dict "matchExpressions" (list (dict "key" "sidecar.istio.io/inject" "operator" "In" "values" (list "true")) $noRev))) }}
{{- end }}
{{- end }}
