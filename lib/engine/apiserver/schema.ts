/**
 * The Go structs behind each kind's JSON, as one table: struct → JSON field → Go type. Strict
 * decoding (decode.ts) walks it to find unknown fields and wrong JSON types with the names Go's
 * encoding/json puts into its errors, and `kindZodSchema` turns it into Zod/JSON Schema for the
 * editor.
 *
 * Type grammar: a struct name from STRUCTS; a scalar (string, int32, int64, bool, Quantity,
 * IntOrString, Time, Bytes); a named scalar from NAMED (printed `v1.<Name>` in errors); `[]T`;
 * `map[string]T`; `any` (taken as it is: subtrees nobody validates, like status). A leading `*`
 * marks a Go pointer, whose zero value ("" / 0 / false) is kept; a trailing `!` marks a field
 * without omitempty. Other zero scalars and empty lists and maps are dropped, as the API server's
 * round trip through Go structs drops them.
 */

const S = 'string';

/** Named scalar types: their JSON base type. */
export const NAMED: Record<string, 'string' | 'int32' | 'int64'> = {
  RestartPolicy: S,
  DNSPolicy: S,
  Protocol: S,
  PullPolicy: S,
  TerminationMessagePolicy: S,
  URIScheme: S,
  TaintEffect: S,
  TolerationOperator: S,
  NodeSelectorOperator: S,
  LabelSelectorOperator: S,
  PreemptionPolicy: S,
  ResourceName: S,
  StorageMedium: S,
  HostPathType: S,
  MountPropagationMode: S,
  RecursiveReadOnlyMode: S,
  ContainerRestartPolicy: S,
  ResourceResizeRestartPolicy: S,
  Capability: S,
  ProcMountType: S,
  SeccompProfileType: S,
  AppArmorProfileType: S,
  PodFSGroupChangePolicy: S,
  SupplementalGroupsPolicy: S,
  PodSELinuxChangePolicy: S,
  UnsatisfiableConstraintAction: S,
  NodeInclusionPolicy: S,
  OSName: S,
  Signal: S,
  PodConditionType: S,
  ServiceType: S,
  ServiceAffinity: S,
  ServiceExternalTrafficPolicy: S,
  ServiceInternalTrafficPolicy: S,
  IPFamily: S,
  IPFamilyPolicy: S,
  SecretType: S,
  FinalizerName: S,
  NamespacePhase: S,
  DeploymentStrategyType: S,
  PodPhase: S,
  PodQOSClass: S,
  UID: S,
  PullPolicyImage: S,
};

/** Named map types, printed `v1.<Name>`. */
export const NAMED_MAPS: Record<string, string> = {
  ResourceList: 'map[string]Quantity',
};

const CONTAINER_FIELDS = {
  name: 'string!',
  image: 'string',
  command: '[]string',
  args: '[]string',
  workingDir: 'string',
  ports: '[]ContainerPort',
  envFrom: '[]EnvFromSource',
  env: '[]EnvVar',
  resources: 'ResourceRequirements',
  resizePolicy: '[]ContainerResizePolicy',
  restartPolicy: '*ContainerRestartPolicy',
  restartPolicyRules: 'any',
  volumeMounts: '[]VolumeMount',
  volumeDevices: '[]VolumeDevice',
  livenessProbe: '*Probe',
  readinessProbe: '*Probe',
  startupProbe: '*Probe',
  lifecycle: '*Lifecycle',
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'TerminationMessagePolicy',
  imagePullPolicy: 'PullPolicy',
  securityContext: '*SecurityContext',
  stdin: 'bool',
  stdinOnce: 'bool',
  tty: 'bool',
};

const PROBE_HANDLER = {
  exec: '*ExecAction',
  httpGet: '*HTTPGetAction',
  tcpSocket: '*TCPSocketAction',
};

const KEY_SELECTOR = { name: 'string', key: 'string!', optional: '*bool' };

