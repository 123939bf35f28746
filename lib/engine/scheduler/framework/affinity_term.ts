/**
 * framework.AffinityTerm: a parsed PodAffinityTerm. The namespaces default to the owning pod's
 * namespace when neither `namespaces` nor `namespaceSelector` is given.
 */
import type { LabelSelector, LabelSelectorRequirement, Labels, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types';
import { labelSelectorAsSelector, NOTHING, type Selector } from '../../api/labels';

export class AffinityTerm {
  constructor(
    public namespaces: Set<string>,
    readonly selector: Selector,
    readonly topologyKey: string,
    public namespaceSelector: Selector,
  ) {}

  /** The term selects `pod` when its namespace is listed (or its namespace labels match) and its labels match. */
  matches(pod: Pod, nsLabels: Labels | undefined): boolean {
    const ns = pod.metadata.namespace ?? 'default';
    if (this.namespaces.has(ns) || this.namespaceSelector.matches(nsLabels)) {
      return this.selector.matches(pod.metadata.labels);
    }
    return false;
  }
}

export interface WeightedAffinityTerm {
  term: AffinityTerm;
  weight: number;
}

/**
 * The label selector with matchLabelKeys / mismatchLabelKeys applied: each key the pod carries adds
 * `key In (value)` or `key NotIn (value)`. Upstream's API server does this when the pod is created
 * (pkg/registry/core/pod/strategy.go applyMatchLabelKeysAndMismatchLabelKeys, MatchLabelKeysInPodAffinity
 * GA in v1.33) and the scheduler reads only labelSelector; kubesim's API server stores the keys
 * unmerged, so the scheduler applies them here. A nil selector stays nil (it matches nothing); adding
 * a requirement the selector already holds changes nothing.
 */
export function mergedLabelSelector(pod: Pod, term: PodAffinityTerm): LabelSelector | undefined {
  const sel = term.labelSelector;
  if (sel == null || ((term.matchLabelKeys?.length ?? 0) === 0 && (term.mismatchLabelKeys?.length ?? 0) === 0)) return sel;
  const labels = pod.metadata.labels ?? {};
  const extra: LabelSelectorRequirement[] = [];
  for (const k of term.matchLabelKeys ?? []) if (k in labels) extra.push({ key: k, operator: 'In', values: [labels[k]] });
  for (const k of term.mismatchLabelKeys ?? []) if (k in labels) extra.push({ key: k, operator: 'NotIn', values: [labels[k]] });
  if (extra.length === 0) return sel;
  return { ...sel, matchExpressions: [...(sel.matchExpressions ?? []), ...extra] };
}

export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set<string>();
  if ((term.namespaces?.length ?? 0) === 0 && term.namespaceSelector == null) {
    namespaces.add(pod.metadata.namespace ?? 'default');
  } else {
    for (const n of term.namespaces ?? []) namespaces.add(n);
  }
  const nsSelector = term.namespaceSelector == null ? NOTHING : labelSelectorAsSelector(term.namespaceSelector);
  return new AffinityTerm(namespaces, labelSelectorAsSelector(mergedLabelSelector(pod, term)), term.topologyKey, nsSelector);
}

export function affinityTerms(pod: Pod, terms: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (terms ?? []).map((t) => newAffinityTerm(pod, t));
}

export function weightedAffinityTerms(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ term: newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}
