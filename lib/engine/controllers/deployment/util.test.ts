import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../core/time';
import type { Deployment, DeploymentStatus, PodTemplateSpec, ReplicaSet } from '../apps';
import { computeHash, safeEncodeString } from './hash';
import { newRSNewReplicas } from './sync';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  equalIgnoreHash,
  findNewReplicaSet,
  findOldReplicaSets,
  maxSurge,
  maxUnavailable,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
} from './util';

// deployment_util_test.go tables.

describe('ResolveFenceposts', () => {
  it.each([
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 3, 1, 0],
    [2, 0, 5, 2, 0],
  ] as [string | number | undefined, string | number | undefined, number, number, number][])('surge %s unavailable %s of %i -> %i, %i', (surge, unavailable, desired, es, eu) => {
    expect(resolveFenceposts(surge, unavailable, desired)).toEqual([es, eu]);
  });

  it.each([
    ['oops', '39%'],
    ['55%', 'urg'],
  ])('refuses %s / %s', (surge, unavailable) => {
    expect(() => resolveFenceposts(surge, unavailable, 10)).toThrow();
  });
});

function deployment(replicas: number, strategy: Deployment['spec']['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, status: DeploymentStatus = {}): Deployment {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', uid: 'd', generation: 1 }, spec: { replicas, strategy, template: template('nginx') }, status };
}

function template(container: string, labels: Record<string, string> = { name: 'nginx' }, annotations?: Record<string, string>): PodTemplateSpec {
  return { metadata: { labels, ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: container, image: 'nginx' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' } };
}

function rs(name: string, replicas: number, tmpl: PodTemplateSpec, created = 0): ReplicaSet {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, uid: name, creationTimestamp: rfc3339(created) }, spec: { replicas, template: tmpl } };
}

describe('MaxSurge / MaxUnavailable', () => {
  it.each([
    ['rolling 25%/25% of 4', deployment(4), 1, 1],
    ['rolling 25%/25% of 10', deployment(10), 3, 2],
    ['Recreate has neither', deployment(4, { type: 'Recreate' }), 0, 0],
    ['zero replicas are never unavailable', deployment(0), 0, 0],
    ['maxUnavailable is capped at replicas', deployment(2, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 5 } }), 0, 2],
  ])('%s', (_n, d, surge, unavailable) => {
    expect(maxSurge(d)).toBe(surge);
    expect(maxUnavailable(d)).toBe(unavailable);
  });
});

describe('EqualIgnoreHash', () => {
  const t = (labels: Record<string, string>, annotations: Record<string, string> = {}, container = 'foo') => template(container, labels, annotations);
  it.each([
    ['same spec, same labels', t({ 'pod-template-hash': 'value-1', something: 'else' }), t({ 'pod-template-hash': 'value-1', something: 'else' }), true],
    ['same spec, only pod-template-hash differs', t({ 'pod-template-hash': 'value-1', something: 'else' }), t({ 'pod-template-hash': 'value-2', something: 'else' }), true],
    ['same spec, the former has no pod-template-hash', t({ something: 'else' }), t({ 'pod-template-hash': 'value-2', something: 'else' }), true],
    ['same number of labels, different labels', t({ something: 'else' }), t({ 'pod-template-hash': 'value-2' }), false],
    ['the latter has no pod-template-hash, same number of labels', t({ 'pod-template-hash': 'value-1' }), t({ something: 'else' }), false],
    ['same hash, other labels differ', t({ 'pod-template-hash': 'value-1' }), t({ 'pod-template-hash': 'value-1', something: 'else' }), false],
    ['different spec, same labels', t({ 'pod-template-hash': 'value-1' }, { former: 'value' }), t({ 'pod-template-hash': 'value-1' }, { latter: 'value' }), false],
    ['different containers', t({ a: 'b' }, {}, 'foo-1'), t({ a: 'b' }, {}, 'foo-2'), false],
  ])('%s', (_n, a, b, expected) => {
    expect(equalIgnoreHash(a, b)).toBe(expected);
    expect(equalIgnoreHash(b, a)).toBe(expected);
  });
});

