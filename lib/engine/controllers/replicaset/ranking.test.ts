import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { rfc3339 } from '../../core/time';
import { deleteBefore, podsToDelete } from './ranking';

// controller_utils_test.go TestSortingActivePodsWithRanks and replica_set_test.go TestGetPodsToDelete.
const HOUR = 3_600_000;
const NOW = 1000 * 24 * HOUR;
const MONTH_AGO = NOW - 31 * 24 * HOUR;

function pod(name: string, node: string, phase: 'Pending' | 'Unknown' | 'Running', ready: boolean, restarts = 0, readySince?: number, created?: number, annotations?: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(created !== undefined ? { creationTimestamp: rfc3339(created) } : {}), ...(annotations ? { annotations } : {}) },
    spec: { nodeName: node || undefined, containers: [{ name: 'c' }] },
    status: {
      phase,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', ...(readySince !== undefined ? { lastTransitionTime: rfc3339(readySince) } : {}) }],
      containerStatuses: [{ name: 'c', ready, restartCount: restarts, image: '', imageID: '' }],
    },
  };
}

const unscheduled = pod('unscheduled', '', 'Pending', false);
const scheduledPending = pod('pending', 'node', 'Pending', false);
const unknownPhase = pod('unknown-phase', 'node', 'Unknown', false);
const runningNotReady = pod('not-ready', 'node', 'Running', false);
const readyNoTransition = pod('ready-no-last-transition-time', 'node', 'Running', true);
const readyNow = pod('ready-now', 'node', 'Running', true, 0, NOW, NOW);
const readyThen = pod('ready-then', 'node', 'Running', true, 0, MONTH_AGO, MONTH_AGO);
const readyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, NOW, NOW);
const readyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, NOW, MONTH_AGO);
const lowCost = pod('low-deletion-cost', 'node', 'Running', true, 0, NOW, MONTH_AGO, { 'controller.kubernetes.io/pod-deletion-cost': '10' });
const highCost = pod('high-deletion-cost', 'node', 'Running', true, 0, NOW, MONTH_AGO, { 'controller.kubernetes.io/pod-deletion-cost': '100' });
const unscheduled5h = pod('unscheduled-5-hours', '', 'Pending', false, 0, NOW - 5 * HOUR, NOW - 5 * HOUR);
const unscheduled8h = pod('unscheduled-8-hours', '', 'Pending', false, 0, NOW - 8 * HOUR, NOW - 8 * HOUR);
const ready2h = pod('ready-2-hours', '', 'Running', true, 0, NOW - 2 * HOUR, MONTH_AGO);
const ready5h = pod('ready-5-hours', '', 'Running', true, 0, NOW - 5 * HOUR, MONTH_AGO);
const ready8h = pod('ready-8-hours', '', 'Running', true, 0, NOW - 8 * HOUR, MONTH_AGO);
const createdAtZero = pod('created-at-t0', 'node', 'Running', true, 0, 0, 0);
const createdAt5 = pod('created-at-t5', 'node', 'Running', true, 0, 0, 5000);

