// extensions.istio.io WasmPlugin and TrafficExtension: proxy extensions in Wasm (or Lua).
import { targetRef, targetRefs, workloadSelector } from './common.js';
import { any, enumOf, int32, list, obj, str } from './schema.js';

const match = () =>
  list(
    obj({
      mode: enumOf(['UNDEFINED', 'CLIENT', 'SERVER', 'CLIENT_AND_SERVER']),
      ports: list(obj({ number: { t: 'integer', minimum: 1, maximum: 65535 } }, { required: ['number'] }), {
        mapKeys: ['number'],
      }),
    }),
  );

const vmConfig = () =>
  obj({
    env: list(
      obj(
        {
          name: str({ minLength: 1, maxLength: 256 }),
          value: str({ maxLength: 2048 }),
          valueFrom: enumOf(['INLINE', 'HOST']),
        },
        { required: ['name'] },
      ),
      { maxItems: 256, mapKeys: ['name'] },
    ),
  });

/** The fields that describe a Wasm module and how to fetch and run it. */
const wasmModule = () => ({
  failStrategy: enumOf(['FAIL_CLOSE', 'FAIL_OPEN', 'FAIL_RELOAD']),
  imagePullPolicy: enumOf(['UNSPECIFIED_POLICY', 'IfNotPresent', 'Always']),
  imagePullSecret: str({ minLength: 1, maxLength: 253 }),
  pluginConfig: any(),
  pluginName: str({ minLength: 1, maxLength: 256 }),
  sha256: str({ pattern: '(^$|^[a-f0-9]{64}$)' }),
  type: enumOf(['UNSPECIFIED_PLUGIN_TYPE', 'HTTP', 'NETWORK']),
  url: str({ minLength: 1 }),
  verificationKey: str(),
  vmConfig: vmConfig(),
});

const phase = (none: string) => enumOf([none, 'AUTHN', 'AUTHZ', 'STATS']);

export const wasmPluginSpec = obj(
  {
    ...wasmModule(),
    match: match(),
    phase: phase('UNSPECIFIED_PHASE'),
    priority: int32({ nullable: true }),
    selector: workloadSelector(),
    targetRef: targetRef(),
    targetRefs: targetRefs(),
  },
  { required: ['url'], desc: 'A Wasm module loaded into selected proxies.' },
);

export const trafficExtensionSpec = obj(
  {
    lua: obj({ inlineCode: str({ minLength: 1, maxLength: 65536 }) }, { required: ['inlineCode'] }),
    match: match(),
    phase: phase('UNSPECIFIED'),
    priority: int32({ nullable: true }),
    selector: workloadSelector(),
    targetRefs: targetRefs(),
    wasm: obj(wasmModule(), { required: ['url'] }),
  },
  { oneOf: [['wasm', 'lua']], desc: 'A Wasm or Lua filter for selected proxies.' },
);
