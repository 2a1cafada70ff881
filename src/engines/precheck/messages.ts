// Every message precheck can emit, built in this one place. IST codes keep istioctl's code, name
// and level (pkg/config/analysis/msg); the texts are ours, written from each code's meaning and
// placeholders. When the shared IST code table lands in src/model, the IST entries switch to it.
// ITS codes are this project's own (the added upgrade-safety checks have no upstream code).

export type Level = 'Error' | 'Warning' | 'Info';

/** Sort rank: worse first, as istioctl's diag.Messages sort. */
export const LEVEL_RANK: Record<Level, number> = { Error: 0, Warning: 1, Info: 2 };

export function atLeast(level: Level, threshold: Level): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[threshold];
}

export interface PrecheckMessage {
  /** The check that produced the message (a file name under engines/precheck). */
  check: string;
  code: string;
  /** istioctl's message type name, e.g. InsufficientPermissions. */
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

interface MessageType {
  code: string;
  name: string;
  level: Level;
}

function type(code: string, name: string, level: Level): MessageType {
  return { code, name, level };
}

/** The catalogue of codes precheck uses (also what the README documents). */
export const MESSAGE_TYPES = {
  AlphaAnnotation: type('IST0136', 'AlphaAnnotation', 'Info'),
  InvalidWebhook: type('IST0139', 'InvalidWebhook', 'Error'),
  InsufficientPermissions: type('IST0141', 'InsufficientPermissions', 'Error'),
  UnsupportedKubernetesVersion: type('IST0142', 'UnsupportedKubernetesVersion', 'Error'),
  UnsupportedGatewayAPIVersion: type('IST0156', 'UnsupportedGatewayAPIVersion', 'Error'),
  UnknownUpgradeCompatibility: type('IST0168', 'UnknownUpgradeCompatibility', 'Warning'),
  UpdateIncompatibility: type('IST0169', 'UpdateIncompatibility', 'Warning'),
  FutureUnsupportedGatewayAPIVersion: type('IST0172', 'FutureUnsupportedGatewayAPIVersion', 'Warning'),
  UnsupportedControlPlaneUpgrade: type('ITS1001', 'UnsupportedControlPlaneUpgrade', 'Warning'),
  ExistingControlPlane: type('ITS1002', 'ExistingControlPlane', 'Info'),
  CRDStoredVersionDropped: type('ITS1003', 'CRDStoredVersionDropped', 'Error'),
  ProxyVersionTooOld: type('ITS1004', 'ProxyVersionTooOld', 'Warning'),
  ExternallyManagedInstall: type('ITS1005', 'ExternallyManagedInstall', 'Warning'),
} as const;

type TypeName = keyof typeof MESSAGE_TYPES;

function make(
  t: TypeName,
  check: string,
  origin: string | undefined,
  text: string,
  hint?: string,
): PrecheckMessage {
  const m: PrecheckMessage = { check, ...MESSAGE_TYPES[t], text };
  if (origin !== undefined) m.origin = origin;
  if (hint !== undefined) m.hint = hint;
  return m;
}

const q = (s: string) => JSON.stringify(s);

export const msg = {
  alphaAnnotation: (origin: string, annotation: string) =>
    make(
      'AlphaAnnotation',
      'alpha-annotations',
      origin,
      `Annotation ${q(annotation)} belongs to an alpha-stage feature and may not be fully supported.`,
    ),
  invalidWebhook: (check: string, origin: string, detail: string, hint: string) =>
    make('InvalidWebhook', check, origin, detail, hint),
  insufficientPermissions: (resource: string, error: string) =>
    make(
      'InsufficientPermissions',
      'install-permissions',
      CLUSTER_ORIGIN,
      `Missing permission to create resource ${resource} (${error})`,
    ),
  unsupportedKubernetesVersion: (version: string, minimum: string) =>
    make(
      'UnsupportedKubernetesVersion',
      'kubernetes-version',
      CLUSTER_ORIGIN,
      `Kubernetes ${q(version)} is older than the oldest version this Istio supports: ${minimum}`,
    ),
  unsupportedGatewayAPIVersion: (origin: string, has: string, minimum: string) =>
    make(
      'UnsupportedGatewayAPIVersion',
      'gateway-api-crds',
      origin,
      `The Gateway API CRD serves ${has}, but at least ${minimum} is required`,
    ),
  futureUnsupportedGatewayAPIVersion: (origin: string, has: string, minimum: string) =>
    make(
      'FutureUnsupportedGatewayAPIVersion',
      'gateway-api-crds',
      origin,
      `The Gateway API CRD serves ${has}; a coming Istio release will require ${minimum}`,
    ),
  unknownUpgradeCompatibility: (
    origin: string,
    field: string,
    release: string,
    info: string,
    compat: string,
  ) =>
    make(
      'UnknownUpgradeCompatibility',
      'from-version',
      origin,
      `The default of ${field} changed in Istio ${release} (${info}). Whether that affects this mesh ` +
        `cannot be told from the cluster; install with compatibilityVersion=${compat} to keep the old behaviour.`,
    ),
  updateIncompatibility: (origin: string, field: string, release: string, info: string, compat: string) =>
    make(
      'UpdateIncompatibility',
      'from-version',
      origin,
      `The default of ${field} changed in Istio ${release} and this mesh relies on the old one: ${info}. ` +
        `Install with compatibilityVersion=${compat} to keep the old behaviour.`,
    ),
  unsupportedControlPlaneUpgrade: (origin: string, text: string, hint: string) =>
    make('UnsupportedControlPlaneUpgrade', 'control-plane', origin, text, hint),
  existingControlPlane: (origin: string, text: string) =>
    make('ExistingControlPlane', 'control-plane', origin, text),
  crdStoredVersionDropped: (origin: string, text: string, hint: string) =>
    make('CRDStoredVersionDropped', 'crd-stored-versions', origin, text, hint),
  proxyVersionTooOld: (origin: string, text: string, hint: string) =>
    make('ProxyVersionTooOld', 'proxy-versions', origin, text, hint),
  externallyManagedInstall: (origin: string, text: string, hint: string) =>
    make('ExternallyManagedInstall', 'helm-release', origin, text, hint),
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
