// networking.istio.io EnvoyFilter: patches applied to the generated Envoy configuration.
import { targetRefs } from './common.js';
import { any, enumOf, int32, list, obj, str, stringMap, uint32 } from './schema.js';

const filterMatch = () => obj({ name: str(), subFilter: obj({ name: str() }) });

const match = obj(
  {
    cluster: obj({ name: str(), portNumber: uint32(), service: str(), subset: str() }),
    context: enumOf(['ANY', 'SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY', 'WAYPOINT']),
    listener: obj({
      filterChain: obj({
        applicationProtocols: str(),
        destinationPort: uint32(),
        filter: filterMatch(),
        name: str(),
        sni: str(),
        transportProtocol: str(),
      }),
      listenerFilter: str(),
      name: str(),
      portName: str(),
      portNumber: uint32(),
    }),
    proxy: obj({ metadata: stringMap(), proxyVersion: str() }),
    routeConfiguration: obj({
      gateway: str(),
      name: str(),
      portName: str(),
      portNumber: uint32(),
      vhost: obj({
        domainName: str(),
        name: str(),
        route: obj({ action: enumOf(['ANY', 'ROUTE', 'REDIRECT', 'DIRECT_RESPONSE']), name: str() }),
      }),
    }),
    waypoint: obj({ filter: filterMatch(), portNumber: uint32(), route: obj({ name: str() }) }),
  },
  { oneOf: [['listener', 'routeConfiguration', 'cluster', 'waypoint']] },
);

export const envoyFilterSpec = obj(
  {
    configPatches: list(
      obj({
        applyTo: enumOf([
          'INVALID',
          'LISTENER',
          'FILTER_CHAIN',
          'NETWORK_FILTER',
          'HTTP_FILTER',
          'ROUTE_CONFIGURATION',
          'VIRTUAL_HOST',
          'HTTP_ROUTE',
          'CLUSTER',
          'EXTENSION_CONFIG',
          'BOOTSTRAP',
          'LISTENER_FILTER',
        ]),
        match,
        patch: obj({
          filterClass: enumOf(['UNSPECIFIED', 'AUTHN', 'AUTHZ', 'STATS']),
          operation: enumOf([
            'INVALID',
            'MERGE',
            'ADD',
            'REMOVE',
            'INSERT_BEFORE',
            'INSERT_AFTER',
            'INSERT_FIRST',
            'REPLACE',
          ]),
          value: any(),
        }),
      }),
    ),
    priority: int32(),
    targetRefs: targetRefs(),
    workloadSelector: obj({ labels: stringMap({ maxProperties: 256 }, { maxLength: 63 }) }),
  },
  { desc: 'Patches to the Envoy configuration Istio generates.' },
);
