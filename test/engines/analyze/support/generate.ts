// Seeded generator of Istio/Kubernetes configuration with deliberate mistakes (missing gateways,
// hosts and subsets, TLS without CA certificates, duplicate matches, unprotocol'd ServiceEntry ports,
// unknown namespaces…) in varied YAML layouts, for the differential test against the real istioctl.

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const NAMESPACES = ['default', 'default', 'shop', 'payments'];

export function generateConfig(seed: number, count: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const docs: string[] = [];
  const apps = Array.from({ length: Math.max(2, Math.ceil(count / 6)) }, (_, i) => `app${i}`);
  const gateways: string[] = [];
  for (let i = 0; docs.length < count; i++) {
    const ns = pick(NAMESPACES);
    const app = pick(apps);
    const nsLine = chance(0.15) ? '' : `  namespace: ${ns}\n`;
    const kind = pick([
      'vs',
      'vs',
      'dr',
      'dr',
      'gw',
      'se',
      'ap',
      'ef',
      'sc',
      'svc',
      'deploy',
      'tel',
      'pa',
      'ra',
      'we',
      'sc2',
      'vs2',
    ]);
    const meta = (k: string, api: string, name: string) =>
      `apiVersion: ${api}\nkind: ${k}\nmetadata:\n  name: ${name}\n${nsLine}`;
    let doc = '';
    if (kind === 'gw') {
      const name = `gw-${i}`;
      gateways.push(name);
      const cred = chance(0.3) ? `\n    tls:\n      mode: SIMPLE\n      credentialName: cert-${i % 3}` : '';
      doc = `${meta('Gateway', 'networking.istio.io/v1', name)}spec:\n  selector:\n    istio: ${chance(0.8) ? 'ingressgateway' : 'nothing'}\n  servers:\n  - port: {number: ${chance(0.5) ? 80 : 443}, name: p${i}, protocol: ${chance(0.5) ? 'HTTP' : 'HTTPS'}}\n    hosts:\n    - "${chance(0.3) ? '*' : `${app}.example.com`}"${cred}\n`;
    } else if (kind === 'vs') {
      const gws = [
        ...(chance(0.5) ? ['mesh'] : []),
        ...(chance(0.6) && gateways.length > 0 ? [pick(gateways)] : []),
        ...(chance(0.2) ? [`missing-gw-${i}`] : []),
      ];
      const gwText = gws.length > 0 ? `  gateways:\n${gws.map((g) => `  - ${g}\n`).join('')}` : '';
      const subset = chance(0.4) ? `\n        subset: ${pick(['v1', 'v2', 'v9'])}` : '';
      const dup = chance(0.2)
        ? `  - match:\n    - uri: {prefix: /api}\n    route:\n    - destination: {host: ${app}}\n`
        : '';
      const mirror = chance(0.15) ? `    mirror:\n      host: ${pick(apps)}\n` : '';
      doc = `${meta('VirtualService', pick(['networking.istio.io/v1', 'networking.istio.io/v1beta1']), `vs-${i}`)}spec:\n  hosts:\n  - ${chance(0.5) ? app : `${app}.example.com`}\n${gwText}  http:\n${dup}  - match:\n    - uri: {prefix: /api}\n    route:\n    - destination:\n        host: ${chance(0.8) ? app : `${app}.unknown`}${subset}\n${mirror}`;
    } else if (kind === 'dr') {
      const tls = chance(0.3)
        ? `  trafficPolicy:\n    tls:\n      mode: ${pick(['SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'])}\n${chance(0.3) ? '      caCertificates: /etc/ca.pem\n' : ''}`
        : '';
      const pls = chance(0.15)
        ? `${tls ? '' : '  trafficPolicy:\n'}    portLevelSettings:\n    - port: {number: 8443}\n      tls: {mode: SIMPLE}\n`
        : '';
      doc = `${meta('DestinationRule', 'networking.istio.io/v1', `dr-${i}`)}spec:\n  host: ${app}\n${tls}${pls}  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels:\n      version: v2\n`;
    } else if (kind === 'se') {
      const addr = chance(0.3) ? '  addresses: [240.0.0.1]\n' : '';
      const resolution = pick(['DNS', 'STATIC', 'NONE', '']);
      doc = `${meta('ServiceEntry', 'networking.istio.io/v1', `se-${i}`)}spec:\n  hosts: [${app}.external.com]\n${addr}  ports:\n  - number: 443\n    name: https\n${chance(0.5) ? '    protocol: TLS\n' : ''}  - number: 9000\n    name: tcp-${i}\n${resolution ? `  resolution: ${resolution}\n` : ''}`;
    } else if (kind === 'ap') {
      doc = `${meta('AuthorizationPolicy', 'security.istio.io/v1', `ap-${i}`)}spec:\n  selector:\n    matchLabels: {app: ${app}}\n  rules:\n  - from:\n    - source:\n        namespaces: ["${pick(NAMESPACES)}", "${chance(0.3) ? 'ghost' : 'shop'}"]\n`;
    } else if (kind === 'ef') {
      doc = `${meta('EnvoyFilter', 'networking.istio.io/v1alpha3', `ef-${i}`)}spec:\n  configPatches:\n  - applyTo: ${pick(['HTTP_FILTER', 'ROUTE_CONFIGURATION', 'HTTP_ROUTE', 'CLUSTER'])}\n    patch:\n      operation: ${pick(['ADD', 'REMOVE', 'REPLACE', 'INSERT_BEFORE', 'MERGE'])}\n      value:\n        name: filter-${i}\n`;
    } else if (kind === 'sc') {
      doc = `${meta('Sidecar', 'networking.istio.io/v1', `sc-${i}`)}spec:\n  egress:\n  - hosts: ["./*", "istio-system/*"]\n`;
    } else if (kind === 'tel') {
      const sel = chance(0.5) ? `  selector:\n    matchLabels: {app: ${app}}\n` : '';
      const provider = chance(0.5)
        ? `  tracing:\n  - providers:\n    - name: ${pick(['zipkin', 'lightstep', 'nowhere'])}\n`
        : '';
      doc = `${meta('Telemetry', 'telemetry.istio.io/v1', `tel-${i}`)}spec:\n${sel}${provider}  accessLogging:\n  - providers:\n    - name: envoy\n`;
    } else if (kind === 'pa') {
      doc = `${meta('PeerAuthentication', 'security.istio.io/v1', `pa-${i}`)}spec:\n  mtls:\n    mode: ${pick(['STRICT', 'PERMISSIVE', 'DISABLE'])}\n`;
    } else if (kind === 'ra') {
      doc = `${meta('RequestAuthentication', 'security.istio.io/v1', `ra-${i}`)}spec:\n  selector:\n    matchLabels: {app: ${app}}\n  jwtRules:\n  - issuer: https://issuer.example.com\n    jwksUri: https://issuer.example.com/jwks\n`;
    } else if (kind === 'we') {
      doc = `${meta('WorkloadEntry', 'networking.istio.io/v1', `we-${i}`)}spec:\n  address: 10.0.0.${i % 250}\n  labels: {app: ${app}}\n`;
    } else if (kind === 'sc2') {
      doc = `${meta('Sidecar', 'networking.istio.io/v1', `sc2-${i}`)}spec:\n  workloadSelector:\n    labels:\n      app: ${app}\n  outboundTrafficPolicy:\n    mode: REGISTRY_ONLY\n`;
    } else if (kind === 'vs2') {
      // tcp/tls routes, mirrors, exportTo, mesh hosts that may clash with other VirtualServices
      doc = `${meta('VirtualService', 'networking.istio.io/v1', `vs2-${i}`)}spec:\n  hosts: [${chance(0.5) ? `${app}.example.com` : '"*.example.com"'}]\n${chance(0.4) ? '  exportTo: ["."]\n' : ''}  tcp:\n  - match:\n    - port: 9000\n    route:\n    - destination:\n        host: ${app}\n        port: {number: 9000}\n  http:\n  - mirrors:\n    - destination: {host: ${pick(apps)}, subset: v9}\n    route:\n    - destination: {host: ${app}, subset: v1}\n`;
    } else if (kind === 'svc') {
      doc = `${meta('Service', 'v1', app)}spec:\n  selector: {app: ${app}}\n  ports:\n  - port: 80\n    name: ${chance(0.7) ? 'http' : 'web'}\n`;
    } else {
      doc = `${meta('Deployment', 'apps/v1', `${app}-${i}`)}spec:\n  selector:\n    matchLabels: {app: ${app}}\n  template:\n    metadata:\n      labels: {app: ${app}, version: v1}\n    spec:\n      containers:\n      - name: app\n        image: example/${app}:1\n`;
    }
    const before = chance(0.1) ? '# generated\n\n' : chance(0.1) ? '\n' : '';
    docs.push(before + doc);
  }
  return `${docs.join('---\n')}`;
}
