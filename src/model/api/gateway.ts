// networking.istio.io Gateway: ports, hosts and TLS of a load balancer at the mesh edge.
import { serverPort, serverTls } from './common.js';
import { list, obj, str, stringMap, strings } from './schema.js';

export const gatewaySpec = obj(
  {
    selector: stringMap(),
    servers: list(
      obj(
        {
          bind: str(),
          defaultEndpoint: str(),
          hosts: strings(),
          name: str(),
          port: serverPort(['number', 'protocol', 'name']),
          tls: serverTls(),
        },
        { required: ['port', 'hosts'] },
      ),
    ),
  },
  { desc: 'Edge load balancer configuration.' },
);
