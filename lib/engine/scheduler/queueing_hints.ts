/**
 * Queueing hints (EventsToRegister / QueueingHintFn of each plugin, GA with v1.34): when the
 * cluster changes, a pod parked as unschedulable is retried only if one of the plugins that
 * rejected it says the change may help. Each hint compares the object before and after.
 */
import type { Labels, Node, Pod, Taint } from '../api/types';
import { RequiredNodeAffinity } from '../api/labels';
import { affinityTerms } from './framework/affinity_term';
import { HostPortInfo } from './framework/host_ports';
import { NodeInfo } from './framework/node_info';
import { podInfoOf, type PodInfo } from './framework/pod_info';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from './framework/tolerations';
import * as names from './plugins/names';
import { fits } from './plugins/noderesources/fit';
import { podMatchesAllAffinityTerms } from './plugins/interpodaffinity/filtering';
import { filterTopologySpreadConstraints, nodeLabelsMatchSpreadConstraints, type Constraint } from './plugins/podtopologyspread/common';
import { TaintNodeUnschedulable } from './plugins/nodeunschedulable';
import { claimNames, isVolumeConflict } from './plugins/volumerestrictions';

/** A change the scheduling queue hears about (the informer events it reacts to). */
export type ClusterEvent =
  | { kind: 'NodeAdd'; node: Node }
  | { kind: 'NodeUpdate'; oldNode: Node; newNode: Node }
  | { kind: 'NodeDelete'; node: Node }
  | { kind: 'AssignedPodAdd'; pod: Pod }
  | { kind: 'AssignedPodUpdate'; oldPod: Pod; newPod: Pod }
  | { kind: 'AssignedPodDelete'; pod: Pod }
  /** Moves every parked pod (MoveAllToActiveOrBackoffQueue with a wildcard event). */
  | { kind: 'Wildcard' };

const UNSCHEDULABLE_TAINT: Taint = { key: TaintNodeUnschedulable, effect: 'NoSchedule' };

function nodeSchedulableFor(pod: Pod, node: Node): boolean {
  return !node.spec?.unschedulable || tolerationsTolerateTaint(pod.spec.tolerations, UNSCHEDULABLE_TAINT);
}

function untolerated(pod: Pod, node: Node): boolean {
  return findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, isDoNotScheduleTaint) !== undefined;
}

/** NodePorts' hint on a deletion: the deleted pod held a host port the pod asks for. */
function portsFreedFor(pod: PodInfo, deleted: PodInfo): boolean {
  if (deleted.hostPorts.length === 0) return false;
  const inUse = new HostPortInfo();
  for (const p of deleted.hostPorts) inUse.add(p);
  return pod.hostPorts.some((p) => inUse.checkConflict(p));
}

function fitsEmptyNode(pod: PodInfo, node: Node): boolean {
  return fits(pod, new NodeInfo(node)).length === 0;
}

function resourcesIncreased(pod: PodInfo, oldNode: Node, newNode: Node): boolean {
  const a = new NodeInfo(oldNode).allocatable;
  const b = new NodeInfo(newNode).allocatable;
  if (b.allowedPodNumber > a.allowedPodNumber) return true;
  const r = pod.request;
  if (r.milliCPU > 0 && b.milliCPU > a.milliCPU) return true;
  if (r.memory > 0 && b.memory > a.memory) return true;
  if (r.ephemeralStorage > 0 && b.ephemeralStorage > a.ephemeralStorage) return true;
  for (const [k, v] of r.scalar ?? []) if (v > 0 && (b.scalar?.get(k) ?? 0) > (a.scalar?.get(k) ?? 0)) return true;
  return false;
}

/**
 * The constraints PodTopologySpread can reject for (getConstraints): the pod's own DoNotSchedule
 * constraints; the system defaults are all ScheduleAnyway, so a pod without constraints has none.
 */
function hardSpreadConstraints(pod: Pod): Constraint[] {
  const own = pod.spec.topologySpreadConstraints;
  if (!own || own.length === 0) return [];
  return filterTopologySpreadConstraints(own, pod.metadata.labels, 'DoNotSchedule');
}

/** involvedInTopologySpreading: an assigned pod of the same namespace. */
function involvedInSpreading(other: Pod, pod: Pod): boolean {
  if (other.metadata.uid !== undefined && other.metadata.uid === pod.metadata.uid) return true;
  return !!other.spec.nodeName && (other.metadata.namespace ?? 'default') === (pod.metadata.namespace ?? 'default');
}

