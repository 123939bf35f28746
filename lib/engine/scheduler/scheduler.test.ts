import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { NodeToStatus } from './framework/node_to_status';
import { fitErrorMessage, newDiagnosis, sortedReasons } from './framework/fit_error';
import { Status } from './framework/status';
import { numFeasibleNodesToFind, selectHost, truncateMessage } from './schedule_one';
import { schedulePod, Scheduler } from './scheduler';
import { antiAffinity, defaultCluster, makeNode, makePod } from './testing';

const PREEMPTION_NOT_HELPFUL = (n: number) => `no new claims to deallocate, preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;

describe('FitError message (framework.FitError.Error)', () => {
  it.each([
    ['reasons are counted per node and joined', [['a', ['Insufficient cpu']], ['b', ['Insufficient cpu']]], 2, ['2 Insufficient cpu']],
    ['a node with two reasons counts for both', [['a', ['Insufficient cpu', 'Insufficient memory']], ['b', ['Insufficient memory']]], 2, ['1 Insufficient cpu', '2 Insufficient memory']],
    ['sorted as strings: 10 before 9', [...Array.from({ length: 10 }, (_, i) => [`a${i}`, ['zzz']]), ...Array.from({ length: 9 }, (_, i) => [`b${i}`, ['aaa']])], 19, ['10 zzz', '9 aaa']],
  ] as [string, [string, string[]][], number, string[]][])('%s', (_name, statuses, n, want) => {
    const m = new NodeToStatus();
    for (const [node, reasons] of statuses) m.set(node, new Status('Unschedulable', reasons));
    expect(sortedReasons(m, n)).toEqual(want);
  });

  it('absent nodes take the absent status reasons', () => {
    const m = new NodeToStatus();
    m.set('a', new Status('Unschedulable', ['x']));
    m.absent = new Status('UnschedulableAndUnresolvable', ['y']);
    expect(fitErrorMessage(3, newDiagnosis(m))).toBe('0/3 nodes are available: 1 x, 2 y.');
  });

  it('a PreFilter message replaces the node reasons; PostFilter follows', () => {
    const d = newDiagnosis(new NodeToStatus());
    d.preFilterMsg = 'pod affinity terms conflict';
    d.postFilterMsg = 'preemption: not eligible';
    expect(fitErrorMessage(2, d)).toBe('0/2 nodes are available: pod affinity terms conflict. preemption: not eligible');
  });

  it('truncates to 1024 bytes with " ..."', () => {
    const long = 'x'.repeat(2000);
    const t = truncateMessage(long);
    expect(t.length).toBe(1024);
    expect(t.endsWith('x ...')).toBe(true);
    expect(truncateMessage('short')).toBe('short');
  });
});

describe('schedulePod: FailedScheduling messages of the v1.34 scheduler', () => {
  const cases: [string, Pod, Node[], Pod[], string][] = [
    [
      'nodeSelector matching no node',
      makePod('fastio', { nodeSelector: { disk: 'ssd' } }),
      [makeNode('w1', { labels: { disk: 'hdd' } }), makeNode('w2', { labels: { disk: 'hdd' } })],
      [],
      `0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. ${PREEMPTION_NOT_HELPFUL(2)}`,
    ],
    [
      'insufficient memory on the workers, control-plane taint',
      makePod('report', { requests: { memory: '1536Mi' } }),
      defaultCluster(),
      [makePod('cache-a', { nodeName: 'node01', requests: { memory: '3Gi' } }), makePod('cache-b', { nodeName: 'node02', requests: { memory: '3Gi' } })],
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
    [
      'anti-affinity with a pod on every node',
      makePod('ring-3', { labels: { app: 'ring' }, affinity: antiAffinity({ app: 'ring' }) }),
      [makeNode('a'), makeNode('b'), makeNode('c')],
      ['a', 'b', 'c'].map((n) => makePod(`ring-${n}`, { nodeName: n, labels: { app: 'ring' }, affinity: antiAffinity({ app: 'ring' }) })),
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    ],
    [
      'too many pods',
      makePod('p'),
      [makeNode('a', { allocatable: { cpu: '2', memory: '4Gi', pods: '1' } })],
      [makePod('x', { nodeName: 'a' })],
      '0/1 nodes are available: 1 Too many pods. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ],
    [
      'cordoned and tainted nodes',
      makePod('p'),
      [makeNode('a', { unschedulable: true }), makeNode('b', { taints: [{ key: 'team', value: 'blue', effect: 'NoSchedule' }] })],
      [],
      `0/2 nodes are available: 1 node(s) had untolerated taint {team: blue}, 1 node(s) were unschedulable. ${PREEMPTION_NOT_HELPFUL(2)}`,
    ],
    ['no nodes at all', makePod('p'), [], [], 'no nodes available to schedule pods'],
  ];
  it.each(cases)('%s', (_name, pod, nodes, pods, message) => {
    const a = schedulePod(pod, { nodes, pods });
    expect(a.nodeName).toBeUndefined();
    expect(a.message).toBe(message);
  });

  it('names the plugins that rejected the pod, for the queue', () => {
    const a = schedulePod(makePod('p', { requests: { memory: '5Gi' } }), { nodes: defaultCluster(), pods: [] });
    expect(a.unschedulablePlugins).toEqual(['NodeResourcesFit', 'TaintToleration']);
  });
});

describe('schedulePod: placement and the explanation', () => {
  it('lists every node in snapshot order with each filter verdict', () => {
    const a = schedulePod(makePod('p'), { nodes: defaultCluster(), pods: [] });
    expect(a.nodes.map((n) => [n.node, n.feasible])).toEqual([
      ['controlplane', false],
      ['node01', true],
      ['node02', true],
    ]);
    expect(a.nodes[0].filters.find((f) => f.code !== 'Success' && f.code !== 'Skip')).toEqual({
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    });
  });

  it('gives weighted scores and a total per feasible node', () => {
    const a = schedulePod(makePod('p', { requests: { cpu: '500m', memory: '1Gi' } }), { nodes: [makeNode('a'), makeNode('b')], pods: [] });
    const n = a.nodes[0];
    expect(n.scores.map((s) => [s.plugin, s.weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeResourcesFit', 1],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ]);
    expect(n.total).toBe(n.scores.reduce((t, s) => t + s.weighted, 0));
    expect(n.scores[0]).toEqual({ plugin: 'TaintToleration', raw: 0, normalized: 100, weight: 3, weighted: 300 });
  });

  it('equal totals go to the first node', () => {
    expect(schedulePod(makePod('p'), { nodes: [makeNode('b'), makeNode('a')], pods: [] }).nodeName).toBe('b');
  });

  it('pods already placed push the next one elsewhere (LeastAllocated)', () => {
    const a = schedulePod(makePod('p'), { nodes: defaultCluster(), pods: [makePod('x', { nodeName: 'node01' })] });
    expect(a.nodeName).toBe('node02');
  });

  it('a single feasible node is taken without scoring', () => {
    const a = schedulePod(makePod('p', { nodeSelector: { 'kubernetes.io/hostname': 'node02' } }), { nodes: defaultCluster(), pods: [] });
    expect(a.nodeName).toBe('node02');
    expect(a.nodes.every((n) => n.scores.length === 0)).toBe(true);
  });

  it('the nominated node is tried first', () => {
    const pod = makePod('p', { nominatedNodeName: 'node02' });
    expect(schedulePod(pod, { nodes: defaultCluster(), pods: [makePod('x', { nodeName: 'node02' })] }).nodeName).toBe('node02');
  });
});

describe('numFeasibleNodesToFind (percentageOfNodesToScore)', () => {
  it.each([
    [0, 10, 10],
    [0, 99, 99],
    [0, 100, 100],
    [0, 1000, 420],
    [0, 5000, 500],
    [0, 6000, 300],
    [0, 20000, 1000],
    [40, 1000, 400],
    [1, 1000, 100],
  ])('percentage %i of %i nodes: %i', (pct, n, want) => {
    expect(numFeasibleNodesToFind(pct, n)).toBe(want);
  });

  it('selectHost takes the first of the best', () => {
    expect(selectHost([5, 9, 9, 1])).toBe(1);
  });
});

describe('Scheduler (incremental)', () => {
  it('agrees with schedulePod as pods are assumed one by one', () => {
    const nodes = [makeNode('a'), makeNode('b'), makeNode('c')];
    const s = new Scheduler();
    for (const n of nodes) s.addNode(n);
    const placed: Pod[] = [];
    for (let i = 0; i < 12; i++) {
      const pod = makePod(`p${i}`, { labels: { app: i % 2 ? 'x' : 'y' }, requests: { cpu: `${100 + 50 * (i % 3)}m` } });
      const want = schedulePod(pod, { nodes, pods: placed }).nodeName;
      const got = s.schedule(pod).nodeName;
      expect(got).toBe(want);
      s.assume(pod, got!);
      placed.push({ ...pod, spec: { ...pod.spec, nodeName: got } });
    }
  });

  it('forgets removed pods and nodes', () => {
    const s = Scheduler.fromSnapshot({ nodes: [makeNode('a', { allocatable: { cpu: '1', memory: '1Gi', pods: '110' } })], pods: [] });
    const big = makePod('big', { nodeName: 'a', requests: { cpu: '1' } });
    s.addPod(big);
    expect(s.schedule(makePod('p', { requests: { cpu: '500m' } })).nodeName).toBeUndefined();
    s.removePod(big);
    expect(s.schedule(makePod('p', { requests: { cpu: '500m' } })).nodeName).toBe('a');
    s.removeNode('a');
    expect(s.schedule(makePod('p')).message).toBe('no nodes available to schedule pods');
  });

  it('sees node updates (a label added later)', () => {
    const n = makeNode('a');
    const s = Scheduler.fromSnapshot({ nodes: [n], pods: [] });
    const pod = makePod('pg', { nodeSelector: { tier: 'db' } });
    expect(s.schedule(pod).nodeName).toBeUndefined();
    s.updateNode({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, tier: 'db' } } });
    expect(s.schedule(pod).nodeName).toBe('a');
  });

  it('keeps anti-affinity counts right when pods move domains with a node relabel', () => {
    const a = makeNode('a', { labels: { zone: 'z1' } });
    const b = makeNode('b', { labels: { zone: 'z2' } });
    const s = Scheduler.fromSnapshot({ nodes: [a, b], pods: [makePod('x', { nodeName: 'a', labels: { app: 'x' } })] });
    const pod = makePod('y', { affinity: antiAffinity({ app: 'x' }, 'zone') });
    expect(s.schedule(pod).nodeName).toBe('b');
    s.updateNode({ ...b, metadata: { ...b.metadata, labels: { ...b.metadata.labels, zone: 'z1' } } });
    expect(s.schedule(pod).message).toMatch(/^0\/2 nodes are available: 2 node\(s\) didn't match pod anti-affinity rules\./);
  });

  it('rotates the filter start over large clusters (nextStartNodeIndex)', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`));
    const s = Scheduler.fromSnapshot({ nodes, pods: [] });
    const first = s.schedule(makePod('p1'));
    // 300 nodes: 50 - 300/125 = 48%, so the search stops after 144 feasible nodes.
    expect(first.feasibleNodes).toBe(144);
    const second = s.schedule(makePod('p2'));
    expect(first.nodeName).toBe('n000');
    expect(second.nodeName).toBe('n144');
  });
});