const VOLUME_SOURCE = {
  hostPath: '*HostPathVolumeSource',
  emptyDir: '*EmptyDirVolumeSource',
  gcePersistentDisk: 'any',
  awsElasticBlockStore: 'any',
  gitRepo: 'any',
  secret: '*SecretVolumeSource',
  nfs: '*NFSVolumeSource',
  iscsi: 'any',
  glusterfs: 'any',
  persistentVolumeClaim: '*PersistentVolumeClaimVolumeSource',
  rbd: 'any',
  flexVolume: 'any',
  cinder: 'any',
  cephfs: 'any',
  flocker: 'any',
  downwardAPI: '*DownwardAPIVolumeSource',
  fc: 'any',
  azureFile: 'any',
  configMap: '*ConfigMapVolumeSource',
  vsphereVolume: 'any',
  quobyte: 'any',
  azureDisk: 'any',
  photonPersistentDisk: 'any',
  projected: '*ProjectedVolumeSource',
  portworxVolume: 'any',
  scaleIO: 'any',
  storageos: 'any',
  csi: '*CSIVolumeSource',
  ephemeral: 'any',
  image: '*ImageVolumeSource',
};

const POD_AFFINITY = {
  requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm',
  preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm',
};

export const STRUCTS: Record<string, Record<string, string>> = {
  // ---- meta/v1
  ObjectMeta: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'UID',
    resourceVersion: 'string',
    generation: 'int64',
    creationTimestamp: 'Time',
    deletionTimestamp: '*Time',
    deletionGracePeriodSeconds: '*int64',
    labels: 'map[string]string',
    annotations: 'map[string]string',
    ownerReferences: '[]OwnerReference',
    finalizers: '[]string',
    managedFields: 'any',
  },
  OwnerReference: {
    apiVersion: 'string!',
    kind: 'string!',
    name: 'string!',
    uid: 'UID!',
    controller: '*bool',
    blockOwnerDeletion: '*bool',
  },
  LabelSelector: { matchLabels: 'map[string]string', matchExpressions: '[]LabelSelectorRequirement' },
  LabelSelectorRequirement: { key: 'string!', operator: 'LabelSelectorOperator!', values: '[]string' },

  // ---- core/v1 Pod
  Pod: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'PodSpec', status: 'any' },
  PodSpec: {
    volumes: '[]Volume',
    initContainers: '[]Container',
    containers: '[]Container!',
    ephemeralContainers: '[]EphemeralContainer',
    restartPolicy: 'RestartPolicy',
    terminationGracePeriodSeconds: '*int64',
    activeDeadlineSeconds: '*int64',
    dnsPolicy: 'DNSPolicy',
    nodeSelector: 'map[string]string',
    serviceAccountName: 'string',
    serviceAccount: 'string',
    automountServiceAccountToken: '*bool',
    nodeName: 'string',
    hostNetwork: 'bool',
    hostPID: 'bool',
    hostIPC: 'bool',
    shareProcessNamespace: '*bool',
    securityContext: '*PodSecurityContext',
    imagePullSecrets: '[]LocalObjectReference',
    hostname: 'string',
    subdomain: 'string',
    affinity: '*Affinity',
    schedulerName: 'string',
    tolerations: '[]Toleration',
    hostAliases: '[]HostAlias',
    priorityClassName: 'string',
    priority: '*int32',
    dnsConfig: '*PodDNSConfig',
    readinessGates: '[]PodReadinessGate',
    runtimeClassName: '*string',
    enableServiceLinks: '*bool',
    preemptionPolicy: '*PreemptionPolicy',
    overhead: 'ResourceList',
    topologySpreadConstraints: '[]TopologySpreadConstraint',
    setHostnameAsFQDN: '*bool',
    os: '*PodOS',
    hostUsers: '*bool',
    schedulingGates: '[]PodSchedulingGate',
    resourceClaims: '[]PodResourceClaim',
    resources: '*ResourceRequirements',
    hostnameOverride: '*string',
  },
  Container: CONTAINER_FIELDS,
  EphemeralContainer: { ...CONTAINER_FIELDS, targetContainerName: 'string' },
  ContainerPort: { name: 'string', hostPort: 'int32', containerPort: 'int32!', protocol: 'Protocol', hostIP: 'string' },
  EnvFromSource: { prefix: 'string', configMapRef: '*ConfigMapEnvSource', secretRef: '*SecretEnvSource' },
  ConfigMapEnvSource: { name: 'string', optional: '*bool' },
  SecretEnvSource: { name: 'string', optional: '*bool' },
  EnvVar: { name: 'string!', value: 'string', valueFrom: '*EnvVarSource' },
  EnvVarSource: {
    fieldRef: '*ObjectFieldSelector',
    resourceFieldRef: '*ResourceFieldSelector',
    configMapKeyRef: '*ConfigMapKeySelector',
    secretKeyRef: '*SecretKeySelector',
    fileKeyRef: 'any',
  },
  ObjectFieldSelector: { apiVersion: 'string', fieldPath: 'string!' },
  ResourceFieldSelector: { containerName: 'string', resource: 'string!', divisor: 'Quantity' },
  ConfigMapKeySelector: KEY_SELECTOR,
  SecretKeySelector: KEY_SELECTOR,
  ResourceRequirements: { limits: 'ResourceList', requests: 'ResourceList', claims: '[]ResourceClaim' },
  ResourceClaim: { name: 'string!', request: 'string' },
  ContainerResizePolicy: { resourceName: 'ResourceName!', restartPolicy: 'ResourceResizeRestartPolicy!' },
  VolumeMount: {
    name: 'string!',
    readOnly: 'bool',
    recursiveReadOnly: '*RecursiveReadOnlyMode',
    mountPath: 'string!',
    subPath: 'string',
    mountPropagation: '*MountPropagationMode',
    subPathExpr: 'string',
  },
  VolumeDevice: { name: 'string!', devicePath: 'string!' },
  Probe: {
    ...PROBE_HANDLER,
    grpc: '*GRPCAction',
    initialDelaySeconds: 'int32',
    timeoutSeconds: 'int32',
    periodSeconds: 'int32',
    successThreshold: 'int32',
    failureThreshold: 'int32',
    terminationGracePeriodSeconds: '*int64',
  },
  ExecAction: { command: '[]string' },
  HTTPGetAction: { path: 'string', port: 'IntOrString!', host: 'string', scheme: 'URIScheme', httpHeaders: '[]HTTPHeader' },
  HTTPHeader: { name: 'string!', value: 'string!' },
  TCPSocketAction: { port: 'IntOrString!', host: 'string' },
  GRPCAction: { port: 'int32!', service: '*string' },
  Lifecycle: { postStart: '*LifecycleHandler', preStop: '*LifecycleHandler', stopSignal: '*Signal' },
  LifecycleHandler: { ...PROBE_HANDLER, sleep: '*SleepAction' },
  SleepAction: { seconds: 'int64!' },
  SecurityContext: {
    capabilities: '*Capabilities',
    privileged: '*bool',
    seLinuxOptions: '*SELinuxOptions',
    windowsOptions: '*WindowsSecurityContextOptions',
    runAsUser: '*int64',
    runAsGroup: '*int64',
    runAsNonRoot: '*bool',
    readOnlyRootFilesystem: '*bool',
    allowPrivilegeEscalation: '*bool',
    procMount: '*ProcMountType',
    seccompProfile: '*SeccompProfile',
    appArmorProfile: '*AppArmorProfile',
  },
  Capabilities: { add: '[]Capability', drop: '[]Capability' },
  SELinuxOptions: { user: 'string', role: 'string', type: 'string', level: 'string' },
  WindowsSecurityContextOptions: {
    gmsaCredentialSpecName: '*string',
    gmsaCredentialSpec: '*string',
    runAsUserName: '*string',
    hostProcess: '*bool',
  },
  SeccompProfile: { type: 'SeccompProfileType!', localhostProfile: '*string' },
  AppArmorProfile: { type: 'AppArmorProfileType!', localhostProfile: '*string' },
  PodSecurityContext: {
    seLinuxOptions: '*SELinuxOptions',
    windowsOptions: '*WindowsSecurityContextOptions',
    runAsUser: '*int64',
    runAsGroup: '*int64',
    runAsNonRoot: '*bool',
    supplementalGroups: '[]int64',
    supplementalGroupsPolicy: '*SupplementalGroupsPolicy',
    fsGroup: '*int64',
    sysctls: '[]Sysctl',
    fsGroupChangePolicy: '*PodFSGroupChangePolicy',
    seccompProfile: '*SeccompProfile',
    appArmorProfile: '*AppArmorProfile',
    seLinuxChangePolicy: '*PodSELinuxChangePolicy',
  },
  Sysctl: { name: 'string!', value: 'string!' },
  Volume: { name: 'string!', ...VOLUME_SOURCE },
  HostPathVolumeSource: { path: 'string!', type: '*HostPathType' },
  EmptyDirVolumeSource: { medium: 'StorageMedium', sizeLimit: '*Quantity' },
  SecretVolumeSource: { secretName: 'string', items: '[]KeyToPath', defaultMode: '*int32', optional: '*bool' },
  ConfigMapVolumeSource: { name: 'string', items: '[]KeyToPath', defaultMode: '*int32', optional: '*bool' },
  KeyToPath: { key: 'string!', path: 'string!', mode: '*int32' },
  NFSVolumeSource: { server: 'string!', path: 'string!', readOnly: 'bool' },
  PersistentVolumeClaimVolumeSource: { claimName: 'string!', readOnly: 'bool' },
  DownwardAPIVolumeSource: { items: '[]DownwardAPIVolumeFile', defaultMode: '*int32' },
  DownwardAPIVolumeFile: {
    path: 'string!',
    fieldRef: '*ObjectFieldSelector',
    resourceFieldRef: '*ResourceFieldSelector',
    mode: '*int32',
  },
  ProjectedVolumeSource: { sources: '[]VolumeProjection', defaultMode: '*int32' },
  VolumeProjection: {
    secret: '*SecretProjection',
    downwardAPI: '*DownwardAPIProjection',
    configMap: '*ConfigMapProjection',
    serviceAccountToken: '*ServiceAccountTokenProjection',
    clusterTrustBundle: 'any',
    podCertificate: 'any',
  },
  SecretProjection: { name: 'string', items: '[]KeyToPath', optional: '*bool' },
  ConfigMapProjection: { name: 'string', items: '[]KeyToPath', optional: '*bool' },
  DownwardAPIProjection: { items: '[]DownwardAPIVolumeFile' },
  ServiceAccountTokenProjection: { audience: 'string', expirationSeconds: '*int64', path: 'string!' },
  CSIVolumeSource: {
    driver: 'string!',
    readOnly: '*bool',
    fsType: '*string',
    volumeAttributes: 'map[string]string',
    nodePublishSecretRef: '*LocalObjectReference',
  },
  ImageVolumeSource: { reference: 'string', pullPolicy: 'PullPolicy' },
  LocalObjectReference: { name: 'string' },
  Affinity: { nodeAffinity: '*NodeAffinity', podAffinity: '*PodAffinity', podAntiAffinity: '*PodAntiAffinity' },
  NodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '*NodeSelector',
    preferredDuringSchedulingIgnoredDuringExecution: '[]PreferredSchedulingTerm',
  },
  NodeSelector: { nodeSelectorTerms: '[]NodeSelectorTerm!' },
  NodeSelectorTerm: { matchExpressions: '[]NodeSelectorRequirement', matchFields: '[]NodeSelectorRequirement' },
  NodeSelectorRequirement: { key: 'string!', operator: 'NodeSelectorOperator!', values: '[]string' },
  PreferredSchedulingTerm: { weight: 'int32!', preference: 'NodeSelectorTerm' },
  PodAffinity: POD_AFFINITY,
  PodAntiAffinity: POD_AFFINITY,
  PodAffinityTerm: {
    labelSelector: '*LabelSelector',
    namespaces: '[]string',
    topologyKey: 'string!',
    namespaceSelector: '*LabelSelector',
    matchLabelKeys: '[]string',
    mismatchLabelKeys: '[]string',
  },
  WeightedPodAffinityTerm: { weight: 'int32!', podAffinityTerm: 'PodAffinityTerm' },
  Toleration: {
    key: 'string',
    operator: 'TolerationOperator',
    value: 'string',
    effect: 'TaintEffect',
    tolerationSeconds: '*int64',
  },
  HostAlias: { ip: 'string!', hostnames: '[]string' },
  PodDNSConfig: { nameservers: '[]string', searches: '[]string', options: '[]PodDNSConfigOption' },
  PodDNSConfigOption: { name: 'string', value: '*string' },
  PodReadinessGate: { conditionType: 'PodConditionType!' },
  TopologySpreadConstraint: {
    maxSkew: 'int32!',
    topologyKey: 'string!',
    whenUnsatisfiable: 'UnsatisfiableConstraintAction!',
    labelSelector: '*LabelSelector',
    minDomains: '*int32',
    nodeAffinityPolicy: '*NodeInclusionPolicy',
    nodeTaintsPolicy: '*NodeInclusionPolicy',
    matchLabelKeys: '[]string',
  },
  PodOS: { name: 'OSName!' },
  PodSchedulingGate: { name: 'string!' },
  PodResourceClaim: { name: 'string!', resourceClaimName: '*string', resourceClaimTemplateName: '*string' },

  // ---- core/v1 others
  Node: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'NodeSpec', status: 'NodeStatus' },
  NodeSpec: {
    podCIDR: 'string',
    podCIDRs: '[]string',
    providerID: 'string',
    unschedulable: 'bool',
    taints: '[]Taint',
    configSource: 'any',
    externalID: 'string',
  },
  Taint: { key: 'string!', value: 'string', effect: 'TaintEffect!', timeAdded: '*Time' },
  NodeStatus: {
    capacity: 'ResourceList',
    allocatable: 'ResourceList',
    phase: 'string',
    conditions: 'any',
    addresses: 'any',
    daemonEndpoints: 'any',
    nodeInfo: 'any',
    images: 'any',
    volumesInUse: 'any',
    volumesAttached: 'any',
    config: 'any',
    runtimeHandlers: 'any',
    features: 'any',
  },
  Service: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'ServiceSpec', status: 'any' },
  ServiceSpec: {
    ports: '[]ServicePort',
    selector: 'map[string]string',
    clusterIP: 'string',
    clusterIPs: '[]string',
    type: 'ServiceType',
    externalIPs: '[]string',
    sessionAffinity: 'ServiceAffinity',
    loadBalancerIP: 'string',
    loadBalancerSourceRanges: '[]string',
    externalName: 'string',
    externalTrafficPolicy: 'ServiceExternalTrafficPolicy',
    healthCheckNodePort: 'int32',
    publishNotReadyAddresses: 'bool',
    sessionAffinityConfig: 'any',
    ipFamilies: '[]IPFamily',
    ipFamilyPolicy: '*IPFamilyPolicy',
    allocateLoadBalancerNodePorts: '*bool',
    loadBalancerClass: '*string',
    internalTrafficPolicy: '*ServiceInternalTrafficPolicy',
    trafficDistribution: '*string',
  },
  ServicePort: {
    name: 'string',
    protocol: 'Protocol',
    appProtocol: '*string',
    port: 'int32!',
    targetPort: 'IntOrString',
    nodePort: 'int32',
  },
  ConfigMap: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'ObjectMeta',
    immutable: '*bool',
    data: 'map[string]string',
    binaryData: 'map[string]Bytes',
  },
  Secret: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'ObjectMeta',
    immutable: '*bool',
    data: 'map[string]Bytes',
    stringData: 'map[string]string',
    type: 'SecretType',
  },
  Namespace: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'NamespaceSpec', status: 'any' },
  NamespaceSpec: { finalizers: '[]FinalizerName' },
  ServiceAccount: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'ObjectMeta',
    secrets: 'any',
    imagePullSecrets: '[]LocalObjectReference',
    automountServiceAccountToken: '*bool',
  },

  // ---- apps/v1
  Deployment: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'any' },
  DeploymentSpec: {
    replicas: '*int32',
    selector: '*LabelSelector',
    template: 'PodTemplateSpec',
    strategy: 'DeploymentStrategy',
    minReadySeconds: 'int32',
    revisionHistoryLimit: '*int32',
    paused: 'bool',
    progressDeadlineSeconds: '*int32',
  },
  DeploymentStrategy: { type: 'DeploymentStrategyType', rollingUpdate: '*RollingUpdateDeployment' },
  RollingUpdateDeployment: { maxUnavailable: '*IntOrString', maxSurge: '*IntOrString' },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  ReplicaSet: { apiVersion: 'string', kind: 'string', metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'any' },
  ReplicaSetSpec: {
    replicas: '*int32',
    minReadySeconds: 'int32',
    selector: '*LabelSelector',
    template: 'PodTemplateSpec',
  },

  // ---- scheduling.k8s.io/v1
  PriorityClass: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'ObjectMeta',
    value: 'int32!',
    globalDefault: 'bool',
    description: 'string',
    preemptionPolicy: '*PreemptionPolicy',
  },
};

