import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference, Pod } from '../../api/types';
import { harness, type Harness } from '../testkit';
import { garbageCollector } from './controller';

// garbagecollector_test.go: attemptToDeleteItem's solid / dangling classification.
function cm(h: Harness, name: string, owners: OwnerReference[] = []): KubeObject {
  return h.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...(owners.length ? { ownerReferences: owners } : {}) } });
}
const ref = (o: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: 'v1', kind: o.kind!, name: o.metadata!.name!, uid: o.metadata!.uid!, ...extra });
const exists = (h: Harness, name: string) => !!h.store.get('ConfigMap', 'default', name);

describe('garbage collector', () => {
  it.each([
    ['a dependent of a deleted owner is deleted', true],
    ['a dependent of a deleted controller owner is deleted (blockOwnerDeletion changes nothing in the background)', false],
  ])('%s', (_n, plain) => {
    const h = harness([garbageCollector()]);
    const owner = cm(h, 'owner');
    cm(h, 'dep', [ref(owner, plain ? {} : { controller: true, blockOwnerDeletion: true })]);
    h.runTo(1);
    expect(exists(h, 'dep')).toBe(true);
    h.store.remove('ConfigMap', 'default', 'owner');
    h.runTo(2);
    expect(exists(h, 'dep')).toBe(false);
  });

  it('keeps a dependent with another owner still there, removing only the dangling reference', () => {
    const h = harness([garbageCollector()]);
    const a = cm(h, 'a');
    const b = cm(h, 'b');
    const dep = cm(h, 'dep', [ref(a), ref(b)]);
    h.runTo(1);
    h.store.remove('ConfigMap', 'default', 'a');
    h.runTo(2);
    expect(exists(h, 'dep')).toBe(true);
    expect(dep.metadata!.ownerReferences).toEqual([ref(b)]);
  });

  it.each([
    ['an owner that never existed', () => ({ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'nope' }), false],
    ['an owner of the same name but another uid (recreated)', (h: Harness) => ({ ...ref(cm(h, 'owner')), uid: 'old-uid' }), false],
    ['an owner of a kind the cluster cannot resolve (a custom resource)', () => ({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w1' }), true],
    ['a live owner', (h: Harness) => ref(cm(h, 'owner')), true],
  ])('an object created with %s: kept = %s', (_n, owner, kept) => {
    const h = harness([garbageCollector()]);
    cm(h, 'dep', [owner(h)]);
    h.runTo(1);
    expect(exists(h, 'dep')).toBe(kept);
  });

  it('cascades: Deployment -> ReplicaSet -> Pod, the bound pod gracefully', () => {
    const h = harness([garbageCollector()]);
    const d = h.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } });
    const rs = h.store.create({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', ownerReferences: [{ ...ref(d), apiVersion: 'apps/v1', controller: true }] } });
    const pod = h.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1-x', namespace: 'default', ownerReferences: [{ ...ref(rs), apiVersion: 'apps/v1', controller: true }] }, spec: { nodeName: 'node01', containers: [{ name: 'c' }] }, status: { phase: 'Running' } } as Pod);
    h.runTo(1);
    h.store.remove('Deployment', 'default', 'web');
    h.runTo(2);
    expect(h.store.get('ReplicaSet', 'default', 'web-1')).toBeUndefined();
    expect(pod.metadata.deletionTimestamp).toBe('1970-01-01T00:00:31Z');
  });

  it('works through a large cascade at the client rate limit (a GET and a DELETE each)', () => {
    const h = harness([garbageCollector()]);
    const owner = cm(h, 'owner');
    for (let i = 0; i < 40; i++) cm(h, `dep${i}`, [ref(owner)]);
    h.runTo(1);
    h.store.remove('ConfigMap', 'default', 'owner');
    h.runTo(1.001);
    const left = () => h.store.list('ConfigMap', 'default').length;
    expect(left()).toBe(25);
    // Then about ten a second: each needs two of the twenty tokens a second.
    h.runTo(2);
    expect(left()).toBeGreaterThan(10);
    h.runTo(5);
    expect(left()).toBe(0);
  });

  it('leaves an object that is being deleted to its deletion', () => {
    const h = harness([garbageCollector()]);
    const owner = cm(h, 'owner');
    const pod = h.store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', deletionTimestamp: '1970-01-01T00:00:10Z', ownerReferences: [ref(owner)] }, spec: { nodeName: 'node01', containers: [{ name: 'c' }] } } as Pod);
    h.store.remove('ConfigMap', 'default', 'owner');
    h.runTo(1);
    expect(h.store.get('Pod', 'default', 'p')).toBe(pod);
  });

  it('sees objects that existed before it started', () => {
    const h = harness([]);
    cm(h, 'dep', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'gone' }]);
    garbageCollector().start(h.ctx);
    h.runTo(1);
    expect(exists(h, 'dep')).toBe(false);
  });
});
