/**
 * ValidatePodUpdate's allowance for pods that still have scheduling gates: they may gain
 * nodeSelector entries and required node-affinity expressions, but not lose or change any
 * (validateNodeSelectorMutation, validateNodeAffinityMutation, validateNodeSelectorTermHasOnlyAdditions).
 */
import type { Affinity, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from '../../api/types';
import { deepEqual } from '../json';
import { type ErrorList, GoLiteral, invalid } from './field';
import { goQuote, goStringMap, goStringSlice } from './gofmt';

type NodeAffinity = NonNullable<Affinity['nodeAffinity']>;

function goRequirements(list: NodeSelectorRequirement[] | undefined): string {
  if (!list?.length) return '[]core.NodeSelectorRequirement(nil)';
  const items = list.map(
    (r) => `core.NodeSelectorRequirement{Key:${goQuote(r.key ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${goStringSlice(r.values?.length ? r.values : undefined)}}`,
  );
  return `[]core.NodeSelectorRequirement{${items.join(', ')}}`;
}

/** %#v of a core.NodeSelectorTerm. */
function goTerm(t: NodeSelectorTerm): string {
  return `core.NodeSelectorTerm{MatchExpressions:${goRequirements(t.matchExpressions)}, MatchFields:${goRequirements(t.matchFields)}}`;
}

function goTerms(terms: NodeSelectorTerm[]): string {
  if (!terms.length) return '[]core.NodeSelectorTerm(nil)';
  return `[]core.NodeSelectorTerm{${terms.map(goTerm).join(', ')}}`;
}

/** Existing keys must keep their values; new keys may be added. */
export function validateNodeSelectorMutation(next: Record<string, string> | undefined, prev: Record<string, string> | undefined, field: string, errs: ErrorList): void {
  for (const [k, v] of Object.entries(prev ?? {})) {
    if (next?.[k] !== v) {
      errs.push(invalid(field, new GoLiteral(goStringMap(next)), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
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
  const newTerms = next?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const tp = `${field}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
  if (oldTerms.length > 0 && oldTerms.length !== newTerms.length) {
    errs.push(invalid(tp, new GoLiteral(goTerms(newTerms)), 'no additions/deletions to non-empty NodeSelectorTerms list are allowed'));
    return;
  }
  oldTerms.forEach((t, i) => {
    if (!termHasOnlyAdditions(newTerms[i], t)) {
      errs.push(invalid(`${tp}[${i}]`, new GoLiteral(goTerm(newTerms[i])), 'only additions are allowed (no mutations or deletions)'));
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
