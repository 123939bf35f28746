import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { schedulePod, Scheduler } from '../scheduler';
import { antiAffinity, makeNode, makePod } from '../testing';
import { pickOneNodeForPreemption, type Candidate } from './defaultpreemption';
import { podInfoOf } from '../framework/pod_info';

const cpu = (v: string) => ({ cpu: v });

// Modeled on upstream default_preemption_test.go TestPostFilter / TestSelectBestCandidate.
describe('DefaultPreemption PostFilter', () => {
  const node = makeNode('n1', { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } });
  const cases: [string, Pod, Pod[], { message: string; nominated?: string; victims?: string[] }][] = [
    [
      'a lower-priority pod is evicted; the message has no preemption part',
      makePod('high', { priority: 100, requests: cpu('1500m') }),
      [makePod('low', { nodeName: 'n1', priority: 1, requests: cpu('1') })],
      { message: '0/1 nodes are available: 1 Insufficient cpu.', nominated: 'n1', victims: ['default/low'] },
    ],
    [
      'a pod of the same priority is no victim',
      makePod('same', { requests: cpu('1500m') }),
      [makePod('low', { nodeName: 'n1', requests: cpu('1') })],
      { message: '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.' },
    ],
    [
      'evicting every lower-priority pod would not help: the filter reason is given',
      makePod('big', { priority: 100, requests: cpu('1500m') }),
      [makePod('low', { nodeName: 'n1', priority: 1, requests: cpu('500m') }), makePod('peer', { nodeName: 'n1', priority: 100, requests: cpu('1') })],
      { message: '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Insufficient cpu.' },
    ],
    [
      'a request above the whole node is not helped by preemption (v1.34)',
      makePod('huge', { priority: 100, requests: cpu('3') }),
      [makePod('low', { nodeName: 'n1', priority: 1, requests: cpu('1') })],
      { message: '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.' },
    ],
    [
      'preemptionPolicy Never',
      makePod('polite', { priority: 100, preemptionPolicy: 'Never', requests: cpu('1500m') }),
      [makePod('low', { nodeName: 'n1', priority: 1, requests: cpu('1') })],
      { message: '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.' },
    ],
    [
      'as few victims as possible, the least important first',
      makePod('high', { priority: 100, requests: cpu('1') }),
      [
        makePod('p1', { nodeName: 'n1', priority: 1, requests: cpu('500m') }),
        makePod('p2', { nodeName: 'n1', priority: 2, requests: cpu('500m') }),
        makePod('p3', { nodeName: 'n1', priority: 3, requests: cpu('500m') }),
      ],
      { message: '0/1 nodes are available: 1 Insufficient cpu.', nominated: 'n1', victims: ['default/p1'] },
    ],
    [
      'a lower-priority pod blocking by anti-affinity is a victim',
      makePod('high', { priority: 100, affinity: antiAffinity({ app: 'x' }) }),
      [makePod('low', { nodeName: 'n1', priority: 1, labels: { app: 'x' } })],
      { message: "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules.", nominated: 'n1', victims: ['default/low'] },
    ],
  ];
  it.each(cases)('%s', (_name, pod, existing, want) => {
    const a = schedulePod(pod, { nodes: [node], pods: existing });
    expect(a.message).toBe(want.message);
    if (want.nominated) expect(a.preemption).toMatchObject({ nominatedNodeName: want.nominated, victims: want.victims });
    else expect(a.preemption?.nominatedNodeName ?? '').toBe('');
  });

  it('unresolvable nodes are not tried', () => {
    const nodes = [node, makeNode('n2', { taints: [{ key: 'k', effect: 'NoSchedule' }] })];
    const a = schedulePod(makePod('high', { priority: 100, requests: cpu('1500m') }), { nodes, pods: [makePod('same', { nodeName: 'n1', priority: 100, requests: cpu('1') })] });
    expect(a.message).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {k: }. no new claims to deallocate, preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
  });

  it('picks the node whose most important victim matters least', () => {
    const nodes = [makeNode('a'), makeNode('b')];
    const pods = [makePod('mid', { nodeName: 'a', priority: 50, requests: cpu('2') }), makePod('low', { nodeName: 'b', priority: 10, requests: cpu('2') })];
    const a = schedulePod(makePod('high', { priority: 100, requests: cpu('1') }), { nodes, pods });
    expect(a.preemption).toMatchObject({ nominatedNodeName: 'b', victims: ['default/low'] });
  });

  it.each([
    ['the default scheduler', undefined, 'default-scheduler: preempting to accommodate a higher priority pod'],
    ['a pod naming its scheduler', 'default-scheduler', 'default-scheduler: preempting to accommodate a higher priority pod'],
  ] as [string, string | undefined, string][])('victims get DisruptionTarget naming %s', (_name, schedulerName, message) => {
    const nodes = [makeNode('a')];
    const pods = [makePod('low', { nodeName: 'a', priority: 10, requests: cpu('2') })];
    const high = makePod('high', { priority: 100, requests: cpu('1') });
    if (schedulerName) high.spec.schedulerName = schedulerName;
    const a = schedulePod(high, { nodes, pods });
    expect(a.preemption?.victimCondition).toEqual({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message });
  });

  it('a nominated pod keeps its room from lower-priority pods', () => {
    const s = Scheduler.fromSnapshot({ nodes: [makeNode('a')], pods: [] });
    s.setNominatedNode(makePod('vip', { priority: 100, requests: cpu('1500m') }), 'a');
    const r = s.schedule(makePod('small', { priority: 1, requests: cpu('1') }));
    expect(r.message).toBe('0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    expect(s.schedule(makePod('peer', { priority: 100, requests: cpu('300m') })).nodeName).toBe('a');
  });
});

describe('pickOneNodeForPreemption', () => {
  const v = (name: string, priority: number, startTime?: string) => podInfoOf(makePod(name, { priority, startTime }));
  const cases: [string, Candidate[], string][] = [
    ['fewest PDB violations', [{ node: 'a', victims: [v('a1', 1)], numPDBViolations: 1 }, { node: 'b', victims: [v('b1', 5)], numPDBViolations: 0 }], 'b'],
    ['lowest highest-priority victim', [{ node: 'a', victims: [v('a1', 5)], numPDBViolations: 0 }, { node: 'b', victims: [v('b1', 3), v('b2', 3)], numPDBViolations: 0 }], 'b'],
    ['smallest priority sum', [{ node: 'a', victims: [v('a1', 3), v('a2', 3)], numPDBViolations: 0 }, { node: 'b', victims: [v('b1', 3), v('b2', 1)], numPDBViolations: 0 }], 'b'],
    // Every victim adds MaxInt32+1 to the sum, so fewer victims usually win already here.
    ['the sum counts victims too', [{ node: 'a', victims: [v('a1', 3), v('a2', 0)], numPDBViolations: 0 }, { node: 'b', victims: [v('b1', 3)], numPDBViolations: 0 }], 'b'],
    [
      'latest start of the most important victims',
      [
        { node: 'a', victims: [v('a1', 3, '1970-01-01T00:00:10Z')], numPDBViolations: 0 },
        { node: 'b', victims: [v('b1', 3, '1970-01-01T00:00:20Z')], numPDBViolations: 0 },
      ],
      'b',
    ],
    ['otherwise the first candidate', [{ node: 'a', victims: [v('a1', 3)], numPDBViolations: 0 }, { node: 'b', victims: [v('b1', 3)], numPDBViolations: 0 }], 'a'],
  ];
  it.each(cases)('%s', (_name, candidates, want) => {
    expect(pickOneNodeForPreemption(candidates)?.node).toBe(want);
  });
});
