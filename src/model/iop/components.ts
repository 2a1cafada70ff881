// The IstioOperator components (operator/pkg/component): their IOP keys, user-facing names, the chart
// that renders them, the values subtree they own, and the workload the k8s settings patch.

export type ComponentName = 'Base' | 'Pilot' | 'IngressGateways' | 'EgressGateways' | 'Cni' | 'Ztunnel';

export interface ComponentInfo {
  name: ComponentName;
  /** Key under spec.components. */
  specKey: 'base' | 'pilot' | 'ingressGateways' | 'egressGateways' | 'cni' | 'ztunnel';
  multi: boolean;
  /** Enabled when the profile says nothing. */
  defaultEnabled: boolean;
  /** Our chart directory under manifests/charts. */
  chart: 'base' | 'istiod' | 'gateway' | 'istio-cni' | 'ztunnel';
  /** The values subtree the component's hub/tag go to. */
  valuesRoot: string;
  /** Kind and (default) name of the workload k8s settings patch; name is filled per instance. */
  workloadKind?: 'Deployment' | 'DaemonSet';
  workloadName?: string;
  container?: string;
  /** Helm release name for `helm install` parity and translate. */
  release?: string;
  /** The values are flattened: `values.<valuesRoot>.*` become top-level chart values. */
  flatten?: boolean;
  /** Progress label used by install. */
  label: string;
}

export const COMPONENTS: readonly ComponentInfo[] = [
  {
    name: 'Base',
    specKey: 'base',
    multi: false,
    defaultEnabled: true,
    chart: 'base',
    valuesRoot: 'global',
    release: 'base',
    label: 'Istio core',
  },
  {
    name: 'Pilot',
    specKey: 'pilot',
    multi: false,
    defaultEnabled: true,
    chart: 'istiod',
    valuesRoot: 'pilot',
    workloadKind: 'Deployment',
    workloadName: 'istiod',
    container: 'discovery',
    release: 'istiod',
    label: 'Istiod',
  },
  {
    name: 'Cni',
    specKey: 'cni',
    multi: false,
    defaultEnabled: false,
    chart: 'istio-cni',
    valuesRoot: 'cni',
    workloadKind: 'DaemonSet',
    workloadName: 'istio-cni-node',
    container: 'install-cni',
    release: 'cni',
    label: 'CNI',
  },
  {
    name: 'Ztunnel',
    specKey: 'ztunnel',
    multi: false,
    defaultEnabled: false,
    chart: 'ztunnel',
    valuesRoot: 'ztunnel',
    workloadKind: 'DaemonSet',
    workloadName: 'ztunnel',
    container: 'istio-proxy',
    release: 'ztunnel',
    flatten: true,
    label: 'Ztunnel',
  },
  {
    name: 'IngressGateways',
    specKey: 'ingressGateways',
    multi: true,
    defaultEnabled: true,
    chart: 'gateway',
    valuesRoot: 'gateways.istio-ingressgateway',
    workloadKind: 'Deployment',
    workloadName: 'istio-ingressgateway',
    container: 'istio-proxy',
    label: 'Ingress gateways',
  },
  {
    name: 'EgressGateways',
    specKey: 'egressGateways',
    multi: true,
    defaultEnabled: false,
    chart: 'gateway',
    valuesRoot: 'gateways.istio-egressgateway',
    workloadKind: 'Deployment',
    workloadName: 'istio-egressgateway',
    container: 'istio-proxy',
    label: 'Egress gateways',
  },
];

export function componentBySpecKey(key: string): ComponentInfo | undefined {
  return COMPONENTS.find((c) => c.specKey === key);
}

/** Install order dependencies: Base before Cni and Pilot, Pilot before gateways, Cni before Ztunnel. */
export const COMPONENT_DEPENDENCIES: Readonly<Record<ComponentName, ComponentName[]>> = {
  Base: [],
  Pilot: ['Base'],
  Cni: ['Base'],
  Ztunnel: ['Cni'],
  IngressGateways: ['Pilot'],
  EgressGateways: ['Pilot'],
};
