// A real ADS gRPC server for tests: StreamAggregatedResources on 127.0.0.1, answering each
// DiscoveryRequest with a prepared DiscoveryResponse. Messages are encoded with protobufjs from
// descriptors written here, independently of the product's own codec.
import * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';

type Json = Record<string, unknown>;

const descriptors = {
  nested: {
    Struct: { fields: { fields: { keyType: 'string', type: 'Value', id: 1 } } },
    Value: {
      oneofs: {
        kind: { oneof: ['nullValue', 'numberValue', 'stringValue', 'boolValue', 'structValue', 'listValue'] },
      },
      fields: {
        nullValue: { type: 'int32', id: 1 },
        numberValue: { type: 'double', id: 2 },
        stringValue: { type: 'string', id: 3 },
        boolValue: { type: 'bool', id: 4 },
        structValue: { type: 'Struct', id: 5 },
        listValue: { type: 'ListValue', id: 6 },
      },
    },
    ListValue: { fields: { values: { rule: 'repeated', type: 'Value', id: 1 } } },
    Any: { fields: { typeUrl: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
    Timestamp: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
    Node: {
      fields: {
        id: { type: 'string', id: 1 },
        cluster: { type: 'string', id: 2 },
        metadata: { type: 'Struct', id: 3 },
      },
    },
    ConfigStatus: { values: { UNKNOWN: 0, SYNCED: 1, NOT_SENT: 2, STALE: 3, ERROR: 4 } },
    GenericXdsConfig: {
      fields: {
        typeUrl: { type: 'string', id: 1 },
        name: { type: 'string', id: 2 },
        versionInfo: { type: 'string', id: 3 },
        lastUpdated: { type: 'Timestamp', id: 5 },
        configStatus: { type: 'ConfigStatus', id: 6 },
      },
    },
    ClientConfig: {
      fields: {
        node: { type: 'Node', id: 1 },
        genericXdsConfigs: { rule: 'repeated', type: 'GenericXdsConfig', id: 3 },
      },
    },
    ControlPlane: { fields: { identifier: { type: 'string', id: 1 } } },
    DiscoveryRequest: {
      fields: {
        versionInfo: { type: 'string', id: 1 },
        node: { type: 'Node', id: 2 },
        resourceNames: { rule: 'repeated', type: 'string', id: 3 },
        typeUrl: { type: 'string', id: 4 },
        responseNonce: { type: 'string', id: 5 },
      },
    },
    DiscoveryResponse: {
      fields: {
        versionInfo: { type: 'string', id: 1 },
        resources: { rule: 'repeated', type: 'Any', id: 2 },
        typeUrl: { type: 'string', id: 4 },
        nonce: { type: 'string', id: 5 },
        controlPlane: { type: 'ControlPlane', id: 6 },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptors);
const T = (n: string) => root.lookupType(n);

function toValue(v: unknown): Json {
  if (v === null) return { nullValue: 0 };
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'string') return { stringValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  if (Array.isArray(v)) return { listValue: { values: v.map(toValue) } };
  return { structValue: toStruct(v as Json) };
}

function toStruct(s: Json): Json {
  return { fields: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, toValue(v)])) };
}

function toTimestamp(text: string): Json {
  const ms = Date.parse(text);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}

/** Encodes a protojson DiscoveryResponse whose resources are ClientConfigs (or given as raw Anys). */
export function encodeResponse(resp: Json): Uint8Array {
  const resources = ((resp.resources as Json[] | undefined) ?? []).map((r) => {
    if (r.value instanceof Uint8Array) return { typeUrl: String(r.typeUrl), value: r.value };
    const node = r.node as Json | undefined;
    const cc = {
      node: node
        ? { ...node, metadata: node.metadata ? toStruct(node.metadata as Json) : undefined }
        : undefined,
      genericXdsConfigs: ((r.genericXdsConfigs as Json[] | undefined) ?? []).map((g) => ({
        ...g,
        lastUpdated: typeof g.lastUpdated === 'string' ? toTimestamp(g.lastUpdated) : undefined,
      })),
    };
    const ClientConfig = T('ClientConfig');
    return { typeUrl: String(r['@type']), value: ClientConfig.encode(ClientConfig.fromObject(cc)).finish() };
  });
  const DR = T('DiscoveryResponse');
  return DR.encode(DR.fromObject({ ...resp, resources })).finish();
}

export interface AdsServer {
  address: string;
  requests: Json[];
  tokens: string[];
  close(): Promise<void>;
}

/** Starts a server that answers every request with `response` (protojson form). */
export async function startAdsServer(
  response: Json,
  tls?: { key: Buffer; cert: Buffer },
  opts: { silent?: boolean } = {},
): Promise<AdsServer> {
  const encoded = Buffer.from(encodeResponse(response));
  const requests: Json[] = [];
  const tokens: string[] = [];
  const server = new grpc.Server();
  const ident = (b: Buffer) => b;
  server.addService(
    {
      StreamAggregatedResources: {
        path: '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources',
        requestStream: true,
        responseStream: true,
        requestSerialize: ident,
        requestDeserialize: ident,
        responseSerialize: ident,
        responseDeserialize: ident,
      },
    },
    {
      StreamAggregatedResources: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => {
        const auth = call.metadata.get('authorization')[0];
        if (auth) tokens.push(String(auth));
        call.on('data', (buf: Buffer) => {
          const DReq = T('DiscoveryRequest');
          requests.push(DReq.toObject(DReq.decode(buf)) as Json);
          if (!opts.silent) call.write(encoded);
        });
        call.on('end', () => call.end());
        call.on('error', () => {});
      },
    },
  );
  const creds = tls
    ? grpc.ServerCredentials.createSsl(null, [{ private_key: tls.key, cert_chain: tls.cert }])
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((res, rej) =>
    server.bindAsync('127.0.0.1:0', creds, (err, p) => (err ? rej(err) : res(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    requests,
    tokens,
    close: () => new Promise<void>((res) => server.tryShutdown(() => res())),
  };
}
