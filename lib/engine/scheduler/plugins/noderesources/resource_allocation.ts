/**
 * The two resource scorers of the default profile (noderesources/least_allocated.go and
 * balanced_allocation.go), over cpu and memory with weight 1 each. A resource the node has none
 * of allocatable is left out of the score.
 */
import { MAX_NODE_SCORE } from '../../framework/interface';

/** ((capacity - requested) * 100) / capacity, 0 once requested exceeds capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated: the weighted mean of the per-resource scores (integer division). */
export function leastAllocatedScore(reqCPU: number, allocCPU: number, reqMem: number, allocMem: number): number {
  let score = 0;
  let weights = 0;
  if (allocCPU !== 0) {
    score += leastRequestedScore(reqCPU, allocCPU);
    weights++;
  }
  if (allocMem !== 0) {
    score += leastRequestedScore(reqMem, allocMem);
    weights++;
  }
  return weights === 0 ? 0 : Math.trunc(score / weights);
}

/**
 * BalancedAllocation: 100 * (1 - std) of the requested fractions (each capped at 1); with two
 * resources the standard deviation is |f1 - f2| / 2.
 */
export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let f = requested[i] / allocatable[i];
    if (f > 1) f = 1;
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** balancedResourceScore for exactly cpu and memory, without allocating (the hot path). */
export function balancedCpuMemoryScore(reqCPU: number, allocCPU: number, reqMem: number, allocMem: number): number {
  if (allocCPU === 0 || allocMem === 0) {
    // One fraction or none: the deviation is zero.
    return MAX_NODE_SCORE;
  }
  const fc = Math.min(reqCPU / allocCPU, 1);
  const fm = Math.min(reqMem / allocMem, 1);
  return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
}
