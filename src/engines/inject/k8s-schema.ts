// The Kubernetes types kube-inject decodes, in Go field order, with what Go's encoding/json
// does with each field: omitted when empty (omitempty), always written (`!`), pointer (`*`,
// written whenever present), list merge keys for strategic merge (`@key`). `any` keeps the value
// as given. Types not listed here are kept as given.

export type FieldSpec = string;
export type TypeSpec = [string, FieldSpec][];

const meta: TypeSpec = [
  ['name', 's'],
  ['generateName', 's'],
  ['namespace', 's'],
  ['selfLink', 's'],
  ['uid', 's'],
  ['resourceVersion', 's'],
  ['generation', 'i'],
  ['creationTimestamp', 'time'],
  ['deletionTimestamp', '*any'],
  ['deletionGracePeriodSeconds', '*i'],
  ['labels', 'map'],
  ['annotations', 'map'],
  ['ownerReferences', '[]any'],
  ['finalizers', '[]s'],
  ['managedFields', '[]any'],
];

export const SCHEMA: Record<string, TypeSpec> = {
  ObjectMeta: meta,
  ListMeta: [
    ['selfLink', 's'],
    ['resourceVersion', 's'],
    ['continue', 's'],
    ['remainingItemCount', '*i'],
  ],
  LabelSelector: [
    ['matchLabels', 'map'],
    ['matchExpressions', '[]LabelSelectorRequirement'],
  ],
  LabelSelectorRequirement: [
    ['key', 's!'],
    ['operator', 's!'],
    ['values', '[]s'],
  ],
  PodTemplateSpec: [
    ['metadata', 'ObjectMeta'],
    ['spec', 'PodSpec'],
  ],
  Pod: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'PodSpec'],
    ['status', 'PodStatus'],
  ],
  PodStatus: [['*', 'any']],
  PodSpec: [
    ['volumes', '[]Volume@name'],
    ['initContainers', '[]Container@name'],
    ['containers', '[]Container@name!'],
    ['ephemeralContainers', '[]any@name'],
    ['restartPolicy', 's'],
    ['terminationGracePeriodSeconds', '*i'],
    ['activeDeadlineSeconds', '*i'],
    ['dnsPolicy', 's'],
    ['nodeSelector', 'map'],
    ['serviceAccountName', 's'],
    ['serviceAccount', 's'],
    ['automountServiceAccountToken', '*b'],
    ['nodeName', 's'],
    ['hostNetwork', 'b'],
    ['hostPID', 'b'],
    ['hostIPC', 'b'],
    ['shareProcessNamespace', '*b'],
    ['securityContext', '*PodSecurityContext'],
    ['imagePullSecrets', '[]LocalObjectReference@name'],
    ['hostname', 's'],
    ['subdomain', 's'],
    ['affinity', '*any'],
    ['schedulerName', 's'],
    ['tolerations', '[]Toleration'],
    ['hostAliases', '[]any@ip'],
    ['priorityClassName', 's'],
    ['priority', '*i'],
    ['dnsConfig', '*any'],
    ['readinessGates', '[]any'],
    ['runtimeClassName', '*s'],
    ['enableServiceLinks', '*b'],
    ['preemptionPolicy', '*s'],
    ['overhead', 'mapq'],
    ['topologySpreadConstraints', '[]any@topologyKey'],
    ['setHostnameAsFQDN', '*b'],
    ['os', '*any'],
    ['hostUsers', '*b'],
    ['schedulingGates', '[]any@name'],
    ['resourceClaims', '[]any@name'],
    ['resources', '*ResourceRequirements'],
    ['hostnameOverride', '*s'],
  ],
  LocalObjectReference: [['name', 's']],
  Toleration: [
    ['key', 's'],
    ['operator', 's'],
    ['value', 's'],
    ['effect', 's'],
    ['tolerationSeconds', '*i'],
  ],
  PodSecurityContext: [
    ['seLinuxOptions', '*any'],
    ['windowsOptions', '*any'],
    ['runAsUser', '*i'],
    ['runAsGroup', '*i'],
    ['runAsNonRoot', '*b'],
    ['supplementalGroups', '[]i'],
    ['supplementalGroupsPolicy', '*s'],
    ['fsGroup', '*i'],
    ['sysctls', '[]any'],
    ['fsGroupChangePolicy', '*s'],
    ['seccompProfile', '*SeccompProfile'],
    ['appArmorProfile', '*any'],
    ['seLinuxChangePolicy', '*s'],
  ],
  SeccompProfile: [
    ['type', 's!'],
    ['localhostProfile', '*s'],
  ],
  Container: [
    ['name', 's!'],
    ['image', 's'],
    ['command', '[]s'],
    ['args', '[]s'],
    ['workingDir', 's'],
    ['ports', '[]ContainerPort@containerPort'],
    ['envFrom', '[]any'],
    ['env', '[]EnvVar@name'],
    ['resources', 'ResourceRequirements'],
    ['resizePolicy', '[]any'],
    ['restartPolicy', '*s'],
    ['restartPolicyRules', '[]any'],
    ['volumeMounts', '[]VolumeMount@mountPath'],
    ['volumeDevices', '[]any@devicePath'],
    ['livenessProbe', '*Probe'],
    ['readinessProbe', '*Probe'],
    ['startupProbe', '*Probe'],
    ['lifecycle', '*Lifecycle'],
    ['terminationMessagePath', 's'],
    ['terminationMessagePolicy', 's'],
    ['imagePullPolicy', 's'],
    ['securityContext', '*SecurityContext'],
    ['stdin', 'b'],
    ['stdinOnce', 'b'],
    ['tty', 'b'],
  ],
  ContainerPort: [
    ['name', 's'],
    ['hostPort', 'i'],
    ['containerPort', 'i!'],
    ['protocol', 's'],
    ['hostIP', 's'],
  ],
  EnvVar: [
    ['name', 's!'],
    ['value', 's'],
    ['valueFrom', '*EnvVarSource'],
  ],
  EnvVarSource: [
    ['fieldRef', '*ObjectFieldSelector'],
    ['resourceFieldRef', '*ResourceFieldSelector'],
    ['configMapKeyRef', '*KeySelector'],
    ['secretKeyRef', '*KeySelector'],
    ['fileKeyRef', '*any'],
  ],
  ObjectFieldSelector: [
    ['apiVersion', 's'],
    ['fieldPath', 's!'],
  ],
  ResourceFieldSelector: [
    ['containerName', 's'],
    ['resource', 's!'],
    ['divisor', 'q!'],
  ],
  KeySelector: [
    ['name', 's'],
    ['key', 's!'],
    ['optional', '*b'],
  ],
  ResourceRequirements: [
    ['limits', 'mapq'],
    ['requests', 'mapq'],
    ['claims', '[]any@name'],
  ],
  VolumeMount: [
    ['name', 's!'],
    ['readOnly', 'b'],
    ['recursiveReadOnly', '*s'],
    ['mountPath', 's!'],
    ['subPath', 's'],
    ['mountPropagation', '*s'],
    ['subPathExpr', 's'],
  ],
  Probe: [
    ['', 'ProbeHandler'],
    ['initialDelaySeconds', 'i'],
    ['timeoutSeconds', 'i'],
    ['periodSeconds', 'i'],
    ['successThreshold', 'i'],
    ['failureThreshold', 'i'],
    ['terminationGracePeriodSeconds', '*i'],
  ],
  ProbeHandler: [
    ['exec', '*ExecAction'],
    ['httpGet', '*HTTPGetAction'],
    ['tcpSocket', '*TCPSocketAction'],
    ['grpc', '*GRPCAction'],
  ],
  ExecAction: [['command', '[]s']],
  HTTPGetAction: [
    ['path', 's'],
    ['port', 'io!'],
    ['host', 's'],
    ['scheme', 's'],
    ['httpHeaders', '[]HTTPHeader'],
  ],
  HTTPHeader: [
    ['name', 's!'],
    ['value', 's!'],
  ],
  TCPSocketAction: [
    ['port', 'io!'],
    ['host', 's'],
  ],
  GRPCAction: [
    ['port', 'i!'],
    ['service', '*s!'],
  ],
  Lifecycle: [
    ['postStart', '*LifecycleHandler'],
    ['preStop', '*LifecycleHandler'],
    ['stopSignal', '*s'],
  ],
  LifecycleHandler: [
    ['exec', '*ExecAction'],
    ['httpGet', '*HTTPGetAction'],
    ['tcpSocket', '*TCPSocketAction'],
    ['sleep', '*any'],
  ],
  SecurityContext: [
    ['capabilities', '*Capabilities'],
    ['privileged', '*b'],
    ['seLinuxOptions', '*any'],
    ['windowsOptions', '*any'],
    ['runAsUser', '*i'],
    ['runAsGroup', '*i'],
    ['runAsNonRoot', '*b'],
    ['readOnlyRootFilesystem', '*b'],
    ['allowPrivilegeEscalation', '*b'],
    ['procMount', '*s'],
    ['seccompProfile', '*SeccompProfile'],
    ['appArmorProfile', '*any'],
  ],
  Capabilities: [
    ['add', '[]s'],
    ['drop', '[]s'],
  ],
  Volume: [
    ['name', 's!'],
    ['', 'VolumeSource'],
  ],
  VolumeSource: [
    ['hostPath', '*HostPathVolumeSource'],
    ['emptyDir', '*EmptyDirVolumeSource'],
    ['gcePersistentDisk', '*any'],
    ['awsElasticBlockStore', '*any'],
    ['gitRepo', '*any'],
    ['secret', '*SecretVolumeSource'],
    ['nfs', '*any'],
    ['iscsi', '*any'],
    ['glusterfs', '*any'],
    ['persistentVolumeClaim', '*PVCVolumeSource'],
    ['rbd', '*any'],
    ['flexVolume', '*any'],
    ['cinder', '*any'],
    ['cephfs', '*any'],
    ['flocker', '*any'],
    ['downwardAPI', '*DownwardAPIVolumeSource'],
    ['fc', '*any'],
    ['azureFile', '*any'],
    ['configMap', '*ConfigMapVolumeSource'],
    ['vsphereVolume', '*any'],
    ['quobyte', '*any'],
    ['azureDisk', '*any'],
    ['photonPersistentDisk', '*any'],
    ['projected', '*ProjectedVolumeSource'],
    ['portworxVolume', '*any'],
    ['scaleIO', '*any'],
    ['storageos', '*any'],
    ['csi', '*any'],
    ['ephemeral', '*any'],
    ['image', '*any'],
  ],
  HostPathVolumeSource: [
    ['path', 's!'],
    ['type', '*s'],
  ],
  EmptyDirVolumeSource: [
    ['medium', 's'],
    ['sizeLimit', '*q'],
  ],
  SecretVolumeSource: [
    ['secretName', 's'],
    ['items', '[]KeyToPath'],
    ['defaultMode', '*i'],
    ['optional', '*b'],
  ],
  PVCVolumeSource: [
    ['claimName', 's!'],
    ['readOnly', 'b'],
  ],
  ConfigMapVolumeSource: [
    ['name', 's'],
    ['items', '[]KeyToPath'],
    ['defaultMode', '*i'],
    ['optional', '*b'],
  ],
  KeyToPath: [
    ['key', 's!'],
    ['path', 's!'],
    ['mode', '*i'],
  ],
  DownwardAPIVolumeSource: [
    ['items', '[]DownwardAPIVolumeFile'],
    ['defaultMode', '*i'],
  ],
  DownwardAPIVolumeFile: [
    ['path', 's!'],
    ['fieldRef', '*ObjectFieldSelector'],
    ['resourceFieldRef', '*ResourceFieldSelector'],
    ['mode', '*i'],
  ],
  ProjectedVolumeSource: [
    ['sources', '[]VolumeProjection!'],
    ['defaultMode', '*i'],
  ],
  VolumeProjection: [
    ['secret', '*ProjectedKeys'],
    ['downwardAPI', '*DownwardAPIProjection'],
    ['configMap', '*ProjectedKeys'],
    ['serviceAccountToken', '*ServiceAccountTokenProjection'],
    ['clusterTrustBundle', '*ClusterTrustBundleProjection'],
    ['podCertificate', '*any'],
  ],
  ProjectedKeys: [
    ['name', 's'],
    ['items', '[]KeyToPath'],
    ['optional', '*b'],
  ],
  DownwardAPIProjection: [['items', '[]DownwardAPIVolumeFile']],
  ServiceAccountTokenProjection: [
    ['audience', 's'],
    ['expirationSeconds', '*i'],
    ['path', 's!'],
  ],
  ClusterTrustBundleProjection: [
    ['name', '*s'],
    ['signerName', '*s'],
    ['labelSelector', '*LabelSelector'],
    ['optional', '*b'],
    ['path', 's!'],
  ],
  // Workloads.
  Deployment: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'DeploymentSpec'],
    ['status', 'DeploymentStatus'],
  ],
  DeploymentSpec: [
    ['replicas', '*i'],
    ['selector', '*LabelSelector!'],
    ['template', 'PodTemplateSpec'],
    ['strategy', 'DeploymentStrategy'],
    ['minReadySeconds', 'i'],
    ['revisionHistoryLimit', '*i'],
    ['paused', 'b'],
    ['progressDeadlineSeconds', '*i'],
  ],
  DeploymentStrategy: [
    ['type', 's'],
    ['rollingUpdate', '*RollingUpdate'],
  ],
  RollingUpdate: [
    ['maxUnavailable', '*io'],
    ['maxSurge', '*io'],
  ],
  DeploymentStatus: [['*', 'any']],
  ReplicaSet: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'ReplicaSetSpec'],
    ['status', 'ReplicaSetStatus'],
  ],
  ReplicaSetSpec: [
    ['replicas', '*i'],
    ['minReadySeconds', 'i'],
    ['selector', '*LabelSelector!'],
    ['template', 'PodTemplateSpec'],
  ],
  ReplicaSetStatus: [
    ['replicas', 'i!'],
    ['fullyLabeledReplicas', 'i'],
    ['readyReplicas', 'i'],
    ['availableReplicas', 'i'],
    ['terminatingReplicas', '*i'],
    ['observedGeneration', 'i'],
    ['conditions', '[]any'],
  ],
  StatefulSet: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'StatefulSetSpec'],
    ['status', 'StatefulSetStatus'],
  ],
  StatefulSetSpec: [
    ['replicas', '*i'],
    ['selector', '*LabelSelector!'],
    ['template', 'PodTemplateSpec'],
    ['volumeClaimTemplates', '[]any'],
    ['serviceName', 's!'],
    ['podManagementPolicy', 's'],
    ['updateStrategy', 'StatefulSetUpdateStrategy'],
    ['revisionHistoryLimit', '*i'],
    ['minReadySeconds', 'i'],
    ['persistentVolumeClaimRetentionPolicy', '*any'],
    ['ordinals', '*any'],
  ],
  StatefulSetUpdateStrategy: [
    ['type', 's'],
    ['rollingUpdate', '*any'],
  ],
  StatefulSetStatus: [
    ['observedGeneration', 'i'],
    ['replicas', 'i!'],
    ['readyReplicas', 'i'],
    ['currentReplicas', 'i'],
    ['updatedReplicas', 'i'],
    ['currentRevision', 's'],
    ['updateRevision', 's'],
    ['collisionCount', '*i'],
    ['conditions', '[]any'],
    ['availableReplicas', 'i!'],
  ],
  DaemonSet: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'DaemonSetSpec'],
    ['status', 'DaemonSetStatus'],
  ],
  DaemonSetSpec: [
    ['selector', '*LabelSelector!'],
    ['template', 'PodTemplateSpec'],
    ['updateStrategy', 'DaemonSetUpdateStrategy'],
    ['minReadySeconds', 'i'],
    ['revisionHistoryLimit', '*i'],
  ],
  DaemonSetUpdateStrategy: [
    ['type', 's'],
    ['rollingUpdate', '*any'],
  ],
  DaemonSetStatus: [
    ['currentNumberScheduled', 'i!'],
    ['numberMisscheduled', 'i!'],
    ['desiredNumberScheduled', 'i!'],
    ['numberReady', 'i!'],
    ['observedGeneration', 'i'],
    ['updatedNumberScheduled', 'i'],
    ['numberAvailable', 'i'],
    ['numberUnavailable', 'i'],
    ['collisionCount', '*i'],
    ['conditions', '[]any'],
  ],
  Job: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'JobSpec'],
    ['status', 'JobStatus'],
  ],
  JobSpec: [
    ['parallelism', '*i'],
    ['completions', '*i'],
    ['activeDeadlineSeconds', '*i'],
    ['podFailurePolicy', '*any'],
    ['successPolicy', '*any'],
    ['backoffLimit', '*i'],
    ['backoffLimitPerIndex', '*i'],
    ['maxFailedIndexes', '*i'],
    ['selector', '*LabelSelector'],
    ['manualSelector', '*b'],
    ['template', 'PodTemplateSpec'],
    ['ttlSecondsAfterFinished', '*i'],
    ['completionMode', '*s'],
    ['suspend', '*b'],
    ['podReplacementPolicy', '*s'],
    ['managedBy', '*s'],
  ],
  JobStatus: [['*', 'any']],
  CronJob: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'CronJobSpec'],
    ['status', 'CronJobStatus'],
  ],
  CronJobSpec: [
    ['schedule', 's!'],
    ['timeZone', '*s'],
    ['startingDeadlineSeconds', '*i'],
    ['concurrencyPolicy', 's'],
    ['suspend', '*b'],
    ['jobTemplate', 'JobTemplateSpec'],
    ['successfulJobsHistoryLimit', '*i'],
    ['failedJobsHistoryLimit', '*i'],
  ],
  JobTemplateSpec: [
    ['metadata', 'ObjectMeta'],
    ['spec', 'JobSpec'],
  ],
  CronJobStatus: [['*', 'any']],
  ReplicationController: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'ReplicationControllerSpec'],
    ['status', 'ReplicationControllerStatus'],
  ],
  ReplicationControllerSpec: [
    ['replicas', '*i'],
    ['minReadySeconds', 'i'],
    ['selector', 'map'],
    ['template', '*PodTemplateSpec'],
  ],
  ReplicationControllerStatus: [
    ['replicas', 'i!'],
    ['fullyLabeledReplicas', 'i'],
    ['readyReplicas', 'i'],
    ['availableReplicas', 'i'],
    ['observedGeneration', 'i'],
    ['conditions', '[]any'],
  ],
  DeploymentConfig: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ObjectMeta'],
    ['spec', 'DeploymentConfigSpec'],
    ['status', 'DeploymentConfigStatus'],
  ],
  DeploymentConfigSpec: [
    ['strategy', 'DCStrategy'],
    ['minReadySeconds', 'i'],
    ['triggers', '[]any!'],
    ['replicas', 'i!'],
    ['revisionHistoryLimit', '*i'],
    ['test', 'b!'],
    ['paused', 'b'],
    ['selector', 'map'],
    ['template', '*PodTemplateSpec'],
  ],
  DCStrategy: [
    ['type', 's'],
    ['customParams', '*any'],
    ['recreateParams', '*any'],
    ['rollingParams', '*any'],
    ['resources', 'ResourceRequirements'],
    ['labels', 'map'],
    ['annotations', 'map'],
    ['activeDeadlineSeconds', '*i'],
  ],
  DeploymentConfigStatus: [
    ['latestVersion', 'i!'],
    ['observedGeneration', 'i!'],
    ['replicas', 'i!'],
    ['updatedReplicas', 'i!'],
    ['availableReplicas', 'i!'],
    ['unavailableReplicas', 'i!'],
    ['details', '*any'],
    ['conditions', '[]any'],
    ['readyReplicas', 'i'],
  ],
  List: [
    ['kind', 's'],
    ['apiVersion', 's'],
    ['metadata', 'ListMeta'],
    ['items', '[]any!'],
  ],
};

