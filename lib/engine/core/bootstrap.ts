/**
 * What a fresh cluster holds before the scenario starts: the nodes (the default three, or the
 * scenario's, completed with what the kubelet reports: its labels, capacity, conditions, addresses,
 * node info), the four namespaces with their default ServiceAccounts and kube-root-ca.crt
 * ConfigMaps, the default/kubernetes Service, and the built-in PriorityClasses.
 */
import type { ContainerImage, KubeObject, Node, NodeCondition } from '../api/types';
import { imageSize, lookupImage, parseImageRef } from '../kubelet/images';
import { rootCAConfigMap } from '../controllers/rootcacertpublisher';

/** A deep copy of plain JSON data. */
export function deepCopy<T>(x: T): T {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return x.map(deepCopy) as T;
  const out: Record<string, unknown> = {};
  for (const k in x as Record<string, unknown>) {
    const v = (x as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = deepCopy(v);
  }
  return out as T;
}

export const KUBERNETES_VERSION = 'v1.34.1';

const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

export { ROOT_CA } from '../controllers/rootcacertpublisher';

export const DEFAULT_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The conditions a healthy kubelet posts (pkg/kubelet/nodestatus/setters.go). */
export function readyConditions(at: string): NodeCondition[] {
  return [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: at, lastTransitionTime: at, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', status: 'False', lastHeartbeatTime: at, lastTransitionTime: at, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', status: 'False', lastHeartbeatTime: at, lastTransitionTime: at, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', status: 'True', lastHeartbeatTime: at, lastTransitionTime: at, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
}

export function defaultNodes(): Node[] {
  return [
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'controlplane', labels: { 'node-role.kubernetes.io/control-plane': '' } }, spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node01' }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } },
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node02' }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } },
  ];
}

/** Completes a scenario's Node as its kubelet would report it. */
export function completeNode(raw: Node, index: number, at: string): Node {
  const node: Node = deepCopy(raw);
  node.apiVersion = 'v1';
  node.kind = 'Node';
  const md = (node.metadata ??= {});
  const name = md.name ?? `node${index}`;
  md.name = name;
  // initialNode sets the stable and the legacy beta os / arch labels from one GOOS / GOARCH, so a
  // scenario that names its node's arch or os gets the beta label (and nodeInfo) to agree.
  const arch = md.labels?.['kubernetes.io/arch'] ?? 'amd64';
  const os = md.labels?.['kubernetes.io/os'] ?? 'linux';
  md.labels = {
    'beta.kubernetes.io/arch': arch,
    'beta.kubernetes.io/os': os,
    'kubernetes.io/arch': arch,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': os,
    ...(md.labels ?? {}),
  };
  md.annotations = { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true', ...(md.annotations ?? {}) };
  const spec = (node.spec ??= {});
  spec.podCIDR ??= `10.244.${index}.0/24`;
  (spec as Record<string, unknown>).podCIDRs ??= [spec.podCIDR];
  if (spec.unschedulable === false) delete spec.unschedulable;
  // A node registered unschedulable carries the unschedulable taint from the start (initialNode;
  // the node lifecycle controller's doNoScheduleTaintingPass keeps it while spec.unschedulable holds).
  if (spec.unschedulable && !spec.taints?.some((t) => t.key === UNSCHEDULABLE_TAINT && t.effect === 'NoSchedule')) {
    spec.taints = [...(spec.taints ?? []), { key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' }];
  }
  if (spec.taints && spec.taints.length === 0) delete spec.taints;
  const status = (node.status ??= {});
  const alloc = { cpu: '2', memory: '4Gi', pods: '110', 'ephemeral-storage': '61255492Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', ...(status.allocatable ?? status.capacity ?? {}) };
  status.allocatable = alloc;
  status.capacity = { ...alloc, ...(status.capacity ?? {}) };
  status.conditions ??= readyConditions(at);
  status.addresses ??= [
    { type: 'InternalIP', address: `172.18.0.${index + 2}` },
    { type: 'Hostname', address: name },
  ];
  (status as Record<string, unknown>).daemonEndpoints ??= { kubeletEndpoint: { Port: 10250 } };
  const images: ContainerImage[] = [];
  for (const img of status.images ?? []) {
    const entry: ContainerImage = { names: img.names ?? [] };
    let size = img.sizeBytes;
    if (size === undefined) {
      for (const n of entry.names ?? []) {
        try {
          const ref = parseImageRef(n);
          if (lookupImage(ref)) {
            size = imageSize(ref);
            break;
          }
        } catch {
          // unparsable names keep no size
        }
      }
    }
    entry.sizeBytes = size ?? 0;
    images.push(entry);
  }
  status.images = images;
  // NodeFeatures setter: containerd 2.x supports SupplementalGroupsPolicy (beta, on by default since v1.33).
  (status as Record<string, unknown>).features ??= { supplementalGroupsPolicy: true };
  status.nodeInfo ??= {
    architecture: arch,
    bootID: `b007${index.toString(16).padStart(4, '0')}-0000-4000-8000-000000000000`,
    containerRuntimeVersion: 'containerd://2.1.4',
    kernelVersion: '6.8.0-kubesim',
    kubeProxyVersion: '',
    kubeletVersion: KUBERNETES_VERSION,
    machineID: `kubesim${index}`,
    operatingSystem: os,
    osImage: 'Debian GNU/Linux 12 (bookworm)',
    systemUUID: `kubesim-${name}`,
  };
  // MachineInfo setter: with NodeSwap (GA in v1.34) the swap capacity is reported; these nodes have none.
  (status.nodeInfo as Record<string, unknown>).swap ??= { capacity: 0 };
  return node;
}

export function bootstrapObjects(): KubeObject[] {
  const out: KubeObject[] = [];
  for (const ns of DEFAULT_NAMESPACES) {
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  }
  for (const ns of DEFAULT_NAMESPACES) {
    out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    out.push(rootCAConfigMap(ns));
  }
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  out.push({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' });
  out.push({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' });
  return out;
}
