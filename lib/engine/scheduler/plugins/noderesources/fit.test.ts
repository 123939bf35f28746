import { describe, expect, it } from 'vitest';
import type { Pod, ResourceList } from '../../../api/types';
import { filterVerdict, makeNode, makePod, rawScoreOf, scores } from '../../testing';
import { schedulePod } from '../../scheduler';
import { NodeResourcesBalancedAllocation, NodeResourcesFit } from '../names';

const node = (allocatable: ResourceList) => makeNode('n', { allocatable });

// Modeled on upstream fit_test.go TestEnoughRequests: node allocatable 10m cpu, 20 bytes memory,
// 32 pods, with 5m / 19 bytes already used unless a case says otherwise.
describe('NodeResourcesFit Filter', () => {
  const alloc = { cpu: '10m', memory: '20', pods: '32', 'example.com/foo': '5', 'ephemeral-storage': '20' };
  const used = makePod('used', { nodeName: 'n', requests: { cpu: '5m', memory: '19' } });
  const cases: [string, Pod, Pod[], ResourceList, string[]][] = [
    ['no resources requested always fits', makePod('p'), [used], alloc, []],
    ['too many resources fails', makePod('p', { requests: { cpu: '1m', memory: '1' } }), [makePod('full', { nodeName: 'n', requests: { cpu: '10m', memory: '20' } })], alloc, ['Insufficient cpu', 'Insufficient memory']],
    ['too many resources fails due to init container cpu', makePod('p', { requests: { cpu: '1m', memory: '1' }, initContainers: [{ requests: { cpu: '3m', memory: '1' } }] }), [makePod('u', { nodeName: 'n', requests: { cpu: '8m', memory: '19' } })], alloc, ['Insufficient cpu']],
    ['the highest init container decides', makePod('p', { requests: { cpu: '1m', memory: '1' }, initContainers: [{ requests: { cpu: '3m', memory: '1' } }, { requests: { cpu: '2m', memory: '1' } }] }), [makePod('u', { nodeName: 'n', requests: { cpu: '8m', memory: '19' } })], alloc, ['Insufficient cpu']],
    ['init containers fit when below the app sum', makePod('p', { requests: { cpu: '1m', memory: '1' }, initContainers: [{ requests: { cpu: '1m', memory: '1' } }] }), [used], alloc, []],
    ['equal edge case', makePod('p', { requests: { cpu: '5m', memory: '1' } }), [used], alloc, []],
    ['one resource memory fits', makePod('p', { requests: { cpu: '2m', memory: '1' } }), [makePod('u', { nodeName: 'n', requests: { cpu: '9m', memory: '5' } })], alloc, ['Insufficient cpu']],
    ['one resource cpu fits', makePod('p', { requests: { cpu: '1m', memory: '2' } }), [used], alloc, ['Insufficient memory']],
    ['extended resource fits', makePod('p', { requests: { 'example.com/foo': '1' } }), [], alloc, []],
    ['extended resource capacity enforced', makePod('p', { requests: { 'example.com/foo': '10' } }), [], alloc, ['Insufficient example.com/foo']],
    ['extended resource absent from the node', makePod('p', { requests: { 'example.com/bar': '1' } }), [], alloc, ['Insufficient example.com/bar']],
    ['ephemeral storage is checked', makePod('p', { requests: { 'ephemeral-storage': '25' } }), [], alloc, ['Insufficient ephemeral-storage']],
    ['too many pods', makePod('p'), [makePod('u', { nodeName: 'n' })], { ...alloc, pods: '1' }, ['Too many pods']],
    ['too many pods and resources: all reasons, pods first', makePod('p', { requests: { cpu: '20m' } }), [makePod('u', { nodeName: 'n' })], { ...alloc, pods: '1' }, ['Too many pods', 'Insufficient cpu']],
    ['pod overhead is added', makePod('p', { requests: { cpu: '3m', memory: '1' }, overhead: { cpu: '3m' } }), [used], alloc, ['Insufficient cpu']],
    ['a sidecar adds to the app containers', makePod('p', { requests: { cpu: '3m' }, initContainers: [{ restartPolicy: 'Always', requests: { cpu: '3m' } }] }), [used], alloc, ['Insufficient cpu']],
    [
      'an init container after a sidecar needs room next to it',
      makePod('p', { requests: { cpu: '1m' }, initContainers: [{ restartPolicy: 'Always', requests: { cpu: '2m' } }, { requests: { cpu: '4m' } }] }),
      [used],
      alloc,
      ['Insufficient cpu'],
    ],
    ['Succeeded pods do not take room', makePod('p', { requests: { cpu: '5m' } }), [makePod('done', { nodeName: 'n', requests: { cpu: '10m' }, phase: 'Succeeded' })], alloc, []],
    ['terminating pods still take room', makePod('p', { requests: { cpu: '5m' } }), [makePod('t', { nodeName: 'n', requests: { cpu: '10m' }, deletionTimestamp: '1970-01-01T00:00:05Z' })], alloc, ['Insufficient cpu']],
  ];
  it.each(cases)('%s', (_name, pod, existing, allocatable, reasons) => {
    const v = filterVerdict(NodeResourcesFit, pod, [node(allocatable)], existing);
    if (reasons.length === 0) expect(v?.code).toBe('Success');
    else expect(v).toEqual({ plugin: NodeResourcesFit, code: expect.stringMatching(/^Unschedulable/), reasons });
  });

  // kubernetes#131345 (v1.34): a request above the node's whole allocatable cannot be helped by preemption.
  it.each([
    ['a request above what is left: Unschedulable', { cpu: '6m' }, 'Unschedulable'],
    ['a request above the whole allocatable: UnschedulableAndUnresolvable', { cpu: '11m' }, 'UnschedulableAndUnresolvable'],
    ['one unresolvable resource decides for all', { cpu: '3m', memory: '21' }, 'UnschedulableAndUnresolvable'],
    ['an extended resource the node lacks entirely', { 'example.com/bar': '1' }, 'UnschedulableAndUnresolvable'],
  ] as [string, ResourceList, string][])('%s', (_name, requests, code) => {
    const v = filterVerdict(NodeResourcesFit, makePod('p', { requests }), [node(alloc)], [used]);
    expect(v?.code).toBe(code);
  });
});

