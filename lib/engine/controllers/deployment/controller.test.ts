import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../apps';
import { deploymentManifest, harness, type Harness } from '../testkit';
import { replicaSetController } from '../replicaset/controller';
import { garbageCollector } from '../garbagecollector/controller';
import { deploymentController } from './controller';

/**
 * The Deployment and ReplicaSet controllers together; the test plays the kubelet: once a second
 * every new pod starts (Ready unless told otherwise) and every terminating pod goes.
 */
function cluster(): Harness {
  return harness([deploymentController(), replicaSetController(), garbageCollector()]);
}

function kubeletTicks(h: Harness, until: number, ready = true): void {
  for (let t = Math.floor(h.loop.now / 1000) + 1; t <= until; t++) {
    for (const pod of h.pods()) {
      if (pod.metadata.deletionTimestamp) h.finishDeletion(pod);
      else if (!pod.spec.nodeName) h.runPod(pod, 'node01', ready);
    }
    h.runTo(t);
  }
}

const dep = (h: Harness, name = 'web') => h.store.get<Deployment>('Deployment', 'default', name)!;
const replicaSets = (h: Harness) => h.store.list<ReplicaSet>('ReplicaSet', 'default');
const cond = (d: Deployment, type: string) => d.status?.conditions?.find((c) => c.type === type);
const scaling = (h: Harness) => h.events('ScalingReplicaSet').map((e) => e.message.replace(/web-[a-z0-9]+/g, (m) => (m === newest(h) ? 'NEW' : 'OLD')));
const newest = (h: Harness) => replicaSets(h).sort((a, b) => Number(b.metadata.annotations?.['deployment.kubernetes.io/revision']) - Number(a.metadata.annotations?.['deployment.kubernetes.io/revision']))[0]?.metadata.name;

function rollTo(h: Harness, image: string, spec: Record<string, unknown> = {}): void {
  h.apply(deploymentManifest('web', dep(h).spec.replicas!, spec, image));
}

