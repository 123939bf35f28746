/**
 * framework.FitError.Error(): "0/N nodes are available: <prefilter message or the counted filter
 * reasons>. <postfilter message>". Reasons are counted per node, printed "<count> <reason>" and
 * sorted as strings (sort.Strings), so "10 ..." sorts before "2 ...", as it does upstream.
 */
import type { NodeToStatus } from './node_to_status';

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod on some node (the queue requeues on their events). */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(nodeToStatus: NodeToStatus): Diagnosis {
  return { nodeToStatus, unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** The reasons histogram as upstream prints it: "count reason" strings, sorted. */
export function sortedReasons(m: NodeToStatus, numAllNodes: number): string[] {
  const counts = new Map<string, number>();
  for (const s of m.map.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (m.size < numAllNodes) {
    for (const r of m.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + numAllNodes - m.size);
  }
  const out: string[] = [];
  for (const [r, n] of counts) out.push(`${n} ${r}`);
  // sort.Strings compares bytes; JS string comparison on UTF-16 agrees for these ASCII reasons.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = sortedReasons(d.nodeToStatus, numAllNodes);
    if (reasons.length > 0) msg += ` ${reasons.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}
