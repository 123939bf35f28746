/**
 * One scheduling cycle (pkg/scheduler/schedule_one.go): PreFilter, the nominated node first, a
 * filter pass that stops once enough feasible nodes are found (percentageOfNodesToScore), scoring,
 * host selection; when nothing fits, the FitError with the PostFilter (preemption) message.
 */
import type { Pod } from '../api/types';
import type { CycleState } from './framework/cycle_state';
import { fitErrorMessage, newDiagnosis, type Diagnosis } from './framework/fit_error';
import type { PostFilterResult } from './framework/interface';
import type { NodeInfo } from './framework/node_info';
import { NodeToStatus } from './framework/node_to_status';
import { podInfoOf, type PodInfo } from './framework/pod_info';
import { Status } from './framework/status';
import type { Framework, ScoreRun } from './runtime/framework';

/** minFeasibleNodesToFind / minFeasibleNodesPercentageToFind. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** validation.NoteLengthLimit: events and conditions carry at most this many bytes. */
export const NOTE_LENGTH_LIMIT = 1024;
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

/**
 * numFeasibleNodesToFind: all nodes below 100; otherwise a share that falls from 50% by 1% per 125
 * nodes, never under 5% nor under 100 nodes (percentage 0 = that adaptive default).
 */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** truncateMessage: cut to the note length limit (in bytes) with " ..." as upstream does. */
export function truncateMessage(message: string): string {
  const bytes = encoder.encode(message);
  if (bytes.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return decoder.decode(bytes.subarray(0, NOTE_LENGTH_LIMIT - suffix.length)) + suffix;
}

export interface CycleOutcome {
  pod: PodInfo;
  state: CycleState;
  /** The chosen node, when the pod fits somewhere. */
  nodeName?: string;
  /** Nodes found feasible (in scan order) and, when more than one, their scores. */
  feasible: NodeInfo[];
  scores?: ScoreRun;
  evaluatedNodes: number;
  /** When nothing fits. */
  diagnosis?: Diagnosis;
  /** FitError text (or the "no nodes" error), untruncated. */
  error?: string;
  /** What PostFilter (preemption) decided, if it ran. */
  postFilter?: PostFilterResult;
  /** The PreFilter outcome, for the explanation. */
  preFilterStatus: Status | null;
  preFilterNodeNames?: Set<string>;
  preFilterAbsent?: Status;
}

export interface Cursor {
  /** Where the next filter pass starts (nextStartNodeIndex), so all nodes get their turn. */
  nextStartNodeIndex: number;
}

/** The scheduling cycle of one pod against the framework's cache; changes nothing but `cursor`. */
export function runCycle(fw: Framework, pod: Pod, cursor: Cursor, percentageOfNodesToScore = 0): CycleOutcome {
  const pi = podInfoOf(pod);
  const state = fw.newCycleState();
  const allNodes = fw.cache.nodeInfos();
  const out: CycleOutcome = { pod: pi, state, feasible: [], evaluatedNodes: 0, preFilterStatus: null };
  if (allNodes.length === 0) {
    out.error = ErrNoNodesAvailable;
    return out;
  }

  const diagnosis = newDiagnosis(new NodeToStatus());
  const pre = fw.runPreFilterPlugins(state, pi);
  out.preFilterStatus = pre.status;
  out.preFilterNodeNames = pre.nodeNames;
  for (const p of pre.pluginsWithNodes) diagnosis.unschedulablePlugins.add(p);
  if (pre.status !== null) {
    // Every node gets the PreFilter's status, so preemption sees them all as it would.
    diagnosis.nodeToStatus.absent = pre.status;
    diagnosis.preFilterMsg = pre.status.message();
    if (pre.status.plugin) diagnosis.unschedulablePlugins.add(pre.status.plugin);
    return fail(fw, out, diagnosis, allNodes.length);
  }

  // A node nominated by an earlier preemption is tried first; if it fits, it is taken.
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const ni = fw.cache.get(nominated);
    if (ni) {
      const s = fw.runFilterPluginsWithNominatedPods(state, pi, ni);
      if (s === null) {
        out.feasible = [ni];
        out.nodeName = ni.name;
        out.evaluatedNodes = 1;
        return out;
      }
      record(diagnosis, ni.name, s);
    }
  }

  let nodes = allNodes;
  if (pre.nodeNames) {
    nodes = allNodes.filter((n) => pre.nodeNames!.has(n.name));
    const absent = new Status(
      'UnschedulableAndUnresolvable',
      [`node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`],
      pre.pluginsWithNodes.join(','),
    );
    diagnosis.nodeToStatus.absent = absent;
    out.preFilterAbsent = absent;
  }

  const feasible = findNodesThatPassFilters(fw, state, pi, nodes, diagnosis, cursor.nextStartNodeIndex, percentageOfNodesToScore);
  const processed = feasible.length + diagnosis.nodeToStatus.size;
  cursor.nextStartNodeIndex = (cursor.nextStartNodeIndex + processed) % allNodes.length;
  out.feasible = feasible;
  out.evaluatedNodes = processed;

  if (feasible.length === 0) return fail(fw, out, diagnosis, allNodes.length);
  if (feasible.length === 1) {
    out.nodeName = feasible[0].name;
    return out;
  }
  const preScore = fw.runPreScorePlugins(state, pi, feasible);
  if (preScore !== null) {
    out.error = preScore.message();
    return out;
  }
  const scores = fw.runScorePlugins(state, pi, feasible);
  out.scores = scores;
  out.nodeName = feasible[selectHost(scores.totals)].name;
  return out;
}

function record(d: Diagnosis, node: string, s: Status): void {
  d.nodeToStatus.set(node, s);
  if (s.plugin && s.isRejected()) d.unschedulablePlugins.add(s.plugin);
}

function findNodesThatPassFilters(
  fw: Framework,
  state: CycleState,
  pod: PodInfo,
  nodes: NodeInfo[],
  d: Diagnosis,
  start: number,
  percentage: number,
): NodeInfo[] {
  const n = nodes.length;
  const want = numFeasibleNodesToFind(percentage, n);
  const feasible: NodeInfo[] = [];
  if (n === 0) return feasible;
  const withNominated = fw.cache.hasNominatedPods;
  for (let i = 0; i < n; i++) {
    const ni = nodes[(start + i) % n];
    const s = withNominated ? fw.runFilterPluginsWithNominatedPods(state, pod, ni) : fw.runFilterPlugins(state, pod, ni);
    if (s === null) {
      feasible.push(ni);
      if (feasible.length >= want) break;
    } else {
      record(d, ni.name, s);
    }
  }
  return feasible;
}

/**
 * selectHost: the highest total wins. Upstream samples uniformly among equal totals; kubesim
 * takes the first of them in scan order, which for small clusters is node order.
 */
export function selectHost(totals: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < totals.length; i++) if (totals[i] > totals[best]) best = i;
  return best;
}

function fail(fw: Framework, out: CycleOutcome, diagnosis: Diagnosis, numAllNodes: number): CycleOutcome {
  out.diagnosis = diagnosis;
  const { result, status } = fw.runPostFilterPlugins(out.state, out.pod, diagnosis.nodeToStatus);
  diagnosis.postFilterMsg = status.message();
  if (result) out.postFilter = result;
  out.error = fitErrorMessage(numAllNodes, diagnosis);
  return out;
}
