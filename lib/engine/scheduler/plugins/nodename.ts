/** NodeName: a pod that names a node fits only that node (plugins/nodename). */
import type { FilterPlugin } from '../framework/interface';
import { unresolvable, type Status } from '../framework/status';
import { NodeName } from './names';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";
const REJECT = unresolvable(ErrReasonNodeName);

export const nodeName: FilterPlugin = {
  name: NodeName,
  filter(_state, pod, nodeInfo): Status | null {
    const want = pod.pod.spec.nodeName;
    if (!want || want === nodeInfo.name) return null;
    return REJECT;
  },
};
