/**
 * The plugin extension points kubesim's scheduler runs (k8s.io/kube-scheduler/framework
 * interface.go), reduced to what the default profile's plugins use.
 */
import type { SchedulerCache } from './cache';
import type { CycleState } from './cycle_state';
import type { NodeInfo } from './node_info';
import type { NodeToStatus } from './node_to_status';
import type { PodInfo } from './pod_info';
import type { Status } from './status';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/** What plugins may call back into: the cluster view and the framework running them. */
export interface Handle {
  readonly cache: SchedulerCache;
  readonly framework: FrameworkRunner;
}

export interface FrameworkRunner {
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): void;
  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): void;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterOutcome {
  /** Skip, or a rejection; absent means success. */
  status?: Status;
  /** Only these nodes can fit (PreFilterResult.NodeNames); absent means all nodes. */
  nodeNames?: Set<string>;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, h: Handle): PreFilterOutcome | undefined;
  /** PreFilterExtensions.AddPod: keep the cycle state right when a pod is added to a node copy. */
  addPod?(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo, h: Handle): void;
  removePod?(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo, h: Handle): void;
}

export interface FilterPlugin extends Plugin {
  /** null when the node fits. */
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, h: Handle): Status | null;
}

export interface PostFilterResult {
  /** The node the pod is nominated to; "" clears a former nomination. */
  nominatedNodeName: string;
  /** The pods to evict so that the pod fits there (preemption victims). */
  victims?: PodInfo[];
  /** Lower-priority pods nominated to the same node, whose nomination is cleared. */
  clearNominationOf?: PodInfo[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: PodInfo, m: NodeToStatus, h: Handle): { result?: PostFilterResult; status: Status };
}

export interface PreScorePlugin extends Plugin {
  /** null for success; Skip leaves the plugin's Score out for this pod. */
  preScore(state: CycleState, pod: PodInfo, nodes: NodeInfo[], h: Handle): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, h: Handle): number;
  /** Rewrites `scores` (one per node of `nodes`) into the 0..100 range. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: number[], nodes: NodeInfo[], h: Handle): void;
}
