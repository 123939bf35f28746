import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import type { ReplicaSet } from '../apps';
import { harness, podManifest, replicaSetManifest, setReady, type Harness } from '../testkit';
import { replicaSetController } from './controller';

const labels = { app: 'shop' };
const rsOf = (h: Harness, name = 'shop') => h.store.get<ReplicaSet>('ReplicaSet', 'default', name)!;

function start(replicas: number, extra: Record<string, unknown> = {}): Harness {
  const h = harness([replicaSetController()]);
  h.apply(replicaSetManifest('shop', replicas, labels, extra));
  h.runTo(0);
  return h;
}

describe('ReplicaSet controller: manageReplicas', () => {
  it.each([
    ['creates the missing replicas', 3, 3, 3, 3],
    ['creates nothing for zero replicas', 0, 0, 0, 0],
    // The event correlator folds the tenth and later distinct messages into one combined event,
    // and its spam filter lets 25 events per object through at once, as in a real cluster.
    ['creates a large count in one sync (slow start batches succeed)', 40, 40, 10, 25],
  ])('%s', (_n, replicas, expected, entries, recorded) => {
    const h = start(replicas);
    // The client's rate limit (burst 30, then 20 a second) spreads a large count over time.
    expect(h.pods()).toHaveLength(Math.min(expected, 30));
    h.runTo(1);
    expect(h.pods()).toHaveLength(expected);
    const events = h.events('SuccessfulCreate');
    expect(events).toHaveLength(entries);
    expect(events.reduce((n, e) => n + e.count, 0)).toBe(recorded);
  });

  it('names pods <replicaset>-<5 chars> and gives them a controller reference', () => {
    const h = start(2);
    const rs = rsOf(h);
    for (const pod of h.pods()) {
      expect(pod.metadata.name).toMatch(/^shop-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.generateName).toBe('shop-');
      expect(pod.metadata.labels).toEqual(labels);
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'shop', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(h.events('SuccessfulCreate').map((e) => e.message)).toEqual(h.pods().map((p) => `Created pod: ${p.metadata.name}`));
    expect(h.events('SuccessfulCreate')[0]).toMatchObject({ type: 'Normal', source: { component: 'replicaset-controller' }, involvedObject: { kind: 'ReplicaSet', name: 'shop', namespace: 'default' } });
  });

  it('replaces a deleted pod (self-healing)', () => {
    const h = start(2);
    const [first] = h.pods();
    h.store.remove('Pod', 'default', first.metadata.name!);
    h.runTo(1);
    expect(h.pods()).toHaveLength(2);
    expect(h.pods().map((p) => p.metadata.name)).not.toContain(first.metadata.name);
  });

  it('replaces a terminating pod at once, without waiting for it to go', () => {
    const h = start(1);
    const [pod] = h.pods();
    h.runPod(pod);
    h.ctx.delete('Pod', 'default', pod.metadata.name!);
    h.runTo(1);
    const pods = h.pods();
    expect(pods).toHaveLength(2);
    expect(pods.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(rsOf(h).status?.replicas).toBe(1);
  });

  it('scales down, deleting the pods ranked first (unscheduled before running)', () => {
    const h = start(3);
    const [a, b, c] = h.pods();
    h.runPod(a, 'node01');
    h.runPod(c, 'node02');
    rsOf(h).spec.replicas = 1;
    h.store.update(rsOf(h), { specChanged: true });
    h.runTo(1);
    const deleted = h.events('SuccessfulDelete').map((e) => e.message);
    expect(deleted).toHaveLength(2);
    expect(deleted[0]).toBe(`Deleted pod: ${b.metadata.name}`);
    // Both running pods are ready on nodes with one pod each: the tie keeps list order.
    expect(deleted[1]).toBe(`Deleted pod: ${a.metadata.name}`);
  });

  it('reports a failing create with FailedCreate, the ReplicaFailure condition, and backs off', () => {
    const h = harness([replicaSetController()]);
    // A ReplicaSet in a namespace that does not exist (stored directly): every pod create is refused.
    const rs = h.store.create({ ...replicaSetManifest('ghost', 3, labels), metadata: { name: 'ghost', namespace: 'nowhere', generation: 1 } } as never) as ReplicaSet;
    h.runTo(0);
    const failed = h.events('FailedCreate');
    expect(failed).toHaveLength(1);
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].message).toMatch(/^Error creating: /);
    expect(rs.status?.conditions).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' })]);
    // Retried with exponential back-off (5ms, 10ms, ...): a bounded number of attempts in a second.
    h.runTo(1);
    expect(h.events('FailedCreate')[0].count).toBeGreaterThan(3);
    expect(h.events('FailedCreate')[0].count).toBeLessThan(12);
  });
});

