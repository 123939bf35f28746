/**
 * DefaultPreemption (plugins/defaultpreemption and framework/preemption): when no node fits, look
 * for a node where evicting lower-priority pods would make room. Nodes rejected as
 * UnschedulableAndUnresolvable are not tried ("Preemption is not helpful for scheduling"); a node
 * without lower-priority pods yields "No preemption victims found for incoming pod"; otherwise the
 * filters decide with the victims removed, and as many victims as possible are reprieved.
 */
import type { Pod } from '../../api/types';
import type { CycleState } from '../framework/cycle_state';
import { fitErrorMessage, newDiagnosis } from '../framework/fit_error';
import type { Handle, PostFilterPlugin, PostFilterResult } from '../framework/interface';
import type { NodeInfo } from '../framework/node_info';
import { NodeToStatus } from '../framework/node_to_status';
import type { PodInfo } from '../framework/pod_info';
import { Status, unresolvable } from '../framework/status';
import { DefaultPreemption } from './names';

export const MinCandidateNodesPercentage = 10;
export const MinCandidateNodesAbsolute = 100;
const MAX_INT32 = 2147483647;

export const ErrNoVictims = 'No preemption victims found for incoming pod';
export const ErrNotHelpful = 'Preemption is not helpful for scheduling';

function startSeconds(pod: Pod): number {
  const t = pod.status?.startTime;
  // A pod without a start time counts as starting now, i.e. later than any that started.
  return t ? Date.parse(t) / 1000 : Infinity;
}

/** util.MoreImportantPod: higher priority first, then the pod that started earlier. */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return startSeconds(a.pod) < startSeconds(b.pod);
}

/** PodEligibleToPreemptOthers. */
export function podEligibleToPreemptOthers(pod: PodInfo, m: NodeToStatus, h: Handle): { ok: boolean; msg: string } {
  if (pod.pod.spec.preemptionPolicy === 'Never') return { ok: false, msg: 'not eligible due to preemptionPolicy=Never.' };
  const nom = pod.pod.status?.nominatedNodeName;
  if (nom) {
    if (m.get(nom).code === 'UnschedulableAndUnresolvable') return { ok: true, msg: '' };
    const ni = h.cache.get(nom);
    if (ni) {
      for (const p of ni.pods) {
        if (p.priority < pod.priority && terminatingByPreemption(p.pod)) {
          return { ok: false, msg: 'not eligible due to a terminating pod on the nominated node.' };
        }
      }
    }
  }
  return { ok: true, msg: '' };
}

function terminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  return c !== undefined && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

export interface Candidate {
  node: string;
  victims: PodInfo[];
  numPDBViolations: number;
}

/** SelectVictimsOnNode on a copy of the node and of the cycle state. */
export function selectVictimsOnNode(
  state: CycleState,
  pod: PodInfo,
  nodeInfo: NodeInfo,
  h: Handle,
): { victims: PodInfo[]; status: Status | null } {
  const fw = h.framework;
  const potential = nodeInfo.pods.filter((p) => p.priority < pod.priority);
  for (const p of potential) {
    nodeInfo.removePod(p.key);
    fw.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
  }
  if (potential.length === 0) return { victims: [], status: unresolvable(ErrNoVictims) };
  const s = fw.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
  if (s !== null) return { victims: [], status: s };
  potential.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
  const victims: PodInfo[] = [];
  // No PodDisruptionBudgets are modelled, so every victim is "non-violating".
  for (const p of potential) {
    nodeInfo.addPod(p);
    fw.runPreFilterExtensionAddPod(state, pod, p, nodeInfo);
    if (fw.runFilterPluginsWithNominatedPods(state, pod, nodeInfo) !== null) {
      nodeInfo.removePod(p.key);
      fw.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
      victims.push(p);
    }
  }
  return { victims, status: null };
}

function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * MinCandidateNodesPercentage) / 100);
  if (n < MinCandidateNodesAbsolute) n = MinCandidateNodesAbsolute;
  if (n > numNodes) n = numNodes;
  return n;
}

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest highest-priority victim, the
 * smallest priority sum, the fewest victims, the latest start of the most important victims, and
 * finally the first candidate (upstream: an arbitrary one).
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const earliestStart = (c: Candidate) => {
    let maxPriority = c.victims[0].priority;
    let earliest = startSeconds(c.victims[0].pod);
    for (const v of c.victims) {
      if (v.priority === maxPriority) earliest = Math.min(earliest, startSeconds(v.pod));
      else if (v.priority > maxPriority) {
        maxPriority = v.priority;
        earliest = startSeconds(v.pod);
      }
    }
    return earliest;
  };
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0].priority,
    (c) => -c.victims.reduce((s, v) => s + v.priority + MAX_INT32 + 1, 0),
    (c) => -c.victims.length,
    earliestStart,
  ];
  let all = candidates.slice();
  for (const f of scoreFuncs) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > best) {
        best = s;
        selected = [];
      }
      if (s === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/** Evaluator.Preempt. */
export function preempt(state: CycleState, pod: PodInfo, m: NodeToStatus, h: Handle): { result?: PostFilterResult; status: Status } {
  const eligible = podEligibleToPreemptOthers(pod, m, h);
  if (!eligible.ok) return { status: new Status('Unschedulable', [eligible.msg]) };

  const allNodes = h.cache.nodeInfos();
  const statuses = new NodeToStatus();
  const candidates: Candidate[] = [];
  const potential = m.nodesForStatusCode(allNodes, 'Unschedulable');
  if (potential.length > 0) {
    const want = calculateNumCandidates(potential.length);
    // Upstream starts at a random offset and runs in parallel; kubesim walks in node order.
    for (const ni of potential) {
      const copy = ni.clone();
      const { victims, status } = selectVictimsOnNode(state.clone(), pod, copy, h);
      if (status === null && victims.length > 0) {
        candidates.push({ node: ni.name, victims, numPDBViolations: 0 });
        if (candidates.length >= want) break;
        continue;
      }
      statuses.set(ni.name, status ?? new Status('Error', [`expected at least one victim pod on node "${ni.name}"`]));
    }
  }
  if (candidates.length === 0) {
    statuses.absent = unresolvable(ErrNotHelpful);
    const msg = fitErrorMessage(allNodes.length, { ...newDiagnosis(statuses) });
    return { result: { nominatedNodeName: '' }, status: new Status('Unschedulable', [msg]) };
  }
  const best = pickOneNodeForPreemption(candidates)!;
  // Lower-priority pods nominated there may no longer fit; their nomination is cleared so they
  // look elsewhere (getLowerPriorityNominatedPods).
  const clearNominationOf = h.cache.nominatedPodsForNode(best.node).filter((p) => p.priority < pod.priority && p.key !== pod.key);
  return { result: { nominatedNodeName: best.node, victims: best.victims, clearNominationOf }, status: new Status('Success') };
}

export const defaultPreemption: PostFilterPlugin = {
  name: DefaultPreemption,
  postFilter(state, pod, m, h) {
    const { result, status } = preempt(state, pod, m, h);
    const msg = status.message();
    if (msg.length > 0) return { result, status: new Status(status.code, [`preemption: ${msg}`]) };
    return { result, status };
  },
};
