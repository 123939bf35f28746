import { describe, expect, it } from 'vitest';
import type { Container, Node, Pod } from '../api/types';
import { memoryCeiling, podRequests } from './resources';

const Gi = 1024 ** 3;
const Mi = 1024 ** 2;
const node = (capacity?: string, allocatable = '4Gi'): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { allocatable: { memory: allocatable }, ...(capacity ? { capacity: { memory: capacity } } : {}) },
});
const container = (limit?: string): Container => ({ name: 'c', image: 'x', ...(limit ? { resources: { limits: { memory: limit } } } : {}) });
const pod = (c: Container, podLimit?: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [c], ...(podLimit ? { resources: { limits: { memory: podLimit } } } : {}) } as Pod['spec'],
});

describe('memoryCeiling: where the kernel OOM-kills a container (pkg/kubelet/cm)', () => {
  it.each([
    ['no limit anywhere: the kubepods cgroup caps it at node capacity', container(), undefined, node('8Gi', '8Gi'), 8 * Gi],
    ['no capacity given: allocatable stands in for it', container(), undefined, node(undefined, '4Gi'), 4 * Gi],
    ['reservations: capacity minus them is allocatable plus the 100Mi eviction threshold', container(), undefined, node('8Gi', '7Gi'), 7 * Gi + 100 * Mi],
    ['a container limit below capacity wins', container('256Mi'), undefined, node('4Gi'), 256 * Mi],
    ['a container limit above capacity is capped by the node', container('16Gi'), undefined, node('4Gi'), 4 * Gi],
    ['a pod-level limit (PodLevelResources) caps the pod cgroup', container(), '512Mi', node('4Gi'), 512 * Mi],
    ['the smaller of container and pod-level limits', container('128Mi'), '512Mi', node('4Gi'), 128 * Mi],
    ['no node known and no limit: unlimited', container(), undefined, undefined, undefined],
  ] as const)('%s', (_n, c, podLimit, n, want) => {
    expect(memoryCeiling(pod(c, podLimit), c, n)).toBe(want);
  });
});

describe('podRequests with pod-level resources (resourcehelper.PodRequests)', () => {
  const mk = (podReq?: Record<string, string>): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
    spec: { containers: [{ name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' } } }], ...(podReq ? { resources: { requests: podReq } } : {}) } as Pod['spec'],
  });
  it.each([
    ['without pod-level requests: the containers add up', mk(), { cpu: 100, memory: 64 * Mi }],
    ['pod-level cpu replaces the containers\' cpu only', mk({ cpu: '1' }), { cpu: 1000, memory: 64 * Mi }],
    ['pod-level memory replaces memory', mk({ memory: '3Gi' }), { cpu: 100, memory: 3 * Gi }],
  ] as const)('%s', (_n, p, want) => {
    expect(podRequests(p)).toEqual(want);
  });
});
