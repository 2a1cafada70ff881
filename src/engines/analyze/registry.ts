// Every registered analyzer, sorted by name as --list-analyzers prints them.
import { alphaAnalyzer } from './analyzers/annotations/alpha.js';
import { k8sAnnotationsAnalyzer } from './analyzers/annotations/k8s.js';
import { blockedCidrsAnalyzer } from './analyzers/authn/blocked-cidrs.js';
import { authorizationPoliciesAnalyzer } from './analyzers/authz/authorization-policies.js';
import { conditionAnalyzer } from './analyzers/conditions/condition.js';
import { applicationUidAnalyzer } from './analyzers/deployment/application-uid.js';
import { multiServiceAnalyzer } from './analyzers/deployment/multi-service.js';
import { deprecationAnalyzer } from './analyzers/deprecation/deprecation.js';
import { caCertificateAnalyzer } from './analyzers/destinationrule/ca-certificate.js';
import { subsetSelectPodAnalyzer } from './analyzers/destinationrule/subset-select-pod.js';
import { envoyPatchAnalyzer } from './analyzers/envoyfilter/envoy-patch.js';
import { externalControlPlaneAnalyzer } from './analyzers/externalcontrolplane/external-control-plane.js';
import { certificateAnalyzer } from './analyzers/gateway/certificate.js';
import { conflictingGatewayAnalyzer } from './analyzers/gateway/conflicting-gateway.js';
import { ingressGatewayPortAnalyzer } from './analyzers/gateway/ingress-gateway-port.js';
import { secretAnalyzer } from './analyzers/gateway/secret.js';
import { imageAnalyzer } from './analyzers/injection/image.js';
import { imageAutoAnalyzer } from './analyzers/injection/image-auto.js';
import { injectionAnalyzer } from './analyzers/injection/injection.js';
import { crdVersionAnalyzer } from './analyzers/k8sgateway/crd-version.js';
import { k8sGatewaySelectorAnalyzer } from './analyzers/k8sgateway/selector.js';
import { meshNetworksAnalyzer } from './analyzers/multicluster/mesh-networks.js';
import { multiClusterServiceAnalyzer } from './analyzers/multicluster/service.js';
import { schemaAnalyzers } from './analyzers/schema/validation.js';
import { portNameAnalyzer } from './analyzers/service/port-name.js';
import { protocolAddressesAnalyzer } from './analyzers/serviceentry/protocol-addresses.js';
import { sidecarSelectorAnalyzer } from './analyzers/sidecar/selector.js';
import { telemetryDefaultSelectorAnalyzer } from './analyzers/telemetry/default-selector.js';
import { lightstepAnalyzer } from './analyzers/telemetry/lightstep.js';
import { telemetryProviderAnalyzer } from './analyzers/telemetry/provider.js';
import { telemetrySelectorAnalyzer } from './analyzers/telemetry/selector.js';
import { conflictingMeshGatewayHostsAnalyzer } from './analyzers/virtualservice/conflicting-mesh-gateway-hosts.js';
import { destinationHostAnalyzer } from './analyzers/virtualservice/destination-host.js';
import { destinationRuleAnalyzer } from './analyzers/virtualservice/destination-rule.js';
import { vsGatewayAnalyzer } from './analyzers/virtualservice/gateway.js';
import { jwtClaimRouteAnalyzer } from './analyzers/virtualservice/jwt-claim-route.js';
import { webhookAnalyzer } from './analyzers/webhook/webhook.js';
import type { Analyzer } from './types.js';

/** The analyzers a plain `istioctl analyze` runs, in upstream's All() order (what -v prints). */
export const REGISTERED_ANALYZERS: readonly Analyzer[] = [
  k8sAnnotationsAnalyzer,
  blockedCidrsAnalyzer,
  authorizationPoliciesAnalyzer,
  conditionAnalyzer,
  multiServiceAnalyzer,
  applicationUidAnalyzer,
  caCertificateAnalyzer,
  subsetSelectPodAnalyzer,
  deprecationAnalyzer,
  envoyPatchAnalyzer,
  externalControlPlaneAnalyzer,
  ingressGatewayPortAnalyzer,
  certificateAnalyzer,
  secretAnalyzer,
  conflictingGatewayAnalyzer,
  injectionAnalyzer,
  imageAnalyzer,
  imageAutoAnalyzer,
  k8sGatewaySelectorAnalyzer,
  crdVersionAnalyzer,
  meshNetworksAnalyzer,
  multiClusterServiceAnalyzer,
  portNameAnalyzer,
  sidecarSelectorAnalyzer,
  conflictingMeshGatewayHostsAnalyzer,
  destinationHostAnalyzer,
  destinationRuleAnalyzer,
  vsGatewayAnalyzer,
  jwtClaimRouteAnalyzer,
  protocolAddressesAnalyzer,
  webhookAnalyzer,
  telemetryProviderAnalyzer,
  telemetrySelectorAnalyzer,
  telemetryDefaultSelectorAnalyzer,
  lightstepAnalyzer,
  ...schemaAnalyzers,
];

/** The same analyzers sorted by name, as --list-analyzers prints them. */
export const ALL_ANALYZERS: readonly Analyzer[] = [...REGISTERED_ANALYZERS].sort((a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
);

/** Analyzers that exist but are not in the default set; they run only when named. */
export const EXTRA_ANALYZERS: readonly Analyzer[] = [alphaAnalyzer];

export function analyzerByName(name: string): Analyzer | undefined {
  return ALL_ANALYZERS.find((a) => a.name === name) ?? EXTRA_ANALYZERS.find((a) => a.name === name);
}
