/**
 * NodeAffinity (plugins/nodeaffinity): Filter requires spec.nodeSelector and required node
 * affinity to match; PreFilter narrows the nodes to those named by matchFields metadata.name;
 * Score sums the weights of the matching preferred terms, normalized so the best node gets 100.
 */
import { PreferredSchedulingTerms, RequiredNodeAffinity } from '../../api/labels';
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface';
import { MAX_NODE_SCORE } from '../framework/interface';
import { defaultNormalizeScore } from '../framework/normalize_score';
import { SKIP, unresolvable, type Status } from '../framework/status';
import { NodeAffinity } from './names';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const errReasonConflict = 'pod affinity terms conflict';
const REJECT = unresolvable(ErrReasonPod);

const PRE_FILTER_KEY = 'PreFilter' + NodeAffinity;
const PRE_SCORE_KEY = 'PreScore' + NodeAffinity;

export const nodeAffinity: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NodeAffinity,
  preFilter(state, pod) {
    const spec = pod.pod.spec;
    const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && spec.nodeSelector == null) return { status: SKIP };
    state.write(PRE_FILTER_KEY, new RequiredNodeAffinity(pod.pod));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return undefined;
    // Terms that pin metadata.name with In narrow the candidate nodes; the terms are OR'ed.
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      if (!termNames) return undefined;
      nodeNames = nodeNames ? new Set([...nodeNames, ...termNames]) : termNames;
    }
    if (nodeNames && nodeNames.size === 0) return { status: unresolvable(errReasonConflict) };
    return nodeNames ? { nodeNames } : undefined;
  },
  filter(state, pod, nodeInfo): Status | null {
    const req = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? new RequiredNodeAffinity(pod.pod);
    return req.matches(nodeInfo.node) ? null : REJECT;
  },
  preScore(state, pod) {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (preferred == null) return SKIP;
    state.write(PRE_SCORE_KEY, new PreferredSchedulingTerms(preferred));
    return null;
  },
  score(state, pod, nodeInfo) {
    const terms =
      state.read<PreferredSchedulingTerms>(PRE_SCORE_KEY) ??
      new PreferredSchedulingTerms(pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []);
    return terms.score(nodeInfo.node);
  },
  normalizeScore(_state, _pod, scores) {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  },
};