function labelsMatchSomeConstraint(cs: readonly Constraint[], labels: Labels | undefined): boolean {
  return cs.some((c) => c.selector.matches(labels));
}

function topologyKeyChanged(a: Node, b: Node, cs: readonly Constraint[]): boolean {
  return cs.some((c) => a.metadata.labels?.[c.topologyKey] !== b.metadata.labels?.[c.topologyKey]);
}

function spreadAfterNodeChange(pod: Pod, e: ClusterEvent): boolean {
  const cs = hardSpreadConstraints(pod);
  const matching = (n: Node) => nodeLabelsMatchSpreadConstraints(n.metadata.labels ?? {}, cs);
  switch (e.kind) {
    case 'NodeAdd':
      return matching(e.node);
    case 'NodeDelete':
      return matching(e.node);
    case 'NodeUpdate': {
      const was = matching(e.oldNode);
      const is = matching(e.newNode);
      if (was !== is) return true;
      return is && (topologyKeyChanged(e.oldNode, e.newNode, cs) || JSON.stringify(e.oldNode.spec?.taints ?? []) !== JSON.stringify(e.newNode.spec?.taints ?? []));
    }
    default:
      return false;
  }
}

function spreadAfterPodChange(pod: Pod, e: ClusterEvent): boolean {
  const cs = hardSpreadConstraints(pod);
  switch (e.kind) {
    case 'AssignedPodAdd':
      return involvedInSpreading(e.pod, pod) && labelsMatchSomeConstraint(cs, e.pod.metadata.labels);
    case 'AssignedPodDelete':
      return involvedInSpreading(e.pod, pod) && labelsMatchSomeConstraint(cs, e.pod.metadata.labels);
    case 'AssignedPodUpdate': {
      if (!involvedInSpreading(e.oldPod, pod) || !involvedInSpreading(e.newPod, pod)) return false;
      // Only a label change that flips whether the pod is counted matters.
      return cs.some((c) => c.selector.matches(e.oldPod.metadata.labels) !== c.selector.matches(e.newPod.metadata.labels));
    }
    default:
      return false;
  }
}