// Modeled on upstream least_allocated_test.go and balanced_allocation_test.go.
describe('NodeResourcesFit Score (LeastAllocated) and BalancedAllocation', () => {
  const nodes = [makeNode('n1', { allocatable: { cpu: '4', memory: '10000', pods: '110' } }), makeNode('n2', { allocatable: { cpu: '6', memory: '10000', pods: '110' } })];
  const cases: [string, Pod, Pod[], Record<string, number>, Record<string, number | undefined>][] = [
    [
      'nothing scheduled, resources requested, differently sized nodes',
      makePod('p', { containers: [{ requests: { cpu: '1', memory: '2000' } }, { requests: { cpu: '2', memory: '3000' } }] }),
      [],
      { n1: 37, n2: 50 },
      { n1: 87, n2: 100 },
    ],
    [
      'resources requested, pods scheduled with resources',
      makePod('p', { requests: { cpu: '1', memory: '2000' } }),
      [makePod('a', { nodeName: 'n1', requests: { cpu: '2', memory: '5000' } }), makePod('b', { nodeName: 'n2', requests: { cpu: '3', memory: '1000' } })],
      // n1: cpu 1000/4000 left -> 25, memory 3000/10000 -> 30, mean 27; n2: cpu 2000/6000 -> 33, memory 7000/10000 -> 70, mean 51.
      { n1: 27, n2: 51 },
      // n1: fractions .75 and .7 -> 97; n2: .666 and .3 -> 81.
      { n1: 97, n2: 81 },
    ],
  ];
  it.each(cases)('%s', (_name, pod, existing, least, balanced) => {
    expect(scores(NodeResourcesFit, pod, nodes, existing)).toEqual(least);
    expect(scores(NodeResourcesBalancedAllocation, pod, nodes, existing)).toEqual(balanced);
  });

  it('LeastAllocated counts 100m / 200Mi for containers that request nothing', () => {
    const big = [makeNode('a', { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } }), makeNode('b', { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } })];
    const a = schedulePod(makePod('p'), { nodes: big, pods: [] });
    // cpu (2000-100)/2000 -> 95, memory (4096-200)/4096 -> 95.
    expect(rawScoreOf(a, 'a', NodeResourcesFit)).toBe(95);
  });

  it('BalancedAllocation skips best-effort pods', () => {
    const a = schedulePod(makePod('p'), { nodes, pods: [] });
    expect(a.nodes[0].scores.map((s) => s.plugin)).not.toContain(NodeResourcesBalancedAllocation);
  });
});