describe('ActivePodsWithRanks.Less', () => {
  it.each([
    ['unscheduled', unscheduled, unscheduled],
    ['scheduled pending', scheduledPending, scheduledPending],
    ['unknown phase', unknownPhase, unknownPhase],
    ['running not ready', runningNotReady, runningNotReady],
    ['ready now, created then', readyNowCreatedThen, readyNowCreatedThen],
    ['ready now', readyNow, readyNow],
    ['ready then', readyThen, readyThen],
    ['high restarts', readyNowHighRestarts, readyNowHighRestarts],
    ['created 5h vs 8h ago fall in the same log2 bucket', unscheduled5h, unscheduled8h],
    ['ready 5h vs 8h ago fall in the same log2 bucket', ready5h, ready8h],
  ])('%s: neither sorts before the other', (_n, a, b) => {
    expect(deleteBefore(a, 0, b, 0, NOW)).toBe(false);
    expect(deleteBefore(b, 0, a, 0, NOW)).toBe(false);
  });

  it.each([
    ['unscheduled before scheduled, whatever the rank', unscheduled, 1, scheduledPending, 2],
    ['unscheduled before scheduled, rank lower', unscheduled, 2, scheduledPending, 1],
    ['Pending before Unknown', scheduledPending, 1, unknownPhase, 2],
    ['Unknown before Running', unknownPhase, 1, runningNotReady, 2],
    ['not ready before ready', runningNotReady, 1, readyNoTransition, 1],
    ['ready without a transition time before ready now', readyNoTransition, 1, readyNow, 1],
    ['more related pods on the node first', readyNow, 2, readyNoTransition, 1],
    ['ready for less time first', readyNow, 1, readyThen, 1],
    ['doubled up beats ready time', readyNow, 2, readyThen, 1],
    ['more restarts first', readyNowHighRestarts, 1, readyNow, 1],
    ['doubled up beats restarts', readyNow, 2, readyNowHighRestarts, 1],
    ['newer first', readyNow, 1, readyNowCreatedThen, 1],
    ['doubled up beats age', readyNowCreatedThen, 2, readyNow, 1],
    ['lower pod-deletion-cost first, before the rank', lowCost, 2, highCost, 1],
    ['ready 2h before ready 5h (different log2 buckets)', ready2h, 1, ready5h, 1],
  ])('%s', (_n, lesser, lr, greater, gr) => {
    expect(deleteBefore(lesser, lr, greater, gr, NOW)).toBe(true);
    expect(deleteBefore(greater, gr, lesser, lr, NOW)).toBe(false);
  });

  it('a pod created at virtual t=0 is not a zero time: at t=10s the one created at t=5s goes first', () => {
    expect(deleteBefore(createdAt5, 1, createdAtZero, 1, 10_000)).toBe(true);
    expect(deleteBefore(createdAtZero, 1, createdAt5, 1, 10_000)).toBe(false);
  });
});

describe('getPodsToDelete', () => {
  const p = (name: string, node: string, phase: 'Pending' | 'Running', ready?: boolean) => {
    const x = pod(name, node, phase, !!ready);
    if (ready === undefined) x.status!.conditions = [];
    return x;
  };
  const unscheduledPending = p('unscheduled-pending-pod', '', 'Pending');
  const scheduledPendingPod = p('scheduled-pending-pod', 'fake-node', 'Pending');
  const notReady = p('scheduled-running-not-ready-pod', 'fake-node', 'Running', false);
  const readyOn1 = p('scheduled-running-ready-pod-on-node-1', 'fake-node-1', 'Running', true);
  const readyOn2 = p('scheduled-running-ready-pod-on-node-2', 'fake-node-2', 'Running', true);
  const names = (ps: Pod[]) => ps.map((x) => x.metadata.name);

  it.each([
    ['no pods', [], undefined, 0, []],
    ['diff = len(pods): all, unsorted', [notReady, readyOn1], undefined, 2, [notReady, readyOn1]],
    ['diff < len(pods): the not ready one', [readyOn1, notReady], undefined, 1, [notReady]],
    ['various phases, diff = len(pods)', [readyOn1, readyOn1, readyOn2, notReady, scheduledPendingPod, unscheduledPending], undefined, 6, [readyOn1, readyOn1, readyOn2, notReady, scheduledPendingPod, unscheduledPending]],
    ['various phases, diff = len(pods), no related pods', [readyOn1, readyOn1, readyOn2, notReady, scheduledPendingPod, unscheduledPending], [], 6, [readyOn1, readyOn1, readyOn2, notReady, scheduledPendingPod, unscheduledPending]],
    ['scheduled vs unscheduled', [scheduledPendingPod, unscheduledPending], undefined, 1, [unscheduledPending]],
    ['ready vs not ready', [readyOn1, notReady, notReady], undefined, 2, [notReady, notReady]],
    ['colocated with another related pod goes first', [readyOn1, readyOn2], [readyOn1, readyOn2, readyOn2], 1, [readyOn2]],
    ['pending vs running', [scheduledPendingPod, notReady], undefined, 1, [scheduledPendingPod]],
    ['various phases, diff < len(pods)', [readyOn1, readyOn2, notReady, scheduledPendingPod, unscheduledPending], undefined, 3, [unscheduledPending, scheduledPendingPod, notReady]],
  ] as [string, Pod[], Pod[] | undefined, number, Pod[]][])('%s', (_n, pods, related, diff, expected) => {
    expect(names(podsToDelete(pods, related ?? pods, diff, NOW))).toEqual(names(expected));
  });
});
