// networking.istio.io ProxyConfig: per-workload proxy settings (concurrency, env, image type).
import { workloadSelector } from './common.js';
import { int32, obj, str, stringMap } from './schema.js';

export const proxyConfigSpec = obj(
  {
    concurrency: int32({ minimum: 0, nullable: true }),
    environmentVariables: stringMap({}, { maxLength: 2048 }),
    image: obj({ imageType: str() }),
    selector: workloadSelector(),
  },
  { desc: 'Proxy settings for selected workloads.' },
);
