/** The PodTopologySpread plugin: filtering.ts and scoring.ts wired to the extension points. */
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import { SKIP, unresolvable, type Status } from '../../framework/status';
import { LabelSelectorError } from '../../../api/labels';
import { PodTopologySpread } from '../names';
import { calPreFilterState, filterNode, PreFilterState } from './filtering';
import { normalize, preScore, scoreNode, type PreScoreState } from './scoring';

const PRE_FILTER_KEY = 'PreFilter' + PodTopologySpread;
const PRE_SCORE_KEY = 'PreScore' + PodTopologySpread;

export const podTopologySpread: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: PodTopologySpread,
  preFilter(state, pod, h) {
    let s: PreFilterState | undefined;
    try {
      s = calPreFilterState(pod, h.cache);
    } catch (e) {
      if (e instanceof LabelSelectorError) return { status: unresolvable(`obtaining pod's hard topology spread constraints: ${e.message}`) };
      throw e;
    }
    if (!s) return { status: SKIP };
    state.write(PRE_FILTER_KEY, s);
    return undefined;
  },
  addPod(state, pod, podToAdd, nodeInfo) {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(podToAdd, pod, nodeInfo.node, 1);
  },
  removePod(state, pod, podToRemove, nodeInfo) {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(podToRemove, pod, nodeInfo.node, -1);
  },
  filter(state, pod, nodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    return s ? filterNode(s, pod, nodeInfo) : null;
  },
  preScore(state, pod, nodes, h) {
    let s: PreScoreState | undefined;
    try {
      s = preScore(pod, nodes, h.cache);
    } catch (e) {
      if (e instanceof LabelSelectorError) return SKIP;
      throw e;
    }
    if (!s) return SKIP;
    state.write(PRE_SCORE_KEY, s);
    return null;
  },
  score(state, pod, nodeInfo) {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    return s ? scoreNode(s, pod, nodeInfo) : 0;
  },
  normalizeScore(state, _pod, scores, nodes) {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (s) normalize(s, scores, nodes);
  },
};
