/**
 * framework.AffinityTerm: a parsed PodAffinityTerm. The namespaces default to the owning pod's
 * namespace when neither `namespaces` nor `namespaceSelector` is given.
 */
import type { Labels, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from '../../api/types';
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

export function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = new Set<string>();
  if ((term.namespaces?.length ?? 0) === 0 && term.namespaceSelector == null) {
    namespaces.add(pod.metadata.namespace ?? 'default');
  } else {
    for (const n of term.namespaces ?? []) namespaces.add(n);
  }
  const nsSelector = term.namespaceSelector == null ? NOTHING : labelSelectorAsSelector(term.namespaceSelector);
  return new AffinityTerm(namespaces, labelSelectorAsSelector(term.labelSelector), term.topologyKey, nsSelector);
}

export function affinityTerms(pod: Pod, terms: readonly PodAffinityTerm[] | undefined): AffinityTerm[] {
  return (terms ?? []).map((t) => newAffinityTerm(pod, t));
}

export function weightedAffinityTerms(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ term: newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}