/** A node label the pod's (anti-)affinity terms look at appeared, vanished or changed value. */
function interPodAffinityAfterNodeChange(pod: Pod, e: ClusterEvent): boolean {
  const affinity = affinityTerms(pod, pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  const anti = affinityTerms(pod, pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  if (e.kind === 'NodeAdd') {
    const labels = e.node.metadata.labels ?? {};
    return affinity.some((t) => t.topologyKey in labels) || anti.some((t) => t.topologyKey in labels);
  }
  if (e.kind !== 'NodeUpdate') return false;
  const before = e.oldNode.metadata.labels ?? {};
  const after = e.newNode.metadata.labels ?? {};
  // Affinity: a domain may now exist (the key appears) or be a different one.
  for (const t of affinity) {
    const k = t.topologyKey;
    if (k in after && (!(k in before) || before[k] !== after[k])) return true;
  }
  // Anti-affinity: the node may have left the domain that repels the pod.
  for (const t of anti) {
    const k = t.topologyKey;
    if (k in before && (!(k in after) || before[k] !== after[k])) return true;
  }
  return false;
}

/** VolumeRestrictions' isSchedulableAfterPodDeleted: the deleted pod held a disk or a claim the pod wants. */
function volumesFreedFor(pod: Pod, deleted: Pod): boolean {
  if ((deleted.metadata.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default')) return false;
  if ((pod.spec.volumes ?? []).some((v) => isVolumeConflict(v, deleted))) return true;
  const wanted = new Set(claimNames(pod));
  return claimNames(deleted).some((c) => wanted.has(c));
}

function labelsChanged(a: Node, b: Node): boolean {
  const x = a.metadata.labels ?? {};
  const y = b.metadata.labels ?? {};
  const keys = Object.keys(x);
  return keys.length !== Object.keys(y).length || keys.some((k) => x[k] !== y[k]);
}

type Hint = (pod: Pod, event: ClusterEvent) => boolean;

const hints: Record<string, Hint> = {
  [names.NodeUnschedulable]: (pod, e) => {
    if (e.kind === 'NodeAdd') return nodeSchedulableFor(pod, e.node);
    if (e.kind === 'NodeUpdate') return !nodeSchedulableFor(pod, e.oldNode) && nodeSchedulableFor(pod, e.newNode);
    return false;
  },
  [names.NodeName]: (pod, e) => e.kind === 'NodeAdd' && (!pod.spec.nodeName || pod.spec.nodeName === e.node.metadata.name),
  [names.TaintToleration]: (pod, e) => {
    if (e.kind === 'NodeAdd') return !untolerated(pod, e.node);
    if (e.kind === 'NodeUpdate') return untolerated(pod, e.oldNode) && !untolerated(pod, e.newNode);
    return false;
  },
  [names.NodeAffinity]: (pod, e) => {
    if (e.kind === 'NodeAdd') return new RequiredNodeAffinity(pod).matches(e.node);
    if (e.kind === 'NodeUpdate') {
      const req = new RequiredNodeAffinity(pod);
      return !req.matches(e.oldNode) && req.matches(e.newNode);
    }
    return false;
  },
  [names.NodePorts]: (pod, e) => {
    if (e.kind === 'NodeAdd') return true;
    if (e.kind === 'AssignedPodDelete') return portsFreedFor(podInfoOf(pod), podInfoOf(e.pod));
    return false;
  },
  [names.NodeResourcesFit]: (pod, e) => {
    const pi = podInfoOf(pod);
    if (e.kind === 'AssignedPodDelete') return true;
    if (e.kind === 'NodeAdd') return fitsEmptyNode(pi, e.node);
    if (e.kind === 'NodeUpdate') return fitsEmptyNode(pi, e.newNode) && resourcesIncreased(pi, e.oldNode, e.newNode);
    return false;
  },
  // isSchedulableAfterPodChange / isSchedulableAfterNodeChange of v1.34. Deleting a pod whose own
  // anti-affinity repelled the pending pod is not among them (kubernetes#134393, fixed after
  // v1.34 by #135325): such a pod waits for another event or the 5-minute flush.
  [names.InterPodAffinity]: (pod, e) => {
    if (e.kind === 'NodeAdd' || e.kind === 'NodeUpdate') return interPodAffinityAfterNodeChange(pod, e);
    const affinity = affinityTerms(pod, pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    const anti = affinityTerms(pod, pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    switch (e.kind) {
      case 'AssignedPodAdd':
        return podMatchesAllAffinityTerms(affinity, podInfoOf(e.pod));
      case 'AssignedPodUpdate': {
        const o = podInfoOf(e.oldPod);
        const n = podInfoOf(e.newPod);
        if (!podMatchesAllAffinityTerms(affinity, o) && podMatchesAllAffinityTerms(affinity, n)) return true;
        return podMatchesAllAffinityTerms(anti, o) && !podMatchesAllAffinityTerms(anti, n);
      }
      case 'AssignedPodDelete':
        return podMatchesAllAffinityTerms(anti, podInfoOf(e.pod));
      default:
        return false;
    }
  },
  [names.PodTopologySpread]: (pod, e) => spreadAfterPodChange(pod, e) || spreadAfterNodeChange(pod, e),
  // Node/Add (no hint), Pod/Delete (isSchedulableAfterPodDeleted); PVC/Add is not a kubesim event.
  [names.VolumeRestrictions]: (pod, e) => e.kind === 'NodeAdd' || (e.kind === 'AssignedPodDelete' && volumesFreedFor(pod, e.pod)),
  // Node Add | UpdateNodeLabel without a hint; the storage events are not kubesim events.
  [names.VolumeBinding]: (_pod, e) => e.kind === 'NodeAdd' || (e.kind === 'NodeUpdate' && labelsChanged(e.oldNode, e.newNode)),
};

/**
 * isPodWorthRequeuing: true when `event` may make `pod` schedulable, judged by the plugins that
 * rejected it. A pod that failed without a rejecting plugin is retried on any event.
 */
export function isPodWorthRequeuing(pod: Pod | undefined, unschedulablePlugins: ReadonlySet<string>, event: ClusterEvent): boolean {
  if (event.kind === 'Wildcard' || !pod || unschedulablePlugins.size === 0) return true;
  for (const p of unschedulablePlugins) {
    const hint = hints[p];
    // A plugin without registered events (or an unknown one) never requeues by itself.
    if (hint && hint(pod, event)) return true;
  }
  return false;
}
