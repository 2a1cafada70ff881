// The semantic rules of every kind, keyed by kind name. Each rule is anchored at a path of the
// kind's schema (test/engines/validate/one-source.test.ts checks that the anchors and every field a
// rule reads exist in the schema).
import type { Rule } from '../types.js';
import { destinationRuleRules } from './destination-rule.js';
import { envoyFilterRules } from './envoy-filter.js';
import { gatewayRules, sidecarRules } from './gateway-sidecar.js';
import { authorizationPolicyRules, peerAuthenticationRules, requestAuthenticationRules } from './security.js';
import {
  proxyConfigRules,
  serviceEntryRules,
  workloadEntryRules,
  workloadGroupRules,
} from './service-entry.js';
import { telemetryRules, trafficExtensionRules, wasmPluginRules } from './telemetry-extensions.js';
import { virtualServiceRules } from './virtual-service.js';

export const RULES: Readonly<Record<string, readonly Rule[]>> = {
  AuthorizationPolicy: authorizationPolicyRules,
  DestinationRule: destinationRuleRules,
  EnvoyFilter: envoyFilterRules,
  Gateway: gatewayRules,
  PeerAuthentication: peerAuthenticationRules,
  ProxyConfig: proxyConfigRules,
  RequestAuthentication: requestAuthenticationRules,
  ServiceEntry: serviceEntryRules,
  Sidecar: sidecarRules,
  Telemetry: telemetryRules,
  TrafficExtension: trafficExtensionRules,
  VirtualService: virtualServiceRules,
  WasmPlugin: wasmPluginRules,
  WorkloadEntry: workloadEntryRules,
  WorkloadGroup: workloadGroupRules,
};

/** The rules of a kind grouped by their schema anchor. */
export function rulesByAnchor(kind: string): Map<string, Rule[]> {
  const out = new Map<string, Rule[]>();
  for (const rule of RULES[kind] ?? []) {
    const list = out.get(rule.at) ?? [];
    list.push(rule);
    out.set(rule.at, list);
  }
  return out;
}
