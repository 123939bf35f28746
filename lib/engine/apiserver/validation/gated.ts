/**
 * ValidatePodUpdate's allowance for pods that still have scheduling gates: they may gain
 * nodeSelector entries and required node-affinity expressions, but not lose or change any
 * (validateNodeSelectorMutation, validateNodeAffinityMutation, validateNodeSelectorTermHasOnlyAdditions).
 */
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from '../../api/types';
import { deepEqual } from '../json';
import { type ErrorList, invalid } from './field';
import { goMap, marshalled } from './gomarshal';
import { nodeSelectorTermValue } from './internal';

type NodeAffinity = NonNullable<Affinity['nodeAffinity']>;

/** Existing keys must keep their values; new keys may be added. */
export function validateNodeSelectorMutation(next: Record<string, string> | undefined, prev: Record<string, string> | undefined, field: string, errs: ErrorList): void {
  for (const [k, v] of Object.entries(prev ?? {})) {
    if (next?.[k] !== v) {
      errs.push(invalid(field, marshalled(goMap(next)), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
      return;
    }
  }
}

function onlyAdditions(next: NodeSelectorRequirement[] | undefined, prev: NodeSelectorRequirement[] | undefined): boolean {
  const l = prev?.length ?? 0;
  if (l === 0) return true;
  if ((next?.length ?? 0) < l) return false;
  return deepEqual(next!.slice(0, l), prev);
}

function termHasOnlyAdditions(next: NodeSelectorTerm, prev: NodeSelectorTerm): boolean {
  const prevEmpty = !prev.matchExpressions?.length && !prev.matchFields?.length;
  if (prevEmpty && (next.matchExpressions?.length || next.matchFields?.length)) return false;
  return onlyAdditions(next.matchExpressions, prev.matchExpressions) && onlyAdditions(next.matchFields, prev.matchFields);
}

/** Only the required terms are checked: the whole nodeAffinity is then taken from the old pod. */
export function validateNodeAffinityMutation(next: NodeAffinity | undefined, prev: NodeAffinity | undefined, field: string, errs: ErrorList): void {
  const oldTerms = prev?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!oldTerms) return;
  const given = next?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const newTerms = given ?? [];
  const tp = `${field}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) {
    // The bad value is the new []core.NodeSelectorTerm: null when the pod no longer has one.
    errs.push(invalid(tp, marshalled(given ? given.map(nodeSelectorTermValue) : null), 'no additions/deletions to non-empty NodeSelectorTerms list are allowed'));
    return;
  }
  oldTerms.forEach((t, i) => {
    if (!termHasOnlyAdditions(newTerms[i], t)) {
      errs.push(invalid(`${tp}[${i}]`, marshalled(nodeSelectorTermValue(newTerms[i])), 'only additions are allowed (no mutations or deletions)'));
    }
  });
}

/**
 * For a gated pod, checks the nodeSelector and node affinity changes and puts the old values back
 * into `munged`, so that the final "may not change fields" comparison ignores them.
 */
export function mungeGatedPodScheduling(munged: PodSpec, old: PodSpec, errs: ErrorList): void {
  if (!deepEqual(munged.nodeSelector ?? {}, old.nodeSelector ?? {})) {
    validateNodeSelectorMutation(munged.nodeSelector, old.nodeSelector, 'spec.nodeSelector', errs);
    if (old.nodeSelector === undefined) delete munged.nodeSelector;
    else munged.nodeSelector = old.nodeSelector;
  }
  const oldNA = old.affinity?.nodeAffinity;
  const newNA = munged.affinity?.nodeAffinity;
  if (deepEqual(oldNA, newNA)) return;
  validateNodeAffinityMutation(newNA, oldNA, 'spec.affinity.nodeAffinity', errs);
  if (!munged.affinity) {
    if (oldNA) munged.affinity = { nodeAffinity: oldNA };
  } else if (!old.affinity && !munged.affinity.podAffinity && !munged.affinity.podAntiAffinity) {
    delete munged.affinity;
  } else {
    const affinity = { ...munged.affinity };
    if (oldNA === undefined) delete affinity.nodeAffinity;
    else affinity.nodeAffinity = oldNA;
    munged.affinity = affinity;
  }
}
