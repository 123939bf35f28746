import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../core/time';
import type { Deployment, ReplicaSet } from '../apps';
import { harness } from '../testkit';
import { WorkQueue } from '../workqueue';
import { DeploymentSyncer } from './sync';
import { maxSurge, setReplicasAnnotations } from './util';

// sync_test.go TestScale: proportional scaling of the active ReplicaSets on a resize.
const NEW = 120_000;
const OLD = 60_000;
const OLDER = 0;

function deployment(replicas: number, surge: number | string = 0, unavailable: number | string = 0): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'foo', namespace: 'default', uid: 'foo-uid', generation: 1 },
    spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } }, selector: { matchLabels: {} }, template: {} },
  };
}

const rs = (name: string, replicas: number, created: number, available = 0): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', creationTimestamp: rfc3339(created) },
  spec: { replicas, template: {} },
  status: { replicas, ...(available ? { availableReplicas: available } : {}) },
});

interface Case {
  name: string;
  d: Deployment;
  old: Deployment;
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
  expectedNew?: number;
  expectedOld: number[];
  desired?: Record<string, number>;
}

const cases: Case[] = [
  { name: 'normal scaling event: 10 -> 12', d: deployment(12), old: deployment(10), newRS: rs('foo-v1', 10, NEW), oldRSs: [], expectedNew: 12, expectedOld: [] },
  { name: 'normal scaling event: 10 -> 5', d: deployment(5), old: deployment(10), newRS: rs('foo-v1', 10, NEW), oldRSs: [], expectedNew: 5, expectedOld: [] },
  { name: 'proportional scaling: 5 -> 10', d: deployment(10), old: deployment(5), newRS: rs('foo-v2', 2, NEW), oldRSs: [rs('foo-v1', 3, OLD)], expectedNew: 4, expectedOld: [6] },
  { name: 'proportional scaling: 5 -> 3', d: deployment(3), old: deployment(5), newRS: rs('foo-v2', 2, NEW), oldRSs: [rs('foo-v1', 3, OLD)], expectedNew: 1, expectedOld: [2] },
  { name: 'proportional scaling: 9 -> 4', d: deployment(4), old: deployment(9), newRS: rs('foo-v2', 8, NEW), oldRSs: [rs('foo-v1', 1, OLD)], expectedNew: 4, expectedOld: [0] },
  { name: 'proportional scaling: 7 -> 10', d: deployment(10), old: deployment(7), newRS: rs('foo-v3', 2, NEW), oldRSs: [rs('foo-v2', 3, OLD), rs('foo-v1', 2, OLDER)], expectedNew: 3, expectedOld: [4, 3] },
  { name: 'proportional scaling: 13 -> 8', d: deployment(8), old: deployment(13), newRS: rs('foo-v3', 2, NEW), oldRSs: [rs('foo-v2', 8, OLD), rs('foo-v1', 3, OLDER)], expectedNew: 1, expectedOld: [5, 2] },
  { name: 'leftover distribution: 3 -> 4 (the newest grows)', d: deployment(4), old: deployment(3), newRS: rs('foo-v3', 1, NEW), oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)], expectedNew: 2, expectedOld: [1, 1] },
  { name: 'leftover distribution: 3 -> 2 (the oldest shrinks)', d: deployment(2), old: deployment(3), newRS: rs('foo-v3', 1, NEW), oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)], expectedNew: 1, expectedOld: [1, 0] },
  { name: 'proportional scaling (no new rs): 4 -> 5', d: deployment(5), old: deployment(4), oldRSs: [rs('foo-v2', 2, OLD), rs('foo-v1', 2, OLDER)], expectedOld: [3, 2] },
  { name: 'proportional scaling: 6 -> 0', d: deployment(0), old: deployment(6), newRS: rs('foo-v3', 3, NEW), oldRSs: [rs('foo-v2', 2, OLD), rs('foo-v1', 1, OLDER)], expectedNew: 0, expectedOld: [0, 0] },
  { name: 'proportional scaling: 0 -> 6', d: deployment(6), old: deployment(0), newRS: rs('foo-v3', 0, NEW), oldRSs: [rs('foo-v2', 0, OLD), rs('foo-v1', 0, OLDER)], expectedNew: 6, expectedOld: [0, 0] },
  {
    name: 'a resize repeated after a partial failure converges: 3 -> 5',
    d: deployment(5),
    old: deployment(5),
    newRS: rs('foo-v3', 2, NEW),
    oldRSs: [rs('foo-v2', 1, OLD), rs('foo-v1', 1, OLDER)],
    desired: { 'foo-v2': 3 },
    expectedNew: 2,
    expectedOld: [2, 1],
  },
  { name: 'change both surge and size', d: deployment(50, 6), old: deployment(10, 3), newRS: rs('foo-v2', 5, NEW), oldRSs: [rs('foo-v1', 8, OLD)], expectedNew: 22, expectedOld: [34] },
  { name: 'a saturated but broken new ReplicaSet leaves the old pods alone', d: deployment(2, 1, 1), old: deployment(2, 1, 1), newRS: rs('foo', 2, NEW), oldRSs: [rs('foo-v1', 1, OLD)], expectedNew: 2, expectedOld: [1] },
  { name: 'a saturated new ReplicaSet scales the old ones to zero', d: deployment(2, 1, 1), old: deployment(2, 1, 1), newRS: rs('foo', 2, NEW, 2), oldRSs: [rs('foo-v1', 1, OLD)], expectedNew: 2, expectedOld: [0] },
];

describe('DeploymentSyncer.scale (TestScale)', () => {
  it.each(cases.map((c) => [c.name, c]))('%s', (_n, c) => {
    const h = harness([]);
    const s = new DeploymentSyncer(h.ctx, new WorkQueue(h.ctx, 'test', () => undefined));
    const all = [c.newRS, ...c.oldRSs].filter((r): r is ReplicaSet => !!r);
    for (const r of all) {
      const desired = c.desired?.[r.metadata.name!] ?? c.old.spec.replicas!;
      setReplicasAnnotations(r, desired, desired + maxSurge(c.old));
      h.store.create(r);
    }
    c.d.status = { replicas: all.reduce((n, r) => n + (r.spec.replicas ?? 0), 0) };
    s.scale(c.d, c.newRS, c.oldRSs);
    if (c.newRS) expect(c.newRS.spec.replicas).toBe(c.expectedNew);
    expect(c.oldRSs.map((r) => r.spec.replicas)).toEqual(c.expectedOld);
  });

  it('records Scaled up/down events with the from/to order of v1.31+', () => {
    const h = harness([]);
    const s = new DeploymentSyncer(h.ctx, new WorkQueue(h.ctx, 'test', () => undefined));
    const r = rs('foo-abc', 1, NEW);
    setReplicasAnnotations(r, 1, 1);
    h.store.create(r);
    const d = deployment(3);
    d.metadata.namespace = 'default';
    s.scale(d, r, []);
    s.scale(deployment(2), r, []);
    expect(h.events('ScalingReplicaSet').map((e) => e.message)).toEqual(['Scaled up replica set foo-abc from 1 to 3', 'Scaled down replica set foo-abc from 3 to 2']);
    expect(r.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '2' });
  });
});
