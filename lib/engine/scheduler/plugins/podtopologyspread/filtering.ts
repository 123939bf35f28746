/**
 * PodTopologySpread Filter (plugins/podtopologyspread/filtering.go) for DoNotSchedule
 * constraints: placing the pod on a node must keep, per constraint,
 *   matching pods in the node's domain + (1 if the pod itself matches) - global minimum <= maxSkew,
 * where the global minimum is 0 while fewer than minDomains domains exist. A node lacking the
 * topology label is unresolvable.
 */
import type { Node } from '../../../api/types';
import { RequiredNodeAffinity } from '../../../api/labels';
import type { SchedulerCache } from '../../framework/cache';
import type { StateData } from '../../framework/cycle_state';
import type { NodeInfo } from '../../framework/node_info';
import type { PodInfo } from '../../framework/pod_info';
import { unresolvable, unschedulable, type Status } from '../../framework/status';
import {
  countPodsMatchSelector,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  podConstraints,
  type Constraint,
} from './common';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';
const REJECT_SKEW = unschedulable(ErrReasonConstraintsNotMatch);
const REJECT_LABEL = unresolvable(ErrReasonNodeLabelNotMatch);

const MAX_INT32 = 2147483647;

/**
 * The two domains with the fewest matching pods; [0] always holds the minimum. Two suffice
 * because preemption only ever changes one node of a copied state.
 */
export class CriticalPaths {
  v0 = '';
  n0 = MAX_INT32;
  v1 = '';
  n1 = MAX_INT32;

  update(tpVal: string, num: number): void {
    if (tpVal === this.v0 || tpVal === this.v1) {
      if (tpVal === this.v0) this.n0 = num;
      else this.n1 = num;
      if (this.n0 > this.n1) {
        [this.v0, this.v1] = [this.v1, this.v0];
        [this.n0, this.n1] = [this.n1, this.n0];
      }
    } else if (num < this.n0) {
      this.v1 = this.v0;
      this.n1 = this.n0;
      this.v0 = tpVal;
      this.n0 = num;
    } else if (num < this.n1) {
      this.v1 = tpVal;
      this.n1 = num;
    }
  }

  clone(): CriticalPaths {
    const c = new CriticalPaths();
    c.v0 = this.v0;
    c.n0 = this.n0;
    c.v1 = this.v1;
    c.n1 = this.n1;
    return c;
  }
}

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: Constraint[],
    /** Per constraint: topology value -> matching pods. */
    readonly tpValueToMatchNum: Map<string, number>[],
    readonly criticalPaths: CriticalPaths[],
    /** Per constraint: number of eligible domains. */
    readonly domainsNum: number[],
    readonly requiredNodeAffinity: RequiredNodeAffinity,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.tpValueToMatchNum.map((m) => new Map(m)),
      this.criticalPaths.map((p) => p.clone()),
      this.domainsNum,
      this.requiredNodeAffinity,
    );
  }

  minMatchNum(i: number): number {
    if (this.domainsNum[i] < this.constraints[i].minDomains) return 0;
    return this.criticalPaths[i].n0;
  }

  /** PreFilterExtensions AddPod/RemovePod. */
  updateWithPod(updated: PodInfo, preemptor: PodInfo, node: Node, delta: 1 | -1): void {
    if (updated.namespace !== preemptor.namespace) return;
    const labels = node.metadata.labels ?? {};
    if (!nodeLabelsMatchSpreadConstraints(labels, this.constraints)) return;
    this.constraints.forEach((c, i) => {
      if (!c.selector.matches(updated.pod.metadata.labels)) return;
      if (!matchNodeInclusionPolicies(c, preemptor.pod, node, this.requiredNodeAffinity)) return;
      const v = labels[c.topologyKey];
      const n = (this.tpValueToMatchNum[i].get(v) ?? 0) + delta;
      this.tpValueToMatchNum[i].set(v, n);
      this.criticalPaths[i].update(v, n);
    });
  }
}

/** calPreFilterState: counts matching pods per domain over every eligible node. */
export function calPreFilterState(pod: PodInfo, cache: SchedulerCache): PreFilterState | undefined {
  const constraints = podConstraints(pod, cache, 'DoNotSchedule');
  if (constraints.length === 0) return undefined;
  const required = new RequiredNodeAffinity(pod.pod);
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of cache.nodeInfos()) {
    const labels = ni.labels;
    if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (!matchNodeInclusionPolicies(c, pod.pod, ni.node, required)) continue;
      const v = labels[c.topologyKey];
      counts[i].set(v, (counts[i].get(v) ?? 0) + countPodsMatchSelector(ni.pods, c.selector, pod.namespace));
    }
  }
  const paths = counts.map((m) => {
    const p = new CriticalPaths();
    for (const [v, n] of m) p.update(v, n);
    return p;
  });
  return new PreFilterState(constraints, counts, paths, counts.map((m) => m.size), required);
}

export function filterNode(s: PreFilterState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
  const labels = nodeInfo.labels;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = labels[c.topologyKey];
    if (v === undefined) return REJECT_LABEL;
    const selfMatch = c.selector.matches(pod.pod.metadata.labels) ? 1 : 0;
    const matchNum = s.tpValueToMatchNum[i].get(v) ?? 0;
    if (matchNum + selfMatch - s.minMatchNum(i) > c.maxSkew) return REJECT_SKEW;
  }
  return null;
}
