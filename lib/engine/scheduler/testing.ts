/**
 * Builders for scheduler tests (the counterpart of upstream's pkg/scheduler/testing wrappers):
 * terse nodes and pods with only what a case is about.
 */
import { schedulePod, type FilterVerdict, type SchedulingAttempt } from './scheduler';
import type { Affinity, ContainerPort, Labels, Node, Pod, ResourceList, Taint, Toleration, TopologySpreadConstraint } from '../api/types';

export interface NodeOpts {
  labels?: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
  allocatable?: ResourceList;
  images?: { names: string[]; sizeBytes: number }[];
}

/** A node with kubelet's labels and 2 cpu / 4Gi / 110 pods unless told otherwise. */
export function makeNode(name: string, o: NodeOpts = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...(o.labels ?? {}) },
    },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable: o.allocatable ?? { cpu: '2', memory: '4Gi', pods: '110' }, images: o.images ?? [] },
  };
}

export interface PodOpts {
  namespace?: string;
  labels?: Labels;
  nodeName?: string;
  /** Requests of the single app container. */
  requests?: ResourceList;
  containers?: { name?: string; image?: string; requests?: ResourceList; ports?: ContainerPort[] }[];
  initContainers?: { name?: string; image?: string; requests?: ResourceList; restartPolicy?: 'Always'; ports?: ContainerPort[] }[];
  nodeSelector?: Labels;
  tolerations?: Toleration[];
  affinity?: Affinity;
  priority?: number;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  ports?: ContainerPort[];
  overhead?: ResourceList;
  topologySpreadConstraints?: TopologySpreadConstraint[];
  deletionTimestamp?: string;
  startTime?: string;
  nominatedNodeName?: string;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  image?: string;
}

export function makePod(name: string, o: PodOpts = {}): Pod {
  const containers = o.containers
    ? o.containers.map((c, i) => ({
        name: c.name ?? `c${i}`,
        image: c.image ?? 'busybox:1.36',
        ...(c.requests ? { resources: { requests: c.requests } } : {}),
        ...(c.ports ? { ports: c.ports } : {}),
      }))
    : [
        {
          name: 'app',
          image: o.image ?? 'busybox:1.36',
          ...(o.requests ? { resources: { requests: o.requests } } : {}),
          ...(o.ports ? { ports: o.ports } : {}),
        },
      ];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: o.namespace ?? 'default', ...(o.labels ? { labels: o.labels } : {}) },
    spec: { containers },
  };
  if (o.initContainers) {
    pod.spec.initContainers = o.initContainers.map((c, i) => ({
      name: c.name ?? `init${i}`,
      image: c.image ?? 'busybox:1.36',
      ...(c.requests ? { resources: { requests: c.requests } } : {}),
      ...(c.restartPolicy ? { restartPolicy: c.restartPolicy } : {}),
      ...(c.ports ? { ports: c.ports } : {}),
    }));
  }
  if (o.nodeName) pod.spec.nodeName = o.nodeName;
  if (o.nodeSelector) pod.spec.nodeSelector = o.nodeSelector;
  if (o.tolerations) pod.spec.tolerations = o.tolerations;
  if (o.affinity) pod.spec.affinity = o.affinity;
  if (o.priority !== undefined) pod.spec.priority = o.priority;
  if (o.preemptionPolicy) pod.spec.preemptionPolicy = o.preemptionPolicy;
  if (o.overhead) pod.spec.overhead = o.overhead;
  if (o.topologySpreadConstraints) pod.spec.topologySpreadConstraints = o.topologySpreadConstraints;
  if (o.deletionTimestamp) pod.metadata.deletionTimestamp = o.deletionTimestamp;
  if (o.ownerReferences) pod.metadata.ownerReferences = o.ownerReferences;
  if (o.startTime || o.nominatedNodeName || o.phase) {
    pod.status = {
      ...(o.phase ? { phase: o.phase } : {}),
      ...(o.startTime ? { startTime: o.startTime } : {}),
      ...(o.nominatedNodeName ? { nominatedNodeName: o.nominatedNodeName } : {}),
    };
  }
  return pod;
}

/** The default scenario cluster: a tainted control plane and two workers. */
export function defaultCluster(): Node[] {
  return [
    makeNode('controlplane', {
      labels: { 'node-role.kubernetes.io/control-plane': '' },
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
    }),
    makeNode('node01'),
    makeNode('node02'),
  ];
}

export function antiAffinity(labels: Labels, topologyKey = 'kubernetes.io/hostname'): Affinity {
  return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey }] } };
}

export function podAffinity(labels: Labels, topologyKey = 'kubernetes.io/hostname'): Affinity {
  return { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: labels }, topologyKey }] } };
}


/** The verdict of one filter plugin on one node in an explained attempt. */
export function verdictOf(a: SchedulingAttempt, node: string, plugin: string): FilterVerdict | undefined {
  return a.nodes.find((n) => n.node === node)?.filters.find((f) => f.plugin === plugin);
}

/** The normalized score one plugin gave one node (undefined when not scored). */
export function scoreOf(a: SchedulingAttempt, node: string, plugin: string): number | undefined {
  return a.nodes.find((n) => n.node === node)?.scores.find((s) => s.plugin === plugin)?.normalized;
}

/** The raw score one plugin gave one node (undefined when not scored). */
export function rawScoreOf(a: SchedulingAttempt, node: string, plugin: string): number | undefined {
  return a.nodes.find((n) => n.node === node)?.scores.find((s) => s.plugin === plugin)?.raw;
}

/** Filter verdict of `plugin` for `pod` on the first of `nodes`, with `pods` already placed. */
export function filterVerdict(plugin: string, pod: Pod, nodes: Node[], pods: Pod[] = []): FilterVerdict | undefined {
  return verdictOf(schedulePod(pod, { nodes, pods }), nodes[0].metadata.name!, plugin);
}

/** Normalized scores of `plugin` per node name. */
export function scores(plugin: string, pod: Pod, nodes: Node[], pods: Pod[] = []): Record<string, number | undefined> {
  const a = schedulePod(pod, { nodes, pods });
  return Object.fromEntries(nodes.map((n) => [n.metadata.name!, scoreOf(a, n.metadata.name!, plugin)]));
}
