// The render step shared by install, upgrade and verify-install: IstioOperator files and --set
// flags → the manifest of every enabled component, tagged with its component, plus the install
// identity (revision, namespace, owning IstioOperator) that ownership labels and inventories use.
import type { Deps } from '../cli/deps.js';
import type { Cluster } from '../cluster/cluster.js';
import type { InstallIdentity, RenderedObject } from '../engines/apply/plan.js';

export interface RenderRequest {
  filenames: string[];
  set: string[];
  manifests: string;
  revision: string;
  force: boolean;
}

export interface RenderedInstall {
  objects: RenderedObject[];
  identity: InstallIdentity;
  profile: string;
}

/** Cluster-specific settings istioctl detects at install time (GKE: CNI in kube-system, no quota). */
async function clusterSettings(deps: Deps, cluster: Cluster | undefined): Promise<string[]> {
  if (!cluster || deps.env.AUTO_GKE_DETECTION === 'false') return [];
  const v = await cluster.version();
  if (!v.gitVersion.includes('-gke')) return [];
  return [
    'components.cni.namespace=kube-system',
    'values.global.platform=gke',
    'values.cni.resourceQuotas.enabled=false',
  ];
}

export async function renderInstall(
  deps: Deps,
  req: RenderRequest,
  cluster?: Cluster,
): Promise<RenderedInstall> {
  const [
    { generateManifests },
    { loadProfile },
    { chartSource },
    { readIopFiles },
    { ISTIO_VERSION },
    { getPath },
  ] = await Promise.all([
    import('../engines/render/generate.js'),
    import('../engines/render/sources.js'),
    import('../engines/render/chart-source.js'),
    import('../inputs/iop-files.js'),
    import('../model/build-info.js'),
    import('../model/iop/tree.js'),
  ]);
  const src = { files: deps.files, packageRoot: deps.packageRoot };
  const { merged, manifests } = await generateManifests({
    files: await readIopFiles(deps, req.filenames),
    set: req.set,
    manifests: req.manifests,
    revision: req.revision,
    force: req.force,
    clusterSettings: await clusterSettings(deps, cluster),
    buildHubTag: { hub: 'docker.io/istio', tag: ISTIO_VERSION },
    loadProfile: (name, ipp) => loadProfile(src, name, ipp),
    charts: (ipp) => chartSource(src, ipp),
    warn: (w) => deps.io.err.write(`❗ ${w}\n`),
  });
  const revision = String(
    getPath(merged.iop, 'spec.revision') ?? getPath(merged.iop, 'spec.values.revision') ?? '',
  );
  const meta = (merged.iop.metadata ?? {}) as { name?: string; namespace?: string };
  const namespace = meta.namespace || 'istio-system';
  const objects: RenderedObject[] = manifests.flatMap((m) =>
    m.objects.map((o) => ({
      component: m.component.info.name,
      object: o as unknown as RenderedObject['object'],
    })),
  );
  return {
    objects,
    profile: merged.profile || 'default',
    identity: {
      revision: revision === 'default' ? '' : revision,
      namespace,
      ownerName: meta.name || 'installed-state',
      ownerNamespace: namespace,
      version: ISTIO_VERSION,
    },
  };
}
