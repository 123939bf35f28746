/**
 * InterPodAffinity Filter (plugins/interpodaffinity/filtering.go). PreFilter counts, per topology
 * domain, (1) existing pods whose required anti-affinity selects the incoming pod, (2) existing
 * pods matching all of the incoming pod's required affinity terms, (3) existing pods matching one
 * of its required anti-affinity terms. Filter then checks the node's domains against them.
 */
import type { Labels, Node } from '../../../api/types';
import { NOTHING } from '../../../api/labels';
import { AffinityTerm } from '../../framework/affinity_term';
import type { SchedulerCache } from '../../framework/cache';
import type { StateData } from '../../framework/cycle_state';
import type { PodInfo } from '../../framework/pod_info';
import { unresolvable, unschedulable } from '../../framework/status';
import { LayeredCounts } from './layered_counts';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

export const REJECT_AFFINITY = unresolvable(ErrReasonAffinityRulesNotMatch);
export const REJECT_ANTI_AFFINITY = unschedulable(ErrReasonAntiAffinityRulesNotMatch);
export const REJECT_EXISTING_ANTI_AFFINITY = unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);

/**
 * mergeAffinityTermNamespacesIfNotEmpty: a selective namespaceSelector on the incoming pod's term
 * is resolved into namespace names now, so later matches need no namespace labels.
 */
export function mergeNamespaces(t: AffinityTerm, cache: SchedulerCache): AffinityTerm {
  // {} selects every namespace and stays; a nil selector adds none.
  if (t.namespaceSelector.empty() || t.namespaceSelector.nothing) return t;
  const namespaces = new Set(t.namespaces);
  for (const n of cache.listNamespaces(t.namespaceSelector)) namespaces.add(n);
  return new AffinityTerm(namespaces, t.selector, t.topologyKey, NOTHING);
}

/** True only if the pod matches every term (and there is at least one). */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!t.matches(pod.pod, undefined)) return false;
  return true;
}

export class PreFilterState implements StateData {
  constructor(
    readonly podInfo: PodInfo,
    readonly affinityTerms: AffinityTerm[],
    readonly antiAffinityTerms: AffinityTerm[],
    readonly namespaceLabels: Labels | undefined,
    readonly existingAntiAffinityCounts: LayeredCounts,
    readonly affinityCounts: LayeredCounts,
    readonly antiAffinityCounts: LayeredCounts,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.podInfo,
      this.affinityTerms,
      this.antiAffinityTerms,
      this.namespaceLabels,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** PreFilterExtensions: account for a pod added to (multiplier 1) or removed from (-1) a node. */
  updateWithPod(pi: PodInfo, node: Node, multiplier: 1 | -1): void {
    const labels = node.metadata.labels ?? {};
    const at = (c: LayeredCounts, key: string) => {
      const v = labels[key];
      if (v !== undefined) c.add(key, v, multiplier);
    };
    for (const t of pi.requiredAntiAffinityTerms) {
      if (t.matches(this.podInfo.pod, this.namespaceLabels)) at(this.existingAntiAffinityCounts, t.topologyKey);
    }
    if (podMatchesAllAffinityTerms(this.affinityTerms, pi)) {
      for (const t of this.affinityTerms) at(this.affinityCounts, t.topologyKey);
    }
    for (const t of this.antiAffinityTerms) {
      if (t.matches(pi.pod, undefined)) at(this.antiAffinityCounts, t.topologyKey);
    }
  }
}

/** Scheduling onto this node would break no existing pod's required anti-affinity. */
export function satisfyExistingPodsAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  return !s.existingAntiAffinityCounts.anyPositiveAt(labels);
}

export function satisfyPodAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  for (const t of s.antiAffinityTerms) {
    const v = labels[t.topologyKey];
    if (v !== undefined && s.antiAffinityCounts.get(t.topologyKey, v) > 0) return false;
  }
  return true;
}

export function satisfyPodAffinity(s: PreFilterState, labels: Labels): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const v = labels[t.topologyKey];
    // Every topology label must exist on the node.
    if (v === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, v) <= 0) podsExist = false;
  }
  if (!podsExist) {
    // The first pod of a group with affinity to itself: allowed when no pod matches yet and the
    // pod matches its own terms.
    return s.affinityCounts.isEmpty() && podMatchesAllAffinityTerms(s.affinityTerms, s.podInfo);
  }
  return true;
}
