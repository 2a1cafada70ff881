// One ADS round trip with istiod (envoy.service.discovery.v3.AggregatedDiscoveryService/
// StreamAggregatedResources): send a DiscoveryRequest, wait for the response.
// The deadline is the caller's --timeout, so an unreachable istiod fails fast with a message.
import * as grpc from '@grpc/grpc-js';
import { IstioctlError } from '../../cli/errors.js';
import { type DiscoveryRequestInput, decodeDiscoveryResponse, encodeDiscoveryRequest } from './xds-codec.js';

const ADS_METHOD = '/envoy.service.discovery.v3.AggregatedDiscoveryService/StreamAggregatedResources';

export interface XdsConnection {
  /** host:port of istiod's xDS server (or of a local port-forward to it). */
  address: string;
  plaintext: boolean;
  /** Skip server certificate verification (TLS only). */
  insecure: boolean;
  /** PEM files for mutual TLS (--cert-dir). */
  tls?: { rootCert?: Buffer; certChain?: Buffer; key?: Buffer };
  /** Expected server name (--authority). */
  authority?: string;
  /** Bearer token sent with the call (ServiceAccount token on 15012). */
  token?: string;
  timeoutMs: number;
}

function credentials(c: XdsConnection): grpc.ChannelCredentials {
  if (c.plaintext) return grpc.credentials.createInsecure();
  const verify: grpc.VerifyOptions = c.insecure
    ? { rejectUnauthorized: false, checkServerIdentity: () => undefined }
    : {};
  return grpc.credentials.createSsl(
    c.tls?.rootCert ?? null,
    c.tls?.key ?? null,
    c.tls?.certChain ?? null,
    verify,
  );
}

/** Sends one request and resolves with istiod's answer. */
export function xdsRequest<R = Record<string, unknown>>(
  c: XdsConnection,
  req: DiscoveryRequestInput,
  decode: (buf: Buffer) => R = decodeDiscoveryResponse as (buf: Buffer) => R,
): Promise<R> {
  const options: grpc.ChannelOptions = { 'grpc.max_receive_message_length': 256 * 1024 * 1024 };
  if (c.authority) options['grpc.ssl_target_name_override'] = c.authority;
  const client = new grpc.Client(c.address, credentials(c), options);
  const metadata = new grpc.Metadata();
  if (c.token) metadata.set('authorization', `Bearer ${c.token}`);
  const deadline = new Date(Date.now() + c.timeoutMs);
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: Error | undefined, value?: R) => {
      if (done) return;
      done = true;
      call.cancel();
      client.close();
      if (err) reject(err);
      else resolve(value!);
    };
    const call = client.makeBidiStreamRequest<Buffer, Buffer>(
      ADS_METHOD,
      (b: Buffer) => b,
      (b: Buffer) => b,
      metadata,
      { deadline },
    );
    call.on('data', (buf: Buffer) => {
      try {
        // istiod answers a debug request once, typed by its payload (ClientConfig for syncz).
        finish(undefined, decode(buf));
      } catch (err) {
        finish(new IstioctlError(`invalid xDS response from ${c.address}: ${(err as Error).message}`));
      }
    });
    call.on('error', (err: grpc.ServiceError) => {
      if (err.code === grpc.status.DEADLINE_EXCEEDED) {
        finish(new IstioctlError(`no xDS response from ${c.address} within ${c.timeoutMs / 1000}s`));
      } else if (err.code !== grpc.status.CANCELLED) {
        finish(new IstioctlError(`xDS request to ${c.address} failed: ${err.details || err.message}`));
      }
    });
    call.on('end', () => finish(new IstioctlError(`xDS stream to ${c.address} closed without a response`)));
    call.write(encodeDiscoveryRequest(req));
  });
}
