/** The InterPodAffinity plugin: filtering.ts and scoring.ts wired to the extension points. */
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import type { PodInfo } from '../../framework/pod_info';
import { SKIP, unresolvable, type Status } from '../../framework/status';
import { InterPodAffinity } from '../names';
import {
  mergeNamespaces,
  podMatchesAllAffinityTerms,
  PreFilterState,
  REJECT_AFFINITY,
  REJECT_ANTI_AFFINITY,
  REJECT_EXISTING_ANTI_AFFINITY,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
} from './filtering';
import { normalizeMinMax, processExistingPod, scoreNode, type PreScoreState } from './scoring';
import { termSelectorSignature } from '../../framework/affinity_index';
import { LayeredCounts } from './layered_counts';

const PRE_FILTER_KEY = 'PreFilter' + InterPodAffinity;
const PRE_SCORE_KEY = 'PreScore' + InterPodAffinity;

export const interPodAffinity: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: InterPodAffinity,

  preFilter(state, pod, h) {
    if (pod.parseError) return { status: unresolvable(`parsing pod: ${pod.parseError}`) };
    const cache = h.cache;
    const nsLabels = cache.namespaceLabels(pod.namespace);

    // Existing pods whose required anti-affinity selects the incoming pod.
    const index = cache.affinityIndex();
    const existingAnti = new LayeredCounts();
    for (const g of index.existingAntiAffinityGroups()) {
      if (g.counts.size > 0 && g.term.matches(pod.pod, nsLabels)) existingAnti.addBase(g.term.topologyKey, g.counts);
    }
    const affinityTerms = pod.requiredAffinityTerms.map((t) => mergeNamespaces(t, cache));
    const antiAffinityTerms = pod.requiredAntiAffinityTerms.map((t) => mergeNamespaces(t, cache));
    if (existingAnti.isEmpty() && affinityTerms.length === 0 && antiAffinityTerms.length === 0) return { status: SKIP };

    // Existing pods matching all of the incoming pod's affinity terms, or one of its anti-affinity terms.
    const affinity = new LayeredCounts();
    if (affinityTerms.length > 0) {
      const sig = 'all:' + affinityTerms.map(termSelectorSignature).join(';');
      const matchAll = (pi: PodInfo) => podMatchesAllAffinityTerms(affinityTerms, pi);
      for (const t of affinityTerms) affinity.addBase(t.topologyKey, index.countsFor(sig, matchAll, t.topologyKey, affinityTerms[0].selector));
    }
    const anti = new LayeredCounts();
    for (const t of antiAffinityTerms) {
      anti.addBase(t.topologyKey, index.countsFor(termSelectorSignature(t), (pi) => t.matches(pi.pod, undefined), t.topologyKey, t.selector));
    }
    state.write(PRE_FILTER_KEY, new PreFilterState(pod, affinityTerms, antiAffinityTerms, nsLabels, existingAnti, affinity, anti));
    return undefined;
  },

  addPod(state, _pod, podToAdd, nodeInfo) {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(podToAdd, nodeInfo.node, 1);
  },

  removePod(state, _pod, podToRemove, nodeInfo) {
    state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(podToRemove, nodeInfo.node, -1);
  },

  filter(state, _pod, nodeInfo): Status | null {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return null;
    const labels = nodeInfo.labels;
    if (!satisfyPodAffinity(s, labels)) return REJECT_AFFINITY;
    if (!satisfyPodAntiAffinity(s, labels)) return REJECT_ANTI_AFFINITY;
    if (!satisfyExistingPodsAntiAffinity(s, labels)) return REJECT_EXISTING_ANTI_AFFINITY;
    return null;
  },

  preScore(state, pod, nodes, h) {
    if (nodes.length === 0) return null;
    const a = pod.pod.spec.affinity;
    const hasPreferred =
      (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
      (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    const cache = h.cache;
    const s: PreScoreState = {
      topologyScore: new Map(),
      podInfo: pod,
      preferredAffinityTerms: pod.preferredAffinityTerms.map((w) => ({ term: mergeNamespaces(w.term, cache), weight: w.weight })),
      preferredAntiAffinityTerms: pod.preferredAntiAffinityTerms.map((w) => ({ term: mergeNamespaces(w.term, cache), weight: w.weight })),
      namespaceLabels: cache.namespaceLabels(pod.namespace),
    };
    if (hasPreferred) {
      for (const ni of cache.nodeInfos()) for (const existing of ni.pods) processExistingPod(s, existing, ni.node);
    } else {
      // Without preferences of its own, only pods with required affinity or preferred terms can
      // add to the score (upstream walks every pod with affinity; the others add nothing).
      for (const [existing, ni] of cache.scoringAffinityPods()) processExistingPod(s, existing, ni.node);
    }
    if (s.topologyScore.size === 0) return SKIP;
    state.write(PRE_SCORE_KEY, s);
    return null;
  },

  score(state, _pod, nodeInfo) {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    return s ? scoreNode(s, nodeInfo.labels) : 0;
  },

  normalizeScore(state, _pod, scores) {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.topologyScore.size === 0) return;
    normalizeMinMax(scores);
  },
};

export { podMatchesAllAffinityTerms };