describe('FindNewReplicaSet / FindOldReplicaSets', () => {
  const d = deployment(1);
  const newRS = rs('new', 1, { ...template('nginx', { name: 'nginx', 'pod-template-hash': 'hash' }) }, 60_000);
  const newDup = rs('new-dup', 0, { ...template('nginx', { name: 'nginx', 'pod-template-hash': 'different-hash' }) }, 0);
  const oldRS = rs('old', 1, template('nginx-old-1'), -60_000);
  it.each([
    ['the ReplicaSet with the template, whatever its hash', [newRS, oldRS], 'new', ['old'], ['old']],
    ['the oldest of two with the template', [newRS, oldRS, newDup], 'new-dup', ['old', 'new'], ['old', 'new']],
    ['none', [oldRS], undefined, ['old'], ['old']],
    ['no old ones', [newRS], 'new', [], []],
  ] as [string, ReplicaSet[], string | undefined, string[], string[]][])('%s', (_n, list, expectedNew, all, required) => {
    expect(findNewReplicaSet(d, list)?.metadata.name).toBe(expectedNew);
    const old = findOldReplicaSets(d, list);
    expect(old.all.map((r) => r.metadata.name).sort()).toEqual([...all].sort());
    expect(old.required.map((r) => r.metadata.name).sort()).toEqual([...required].sort());
  });
});

describe('NewRSNewReplicas', () => {
  it.each([
    ['cannot scale up: stays at the new ReplicaSet size', 'RollingUpdate', 1, 5, 1, 5],
    ['scales up to the Deployment size', 'RollingUpdate', 6, 2, 10, 6],
    ['Recreate: the Deployment size', 'Recreate', 3, 1, 1, 3],
  ] as const)('%s', (_n, type, depReplicas, newReplicas, surge, expected) => {
    const d = deployment(depReplicas, { type, rollingUpdate: { maxUnavailable: 1, maxSurge: surge } });
    const rs5 = rs('rs5', 5, template('nginx'));
    const newRS = rs('new', newReplicas, template('nginx'));
    expect(newRSNewReplicas(d, [rs5], newRS)).toBe(expected);
  });
});

describe('DeploymentComplete', () => {
  const d = (desired: number, current: number, updated: number, available: number, unavailable: number, surge: number) =>
    deployment(desired, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: unavailable, maxSurge: surge } }, { replicas: current, updatedReplicas: updated, availableReplicas: available, observedGeneration: 1 });
  it.each([
    ['not complete: min but not all pods available', d(5, 5, 5, 4, 1, 0), false],
    ['not complete: min availability not honoured', d(5, 5, 5, 3, 1, 0), false],
    ['complete', d(5, 5, 5, 5, 0, 0), true],
    ['not complete: all available but not updated', d(5, 5, 4, 5, 0, 0), false],
    ['not complete: old pods still running', d(1, 2, 1, 1, 0, 1), false],
    ['not complete: a one-replica Deployment never comes up', d(1, 1, 1, 0, 1, 1), false],
  ])('%s', (_n, dep, expected) => {
    expect(deploymentComplete(dep, dep.status!)).toBe(expected);
  });

  it('is not complete before the newest generation is observed', () => {
    const dep = d(5, 5, 5, 5, 0, 0);
    dep.metadata.generation = 2;
    expect(deploymentComplete(dep, dep.status!)).toBe(false);
  });
});

