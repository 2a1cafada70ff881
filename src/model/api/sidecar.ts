// networking.istio.io Sidecar: narrows what a sidecar proxy listens on and can reach.
import { connectionPool, labelSelector, serverPort, serverTls } from './common.js';
import { enumOf, list, obj, str, strings, uint32 } from './schema.js';

const captureMode = () => enumOf(['DEFAULT', 'IPTABLES', 'NONE']);

export const sidecarSpec = obj(
  {
    egress: list(
      obj(
        { bind: str(), captureMode: captureMode(), hosts: strings(), port: serverPort() },
        { required: ['hosts'] },
      ),
    ),
    inboundConnectionPool: connectionPool(),
    ingress: list(
      obj(
        {
          bind: str(),
          captureMode: captureMode(),
          connectionPool: connectionPool(),
          defaultEndpoint: str(),
          port: serverPort(),
          tls: serverTls(),
        },
        { required: ['port'] },
      ),
    ),
    outboundTrafficPolicy: obj({
      egressProxy: obj(
        { host: str(), port: obj({ number: uint32() }), subset: str() },
        { required: ['host'] },
      ),
      mode: enumOf(['REGISTRY_ONLY', 'ALLOW_ANY']),
    }),
    workloadSelector: labelSelector(),
  },
  { desc: 'Sidecar proxy scope and ports.' },
);
