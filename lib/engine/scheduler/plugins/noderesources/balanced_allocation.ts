/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in similar
 * proportions after placing the pod. It looks at actual requests (no 100m/200Mi defaults), and
 * since v1.33 skips best-effort pods entirely (kubernetes#129138).
 */
import type { PreScorePlugin, ScorePlugin } from '../../framework/interface';
import { SKIP } from '../../framework/status';
import { NodeResourcesBalancedAllocation } from '../names';
import { balancedCpuMemoryScore } from './resource_allocation';

export const balancedAllocation: PreScorePlugin & ScorePlugin = {
  name: NodeResourcesBalancedAllocation,
  preScore(_state, pod) {
    const r = pod.request;
    return r.milliCPU === 0 && r.memory === 0 ? SKIP : null;
  },
  score(_state, pod, nodeInfo) {
    const r = pod.request;
    const alloc = nodeInfo.allocatable;
    const used = nodeInfo.requested;
    return balancedCpuMemoryScore(used.milliCPU + r.milliCPU, alloc.milliCPU, used.memory + r.memory, alloc.memory);
  },
};