/** The kinds kubesim serves: group/version and whether they live in a namespace. */
export const KINDS: Record<string, { apiVersion: string; namespaced: boolean }> = {
  Pod: { apiVersion: 'v1', namespaced: true },
  Node: { apiVersion: 'v1', namespaced: false },
  Service: { apiVersion: 'v1', namespaced: true },
  ConfigMap: { apiVersion: 'v1', namespaced: true },
  Secret: { apiVersion: 'v1', namespaced: true },
  Namespace: { apiVersion: 'v1', namespaced: false },
  ServiceAccount: { apiVersion: 'v1', namespaced: true },
  Deployment: { apiVersion: 'apps/v1', namespaced: true },
  ReplicaSet: { apiVersion: 'apps/v1', namespaced: true },
  PriorityClass: { apiVersion: 'scheduling.k8s.io/v1', namespaced: false },
};

// ---- compiled form ------------------------------------------------------------------------

export type FieldType =
  | { t: 'scalar'; base: 'string' | 'int32' | 'int64' | 'bool'; go: string; keep: boolean }
  | { t: 'quantity'; keep: boolean }
  | { t: 'intOrString'; keep: boolean }
  | { t: 'time'; keep: boolean }
  | { t: 'bytes'; keep: boolean }
  | { t: 'any' }
  | { t: 'array'; elem: FieldType; go: string; keep: boolean }
  | { t: 'map'; elem: FieldType; go: string; keep: boolean }
  | { t: 'struct'; name: string; go: string };

