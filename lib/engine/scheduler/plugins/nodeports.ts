/**
 * NodePorts (plugins/nodeports): a pod asking for host ports fits a node only if none of them is
 * taken there for the same protocol on the same (or a wildcard) address.
 */
import type { FilterPlugin, PreFilterPlugin } from '../framework/interface';
import type { HostPort } from '../framework/pod_info';
import { SKIP, unschedulable, type Status } from '../framework/status';
import { NodePorts } from './names';

export const ErrReason = "node(s) didn't have free ports for the requested pod ports";
const REJECT = unschedulable(ErrReason);

export const nodePorts: PreFilterPlugin & FilterPlugin = {
  name: NodePorts,
  preFilter(_state, pod) {
    return pod.hostPorts.length === 0 ? { status: SKIP } : undefined;
  },
  filter(_state, pod, nodeInfo): Status | null {
    const want: HostPort[] = pod.hostPorts;
    for (const p of want) if (nodeInfo.usedPorts.checkConflict(p)) return REJECT;
    return null;
  },
};
