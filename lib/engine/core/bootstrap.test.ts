import { describe, expect, it } from 'vitest';
import type { Node } from '../api/types';
import { completeNode } from './bootstrap';

const AT = '1970-01-01T00:00:00Z';

function complete(raw: Partial<Node>): Node {
  return completeNode({ apiVersion: 'v1', kind: 'Node', metadata: {}, ...raw } as Node, 1, AT);
}

describe('completeNode: what the kubelet reports for a scenario node', () => {
  const cases: { name: string; raw: Partial<Node>; check: (n: Node) => void }[] = [
    {
      name: 'initialNode labels: stable and legacy beta os / arch, hostname',
      raw: { metadata: { name: 'w1' } },
      check: (n) =>
        expect(n.metadata.labels).toEqual({
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': 'w1',
          'kubernetes.io/os': 'linux',
        }),
    },
    {
      name: 'a scenario arch label is mirrored by the beta label and nodeInfo',
      raw: { metadata: { name: 'pi', labels: { 'kubernetes.io/arch': 'arm64' } } },
      check: (n) => {
        expect(n.metadata.labels?.['beta.kubernetes.io/arch']).toBe('arm64');
        expect(n.status?.nodeInfo?.architecture).toBe('arm64');
      },
    },
    {
      name: 'a node registered unschedulable carries the unschedulable taint',
      raw: { metadata: { name: 'spare' }, spec: { unschedulable: true } },
      check: (n) => expect(n.spec?.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]),
    },
    {
      name: 'the unschedulable taint is not doubled when the scenario lists it',
      raw: { metadata: { name: 'spare' }, spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } },
      check: (n) => expect(n.spec?.taints).toHaveLength(1),
    },
    {
      name: 'schedulable: no taints, no unschedulable field',
      raw: { metadata: { name: 'w2' }, spec: { unschedulable: false, taints: [] } },
      check: (n) => {
        expect(n.spec?.taints).toBeUndefined();
        expect(n.spec?.unschedulable).toBeUndefined();
      },
    },
    {
      name: 'NodeFeatures and the swap capacity of a node without swap',
      raw: { metadata: { name: 'w3' } },
      check: (n) => {
        expect((n.status as Record<string, unknown>).features).toEqual({ supplementalGroupsPolicy: true });
        expect((n.status?.nodeInfo as Record<string, unknown>).swap).toEqual({ capacity: 0 });
      },
    },
  ];
  for (const c of cases) it(c.name, () => c.check(complete(c.raw)));
});
