// externalcontrolplane.ExternalControlPlaneAnalyzer: on a remote cluster of an external control
// plane, Istio's webhooks must reach istiod by a parseable URL with a hostname.
import { isIP } from 'node:net';
import type { Analyzer, Obj } from '../../types.js';

const VALIDATING = ['istio-validator-external-istiod', 'istiod-default-validator'];
const MUTATING = ['istio-sidecar-injector-external-istiod'];

type Finding = { code: 'IST0163' | 'IST0164'; params: unknown[] };

function lint(hook: Obj): Finding | undefined {
  const name = String(hook?.name ?? '');
  const url = hook?.clientConfig?.url;
  if (!url) {
    if (hook?.clientConfig?.service) return undefined;
    return { code: 'IST0163', params: ['', name, 'the webhook has neither a URL nor a service'] };
  }
  let host: string;
  try {
    host = new URL(String(url)).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return { code: 'IST0163', params: [String(url), name, 'the URL cannot be parsed'] };
  }
  if (!host) return { code: 'IST0163', params: [String(url), name, 'the URL has no host'] };
  if (isIP(host)) return { code: 'IST0164', params: [host, name] };
  return undefined;
}

export const externalControlPlaneAnalyzer: Analyzer = {
  name: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
  description: "Checks that a remote cluster's webhooks reach the external control plane properly",
  inputs: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
  analyze(ctx) {
    const checks: Array<[string, string[]]> = [
      ['ValidatingWebhookConfiguration', VALIDATING],
      ['MutatingWebhookConfiguration', MUTATING],
    ];
    for (const [key, names] of checks) {
      for (const r of ctx.list(key)) {
        if (!names.includes(r.name)) continue;
        for (const hook of (r.obj.webhooks ?? []) as Obj[]) {
          const f = lint(hook);
          if (f) {
            ctx.report(f.code, r, ...f.params);
            break;
          }
        }
      }
    }
  },
};
