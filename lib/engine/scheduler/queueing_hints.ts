/**
 * Queueing hints (EventsToRegister / QueueingHintFn of each plugin, GA with v1.34): when the
 * cluster changes, a pod parked as unschedulable is retried only if one of the plugins that
 * rejected it says the change may help. Each hint compares the object before and after.
 */
import type { Node, Pod, Taint } from '../api/types';
import { RequiredNodeAffinity } from '../api/labels';
import { affinityTerms } from './framework/affinity_term';
import { NodeInfo } from './framework/node_info';
import { podInfoOf, type PodInfo } from './framework/pod_info';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from './framework/tolerations';
import * as names from './plugins/names';
import { fits } from './plugins/noderesources/fit';
import { podMatchesAllAffinityTerms } from './plugins/interpodaffinity/filtering';
import { filterTopologySpreadConstraints, systemDefaultConstraints } from './plugins/podtopologyspread/common';
import { TaintNodeUnschedulable } from './plugins/nodeunschedulable';

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

function sameLabels(a: Node, b: Node, keys: readonly string[]): boolean {
  for (const k of keys) if (a.metadata.labels?.[k] !== b.metadata.labels?.[k]) return false;
  return true;
}

function anyPortsIn(pod: PodInfo, other: PodInfo): boolean {
  for (const p of pod.hostPorts) {
    for (const q of other.hostPorts) {
      if (p.port === q.port && (p.protocol || 'TCP') === (q.protocol || 'TCP')) return true;
    }
  }
  return false;
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

function topologyKeysOf(pod: Pod): string[] {
  const own = pod.spec.topologySpreadConstraints;
  const list = own && own.length > 0 ? own : systemDefaultConstraints;
  return list.map((c) => c.topologyKey);
}

function spreadSelectorsMatch(pod: Pod, other: Pod): boolean {
  if ((other.metadata.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default')) return false;
  const own = pod.spec.topologySpreadConstraints;
  if (!own || own.length === 0) {
    // System default constraints follow the pod's owners; any pod of the namespace may count.
    return true;
  }
  const cs = [
    ...filterTopologySpreadConstraints(own, pod.metadata.labels, 'DoNotSchedule'),
    ...filterTopologySpreadConstraints(own, pod.metadata.labels, 'ScheduleAnyway'),
  ];
  return cs.some((c) => c.selector.matches(other.metadata.labels));
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
    if (e.kind === 'AssignedPodDelete') return anyPortsIn(podInfoOf(pod), podInfoOf(e.pod));
    return false;
  },
  [names.NodeResourcesFit]: (pod, e) => {
    const pi = podInfoOf(pod);
    if (e.kind === 'AssignedPodDelete') return true;
    if (e.kind === 'NodeAdd') return fitsEmptyNode(pi, e.node);
    if (e.kind === 'NodeUpdate') return fitsEmptyNode(pi, e.newNode) && resourcesIncreased(pi, e.oldNode, e.newNode);
    return false;
  },
  [names.InterPodAffinity]: (pod, e) => {
    if (e.kind === 'NodeDelete' || e.kind === 'Wildcard') return e.kind === 'Wildcard';
    const affinity = affinityTerms(pod, pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    const anti = affinityTerms(pod, pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    const target = podInfoOf(pod);
    switch (e.kind) {
      case 'AssignedPodAdd':
        return podMatchesAllAffinityTerms(affinity, podInfoOf(e.pod));
      case 'AssignedPodUpdate': {
        const o = podInfoOf(e.oldPod);
        const n = podInfoOf(e.newPod);
        if (!podMatchesAllAffinityTerms(affinity, o) && podMatchesAllAffinityTerms(affinity, n)) return true;
        return podMatchesAllAffinityTerms(anti, o) && !podMatchesAllAffinityTerms(anti, n);
      }
      case 'AssignedPodDelete': {
        const d = podInfoOf(e.pod);
        if (podMatchesAllAffinityTerms(anti, d)) return true;
        // The deleted pod's own anti-affinity may have been what kept the pod away.
        return d.requiredAntiAffinityTerms.some((t) => t.matches(target.pod, undefined));
      }
      case 'NodeAdd':
        return true;
      case 'NodeUpdate': {
        // A topology label of the pod's terms changed; a pod turned away only by other pods'
        // anti-affinity cares about any label (their topology keys are not known here).
        let keys = [...affinity, ...anti].map((t) => t.topologyKey);
        if (keys.length === 0) keys = Object.keys({ ...e.oldNode.metadata.labels, ...e.newNode.metadata.labels });
        return !sameLabels(e.oldNode, e.newNode, keys);
      }
      default:
        return false;
    }
  },
  [names.PodTopologySpread]: (pod, e) => {
    switch (e.kind) {
      case 'AssignedPodAdd':
      case 'AssignedPodDelete':
        return spreadSelectorsMatch(pod, e.pod);
      case 'AssignedPodUpdate':
        return spreadSelectorsMatch(pod, e.oldPod) || spreadSelectorsMatch(pod, e.newPod);
      case 'NodeAdd':
      case 'NodeDelete': {
        const labels = e.node.metadata.labels ?? {};
        return topologyKeysOf(pod).every((k) => k in labels);
      }
      case 'NodeUpdate':
        return (
          !sameLabels(e.oldNode, e.newNode, topologyKeysOf(pod)) ||
          JSON.stringify(e.oldNode.spec?.taints ?? []) !== JSON.stringify(e.newNode.spec?.taints ?? [])
        );
      default:
        return false;
    }
  },
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
