// Turning the API server's answers into errors, and the retry pacing of kube.ts (no client-node here).
import { ClusterError, ConflictError, type RawRequest, type RawResponse } from './cluster.js';

export const MAX_TRIES = 3;

export function backoffMs(attempt: number, retryAfter?: string): number {
  const seconds = Number(retryAfter);
  if (retryAfter && Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 5) * 1000;
  return 200 * 2 ** (attempt - 1);
}

/**
 * The error for a non-2xx answer: the API server's Status message (one line), with its reason, and a
 * ConflictError listing the conflicting fields when a server-side apply was refused.
 */
export function statusError(req: RawRequest, res: RawResponse): ClusterError {
  let message = '';
  let reason: string | undefined;
  let causes: string[] = [];
  try {
    const st = JSON.parse(res.body) as {
      message?: string;
      reason?: string;
      details?: { causes?: Array<{ message?: string; field?: string }> };
    };
    message = st.message ?? '';
    reason = st.reason;
    causes = (st.details?.causes ?? []).map((c) => [c.field, c.message].filter(Boolean).join(': '));
  } catch {
    // Not a Status (a proxy's HTML page, plain text): keep its first line, briefly.
    message =
      res.body
        .split('\n')
        .find((l) => l.trim())
        ?.trim()
        .slice(0, 200) ?? '';
  }
  message = message.replace(/\s*\n\s*/g, ' ');
  if (res.status === 409 && req.contentType === 'application/apply-patch+yaml')
    return new ConflictError(message, causes);
  return new ClusterError(message || `${req.method} ${req.path}: HTTP ${res.status}`, res.status, reason);
}
