/**
 * PodTopologySpread constraints (plugins/podtopologyspread/common.go): the pod's own constraints,
 * or, when it has none, the system defaults (hostname maxSkew 3, zone maxSkew 5, both
 * ScheduleAnyway) with the selector of the Services and the controller that own the pod.
 */
import type { Labels, Node, Pod, TopologySpreadConstraint } from '../../../api/types';
import { labelSelectorAsSelector, selectorFromRequirements, selectorFromSet, type Requirement, type RequiredNodeAffinity, type Selector } from '../../../api/labels';
import type { SchedulerCache } from '../../framework/cache';
import type { PodInfo } from '../../framework/pod_info';
import { findMatchingUntoleratedTaint, isDoNotScheduleTaint } from '../../framework/tolerations';

export const LabelHostname = 'kubernetes.io/hostname';
export const LabelTopologyZone = 'topology.kubernetes.io/zone';

/** The scheduler's default PodTopologySpreadArgs (defaultingType System). */
export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** A node counts as a domain for the constraint only if it passes the inclusion policies. */
export function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: Node, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.matches(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, isDoNotScheduleTaint)) {
    return false;
  }
  return true;
}

/** Every constraint's topology key is a label of the node. */
export function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

function withRequirements(base: Selector, extra: readonly Requirement[]): Selector {
  // A selector that selects nothing has no requirements to extend (labels.Nothing()).
  if (base.nothing) return base;
  return selectorFromRequirements([...base.requirements, ...extra]);
}

/**
 * The constraints with `action`, selectors parsed; matchLabelKeys adds the pod's own values of
 * those keys to the selector.
 */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Labels | undefined,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const out: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    if (c.matchLabelKeys && c.matchLabelKeys.length > 0) {
      const extra: Requirement[] = [];
      for (const k of c.matchLabelKeys) {
        const v = podLabels?.[k];
        if (v !== undefined) extra.push({ key: k, operator: 'Equals', values: [v] });
      }
      if (extra.length > 0) selector = withRequirements(selector, extra);
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the union of the selectors of the Services selecting the pod and of the
 * ReplicaSet, StatefulSet or ReplicationController controlling it.
 */
export function defaultSelector(pod: Pod, cache: SchedulerCache): Selector {
  const ns = pod.metadata.namespace ?? 'default';
  const src = cache.sources;
  const labelSet: Labels = {};
  for (const svc of src.services ?? []) {
    if ((svc.metadata.namespace ?? 'default') !== ns) continue;
    const sel = svc.spec?.selector;
    // A Service without a selector selects nothing (not everything).
    if (sel == null) continue;
    if (selectorFromSet(sel).matches(pod.metadata.labels)) Object.assign(labelSet, sel);
  }
  let selector = selectorFromSet(labelSet);
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (!owner) return selector;
  const find = <T extends { metadata: { name?: string; namespace?: string } }>(list: T[] | undefined) =>
    list?.find((o) => o.metadata.name === owner.name && (o.metadata.namespace ?? 'default') === ns);
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
  if (group === '' && owner.kind === 'ReplicationController') {
    const rc = find(src.replicationControllers);
    if (rc?.spec?.selector) selector = selectorFromSet({ ...labelSet, ...rc.spec.selector });
  } else if (group === 'apps' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')) {
    const obj = owner.kind === 'ReplicaSet' ? find(src.replicaSets) : find(src.statefulSets);
    if (obj) {
      try {
        const other = labelSelectorAsSelector(obj.spec?.selector);
        if (!other.nothing) selector = withRequirements(selector, other.requirements);
      } catch {
        // An invalid selector adds nothing, as upstream ignores the parse error.
      }
    }
  }
  return selector;
}

/** buildDefaultConstraints: the system defaults for `action`, or none when no selector applies. */
export function buildDefaultConstraints(pod: Pod, cache: SchedulerCache, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const constraints = filterTopologySpreadConstraints(systemDefaultConstraints, pod.metadata.labels, action);
  if (constraints.length === 0) return constraints;
  const selector = defaultSelector(pod, cache);
  if (selector.empty()) return [];
  for (const c of constraints) c.selector = selector;
  return constraints;
}

/** The pod's constraints for `action`: its own, or the system defaults when it declares none. */
export function podConstraints(pod: PodInfo, cache: SchedulerCache, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const own = pod.pod.spec.topologySpreadConstraints;
  if (own && own.length > 0) return filterTopologySpreadConstraints(own, pod.pod.metadata.labels, action);
  return buildDefaultConstraints(pod.pod, cache, action);
}

/** countPodsMatchSelector: pods of the namespace matching, terminating ones left out. */
export function countPodsMatchSelector(pods: readonly PodInfo[], selector: Selector, ns: string): number {
  if (selector.empty()) return 0;
  let n = 0;
  for (const p of pods) {
    if (p.terminating || p.namespace !== ns) continue;
    if (selector.matches(p.pod.metadata.labels)) n++;
  }
  return n;
}