describe('DeploymentProgressing', () => {
  const s = (replicas: number, updatedReplicas: number, readyReplicas: number, availableReplicas: number): DeploymentStatus => ({ replicas, updatedReplicas, readyReplicas, availableReplicas });
  it.each([
    ['progressing: updated pods', s(10, 4, 4, 4), s(10, 6, 4, 4), true],
    ['not progressing', s(10, 4, 4, 4), s(10, 4, 4, 4), false],
    ['progressing: old pods removed', s(10, 4, 6, 6), s(8, 4, 6, 6), true],
    ['not progressing: fewer new pods', s(10, 7, 3, 3), s(10, 6, 3, 3), false],
    ['progressing: fewer overall but more new pods', s(10, 4, 7, 7), s(8, 8, 5, 5), true],
    ['progressing: more ready pods', s(10, 10, 9, 8), s(10, 10, 10, 8), true],
    ['progressing: more available pods', s(10, 10, 10, 9), s(10, 10, 10, 10), true],
  ])('%s', (_n, old, next, expected) => {
    expect(deploymentProgressing(deployment(10, undefined, old), next)).toBe(expected);
  });
});

describe('DeploymentTimedOut', () => {
  const at = (min: number, sec: number) => (min * 60 + sec) * 1000;
  const d = (pds: number | undefined, from: number, reason = 'ReplicaSetUpdated') => {
    const dep = deployment(1, undefined, { conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: rfc3339(from) }] });
    if (pds === undefined) delete dep.spec.progressDeadlineSeconds;
    else dep.spec.progressDeadlineSeconds = pds;
    return dep;
  };
  it.each([
    ['no progressDeadlineSeconds: no timeout', d(undefined, at(1, 9)), at(1, 20), false],
    ['an infinite deadline: no timeout', d(2147483647, at(1, 9)), at(1, 20), false],
    ['10s deadline, 11s since progress: timed out', d(10, at(1, 9)), at(1, 20), true],
    ['10s deadline, 9s since progress: not yet', d(10, at(1, 11)), at(1, 20), false],
    ['exactly 10s since progress: not yet (strictly before)', d(10, at(1, 10)), at(1, 20), false],
    ['a completed rollout never times out', d(10, 0, 'NewReplicaSetAvailable'), at(9, 0), false],
  ])('%s', (_n, dep, now, expected) => {
    expect(deploymentTimedOut(dep, dep.status!, now)).toBe(expected);
  });
});

describe('SetNewReplicaSetAnnotations', () => {
  it.each([
    ['a new ReplicaSet gets the revision and the replica annotations, not kubectl\'s', {}, '1', false, { 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5', 'deployment.kubernetes.io/revision': '1', team: 'a' }],
    ['an old ReplicaSet brought back keeps its old revision in revision-history', { 'deployment.kubernetes.io/revision': '1' }, '3', true, { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1', team: 'a' }],
    ['history grows', { 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' }, '5', true, { 'deployment.kubernetes.io/revision': '5', 'deployment.kubernetes.io/revision-history': '1,3', team: 'a' }],
    ['a revision never goes down', { 'deployment.kubernetes.io/revision': '7' }, '5', true, { 'deployment.kubernetes.io/revision': '7', team: 'a' }],
  ])('%s', (_n, before, rev, exists, expected) => {
    const d = deployment(4);
    d.metadata.annotations = { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'deployment.kubernetes.io/revision': '9' };
    const r = rs('x', 1, template('nginx'));
    r.metadata.annotations = { ...before };
    setNewReplicaSetAnnotations(d, r, rev, exists);
    expect(r.metadata.annotations).toEqual(expected);
  });
});

describe('pod-template-hash', () => {
  it('SafeEncodeString turns digits into the safe alphabet', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
  it.each([
    ['is made of digits passed through SafeEncodeString', template('nginx'), undefined],
    ['changes with the collision count', template('nginx'), 1],
  ])('%s', (_n, t, collisions) => {
    const h = computeHash(t, collisions);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(computeHash(t, collisions)).toBe(h);
    expect(computeHash(t, (collisions ?? 0) + 5)).not.toBe(h);
  });
  it('differs between templates and ignores key order', () => {
    expect(computeHash(template('a'))).not.toBe(computeHash(template('b')));
    const t = template('a');
    const reordered: PodTemplateSpec = { spec: t.spec, metadata: t.metadata };
    expect(computeHash(reordered)).toBe(computeHash(t));
  });
});