describe('ReplicaSet controller: the client rate limit', () => {
  it('bounds a runaway loop: pods the kubelet fails at once are replaced at most 20 a second', () => {
    const h = harness([replicaSetController()]);
    // The test's kubelet refuses every pod as soon as it appears (OutOfcpu-like).
    h.store.watch((c) => {
      if (c.kind !== 'Pod' || c.type !== 'ADDED') return;
      const pod = c.object as unknown as Pod;
      h.loop.after(0, () => {
        pod.spec.nodeName = 'node01';
        pod.status = { phase: 'Failed', reason: 'OutOfcpu' };
        h.store.update(pod);
      });
    });
    h.apply(replicaSetManifest('hog', 1, labels));
    h.runTo(10);
    const created = h.pods().length;
    expect(created).toBeGreaterThan(200);
    expect(created).toBeLessThanOrEqual(30 + 10 * 20 + 1);
  });
});

describe('ReplicaSet controller: claiming pods', () => {
  it('adopts a matching orphan and deletes the surplus, the unscheduled one first', () => {
    const h = start(2);
    for (const p of h.pods()) h.runPod(p);
    h.runTo(20);
    const extra = h.apply<Pod>(podManifest('extra', labels));
    h.runTo(21);
    expect(extra.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'shop', controller: true, blockOwnerDeletion: true });
    expect(h.events('SuccessfulDelete').map((e) => e.message)).toEqual(['Deleted pod: extra']);
    expect(h.store.get('Pod', 'default', 'extra')).toBeUndefined();
  });

  it.each([
    ['a pod owned by another controller', { ownerReferences: [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'other', uid: 'x', controller: true }] }],
    ['a pod whose labels do not match', { labels: { app: 'other' } }],
  ])('leaves alone %s', (_n, meta) => {
    const h = start(1);
    const pod = h.apply<Pod>({ ...podManifest('bystander', labels), metadata: { name: 'bystander', labels, ...meta } });
    h.runTo(1);
    expect(h.store.get('Pod', 'default', 'bystander')).toBe(pod);
    expect(h.events('SuccessfulDelete')).toHaveLength(0);
  });

  it('releases a pod whose labels stop matching and replaces it', () => {
    const h = start(1);
    const [pod] = h.pods();
    pod.metadata.labels = { app: 'debug' };
    h.store.update(pod);
    h.runTo(1);
    expect(pod.metadata.ownerReferences).toBeUndefined();
    expect(h.pods()).toHaveLength(2);
    expect(rsOf(h).status?.replicas).toBe(1);
  });
});

describe('ReplicaSet controller: status', () => {
  it.each([
    ['counts replicas, fully labelled, ready and available pods', 0, 3, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 }],
    ['with minReadySeconds, ready pods are not yet available', 30, 3, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, observedGeneration: 1 }],
  ])('%s', (_n, minReadySeconds, replicas, expected) => {
    const h = start(replicas, minReadySeconds ? { minReadySeconds } : {});
    const [a, b] = h.pods();
    h.runPod(a);
    h.runPod(b);
    h.runTo(1);
    expect(rsOf(h).status).toEqual(expected);
  });

  it('a pod missing some template labels is not fully labelled', () => {
    const h = harness([replicaSetController()]);
    h.apply({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'shop' },
      spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels: { ...labels, tier: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
    });
    h.apply(podManifest('orphan', labels));
    h.runTo(1);
    expect(rsOf(h).status).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 });
  });

  it('counts a pod available just after minReadySeconds of readiness, even on a whole second', () => {
    const h = start(1, { minReadySeconds: 10 });
    const [pod] = h.pods();
    h.runPod(pod, 'node01', false);
    h.runTo(2);
    setReady(h, pod, true);
    h.runTo(12);
    expect(rsOf(h).status?.availableReplicas).toBeUndefined();
    h.runTo(12.001);
    expect(rsOf(h).status?.availableReplicas).toBe(1);
  });

  it('observes a new generation', () => {
    const h = start(1);
    rsOf(h).spec.replicas = 2;
    h.store.update(rsOf(h), { specChanged: true });
    h.runTo(1);
    expect(rsOf(h).metadata.generation).toBe(2);
    expect(rsOf(h).status?.observedGeneration).toBe(2);
    expect(rsOf(h).status?.replicas).toBe(2);
  });
});
