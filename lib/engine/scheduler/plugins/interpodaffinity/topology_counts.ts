/**
 * topologyToMatchedTermCount: how many matching pods sit in each topology domain, keyed by
 * topology key then value (nested so lookups by a node's labels allocate nothing).
 */
import type { Labels } from '../../../api/types';

export type TopologyCounts = Map<string, Map<string, number>>;

export function addCount(m: TopologyCounts, key: string, value: string, delta: number): void {
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  const n = (inner.get(value) ?? 0) + delta;
  // Zero entries are dropped, so an empty map means "no domain matched".
  if (n === 0) {
    inner.delete(value);
    if (inner.size === 0) m.delete(key);
  } else inner.set(value, n);
}

/** Adds 1 at the node's value of `topologyKey`, when the node has that label. */
export function addAtNode(m: TopologyCounts, labels: Labels, topologyKey: string, delta: number): void {
  const v = labels[topologyKey];
  if (v !== undefined) addCount(m, topologyKey, v, delta);
}

export function countAt(m: TopologyCounts, key: string, value: string): number {
  return m.get(key)?.get(value) ?? 0;
}

export function cloneCounts(m: TopologyCounts): TopologyCounts {
  const c: TopologyCounts = new Map();
  for (const [k, inner] of m) c.set(k, new Map(inner));
  return c;
}