export interface StructType {
  name: string;
  fields: Map<string, FieldType>;
}

const compiled = new Map<string, StructType>();

function goTypeOf(spec: string): string {
  if (spec.startsWith('[]')) return '[]' + goTypeOf(spec.slice(2));
  if (spec.startsWith('map[string]')) return 'map[string]' + goTypeOf(spec.slice(11));
  switch (spec) {
    case 'string':
    case 'int32':
    case 'int64':
    case 'bool':
      return spec;
    case 'Quantity':
      return 'resource.Quantity';
    case 'IntOrString':
      return 'intstr.IntOrString';
    case 'Bytes':
      return '[]uint8';
    case 'Time':
      return 'v1.Time';
    default:
      return 'v1.' + spec;
  }
}

function compileType(specIn: string): FieldType {
  let spec = specIn;
  const pointer = spec.startsWith('*');
  if (pointer) spec = spec.slice(1);
  const noOmit = spec.endsWith('!');
  if (noOmit) spec = spec.slice(0, -1);
  const keep = pointer || noOmit;
  if (spec.startsWith('[]')) return { t: 'array', elem: compileType(spec.slice(2)), go: goTypeOf(spec), keep };
  if (spec.startsWith('map[string]')) return { t: 'map', elem: compileType(spec.slice(11)), go: goTypeOf(spec), keep };
  if (spec in NAMED_MAPS) {
    const inner = compileType(NAMED_MAPS[spec]) as Extract<FieldType, { t: 'map' }>;
    return { ...inner, go: 'v1.' + spec, keep };
  }
  switch (spec) {
    case 'string':
    case 'int32':
    case 'int64':
    case 'bool':
      return { t: 'scalar', base: spec, go: spec, keep };
    case 'Quantity':
      return { t: 'quantity', keep };
    case 'IntOrString':
      return { t: 'intOrString', keep };
    case 'Time':
      return { t: 'time', keep };
    case 'Bytes':
      return { t: 'bytes', keep };
    case 'any':
      return { t: 'any' };
  }
  if (spec in NAMED) return { t: 'scalar', base: NAMED[spec], go: 'v1.' + spec, keep };
  if (spec in STRUCTS) return { t: 'struct', name: spec, go: 'v1.' + spec };
  throw new Error(`schema: unknown type ${specIn}`);
}

export function structType(name: string): StructType {
  let st = compiled.get(name);
  if (!st) {
    const def = STRUCTS[name];
    if (!def) throw new Error(`schema: unknown struct ${name}`);
    st = { name, fields: new Map() };
    compiled.set(name, st);
    for (const [k, v] of Object.entries(def)) st.fields.set(k, compileType(v));
  }
  return st;
}
