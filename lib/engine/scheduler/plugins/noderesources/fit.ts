/**
 * NodeResourcesFit (plugins/noderesources/fit.go). Filter: the pod's effective request (init
 * containers and sidecars included, overhead added) must fit what the node's allocatable leaves
 * after the requests of the pods already there, and one more pod must fit the pod count; every
 * shortfall is reported, as UnschedulableAndUnresolvable when a request exceeds the node's whole
 * allocatable (v1.34). Score: LeastAllocated over cpu and memory (weights 1 and 1).
 */
import type { FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import type { NodeInfo } from '../../framework/node_info';
import type { PodInfo } from '../../framework/pod_info';
import type { Resource } from '../../framework/resource';
import { Status } from '../../framework/status';
import { NodeResourcesFit } from '../names';
import { leastAllocatedScore } from './resource_allocation';

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the whole allocatable: evicting pods cannot help (kubernetes#131345). */
  unresolvable: boolean;
}

/** fitsRequest: the list of resources the node lacks for `req` (empty when it fits). */
export function fitsRequest(req: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber, unresolvable: false });
  }
  // A pod requesting nothing is only held to the pod count.
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !(req.scalar && req.scalar.size > 0)) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU, unresolvable: req.milliCPU > alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory, unresolvable: req.memory > alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
      unresolvable: req.ephemeralStorage > alloc.ephemeralStorage,
    });
  }
  if (req.scalar) {
    // Go ranges over a map here (random order); kubesim sorts by name to stay deterministic.
    for (const name of [...req.scalar.keys()].sort()) {
      const q = req.scalar.get(name)!;
      if (q === 0) continue;
      const a = alloc.scalar?.get(name) ?? 0;
      const u = used.scalar?.get(name) ?? 0;
      if (q > a - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: a, unresolvable: q > a });
    }
  }
  return out;
}

/** fitsRequest(...).length === 0 without building the list: most nodes fit. */
function fitsQuickly(req: Resource, nodeInfo: NodeInfo): boolean {
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) return false;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) return false;
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return false;
  // Extended resources are rare; let the full check decide.
  return !(req.scalar && req.scalar.size > 0);
}

/** Fits(pod, nodeInfo): what the kubelet's admission also checks. */
export function fits(pod: PodInfo, nodeInfo: NodeInfo): InsufficientResource[] {
  return fitsRequest(pod.request, nodeInfo);
}

export const nodeResourcesFit: PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin = {
  name: NodeResourcesFit,
  preFilter() {
    // The request is cached on the PodInfo; nothing else to precompute.
    return undefined;
  },
  filter(_state, pod, nodeInfo): Status | null {
    if (fitsQuickly(pod.request, nodeInfo)) return null;
    const insufficient = fitsRequest(pod.request, nodeInfo);
    if (insufficient.length === 0) return null;
    // A request no amount of eviction could satisfy makes the node unresolvable for preemption.
    const code = insufficient.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return new Status(code, insufficient.map((r) => r.reason));
  },
  preScore() {
    return null;
  },
  score(_state, pod, nodeInfo) {
    // The scorer uses the non-zero requests, so pods without requests still spread.
    const nz = pod.nonZero;
    return leastAllocatedScore(
      nodeInfo.nonZeroMilliCPU + nz.milliCPU,
      nodeInfo.allocatable.milliCPU,
      nodeInfo.nonZeroMemory + nz.memory,
      nodeInfo.allocatable.memory,
    );
  },
};
