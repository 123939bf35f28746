/**
 * PodTopologySpread Score (plugins/podtopologyspread/scoring.go) for ScheduleAnyway constraints,
 * the system defaults included: a node scores the matching pods of its domains, each weighted by
 * log(number of domains + 2) plus maxSkew - 1; NormalizeScore turns fewer into better.
 */
import { RequiredNodeAffinity } from '../../../api/labels';
import type { SchedulerCache } from '../../framework/cache';
import { MAX_NODE_SCORE } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node_info';
import type { PodInfo } from '../../framework/pod_info';
import {
  countPodsMatchSelector,
  LabelHostname,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  podConstraints,
  type Constraint,
} from './common';

export interface PreScoreState {
  constraints: Constraint[];
  /** Nodes missing a topology key of the pod's own constraints: scored 0. */
  ignoredNodes: Set<string>;
  /** Per constraint: topology value -> matching pods (hostname counted per node in Score). */
  topologyValueToPodCounts: Map<string, number>[];
  topologyNormalizingWeight: number[];
}

export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

/** PreScore; undefined means Skip (no soft constraints). */
export function preScore(pod: PodInfo, filteredNodes: readonly NodeInfo[], cache: SchedulerCache): PreScoreState | undefined {
  if (cache.numNodes === 0) return undefined;
  const own = (pod.pod.spec.topologySpreadConstraints?.length ?? 0) > 0;
  const constraints = podConstraints(pod, cache, 'ScheduleAnyway');
  if (constraints.length === 0) return undefined;
  // The system defaults do not require every node to carry every key (zone-less nodes still
  // spread by hostname).
  const requireAllTopologies = own;
  const s: PreScoreState = {
    constraints,
    ignoredNodes: new Set(),
    topologyValueToPodCounts: constraints.map(() => new Map()),
    topologyNormalizingWeight: [],
  };
  const topoSize = constraints.map(() => 0);
  for (const ni of filteredNodes) {
    const labels = ni.labels;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
      s.ignoredNodes.add(ni.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LabelHostname) return;
      const v = labels[c.topologyKey] ?? '';
      if (!s.topologyValueToPodCounts[i].has(v)) {
        s.topologyValueToPodCounts[i].set(v, 0);
        topoSize[i]++;
      }
    });
  }
  s.topologyNormalizingWeight = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LabelHostname ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]),
  );

  const required = new RequiredNodeAffinity(pod.pod);
  const needsCounting = constraints.some((c) => c.topologyKey !== LabelHostname);
  if (needsCounting && canUseIndex(s, required, requireAllTopologies)) {
    // Every node is eligible, so the per-domain sums the cache keeps give the same counts.
    const index = cache.affinityIndex();
    constraints.forEach((c, i) => {
      if (c.topologyKey === LabelHostname) return;
      const sig = `pts|${pod.namespace}|${c.selector.toString()}`;
      const ns = pod.namespace;
      const sel = c.selector;
      const counted = index.countsFor(sig, (pi) => !pi.terminating && pi.namespace === ns && !sel.empty() && sel.matches(pi.pod.metadata.labels), c.topologyKey, sel);
      const counts = s.topologyValueToPodCounts[i];
      for (const v of counts.keys()) counts.set(v, counted.get(v) ?? 0);
    });
  } else if (needsCounting) {
    for (const ni of cache.nodeInfos()) {
      const labels = ni.labels;
      if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        if (c.topologyKey === LabelHostname) continue;
        if (!matchNodeInclusionPolicies(c, pod.pod, ni.node, required)) continue;
        const counts = s.topologyValueToPodCounts[i];
        const v = labels[c.topologyKey] ?? '';
        const cur = counts.get(v);
        // Domains no candidate node is in do not matter.
        if (cur === undefined) continue;
        counts.set(v, cur + countPodsMatchSelector(ni.pods, c.selector, pod.namespace));
      }
    }
  }
  return s;
}

/**
 * The shortcut applies when no node is left out by the pod's node affinity or by taints, and no
 * candidate node lacks a topology key (those count under an empty value upstream).
 */
function canUseIndex(s: PreScoreState, required: RequiredNodeAffinity, requireAllTopologies: boolean): boolean {
  if (!required.unconstrained) return false;
  if (requireAllTopologies && s.constraints.length > 1) return false;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    if (c.nodeTaintsPolicy === 'Honor') return false;
    if (c.topologyKey !== LabelHostname && s.topologyValueToPodCounts[i].has('')) return false;
  }
  return true;
}

export function scoreNode(s: PreScoreState, pod: PodInfo, nodeInfo: NodeInfo): number {
  if (s.ignoredNodes.has(nodeInfo.name)) return 0;
  const labels = nodeInfo.labels;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = labels[c.topologyKey];
    if (v === undefined) continue;
    const cnt =
      c.topologyKey === LabelHostname
        ? countPodsMatchSelector(nodeInfo.pods, c.selector, pod.namespace)
        : s.topologyValueToPodCounts[i].get(v) ?? 0;
    score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]);
  }
  return Math.round(score);
}

/** Fewer matching pods is better: 100 * (max + min - score) / max; ignored nodes get 0. */
export function normalize(s: PreScoreState, scores: number[], nodes: readonly NodeInfo[]): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  const invalid: boolean[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.has(nodes[i].name)) {
      invalid[i] = true;
      continue;
    }
    if (scores[i] < min) min = scores[i];
    if (scores[i] > max) max = scores[i];
  }
  for (let i = 0; i < scores.length; i++) {
    if (invalid[i]) {
      scores[i] = 0;
      continue;
    }
    if (max === 0) {
      scores[i] = MAX_NODE_SCORE;
      continue;
    }
    scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
