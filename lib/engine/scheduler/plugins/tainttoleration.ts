/**
 * TaintToleration (plugins/tainttoleration): Filter rejects a node with a NoSchedule or NoExecute
 * taint the pod does not tolerate, naming the first one; Score counts the PreferNoSchedule taints
 * the pod does not tolerate, and NormalizeScore reverses it (fewer is better).
 */
import type { Taint, Toleration } from '../../api/types';
import type { FilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface';
import { MAX_NODE_SCORE } from '../framework/interface';
import { defaultNormalizeScore } from '../framework/normalize_score';
import { unresolvable, type Status } from '../framework/status';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint, tolerationsTolerateTaint } from '../framework/tolerations';
import { TaintToleration } from './names';

/** v1.34.0 wording; PR #134740 (v1.35, later 1.34 patches) generalised it to "untolerated taint(s)". */
export function errReasonUntoleratedTaint(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

const PRE_SCORE_KEY = 'PreScore' + TaintToleration;

function preferNoScheduleTolerations(tolerations: readonly Toleration[] | undefined): Toleration[] {
  return (tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

export function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[]): number {
  let n = 0;
  for (const taint of taints ?? []) {
    if (taint.effect !== 'PreferNoSchedule') continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) n++;
  }
  return n;
}

export const taintToleration: FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: TaintToleration,
  filter(_state, pod, nodeInfo): Status | null {
    const taints = nodeInfo.node.spec?.taints;
    if (!taints || taints.length === 0) return null;
    const taint = findMatchingUntoleratedTaint(taints, pod.pod.spec.tolerations, isDoNotScheduleTaint);
    return taint ? unresolvable(errReasonUntoleratedTaint(taint)) : null;
  },
  preScore(state, pod) {
    state.write(PRE_SCORE_KEY, preferNoScheduleTolerations(pod.pod.spec.tolerations));
    return null;
  },
  score(state, pod, nodeInfo) {
    const taints = nodeInfo.node.spec?.taints;
    if (!taints || taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY) ?? preferNoScheduleTolerations(pod.pod.spec.tolerations);
    return countIntolerableTaintsPreferNoSchedule(taints, tolerations);
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  },
};
