import { describe, expect, it } from 'vitest';
import { containerCapRejection, MAX_CONTAINERS_PER_POD } from './caps';

const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'busybox:1.36' }));

describe('container cap', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a pod at the cap is let through', { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: containers(MAX_CONTAINERS_PER_POD) } }, undefined],
    ['a pod over the cap is refused, naming kubesim as the one that limits', { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: containers(MAX_CONTAINERS_PER_POD + 1) } }, `kubesim simulates at most ${MAX_CONTAINERS_PER_POD} containers in one pod; this Pod has ${MAX_CONTAINERS_PER_POD + 1}`],
    ['init containers count towards the cap', { kind: 'Pod', metadata: { name: 'p' }, spec: { initContainers: containers(60), containers: containers(60) } }, `kubesim simulates at most ${MAX_CONTAINERS_PER_POD} containers in one pod; this Pod has 120`],
    ['a Deployment template over the cap is refused', { kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: containers(500) } } } }, `kubesim simulates at most ${MAX_CONTAINERS_PER_POD} containers in one pod; this Deployment has 500`],
    ['a document without a pod spec is not this check\'s business', { kind: 'ConfigMap', metadata: { name: 'c' }, data: {} }, undefined],
    ['malformed containers are left to validation', { kind: 'Pod', metadata: { name: 'p' }, spec: { containers: 'many' } }, undefined],
  ])('%s', (_name, doc, message) => {
    const r = containerCapRejection(doc);
    expect(r?.message).toBe(message);
    if (r) expect(r.reason).toBe('RequestEntityTooLarge');
  });
});
