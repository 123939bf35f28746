/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods tolerating the
 * node.kubernetes.io/unschedulable:NoSchedule taint (plugins/nodeunschedulable).
 */
import type { Taint } from '../../api/types';
import type { FilterPlugin } from '../framework/interface';
import { unresolvable, type Status } from '../framework/status';
import { tolerationsTolerateTaint } from '../framework/tolerations';
import { NodeUnschedulable } from './names';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
const UNSCHEDULABLE_TAINT: Taint = { key: TaintNodeUnschedulable, effect: 'NoSchedule' };
const REJECT = unresolvable(ErrReasonUnschedulable);

export const nodeUnschedulable: FilterPlugin = {
  name: NodeUnschedulable,
  filter(_state, pod, nodeInfo): Status | null {
    if (!nodeInfo.node.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return REJECT;
  },
};
