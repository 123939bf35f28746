/**
 * topologyToMatchedTermCount as the sum of shared, read-only per-domain counts (from the cache's
 * AffinityIndex, one per term and topology key) plus a private delta that preemption's dry runs and
 * nominated pods change. Cloning copies only the delta.
 */
import type { Labels } from '../../../api/types';
import type { DomainCounts } from '../../framework/affinity_index';
import { addCount, cloneCounts, countAt, type TopologyCounts } from './topology_counts';

interface Base {
  key: string;
  counts: DomainCounts;
}

export class LayeredCounts {
  private readonly bases: Base[] = [];
  private delta: TopologyCounts = new Map();

  /** Adds shared counts for one topology key (ignored when empty). */
  addBase(key: string, counts: DomainCounts): void {
    if (counts.size > 0) this.bases.push({ key, counts });
  }

  add(key: string, value: string, delta: number): void {
    addCount(this.delta, key, value, delta);
  }

  get(key: string, value: string): number {
    let n = countAt(this.delta, key, value);
    for (const b of this.bases) if (b.key === key) n += b.counts.get(value) ?? 0;
    return n;
  }

  /** len(m) == 0 upstream: no domain has a non-zero count. */
  isEmpty(): boolean {
    if (this.delta.size === 0) return this.bases.length === 0;
    for (const b of this.bases) for (const v of b.counts.keys()) if (this.get(b.key, v) !== 0) return false;
    for (const [k, inner] of this.delta) for (const v of inner.keys()) if (this.get(k, v) !== 0) return false;
    return true;
  }

  /** Some label of the node names a domain with a positive count. */
  anyPositiveAt(labels: Labels): boolean {
    if (this.delta.size === 0) {
      for (const b of this.bases) {
        const v = labels[b.key];
        if (v !== undefined && (b.counts.get(v) ?? 0) > 0) return true;
      }
      return false;
    }
    for (const k in labels) if (this.get(k, labels[k]) > 0) return true;
    return false;
  }

  clone(): LayeredCounts {
    const c = new LayeredCounts();
    c.bases.push(...this.bases);
    c.delta = cloneCounts(this.delta);
    return c;
  }
}
