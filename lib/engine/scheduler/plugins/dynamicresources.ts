/**
 * DynamicResources (plugins/dynamicresources), on by default since v1.34, as far as it shows for
 * pods without ResourceClaims (kubesim models no claims): PreFilter records that the pod has none
 * and skips, and PostFilter then answers "no new claims to deallocate", which precedes the
 * preemption part of the FailedScheduling message. When an earlier PreFilter rejected the pod
 * outright, this PreFilter never ran and PostFilter fails reading its state ("not found").
 */
import type { PostFilterPlugin, PreFilterPlugin } from '../framework/interface';
import { errorStatus, SKIP, unschedulable } from '../framework/status';
import { DynamicResources } from './names';

const STATE_KEY = DynamicResources;

export const dynamicResources: PreFilterPlugin & PostFilterPlugin = {
  name: DynamicResources,
  preFilter(state) {
    state.write(STATE_KEY, { claims: 0 });
    return { status: SKIP };
  },
  postFilter(state) {
    if (!state.has(STATE_KEY)) return { status: errorStatus('not found') };
    return { status: unschedulable('no new claims to deallocate') };
  },
};
