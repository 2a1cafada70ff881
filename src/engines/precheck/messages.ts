// Every message precheck can emit, built in this one place. IST codes come from the shared IST
// message table (src/model/diagnostics.ts: code, name, level and our template), with the
// parameters istioctl passes. ITS codes are this project's own: the added upgrade-safety checks
// have no upstream code, so their name, level and text live here.
import { formatTemplate, type Level, messageType } from '../../model/diagnostics.js';

export type { Level } from '../../model/diagnostics.js';

/** Sort rank: worse first, as istioctl's diag.Messages sort. */
export const LEVEL_RANK: Record<Level, number> = { Error: 0, Warning: 1, Info: 2 };

export function atLeast(level: Level, threshold: Level): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[threshold];
}

export interface PrecheckMessage {
  /** The check that produced the message (a file name under engines/precheck). */
  check: string;
  code: string;
  /** The message type name, e.g. InsufficientPermissions. */
  name: string;
  level: Level;
  /** The friendly origin: `Cluster`, `<Kind> <name>` or `<Kind> <namespace>/<name>`. */
  origin?: string;
  text: string;
  /** What to do about it (added checks only). */
  hint?: string;
}

/** The origin istioctl gives cluster-wide findings (precheck's clusterOrigin). */
export const CLUSTER_ORIGIN = 'Cluster';

export function originOf(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

interface OwnType {
  code: string;
  name: string;
  level: Level;
}

/** This project's codes (documented in the README next to the IST codes precheck uses). */
export const OWN_MESSAGE_TYPES: readonly OwnType[] = [
  { code: 'ITS1001', name: 'UnsupportedControlPlaneUpgrade', level: 'Warning' },
  { code: 'ITS1002', name: 'ExistingControlPlane', level: 'Info' },
  { code: 'ITS1003', name: 'CRDStoredVersionDropped', level: 'Error' },
  { code: 'ITS1004', name: 'ProxyVersionTooOld', level: 'Warning' },
  { code: 'ITS1005', name: 'ExternallyManagedInstall', level: 'Warning' },
];

/** The IST codes precheck emits. */
export const IST_CODES = [
  'IST0136',
  'IST0139',
  'IST0141',
  'IST0142',
  'IST0156',
  'IST0168',
  'IST0169',
  'IST0172',
];

function ist(code: string, check: string, origin: string | undefined, params: unknown[], hint?: string) {
  const t = messageType(code);
  return withOptional(
    { check, code, name: t.name, level: t.level, text: formatTemplate(t.template, params) },
    origin,
    hint,
  );
}

function own(name: string, check: string, origin: string, text: string, hint?: string): PrecheckMessage {
  const t = OWN_MESSAGE_TYPES.find((x) => x.name === name)!;
  return withOptional({ check, code: t.code, name: t.name, level: t.level, text }, origin, hint);
}

function withOptional(
  m: PrecheckMessage,
  origin: string | undefined,
  hint: string | undefined,
): PrecheckMessage {
  if (origin !== undefined) m.origin = origin;
  if (hint !== undefined) m.hint = hint;
  return m;
}

export const msg = {
  deprecated: (origin: string | undefined, text: string, hint: string) => ({
    ...ist('IST0002', 'deprecated-config', origin, [], hint),
    text,
  }),
  alphaAnnotation: (origin: string, text: string) => ({
    ...ist('IST0136', 'alpha-annotations', origin, []),
    text,
  }),
  invalidWebhook: (check: string, origin: string, detail: string, hint: string) =>
    ist('IST0139', check, origin, [detail], hint),
  insufficientPermissions: (resource: string, error: string) =>
    ist('IST0141', 'install-permissions', CLUSTER_ORIGIN, [resource, error]),
  unsupportedKubernetesVersion: (version: string, minimum: string) =>
    ist('IST0142', 'kubernetes-version', CLUSTER_ORIGIN, [version, minimum]),
  unsupportedGatewayAPIVersion: (origin: string, has: string, minimum: string) =>
    ist('IST0156', 'gateway-api-crds', origin, [has, minimum]),
  futureUnsupportedGatewayAPIVersion: (origin: string, has: string, minimum: string) =>
    ist('IST0172', 'gateway-api-crds', origin, [has, minimum]),
  unknownUpgradeCompatibility: (
    origin: string,
    field: string,
    release: string,
    info: string,
    compat: string,
  ) => ist('IST0168', 'from-version', origin, [field, release, info, compat]),
  updateIncompatibility: (origin: string, field: string, release: string, info: string, compat: string) =>
    ist('IST0169', 'from-version', origin, [field, release, info, compat]),
  unsupportedControlPlaneUpgrade: (origin: string, text: string, hint: string) =>
    own('UnsupportedControlPlaneUpgrade', 'control-plane', origin, text, hint),
  existingControlPlane: (origin: string, text: string) =>
    own('ExistingControlPlane', 'control-plane', origin, text),
  crdStoredVersionDropped: (origin: string, text: string, hint: string) =>
    own('CRDStoredVersionDropped', 'crd-stored-versions', origin, text, hint),
  proxyVersionTooOld: (origin: string, text: string, hint: string) =>
    own('ProxyVersionTooOld', 'proxy-versions', origin, text, hint),
  externallyManagedInstall: (origin: string, text: string, hint: string) =>
    own('ExternallyManagedInstall', 'helm-release', origin, text, hint),
};

/** The istio.io page for IST codes (url.ConfigAnalysis); our own ITS codes have none. */
export function documentationUrl(code: string, istioVersion: string): string | undefined {
  if (!code.startsWith('IST')) return undefined;
  const minor = istioVersion.split('.').slice(0, 2).join('.');
  return `https://istio.io/v${minor}/docs/reference/config/analysis/${code.toLowerCase()}/`;
}

/** The line istioctl prints for a message, without colour: `Level [CODE] (origin) text`. */
export function messageString(m: PrecheckMessage): string {
  const origin = m.origin ? ` (${m.origin})` : '';
  return `${m.level} [${m.code}]${origin} ${m.text}`;
}

/** Sorted as istioctl sorts (level, code, origin, text) with duplicates removed. */
export function sortedDeduped(messages: PrecheckMessage[]): PrecheckMessage[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...messages].sort(
    (a, b) =>
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      cmp(a.code, b.code) ||
      (a.origin === undefined ? -1 : 0) - (b.origin === undefined ? -1 : 0) ||
      cmp(a.origin ?? '', b.origin ?? '') ||
      cmp(messageString(a), messageString(b)),
  );
  const seen = new Set<string>();
  return sorted.filter((m) => {
    const k = messageString(m);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
