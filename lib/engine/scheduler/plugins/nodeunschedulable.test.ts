import { describe, expect, it } from 'vitest';
import type { Toleration } from '../../api/types';
import { filterVerdict, makeNode, makePod } from '../testing';
import { NodeName, NodeUnschedulable } from './names';

// Modeled on upstream node_unschedulable_test.go and node_name_test.go.
describe('NodeUnschedulable Filter', () => {
  const cases: [string, boolean, Toleration[] | undefined, boolean][] = [
    ['a cordoned node refuses the pod', true, undefined, false],
    ['a schedulable node takes it', false, undefined, true],
    ['a pod tolerating node.kubernetes.io/unschedulable:NoSchedule lands on a cordoned node', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }], true],
    ['a toleration for another effect does not count', true, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }], false],
  ];
  it.each(cases)('%s', (_name, unschedulable, tolerations, fits) => {
    const v = filterVerdict(NodeUnschedulable, makePod('p', { tolerations }), [makeNode('n', { unschedulable })]);
    if (fits) expect(v?.code).toBe('Success');
    else expect(v).toEqual({ plugin: NodeUnschedulable, code: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
  });
});

describe('NodeName Filter', () => {
  it.each([
    ['no node name: any node', undefined, 'Success'],
    ['the named node', 'n', 'Success'],
    ['another node', 'other', 'UnschedulableAndUnresolvable'],
  ] as const)('%s', (_name, nodeName, code) => {
    expect(filterVerdict(NodeName, makePod('p', { nodeName }), [makeNode('n')])?.code).toBe(code);
  });
});
