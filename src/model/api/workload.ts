// networking.istio.io WorkloadEntry and WorkloadGroup: non-Kubernetes workloads (VMs) in the mesh.
import { workloadEntrySpec, workloadLabels } from './common.js';
import { int32, list, obj, str, stringMap, strings, uint32 } from './schema.js';

export const workloadEntrySpecSchema = workloadEntrySpec();
workloadEntrySpecSchema.desc = 'A workload outside Kubernetes.';

const count = () => int32({ minimum: 0 });

export const workloadGroupSpec = obj(
  {
    metadata: obj({ annotations: stringMap({ maxProperties: 256 }), labels: workloadLabels() }),
    probe: obj(
      {
        exec: obj({ command: strings({}, { minLength: 1 }) }, { required: ['command'] }),
        failureThreshold: count(),
        grpc: obj({ port: uint32(), service: str() }),
        httpGet: obj(
          {
            host: str(),
            httpHeaders: list(obj({ name: str({ pattern: '^[-_A-Za-z0-9]+$' }), value: str() })),
            path: str(),
            port: uint32(),
            scheme: str(),
          },
          { required: ['port'] },
        ),
        initialDelaySeconds: count(),
        periodSeconds: count(),
        successThreshold: count(),
        tcpSocket: obj({ host: str(), port: uint32() }, { required: ['port'] }),
        timeoutSeconds: count(),
      },
      { oneOf: [['httpGet', 'tcpSocket', 'exec', 'grpc']] },
    ),
    template: workloadEntrySpec(),
  },
  { required: ['template'], desc: 'A template for workload entries of one kind.' },
);
