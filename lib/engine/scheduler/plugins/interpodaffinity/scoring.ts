/**
 * InterPodAffinity scoring (plugins/interpodaffinity/scoring.go): every domain gets the weights of
 * the incoming pod's preferred terms matched by pods there (anti-affinity subtracts), plus, the
 * other way round, the weights of existing pods' preferred terms and required affinity terms
 * (HardPodAffinityWeight 1) that select the incoming pod. Normalized min-max to 0..100.
 */
import type { Labels, Node } from '../../../api/types';
import type { AffinityTerm, WeightedAffinityTerm } from '../../framework/affinity_term';
import type { PodInfo } from '../../framework/pod_info';
import { addCount, type TopologyCounts } from './topology_counts';

export const HARD_POD_AFFINITY_WEIGHT = 1;

export interface PreScoreState {
  topologyScore: TopologyCounts;
  podInfo: PodInfo;
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
  namespaceLabels: Labels | undefined;
}

function processTerm(m: TopologyCounts, term: AffinityTerm, weight: number, pod: PodInfo, nsLabels: Labels | undefined, node: Node, multiplier: number): void {
  if (!term.matches(pod.pod, nsLabels)) return;
  const v = node.metadata.labels?.[term.topologyKey];
  if (v !== undefined) addCount(m, term.topologyKey, v, weight * multiplier);
}

function processTerms(m: TopologyCounts, terms: readonly WeightedAffinityTerm[], pod: PodInfo, nsLabels: Labels | undefined, node: Node, multiplier: number): void {
  for (const t of terms) processTerm(m, t.term, t.weight, pod, nsLabels, node, multiplier);
}

/** processExistingPod: adds what one existing pod contributes to the domains of its node. */
export function processExistingPod(s: PreScoreState, existing: PodInfo, node: Node): void {
  const labels = node.metadata.labels;
  if (!labels || Object.keys(labels).length === 0) return;
  const m = s.topologyScore;
  // The incoming pod's own preferences (its namespaceSelector is already resolved into names).
  processTerms(m, s.preferredAffinityTerms, existing, undefined, node, 1);
  processTerms(m, s.preferredAntiAffinityTerms, existing, undefined, node, -1);
  // The existing pod's wishes about the incoming pod.
  for (const t of existing.requiredAffinityTerms) processTerm(m, t, HARD_POD_AFFINITY_WEIGHT, s.podInfo, s.namespaceLabels, node, 1);
  processTerms(m, existing.preferredAffinityTerms, s.podInfo, s.namespaceLabels, node, 1);
  processTerms(m, existing.preferredAntiAffinityTerms, s.podInfo, s.namespaceLabels, node, -1);
}

/** The node's score: the sum of its domains' scores over the topology keys seen. */
export function scoreNode(s: PreScoreState, labels: Labels): number {
  let score = 0;
  for (const [key, values] of s.topologyScore) {
    const v = labels[key];
    if (v !== undefined) score += values.get(v) ?? 0;
  }
  return score;
}

/** Min-max normalization; all nodes equal gives 0 everywhere. */
export function normalizeMinMax(scores: number[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = diff > 0 ? Math.trunc(100 * ((scores[i] - min) / diff)) : 0;
  }
}
