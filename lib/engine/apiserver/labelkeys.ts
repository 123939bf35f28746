/**
 * The pod strategy's PrepareForCreate merges matchLabelKeys / mismatchLabelKeys into the label
 * selectors they qualify, using the pod's own labels (pkg/registry/core/pod/strategy.go
 * mutatePodAffinity / applyMatchLabelKeysAndMismatchLabelKeys, MatchLabelKeysInPodAffinity, GA;
 * mutateTopologySpreadConstraints, MatchLabelKeysInPodTopologySpreadSelectorMerge, beta and on in
 * v1.34). A key the pod has no label for adds nothing; a term without a labelSelector is left
 * alone (a nil selector matches nothing). Validation then sees the merged selectors.
 */
import type { LabelSelector, LabelSelectorRequirement, PodAffinityTerm, PodSpec } from '../api/types';

type Labels = Record<string, string> | undefined;

function appendRequirements(sel: LabelSelector, keys: readonly string[] | undefined, operator: 'In' | 'NotIn', labels: Labels): void {
  for (const key of keys ?? []) {
    const value = labels?.[key];
    if (value === undefined) continue;
    const req: LabelSelectorRequirement = { key, operator, values: [value] };
    sel.matchExpressions = [...(sel.matchExpressions ?? []), req];
  }
}

function applyToTerm(term: PodAffinityTerm | undefined, labels: Labels): void {
  if (!term?.labelSelector || (!term.matchLabelKeys?.length && !term.mismatchLabelKeys?.length)) return;
  appendRequirements(term.labelSelector, term.matchLabelKeys, 'In', labels);
  appendRequirements(term.labelSelector, term.mismatchLabelKeys, 'NotIn', labels);
}

/** Both merges, on a pod being created. */
export function applyMatchLabelKeys(spec: PodSpec, labels: Labels): void {
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = spec.affinity?.[kind];
    if (!a) continue;
    for (const w of a.preferredDuringSchedulingIgnoredDuringExecution ?? []) applyToTerm(w.podAffinityTerm, labels);
    for (const t of a.requiredDuringSchedulingIgnoredDuringExecution ?? []) applyToTerm(t, labels);
  }
  for (const c of spec.topologySpreadConstraints ?? []) {
    if (!c.matchLabelKeys?.length || !c.labelSelector) continue;
    appendRequirements(c.labelSelector, c.matchLabelKeys, 'In', labels);
  }
}
