// Vectors for istiod's injection-template functions (mode "istio" = sprig + the injection func map).
const sm = (o) => ({ $strmap: o });

const D = {
  ObjectMeta: {
    Name: 'pod',
    Annotations: sm({
      'sidecar.istio.io/proxyCPU': '100m',
      'status.sidecar.istio.io/port': '15021',
      empty: '',
    }),
    Labels: sm({ app: 'web', version: 'v1' }),
  },
  NoAnn: { Name: 'x', Annotations: sm({}) },
  Spec: {
    Containers: [
      {
        Name: 'app',
        Ports: [
          { ContainerPort: 8080, Protocol: 'TCP' },
          { ContainerPort: 53, Protocol: 'UDP' },
          { ContainerPort: 9090 },
        ],
      },
      { Name: 'istio-proxy', Ports: [{ ContainerPort: 15090, Protocol: 'TCP' }] },
      {
        Name: 'side',
        Ports: [
          { ContainerPort: 7070, Protocol: 'SCTP' },
          { ContainerPort: 7071, Protocol: 'TCP' },
        ],
      },
    ],
  },
  Dur: { $duration: { seconds: 3725, nanos: 500000000 } },
  Dur2: { $duration: { seconds: 0, nanos: 1500 } },
  A: sm({ a: '1', b: '2' }),
  B: sm({ b: 'x', c: '3' }),
  Values: {
    global: {
      proxy: { resources: { requests: { cpu: '10m', memory: null }, limits: null } },
      x: '',
      n: null,
    },
  },
};

const tpls = [
  '{{ formatDuration .Dur }} {{ formatDuration .Dur2 }}',
  '{{ isset .ObjectMeta.Annotations "sidecar.istio.io/proxyCPU" }} {{ isset .ObjectMeta.Annotations "nope" }} {{ isset .ObjectMeta.Annotations "empty" }}',
  '{{ excludeInboundPort 15020 "" }}|{{ excludeInboundPort "15020" "1,2" }}|{{ excludeInboundPort 1 "1,2" }}|{{ excludeInboundPort 0 "5" }}|{{ excludeInboundPort " 7 " " 3 , ,4" }}|{{ excludeInboundPort 8.5 "" }}',
  '{{ includeInboundPorts .Spec.Containers }}|{{ applicationPorts .Spec.Containers }}',
  '{{ kubevirtInterfaces "eth1,eth2" }} {{ excludeInterfaces "eth3" }}',
  '{{ annotation .ObjectMeta "status.sidecar.istio.io/port" 1 }} {{ annotation .ObjectMeta "missing" 15020.0 }} {{ annotation .ObjectMeta "missing" "dflt" }} {{ annotation .NoAnn "x" true }}',
  '{{ valueOrDefault "" "d" }} {{ valueOrDefault .nil "d" }} {{ valueOrDefault "v" "d" }} {{ valueOrDefault 0 "d" }} {{ valueOrDefault .Values.global.x "dd" }}',
  '{{ toJSON .A }} {{ toJSON .nilmap }}',
  '{{ fromJSON "{\\"a\\":[1,\\"x\\"]}" }} {{ fromJSON "bad" }} {{ range $k, $v := fromJSON "{\\"b\\":2,\\"a\\":1}" }}{{ $k }}={{ $v }};{{ end }}',
  '{{ structToJSON (index .Spec.Containers 0) }} {{ structToJSON .nil }}',
  '{{ protoToJSON .Values.global }}',
  '{{ toYaml .Values.global }}',
  '{{ toYaml (omitNil .Values.global.proxy.resources) | indent 6 }}',
  '{{ indent 4 "a\\nb\\nc" }}|{{ indent 2 "single" }}',
  '{{ directory "/etc/certs/root.pem" }}|{{ directory "file" }}|{{ directory "/a/" }}',
  '{{ contains "ist" "istio" }} {{ contains "istio" "ist" }} {{ toLower "ISTIO" }}',
  '{{ appendMultusNetwork "" "istio-cni" }}|{{ appendMultusNetwork "net1" "istio-cni" }}|{{ appendMultusNetwork "istio-cni, x" "istio-cni" }}|{{ appendMultusNetwork "[{\\"name\\": \\"n1\\"}]" "istio-cni" }}|{{ appendMultusNetwork "[{\\"name\\": \\"istio-cni\\"}]" "istio-cni" }}|{{ appendMultusNetwork "[bad" "istio-cni" }}',
  '{{ env "DEFINITELY_NOT_SET_VAR" "fallback" }}',
  '{{ omit .A "a" }} {{ omit .A }}',
  '{{ strdict "a" "1" "b" }} {{ strdict }}',
  '{{ toJsonMap .A .B }} {{ toJsonMap }} {{ toJsonMap (strdict "z" "<") }}',
  '{{ mergeMaps .A .B }}',
  '{{ omitNil .Values.global }}',
  '{{ isset .Values.global "x" }}',
  '{{ annotation .Values "x" 1 }}',
  '{{ includeInboundPorts .nil }}|',
  '{{ formatDuration .nil }}',
  '{{ upper "sprig still works" }} {{ default "d" .nil }} {{ toJson .A }}',
  '{{ otelResourceAttributes .Mesh .ObjectMeta.Annotations .ObjectMeta.Labels "ns" .Spec.Containers }}|',
];

export function istioVectors() {
  return tpls.map((tpl, i) => ({
    name: `istio-${String(i + 1).padStart(4, '0')}`,
    mode: 'istio',
    tpl,
    data: D,
  }));
}