export interface ParsedSpec {
  ptr: boolean;
  list: boolean;
  map: boolean;
  base: string;
  always: boolean;
  mergeKey?: string;
}

const parsed = new Map<string, ParsedSpec>();

export function parseSpec(spec: FieldSpec): ParsedSpec {
  let p = parsed.get(spec);
  if (p) return p;
  let s = spec;
  const always = s.endsWith('!');
  if (always) s = s.slice(0, -1);
  let mergeKey: string | undefined;
  const at = s.indexOf('@');
  if (at >= 0) {
    mergeKey = s.slice(at + 1);
    s = s.slice(0, at);
  }
  const ptr = s.startsWith('*');
  if (ptr) s = s.slice(1);
  const list = s.startsWith('[]');
  if (list) s = s.slice(2);
  let map = false;
  if (s === 'map' || s === 'mapq') {
    map = true;
    s = s === 'map' ? 's' : 'q';
  }
  p = { ptr, list, map, base: s, always, ...(mergeKey ? { mergeKey } : {}) };
  parsed.set(spec, p);
  return p;
}

/** The fields of a struct type with inline members expanded, in Go order. */
const flat = new Map<string, [string, ParsedSpec][]>();
export function fieldsOf(type: string): [string, ParsedSpec][] | undefined {
  const cached = flat.get(type);
  if (cached) return cached;
  const t = SCHEMA[type];
  if (!t) return undefined;
  const out: [string, ParsedSpec][] = [];
  for (const [name, spec] of t) {
    if (name === '') out.push(...(fieldsOf(spec) ?? []));
    else out.push([name, parseSpec(spec)]);
  }
  flat.set(type, out);
  return out;
}
