// networking.istio.io ServiceEntry: adds entries to the mesh's service registry.
import { labelSelector, workloadEntrySpec } from './common.js';
import { enumOf, list, obj, str, strings, uint32 } from './schema.js';

export const serviceEntrySpec = obj(
  {
    addresses: strings({ maxItems: 256 }, { maxLength: 64 }),
    endpoints: list(workloadEntrySpec(), { maxItems: 4096 }),
    exportTo: strings(),
    hosts: strings({ minItems: 1, maxItems: 256 }),
    location: enumOf(['MESH_EXTERNAL', 'MESH_INTERNAL']),
    ports: list(
      obj(
        {
          name: str({ maxLength: 256 }),
          number: uint32(),
          protocol: str({ maxLength: 256 }),
          targetPort: uint32(),
        },
        { required: ['number', 'name'] },
      ),
      { maxItems: 256, mapKeys: ['name'] },
    ),
    resolution: enumOf(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']),
    subjectAltNames: strings(),
    workloadSelector: labelSelector(),
  },
  { required: ['hosts'], desc: 'Services added to the mesh registry.' },
);