describe('Deployment controller: a new Deployment', () => {
  it('creates <name>-<pod-template-hash> with the revision, replica annotations and a controller reference', () => {
    const h = cluster();
    const d = h.apply<Deployment>(deploymentManifest('web', 4));
    h.runTo(0);
    const [rs] = replicaSets(h);
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5', 'deployment.kubernetes.io/revision': '1' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs.spec.replicas).toBe(4);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(h.events('ScalingReplicaSet').map((e) => e.message)).toEqual([`Scaled up replica set web-${hash} from 0 to 4`]);
    expect(h.events('ScalingReplicaSet')[0]).toMatchObject({ source: { component: 'deployment-controller' }, involvedObject: { kind: 'Deployment', name: 'web' } });
    expect(h.pods().map((p) => p.metadata.name)).toEqual(h.pods().map(() => expect.stringMatching(new RegExp(`^web-${hash}-[a-z0-9]{5}$`))));
  });

  it.each([
    ['before any pod runs', 0, { observedGeneration: 1, replicas: 4, updatedReplicas: 4, unavailableReplicas: 4 }, ['False', 'MinimumReplicasUnavailable'], ['True', 'ReplicaSetUpdated', 'ReplicaSet "X" is progressing.']],
    ['once every pod is ready', 2, { observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 }, ['True', 'MinimumReplicasAvailable'], ['True', 'NewReplicaSetAvailable', 'ReplicaSet "X" has successfully progressed.']],
  ])('status %s', (_n, t, counts, available, progressing) => {
    const h = cluster();
    h.apply(deploymentManifest('web', 4));
    h.runTo(0);
    kubeletTicks(h, t);
    const d = dep(h);
    const { conditions, ...rest } = d.status!;
    expect(rest).toEqual(counts);
    expect(conditions?.map((c) => c.type).sort()).toEqual(['Available', 'Progressing']);
    const a = cond(d, 'Available')!;
    expect([a.status, a.reason]).toEqual(available);
    expect(a.message).toBe(available[0] === 'True' ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.');
    const p = cond(d, 'Progressing')!;
    expect([p.status, p.reason, p.message?.replace(replicaSets(h)[0].metadata.name!, 'X')]).toEqual(progressing);
  });

  it('scaling changes only the ReplicaSet size (a scaling event, not a rollout)', () => {
    const h = cluster();
    h.apply(deploymentManifest('web', 1));
    kubeletTicks(h, 3);
    h.apply(deploymentManifest('web', 3));
    kubeletTicks(h, 6);
    expect(replicaSets(h)).toHaveLength(1);
    expect(scaling(h)).toEqual(['Scaled up replica set NEW from 0 to 1', 'Scaled up replica set NEW from 1 to 3']);
    expect(replicaSets(h)[0].metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('3');
  });
});

describe('Deployment controller: rollouts', () => {
  it.each([
    [
      'RollingUpdate maxSurge 1, maxUnavailable 0 (25% of 3): one new pod at a time',
      3,
      {},
      ['Scaled up replica set NEW from 0 to 1', 'Scaled down replica set OLD from 3 to 2', 'Scaled up replica set NEW from 1 to 2', 'Scaled down replica set OLD from 2 to 1', 'Scaled up replica set NEW from 2 to 3', 'Scaled down replica set OLD from 1 to 0'],
    ],
    [
      'RollingUpdate maxSurge 0, maxUnavailable 2: two old pods go first',
      4,
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 2 } } },
      ['Scaled down replica set OLD from 4 to 2', 'Scaled up replica set NEW from 0 to 2', 'Scaled down replica set OLD from 2 to 0', 'Scaled up replica set NEW from 2 to 4'],
    ],
    ['Recreate: every old pod goes before the new ReplicaSet exists', 3, { strategy: { type: 'Recreate' } }, ['Scaled down replica set OLD from 3 to 0', 'Scaled up replica set NEW from 0 to 3']],
  ])('%s', (_n, replicas, spec, expected) => {
    const h = cluster();
    h.apply(deploymentManifest('web', replicas, spec));
    kubeletTicks(h, 3);
    const first = h.events('ScalingReplicaSet').length;
    rollTo(h, 'nginx:1.26', spec);
    kubeletTicks(h, 20);
    expect(scaling(h).slice(first)).toEqual(expected);
    const d = dep(h);
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    expect(cond(d, 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
    expect(h.pods().every((p) => p.spec.containers[0].image === 'nginx:1.26')).toBe(true);
  });

  it('Recreate waits for the old pods to be gone, terminating ones included', () => {
    const h = cluster();
    h.apply(deploymentManifest('web', 2, { strategy: { type: 'Recreate' } }));
    kubeletTicks(h, 3);
    rollTo(h, 'nginx:1.26', { strategy: { type: 'Recreate' } });
    h.runTo(10);
    expect(replicaSets(h)).toHaveLength(1);
    expect(h.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    for (const p of h.pods()) h.finishDeletion(p);
    h.runTo(11);
    expect(replicaSets(h)).toHaveLength(2);
  });

  it('an undo brings back the old ReplicaSet with revision 3 and revision-history 1', () => {
    const h = cluster();
    h.apply(deploymentManifest('web', 2));
    kubeletTicks(h, 3);
    const original = replicaSets(h)[0];
    rollTo(h, 'nginx:1.26');
    kubeletTicks(h, 20);
    rollTo(h, 'nginx:1.25');
    kubeletTicks(h, 40);
    expect(replicaSets(h)).toHaveLength(2);
    expect(original.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(original.spec.replicas).toBe(2);
    expect(dep(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('a paused Deployment does not roll; resuming it does', () => {
    const h = cluster();
    h.apply(deploymentManifest('web', 2));
    kubeletTicks(h, 3);
    const d = dep(h);
    d.spec.paused = true;
    h.store.update(d, { specChanged: true });
    h.runTo(4);
    rollTo(h, 'nginx:1.26', { paused: true });
    kubeletTicks(h, 10);
    expect(replicaSets(h)).toHaveLength(1);
    expect(cond(dep(h), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    const paused = dep(h);
    delete paused.spec.paused;
    h.store.update(paused, { specChanged: true });
    h.runTo(11);
    expect(replicaSets(h)).toHaveLength(2);
    kubeletTicks(h, 30);
    expect(cond(dep(h), 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('a rollout without progress for progressDeadlineSeconds is ProgressDeadlineExceeded', () => {
    const h = cluster();
    h.apply(deploymentManifest('web', 1, { progressDeadlineSeconds: 30 }));
    kubeletTicks(h, 3);
    rollTo(h, 'nginx:9.99', { progressDeadlineSeconds: 30 });
    h.runTo(5);
    // The new pod never becomes ready.
    for (const p of h.pods()) if (!p.spec.nodeName) h.runPod(p, 'node02', false);
    h.runTo(30);
    const at = cond(dep(h), 'Progressing')!;
    expect(at.reason).toBe('ReplicaSetUpdated');
    h.runTo(40);
    const timedOut = cond(dep(h), 'Progressing')!;
    expect(timedOut).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newest(h)}" has timed out progressing.` });
    // Last progress at t=3 (the new ReplicaSet's pod): the deadline passes at 33 and the requeue
    // lands one second later, as upstream's does.
    expect(timedOut.lastTransitionTime).toBe('1970-01-01T00:00:34Z');
  });

  it.each([
    ['revisionHistoryLimit 0 deletes the old ReplicaSet once the rollout is complete', 0, 1],
    ['the default limit (10) keeps it', undefined, 2],
  ])('%s', (_n, limit, count) => {
    const h = cluster();
    const spec = limit === undefined ? {} : { revisionHistoryLimit: limit };
    h.apply(deploymentManifest('web', 1, spec));
    kubeletTicks(h, 3);
    rollTo(h, 'nginx:1.26', spec);
    kubeletTicks(h, 20);
    expect(replicaSets(h)).toHaveLength(count);
  });
});

describe('Deployment controller: ownership', () => {
  it('adopts an orphan ReplicaSet its selector matches', () => {
    const h = cluster();
    h.apply({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'stray', labels: { app: 'web' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.0' }] } } },
    });
    const d = h.apply<Deployment>(deploymentManifest('web', 2));
    kubeletTicks(h, 5);
    const stray = h.store.get<ReplicaSet>('ReplicaSet', 'default', 'stray')!;
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', uid: d.metadata.uid, controller: true });
    expect(stray.spec.replicas).toBe(0);
  });

  it('deleting the Deployment lets the garbage collector take its ReplicaSets and pods', () => {
    const h = cluster();
    h.apply(deploymentManifest('web', 2));
    kubeletTicks(h, 3);
    h.ctx.delete('Deployment', 'default', 'web');
    h.runTo(4);
    expect(replicaSets(h)).toHaveLength(0);
    expect(h.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
  });
});
