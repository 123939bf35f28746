/**
 * Counts behind InterPodAffinity (and PodTopologySpread's domain sums), kept current pod by pod instead of recomputed every cycle by
 * walking every pod (what upstream's PreFilter does). The numbers are the same; only the work
 * moves from each scheduling cycle to each pod addition or removal:
 *  - for every distinct required anti-affinity term of existing pods: how many pods carry it, per
 *    domain of its topology key (existingAntiAffinityCounts);
 *  - for every pod selector an incoming pod asked about: how many existing pods match it, per
 *    domain of the topology keys asked for (affinityCounts, antiAffinityCounts).
 */
import type { Selector } from '../../api/labels';
import type { AffinityTerm } from './affinity_term';
import type { NodeInfo } from './node_info';
import type { PodInfo } from './pod_info';

/** Value -> count for one topology key; zero counts are removed. */
export type DomainCounts = Map<string, number>;

function bump(m: DomainCounts, value: string, delta: number): void {
  const n = (m.get(value) ?? 0) + delta;
  if (n === 0) m.delete(value);
  else m.set(value, n);
}

const sigCache = new WeakMap<AffinityTerm, string>();

/** A canonical text for what a term selects (namespaces, namespace selector, label selector). */
export function termSelectorSignature(t: AffinityTerm): string {
  let s = sigCache.get(t);
  if (s === undefined) {
    s = `${[...t.namespaces].sort().join(',')}|${t.namespaceSelector.toString()}|${t.selector.toString()}`;
    sigCache.set(t, s);
  }
  return s;
}

export interface ExistingAntiAffinityGroup {
  /** A representative term; all terms of the group select the same pods. */
  term: AffinityTerm;
  /** Pods carrying the term, per domain of term.topologyKey. */
  counts: DomainCounts;
}

interface Watch {
  match: (pi: PodInfo) => boolean;
  byKey: Map<string, DomainCounts>;
}

/** Pods that may match a selector, with their nodes (undefined when it cannot narrow them down). */
export type CandidateLookup = (selector: Selector) => Iterable<[PodInfo, NodeInfo]> | undefined;

export class AffinityIndex {
  private readonly groups = new Map<string, ExistingAntiAffinityGroup>();
  private readonly watches = new Map<string, Watch>();

  constructor(
    private readonly allNodes: () => readonly NodeInfo[],
    private readonly candidates: CandidateLookup = () => undefined,
  ) {}

  /** Rebuilds from scratch: after node label changes, which move pods between domains. */
  reset(): void {
    this.groups.clear();
    this.watches.clear();
    for (const ni of this.allNodes()) for (const pi of ni.podsWithRequiredAntiAffinity) this.addTerms(pi, ni, 1);
  }

  existingAntiAffinityGroups(): IterableIterator<ExistingAntiAffinityGroup> {
    return this.groups.values();
  }

  /**
   * Pods matching `match` per domain of `topologyKey`. `sig` must identify `match` exactly; the
   * first call for a signature (or key) counts every pod once, later calls are free.
   */
  countsFor(sig: string, match: (pi: PodInfo) => boolean, topologyKey: string, selector?: Selector): DomainCounts {
    let w = this.watches.get(sig);
    if (!w) {
      w = { match, byKey: new Map() };
      this.watches.set(sig, w);
    }
    let counts = w.byKey.get(topologyKey);
    if (!counts) {
      counts = new Map();
      w.byKey.set(topologyKey, counts);
      // Only pods carrying one of the selector's wanted labels can match; look those up when
      // the selector names some, instead of walking every pod.
      const few = selector ? this.candidates(selector) : undefined;
      if (few) {
        for (const [pi, ni] of few) {
          const v = ni.labels[topologyKey];
          if (v !== undefined && w.match(pi)) bump(counts, v, 1);
        }
      } else {
        for (const ni of this.allNodes()) {
          const v = ni.labels[topologyKey];
          if (v === undefined) continue;
          let n = 0;
          for (const pi of ni.pods) if (w.match(pi)) n++;
          if (n > 0) counts.set(v, (counts.get(v) ?? 0) + n);
        }
      }
    }
    return counts;
  }

  podAdded(pi: PodInfo, ni: NodeInfo): void {
    this.update(pi, ni, 1);
  }

  podRemoved(pi: PodInfo, ni: NodeInfo): void {
    this.update(pi, ni, -1);
  }

  private update(pi: PodInfo, ni: NodeInfo, delta: 1 | -1): void {
    if (pi.hasRequiredAntiAffinity) this.addTerms(pi, ni, delta);
    const labels = ni.labels;
    for (const w of this.watches.values()) {
      if (!w.match(pi)) continue;
      for (const [key, counts] of w.byKey) {
        const v = labels[key];
        if (v !== undefined) bump(counts, v, delta);
      }
    }
  }

  private addTerms(pi: PodInfo, ni: NodeInfo, delta: 1 | -1): void {
    for (const t of pi.requiredAntiAffinityTerms) {
      const v = ni.labels[t.topologyKey];
      if (v === undefined) continue;
      const sig = `${termSelectorSignature(t)}|${t.topologyKey}`;
      let g = this.groups.get(sig);
      if (!g) {
        g = { term: t, counts: new Map() };
        this.groups.set(sig, g);
      }
      bump(g.counts, v, delta);
    }
  }
}
