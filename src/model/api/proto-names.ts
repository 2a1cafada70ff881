// Protobuf type names of the objects and enums in each kind's spec, by schema path. Decode errors name
// them as istioctl does (`unknown field "x" in istio.networking.v1alpha3.HTTPRoute`). Recorded from
// istioctl 1.30's decode errors; test/model/api/proto-names.test.ts keeps the table and the schemas in step.

export const PROTO_NAMES: Readonly<Record<string, string>> = {
  AuthorizationPolicy: 'istio.security.v1beta1.AuthorizationPolicy',
  'AuthorizationPolicy.action': 'istio.security.v1beta1.AuthorizationPolicy.Action',
  'AuthorizationPolicy.provider': 'istio.security.v1beta1.AuthorizationPolicy.ExtensionProvider',
  'AuthorizationPolicy.rules[]': 'istio.security.v1beta1.Rule',
  'AuthorizationPolicy.rules[].from[]': 'istio.security.v1beta1.Rule.From',
  'AuthorizationPolicy.rules[].from[].source': 'istio.security.v1beta1.Source',
  'AuthorizationPolicy.rules[].to[]': 'istio.security.v1beta1.Rule.To',
  'AuthorizationPolicy.rules[].to[].operation': 'istio.security.v1beta1.Operation',
  'AuthorizationPolicy.rules[].when[]': 'istio.security.v1beta1.Condition',
  'AuthorizationPolicy.selector': 'istio.type.v1beta1.WorkloadSelector',
  'AuthorizationPolicy.targetRef': 'istio.type.v1beta1.PolicyTargetReference',
  'AuthorizationPolicy.targetRefs[]': 'istio.type.v1beta1.PolicyTargetReference',
  DestinationRule: 'istio.networking.v1alpha3.DestinationRule',
  'DestinationRule.subsets[]': 'istio.networking.v1alpha3.Subset',
  'DestinationRule.subsets[].trafficPolicy': 'istio.networking.v1alpha3.TrafficPolicy',
  'DestinationRule.subsets[].trafficPolicy.connectionPool':
    'istio.networking.v1alpha3.ConnectionPoolSettings',
  'DestinationRule.subsets[].trafficPolicy.connectionPool.http':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings',
  'DestinationRule.subsets[].trafficPolicy.connectionPool.http.h2UpgradePolicy':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy',
  'DestinationRule.subsets[].trafficPolicy.connectionPool.tcp':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings',
  'DestinationRule.subsets[].trafficPolicy.connectionPool.tcp.tcpKeepalive':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer': 'istio.networking.v1alpha3.LoadBalancerSettings',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.consistentHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.consistentHash.httpCookie':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[]':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie.Attribute',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.consistentHash.maglev':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.MagLev',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.consistentHash.ringHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.RingHash',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.localityLbSetting':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.localityLbSetting.distribute[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Distribute',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.localityLbSetting.failover[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Failover',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.simple':
    'istio.networking.v1alpha3.LoadBalancerSettings.SimpleLB',
  'DestinationRule.subsets[].trafficPolicy.loadBalancer.warmup':
    'istio.networking.v1alpha3.WarmupConfiguration',
  'DestinationRule.subsets[].trafficPolicy.outlierDetection': 'istio.networking.v1alpha3.OutlierDetection',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[]':
    'istio.networking.v1alpha3.TrafficPolicy.PortTrafficPolicy',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].connectionPool':
    'istio.networking.v1alpha3.ConnectionPoolSettings',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].connectionPool.http':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].connectionPool.http.h2UpgradePolicy':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].connectionPool.tcp':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].connectionPool.tcp.tcpKeepalive':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer':
    'istio.networking.v1alpha3.LoadBalancerSettings',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.consistentHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.attributes[]':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie.Attribute',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.maglev':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.MagLev',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.ringHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.RingHash',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Distribute',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failover[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Failover',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.simple':
    'istio.networking.v1alpha3.LoadBalancerSettings.SimpleLB',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].loadBalancer.warmup':
    'istio.networking.v1alpha3.WarmupConfiguration',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].outlierDetection':
    'istio.networking.v1alpha3.OutlierDetection',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].port':
    'istio.networking.v1alpha3.PortSelector',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].tls':
    'istio.networking.v1alpha3.ClientTLSSettings',
  'DestinationRule.subsets[].trafficPolicy.portLevelSettings[].tls.mode':
    'istio.networking.v1alpha3.ClientTLSSettings.TLSmode',
  'DestinationRule.subsets[].trafficPolicy.proxyProtocol':
    'istio.networking.v1alpha3.TrafficPolicy.ProxyProtocol',
  'DestinationRule.subsets[].trafficPolicy.proxyProtocol.version':
    'istio.networking.v1alpha3.TrafficPolicy.ProxyProtocol.VERSION',
  'DestinationRule.subsets[].trafficPolicy.retryBudget':
    'istio.networking.v1alpha3.TrafficPolicy.RetryBudget',
  'DestinationRule.subsets[].trafficPolicy.tls': 'istio.networking.v1alpha3.ClientTLSSettings',
  'DestinationRule.subsets[].trafficPolicy.tls.mode': 'istio.networking.v1alpha3.ClientTLSSettings.TLSmode',
  'DestinationRule.subsets[].trafficPolicy.tunnel': 'istio.networking.v1alpha3.TrafficPolicy.TunnelSettings',
  'DestinationRule.trafficPolicy': 'istio.networking.v1alpha3.TrafficPolicy',
  'DestinationRule.trafficPolicy.connectionPool': 'istio.networking.v1alpha3.ConnectionPoolSettings',
  'DestinationRule.trafficPolicy.connectionPool.http':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings',
  'DestinationRule.trafficPolicy.connectionPool.http.h2UpgradePolicy':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy',
  'DestinationRule.trafficPolicy.connectionPool.tcp':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings',
  'DestinationRule.trafficPolicy.connectionPool.tcp.tcpKeepalive':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  'DestinationRule.trafficPolicy.loadBalancer': 'istio.networking.v1alpha3.LoadBalancerSettings',
  'DestinationRule.trafficPolicy.loadBalancer.consistentHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB',
  'DestinationRule.trafficPolicy.loadBalancer.consistentHash.httpCookie':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie',
  'DestinationRule.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[]':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie.Attribute',
  'DestinationRule.trafficPolicy.loadBalancer.consistentHash.maglev':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.MagLev',
  'DestinationRule.trafficPolicy.loadBalancer.consistentHash.ringHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.RingHash',
  'DestinationRule.trafficPolicy.loadBalancer.localityLbSetting':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting',
  'DestinationRule.trafficPolicy.loadBalancer.localityLbSetting.distribute[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Distribute',
  'DestinationRule.trafficPolicy.loadBalancer.localityLbSetting.failover[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Failover',
  'DestinationRule.trafficPolicy.loadBalancer.simple':
    'istio.networking.v1alpha3.LoadBalancerSettings.SimpleLB',
  'DestinationRule.trafficPolicy.loadBalancer.warmup': 'istio.networking.v1alpha3.WarmupConfiguration',
  'DestinationRule.trafficPolicy.outlierDetection': 'istio.networking.v1alpha3.OutlierDetection',
  'DestinationRule.trafficPolicy.portLevelSettings[]':
    'istio.networking.v1alpha3.TrafficPolicy.PortTrafficPolicy',
  'DestinationRule.trafficPolicy.portLevelSettings[].connectionPool':
    'istio.networking.v1alpha3.ConnectionPoolSettings',
  'DestinationRule.trafficPolicy.portLevelSettings[].connectionPool.http':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings',
  'DestinationRule.trafficPolicy.portLevelSettings[].connectionPool.http.h2UpgradePolicy':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy',
  'DestinationRule.trafficPolicy.portLevelSettings[].connectionPool.tcp':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings',
  'DestinationRule.trafficPolicy.portLevelSettings[].connectionPool.tcp.tcpKeepalive':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer':
    'istio.networking.v1alpha3.LoadBalancerSettings',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.consistentHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.attributes[]':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.HTTPCookie.Attribute',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.maglev':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.MagLev',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.ringHash':
    'istio.networking.v1alpha3.LoadBalancerSettings.ConsistentHashLB.RingHash',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Distribute',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failover[]':
    'istio.networking.v1alpha3.LocalityLoadBalancerSetting.Failover',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.simple':
    'istio.networking.v1alpha3.LoadBalancerSettings.SimpleLB',
  'DestinationRule.trafficPolicy.portLevelSettings[].loadBalancer.warmup':
    'istio.networking.v1alpha3.WarmupConfiguration',
  'DestinationRule.trafficPolicy.portLevelSettings[].outlierDetection':
    'istio.networking.v1alpha3.OutlierDetection',
  'DestinationRule.trafficPolicy.portLevelSettings[].port': 'istio.networking.v1alpha3.PortSelector',
  'DestinationRule.trafficPolicy.portLevelSettings[].tls': 'istio.networking.v1alpha3.ClientTLSSettings',
  'DestinationRule.trafficPolicy.portLevelSettings[].tls.mode':
    'istio.networking.v1alpha3.ClientTLSSettings.TLSmode',
  'DestinationRule.trafficPolicy.proxyProtocol': 'istio.networking.v1alpha3.TrafficPolicy.ProxyProtocol',
  'DestinationRule.trafficPolicy.proxyProtocol.version':
    'istio.networking.v1alpha3.TrafficPolicy.ProxyProtocol.VERSION',
  'DestinationRule.trafficPolicy.retryBudget': 'istio.networking.v1alpha3.TrafficPolicy.RetryBudget',
  'DestinationRule.trafficPolicy.tls': 'istio.networking.v1alpha3.ClientTLSSettings',
  'DestinationRule.trafficPolicy.tls.mode': 'istio.networking.v1alpha3.ClientTLSSettings.TLSmode',
  'DestinationRule.trafficPolicy.tunnel': 'istio.networking.v1alpha3.TrafficPolicy.TunnelSettings',
  'DestinationRule.workloadSelector': 'istio.type.v1beta1.WorkloadSelector',
  EnvoyFilter: 'istio.networking.v1alpha3.EnvoyFilter',
  'EnvoyFilter.configPatches[]': 'istio.networking.v1alpha3.EnvoyFilter.EnvoyConfigObjectPatch',
  'EnvoyFilter.configPatches[].applyTo': 'istio.networking.v1alpha3.EnvoyFilter.ApplyTo',
  'EnvoyFilter.configPatches[].match': 'istio.networking.v1alpha3.EnvoyFilter.EnvoyConfigObjectMatch',
  'EnvoyFilter.configPatches[].match.cluster': 'istio.networking.v1alpha3.EnvoyFilter.ClusterMatch',
  'EnvoyFilter.configPatches[].match.context': 'istio.networking.v1alpha3.EnvoyFilter.PatchContext',
  'EnvoyFilter.configPatches[].match.listener': 'istio.networking.v1alpha3.EnvoyFilter.ListenerMatch',
  'EnvoyFilter.configPatches[].match.listener.filterChain':
    'istio.networking.v1alpha3.EnvoyFilter.ListenerMatch.FilterChainMatch',
  'EnvoyFilter.configPatches[].match.listener.filterChain.filter':
    'istio.networking.v1alpha3.EnvoyFilter.ListenerMatch.FilterMatch',
  'EnvoyFilter.configPatches[].match.listener.filterChain.filter.subFilter':
    'istio.networking.v1alpha3.EnvoyFilter.ListenerMatch.SubFilterMatch',
  'EnvoyFilter.configPatches[].match.proxy': 'istio.networking.v1alpha3.EnvoyFilter.ProxyMatch',
  'EnvoyFilter.configPatches[].match.routeConfiguration':
    'istio.networking.v1alpha3.EnvoyFilter.RouteConfigurationMatch',
  'EnvoyFilter.configPatches[].match.routeConfiguration.vhost':
    'istio.networking.v1alpha3.EnvoyFilter.RouteConfigurationMatch.VirtualHostMatch',
  'EnvoyFilter.configPatches[].match.routeConfiguration.vhost.route':
    'istio.networking.v1alpha3.EnvoyFilter.RouteConfigurationMatch.RouteMatch',
  'EnvoyFilter.configPatches[].match.routeConfiguration.vhost.route.action':
    'istio.networking.v1alpha3.EnvoyFilter.RouteConfigurationMatch.RouteMatch.Action',
  'EnvoyFilter.configPatches[].match.waypoint': 'istio.networking.v1alpha3.EnvoyFilter.WaypointMatch',
  'EnvoyFilter.configPatches[].match.waypoint.filter':
    'istio.networking.v1alpha3.EnvoyFilter.WaypointMatch.FilterMatch',
  'EnvoyFilter.configPatches[].match.waypoint.filter.subFilter':
    'istio.networking.v1alpha3.EnvoyFilter.WaypointMatch.FilterMatch.SubFilterMatch',
  'EnvoyFilter.configPatches[].match.waypoint.route':
    'istio.networking.v1alpha3.EnvoyFilter.WaypointMatch.RouteMatch',
  'EnvoyFilter.configPatches[].patch': 'istio.networking.v1alpha3.EnvoyFilter.Patch',
  'EnvoyFilter.configPatches[].patch.filterClass': 'istio.networking.v1alpha3.EnvoyFilter.Patch.FilterClass',
  'EnvoyFilter.configPatches[].patch.operation': 'istio.networking.v1alpha3.EnvoyFilter.Patch.Operation',
  'EnvoyFilter.targetRefs[]': 'istio.type.v1beta1.PolicyTargetReference',
  'EnvoyFilter.workloadSelector': 'istio.networking.v1alpha3.WorkloadSelector',
  Gateway: 'istio.networking.v1alpha3.Gateway',
  'Gateway.servers[]': 'istio.networking.v1alpha3.Server',
  'Gateway.servers[].port': 'istio.networking.v1alpha3.Port',
  'Gateway.servers[].tls': 'istio.networking.v1alpha3.ServerTLSSettings',
  'Gateway.servers[].tls.maxProtocolVersion': 'istio.networking.v1alpha3.ServerTLSSettings.TLSProtocol',
  'Gateway.servers[].tls.minProtocolVersion': 'istio.networking.v1alpha3.ServerTLSSettings.TLSProtocol',
  'Gateway.servers[].tls.mode': 'istio.networking.v1alpha3.ServerTLSSettings.TLSmode',
  'Gateway.servers[].tls.tlsCertificates[]': 'istio.networking.v1alpha3.ServerTLSSettings.TLSCertificate',
  PeerAuthentication: 'istio.security.v1beta1.PeerAuthentication',
  'PeerAuthentication.mtls': 'istio.security.v1beta1.PeerAuthentication.MutualTLS',
  'PeerAuthentication.mtls.mode': 'istio.security.v1beta1.PeerAuthentication.MutualTLS.Mode',
  'PeerAuthentication.portLevelMtls{}': 'istio.security.v1beta1.PeerAuthentication.MutualTLS',
  'PeerAuthentication.portLevelMtls{}.mode': 'istio.security.v1beta1.PeerAuthentication.MutualTLS.Mode',
  'PeerAuthentication.selector': 'istio.type.v1beta1.WorkloadSelector',
  ProxyConfig: 'istio.networking.v1beta1.ProxyConfig',
  'ProxyConfig.image': 'istio.networking.v1beta1.ProxyImage',
  'ProxyConfig.selector': 'istio.type.v1beta1.WorkloadSelector',
  RequestAuthentication: 'istio.security.v1beta1.RequestAuthentication',
  'RequestAuthentication.jwtRules[]': 'istio.security.v1beta1.JWTRule',
  'RequestAuthentication.jwtRules[].fromHeaders[]': 'istio.security.v1beta1.JWTHeader',
  'RequestAuthentication.jwtRules[].outputClaimToHeaders[]': 'istio.security.v1beta1.ClaimToHeader',
  'RequestAuthentication.selector': 'istio.type.v1beta1.WorkloadSelector',
  'RequestAuthentication.targetRef': 'istio.type.v1beta1.PolicyTargetReference',
  'RequestAuthentication.targetRefs[]': 'istio.type.v1beta1.PolicyTargetReference',
  ServiceEntry: 'istio.networking.v1alpha3.ServiceEntry',
  'ServiceEntry.endpoints[]': 'istio.networking.v1alpha3.WorkloadEntry',
  'ServiceEntry.location': 'istio.networking.v1alpha3.ServiceEntry.Location',
  'ServiceEntry.ports[]': 'istio.networking.v1alpha3.ServicePort',
  'ServiceEntry.resolution': 'istio.networking.v1alpha3.ServiceEntry.Resolution',
  'ServiceEntry.workloadSelector': 'istio.networking.v1alpha3.WorkloadSelector',
  Sidecar: 'istio.networking.v1alpha3.Sidecar',
  'Sidecar.egress[]': 'istio.networking.v1alpha3.IstioEgressListener',
  'Sidecar.egress[].captureMode': 'istio.networking.v1alpha3.CaptureMode',
  'Sidecar.egress[].port': 'istio.networking.v1alpha3.SidecarPort',
  'Sidecar.inboundConnectionPool': 'istio.networking.v1alpha3.ConnectionPoolSettings',
  'Sidecar.inboundConnectionPool.http': 'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings',
  'Sidecar.inboundConnectionPool.http.h2UpgradePolicy':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy',
  'Sidecar.inboundConnectionPool.tcp': 'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings',
  'Sidecar.inboundConnectionPool.tcp.tcpKeepalive':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  'Sidecar.ingress[]': 'istio.networking.v1alpha3.IstioIngressListener',
  'Sidecar.ingress[].captureMode': 'istio.networking.v1alpha3.CaptureMode',
  'Sidecar.ingress[].connectionPool': 'istio.networking.v1alpha3.ConnectionPoolSettings',
  'Sidecar.ingress[].connectionPool.http': 'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings',
  'Sidecar.ingress[].connectionPool.http.h2UpgradePolicy':
    'istio.networking.v1alpha3.ConnectionPoolSettings.HTTPSettings.H2UpgradePolicy',
  'Sidecar.ingress[].connectionPool.tcp': 'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings',
  'Sidecar.ingress[].connectionPool.tcp.tcpKeepalive':
    'istio.networking.v1alpha3.ConnectionPoolSettings.TCPSettings.TcpKeepalive',
  'Sidecar.ingress[].port': 'istio.networking.v1alpha3.SidecarPort',
  'Sidecar.ingress[].tls': 'istio.networking.v1alpha3.ServerTLSSettings',
  'Sidecar.ingress[].tls.maxProtocolVersion': 'istio.networking.v1alpha3.ServerTLSSettings.TLSProtocol',
  'Sidecar.ingress[].tls.minProtocolVersion': 'istio.networking.v1alpha3.ServerTLSSettings.TLSProtocol',
  'Sidecar.ingress[].tls.mode': 'istio.networking.v1alpha3.ServerTLSSettings.TLSmode',
  'Sidecar.ingress[].tls.tlsCertificates[]': 'istio.networking.v1alpha3.ServerTLSSettings.TLSCertificate',
  'Sidecar.outboundTrafficPolicy': 'istio.networking.v1alpha3.OutboundTrafficPolicy',
  'Sidecar.outboundTrafficPolicy.egressProxy': 'istio.networking.v1alpha3.Destination',
  'Sidecar.outboundTrafficPolicy.egressProxy.port': 'istio.networking.v1alpha3.PortSelector',
  'Sidecar.outboundTrafficPolicy.mode': 'istio.networking.v1alpha3.OutboundTrafficPolicy.Mode',
  'Sidecar.workloadSelector': 'istio.networking.v1alpha3.WorkloadSelector',
  Telemetry: 'istio.telemetry.v1alpha1.Telemetry',
  'Telemetry.accessLogging[]': 'istio.telemetry.v1alpha1.AccessLogging',
  'Telemetry.accessLogging[].filter': 'istio.telemetry.v1alpha1.AccessLogging.Filter',
  'Telemetry.accessLogging[].match': 'istio.telemetry.v1alpha1.AccessLogging.LogSelector',
  'Telemetry.accessLogging[].match.mode': 'istio.telemetry.v1alpha1.WorkloadMode',
  'Telemetry.accessLogging[].providers[]': 'istio.telemetry.v1alpha1.ProviderRef',
  'Telemetry.metrics[]': 'istio.telemetry.v1alpha1.Metrics',
  'Telemetry.metrics[].overrides[]': 'istio.telemetry.v1alpha1.MetricsOverrides',
  'Telemetry.metrics[].overrides[].match': 'istio.telemetry.v1alpha1.MetricSelector',
  'Telemetry.metrics[].overrides[].match.metric': 'istio.telemetry.v1alpha1.MetricSelector.IstioMetric',
  'Telemetry.metrics[].overrides[].match.mode': 'istio.telemetry.v1alpha1.WorkloadMode',
  'Telemetry.metrics[].overrides[].tagOverrides{}': 'istio.telemetry.v1alpha1.MetricsOverrides.TagOverride',
  'Telemetry.metrics[].overrides[].tagOverrides{}.operation':
    'istio.telemetry.v1alpha1.MetricsOverrides.TagOverride.Operation',
  'Telemetry.metrics[].providers[]': 'istio.telemetry.v1alpha1.ProviderRef',
  'Telemetry.selector': 'istio.type.v1beta1.WorkloadSelector',
  'Telemetry.targetRef': 'istio.type.v1beta1.PolicyTargetReference',
  'Telemetry.targetRefs[]': 'istio.type.v1beta1.PolicyTargetReference',
  'Telemetry.tracing[]': 'istio.telemetry.v1alpha1.Tracing',
  'Telemetry.tracing[].customTags{}': 'istio.telemetry.v1alpha1.Tracing.CustomTag',
  'Telemetry.tracing[].customTags{}.environment': 'istio.telemetry.v1alpha1.Tracing.Environment',
  'Telemetry.tracing[].customTags{}.formatter': 'istio.telemetry.v1alpha1.Tracing.Formatter',
  'Telemetry.tracing[].customTags{}.header': 'istio.telemetry.v1alpha1.Tracing.RequestHeader',
  'Telemetry.tracing[].customTags{}.literal': 'istio.telemetry.v1alpha1.Tracing.Literal',
  'Telemetry.tracing[].match': 'istio.telemetry.v1alpha1.Tracing.TracingSelector',
  'Telemetry.tracing[].match.mode': 'istio.telemetry.v1alpha1.WorkloadMode',
  'Telemetry.tracing[].providers[]': 'istio.telemetry.v1alpha1.ProviderRef',
  TrafficExtension: 'istio.extensions.v1alpha1.TrafficExtension',
  'TrafficExtension.lua': 'istio.extensions.v1alpha1.LuaConfig',
  'TrafficExtension.match[]': 'istio.extensions.v1alpha1.TrafficSelector',
  'TrafficExtension.match[].mode': 'istio.type.v1beta1.WorkloadMode',
  'TrafficExtension.match[].ports[]': 'istio.type.v1beta1.PortSelector',
  'TrafficExtension.phase': 'istio.extensions.v1alpha1.TrafficExtension.ExecutionPhase',
  'TrafficExtension.selector': 'istio.type.v1beta1.WorkloadSelector',
  'TrafficExtension.targetRefs[]': 'istio.type.v1beta1.PolicyTargetReference',
  'TrafficExtension.wasm': 'istio.extensions.v1alpha1.WasmConfig',
  'TrafficExtension.wasm.failStrategy': 'istio.extensions.v1alpha1.FailStrategy',
  'TrafficExtension.wasm.imagePullPolicy': 'istio.extensions.v1alpha1.PullPolicy',
  'TrafficExtension.wasm.type': 'istio.extensions.v1alpha1.PluginType',
  'TrafficExtension.wasm.vmConfig': 'istio.extensions.v1alpha1.VmConfig',
  'TrafficExtension.wasm.vmConfig.env[]': 'istio.extensions.v1alpha1.EnvVar',
  'TrafficExtension.wasm.vmConfig.env[].valueFrom': 'istio.extensions.v1alpha1.EnvValueSource',
  VirtualService: 'istio.networking.v1alpha3.VirtualService',
  'VirtualService.http[]': 'istio.networking.v1alpha3.HTTPRoute',
  'VirtualService.http[].corsPolicy': 'istio.networking.v1alpha3.CorsPolicy',
  'VirtualService.http[].corsPolicy.allowOrigins[]': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].corsPolicy.unmatchedPreflights':
    'istio.networking.v1alpha3.CorsPolicy.UnmatchedPreflights',
  'VirtualService.http[].delegate': 'istio.networking.v1alpha3.Delegate',
  'VirtualService.http[].directResponse': 'istio.networking.v1alpha3.HTTPDirectResponse',
  'VirtualService.http[].directResponse.body': 'istio.networking.v1alpha3.HTTPBody',
  'VirtualService.http[].fault': 'istio.networking.v1alpha3.HTTPFaultInjection',
  'VirtualService.http[].fault.abort': 'istio.networking.v1alpha3.HTTPFaultInjection.Abort',
  'VirtualService.http[].fault.abort.percentage': 'istio.networking.v1alpha3.Percent',
  'VirtualService.http[].fault.delay': 'istio.networking.v1alpha3.HTTPFaultInjection.Delay',
  'VirtualService.http[].fault.delay.percentage': 'istio.networking.v1alpha3.Percent',
  'VirtualService.http[].headers': 'istio.networking.v1alpha3.Headers',
  'VirtualService.http[].headers.request': 'istio.networking.v1alpha3.Headers.HeaderOperations',
  'VirtualService.http[].headers.response': 'istio.networking.v1alpha3.Headers.HeaderOperations',
  'VirtualService.http[].match[]': 'istio.networking.v1alpha3.HTTPMatchRequest',
  'VirtualService.http[].match[].authority': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].match[].headers{}': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].match[].method': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].match[].queryParams{}': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].match[].scheme': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].match[].uri': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].match[].withoutHeaders{}': 'istio.networking.v1alpha3.StringMatch',
  'VirtualService.http[].mirror': 'istio.networking.v1alpha3.Destination',
  'VirtualService.http[].mirror.port': 'istio.networking.v1alpha3.PortSelector',
  'VirtualService.http[].mirrorPercentage': 'istio.networking.v1alpha3.Percent',
  'VirtualService.http[].mirrors[]': 'istio.networking.v1alpha3.HTTPMirrorPolicy',
  'VirtualService.http[].mirrors[].destination': 'istio.networking.v1alpha3.Destination',
  'VirtualService.http[].mirrors[].destination.port': 'istio.networking.v1alpha3.PortSelector',
  'VirtualService.http[].mirrors[].percentage': 'istio.networking.v1alpha3.Percent',
  'VirtualService.http[].redirect': 'istio.networking.v1alpha3.HTTPRedirect',
  'VirtualService.http[].redirect.derivePort': 'istio.networking.v1alpha3.HTTPRedirect.RedirectPortSelection',
  'VirtualService.http[].retries': 'istio.networking.v1alpha3.HTTPRetry',
  'VirtualService.http[].rewrite': 'istio.networking.v1alpha3.HTTPRewrite',
  'VirtualService.http[].rewrite.uriRegexRewrite': 'istio.networking.v1alpha3.RegexRewrite',
  'VirtualService.http[].route[]': 'istio.networking.v1alpha3.HTTPRouteDestination',
  'VirtualService.http[].route[].destination': 'istio.networking.v1alpha3.Destination',
  'VirtualService.http[].route[].destination.port': 'istio.networking.v1alpha3.PortSelector',
  'VirtualService.http[].route[].headers': 'istio.networking.v1alpha3.Headers',
  'VirtualService.http[].route[].headers.request': 'istio.networking.v1alpha3.Headers.HeaderOperations',
  'VirtualService.http[].route[].headers.response': 'istio.networking.v1alpha3.Headers.HeaderOperations',
  'VirtualService.tcp[]': 'istio.networking.v1alpha3.TCPRoute',
  'VirtualService.tcp[].match[]': 'istio.networking.v1alpha3.L4MatchAttributes',
  'VirtualService.tcp[].route[]': 'istio.networking.v1alpha3.RouteDestination',
  'VirtualService.tcp[].route[].destination': 'istio.networking.v1alpha3.Destination',
  'VirtualService.tcp[].route[].destination.port': 'istio.networking.v1alpha3.PortSelector',
  'VirtualService.tls[]': 'istio.networking.v1alpha3.TLSRoute',
  'VirtualService.tls[].match[]': 'istio.networking.v1alpha3.TLSMatchAttributes',
  'VirtualService.tls[].route[]': 'istio.networking.v1alpha3.RouteDestination',
  'VirtualService.tls[].route[].destination': 'istio.networking.v1alpha3.Destination',
  'VirtualService.tls[].route[].destination.port': 'istio.networking.v1alpha3.PortSelector',
  WasmPlugin: 'istio.extensions.v1alpha1.WasmPlugin',
  'WasmPlugin.failStrategy': 'istio.extensions.v1alpha1.FailStrategy',
  'WasmPlugin.imagePullPolicy': 'istio.extensions.v1alpha1.PullPolicy',
  'WasmPlugin.match[]': 'istio.extensions.v1alpha1.WasmPlugin.TrafficSelector',
  'WasmPlugin.match[].mode': 'istio.type.v1beta1.WorkloadMode',
  'WasmPlugin.match[].ports[]': 'istio.type.v1beta1.PortSelector',
  'WasmPlugin.phase': 'istio.extensions.v1alpha1.PluginPhase',
  'WasmPlugin.selector': 'istio.type.v1beta1.WorkloadSelector',
  'WasmPlugin.targetRef': 'istio.type.v1beta1.PolicyTargetReference',
  'WasmPlugin.targetRefs[]': 'istio.type.v1beta1.PolicyTargetReference',
  'WasmPlugin.type': 'istio.extensions.v1alpha1.PluginType',
  'WasmPlugin.vmConfig': 'istio.extensions.v1alpha1.VmConfig',
  'WasmPlugin.vmConfig.env[]': 'istio.extensions.v1alpha1.EnvVar',
  'WasmPlugin.vmConfig.env[].valueFrom': 'istio.extensions.v1alpha1.EnvValueSource',
  WorkloadEntry: 'istio.networking.v1alpha3.WorkloadEntry',
  WorkloadGroup: 'istio.networking.v1alpha3.WorkloadGroup',
  'WorkloadGroup.metadata': 'istio.networking.v1alpha3.WorkloadGroup.ObjectMeta',
  'WorkloadGroup.probe': 'istio.networking.v1alpha3.ReadinessProbe',
  'WorkloadGroup.probe.exec': 'istio.networking.v1alpha3.ExecHealthCheckConfig',
  'WorkloadGroup.probe.grpc': 'istio.networking.v1alpha3.GrpcHealthCheckConfig',
  'WorkloadGroup.probe.httpGet': 'istio.networking.v1alpha3.HTTPHealthCheckConfig',
  'WorkloadGroup.probe.httpGet.httpHeaders[]': 'istio.networking.v1alpha3.HTTPHeader',
  'WorkloadGroup.probe.tcpSocket': 'istio.networking.v1alpha3.TCPHealthCheckConfig',
  'WorkloadGroup.template': 'istio.networking.v1alpha3.WorkloadEntry',
};

/** The protobuf type at a schema path (`.spec.http[]`) of a kind. */
export function protoName(kind: string, specPath: string): string | undefined {
  return PROTO_NAMES[`${kind}${specPath.replace(/^\.spec/, '')}`];
}
