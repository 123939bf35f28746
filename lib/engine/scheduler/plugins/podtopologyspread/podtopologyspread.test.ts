import { describe, expect, it } from 'vitest';
import type { Node, Pod, TopologySpreadConstraint } from '../../../api/types';
import { schedulePod } from '../../scheduler';
import { makeNode, makePod, scores, verdictOf } from '../../testing';
import { PodTopologySpread } from '../names';

const LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";

const hard = (topologyKey: string, maxSkew = 1, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] },
  ...extra,
});

function zonedNodes(): Node[] {
  return [
    makeNode('node-a', { labels: { zone: 'zone1' } }),
    makeNode('node-b', { labels: { zone: 'zone1' } }),
    makeNode('node-x', { labels: { zone: 'zone2' } }),
    makeNode('node-y', { labels: { zone: 'zone2' } }),
  ];
}

function placed(counts: Record<string, number>, labels: Record<string, string> = { foo: '' }, extra: Partial<Parameters<typeof makePod>[1]> = {}): Pod[] {
  const out: Pod[] = [];
  for (const [node, n] of Object.entries(counts)) for (let i = 0; i < n; i++) out.push(makePod(`${node}-${i}`, { nodeName: node, labels, ...extra }));
  return out;
}

function verdicts(pod: Pod, nodes: Node[], pods: Pod[]): Record<string, string> {
  const a = schedulePod(pod, { nodes, pods });
  return Object.fromEntries(nodes.map((n) => {
    const v = verdictOf(a, n.metadata.name!, PodTopologySpread);
    return [n.metadata.name!, v?.code === 'Success' || v?.code === 'Skip' ? 'fits' : v!.reasons[0] === LABEL ? 'label' : 'skew'];
  }));
}

// Modeled on upstream filtering_test.go TestSingleConstraint / TestMultipleConstraints.
describe('PodTopologySpread Filter', () => {
  const cases: [string, Pod, Node[], Pod[], Record<string, string>][] = [
    ['no existing pods: every node fits', makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone')] }), zonedNodes(), [], { 'node-a': 'fits', 'node-b': 'fits', 'node-x': 'fits', 'node-y': 'fits' }],
    ['a pod not matching its own selector counts 0 for itself', makePod('p', { topologySpreadConstraints: [hard('zone')] }), zonedNodes(), placed({ 'node-a': 1 }), { 'node-a': 'fits', 'node-b': 'fits', 'node-x': 'fits', 'node-y': 'fits' }],
    ['pods of other namespaces do not count', makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone')] }), zonedNodes(), placed({ 'node-a': 2 }, { foo: '' }, { namespace: 'other' }), { 'node-a': 'fits', 'node-b': 'fits', 'node-x': 'fits', 'node-y': 'fits' }],
    ['zones 3/1: only the emptier zone fits', makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone')] }), zonedNodes(), placed({ 'node-a': 2, 'node-b': 1, 'node-x': 1 }), { 'node-a': 'skew', 'node-b': 'skew', 'node-x': 'fits', 'node-y': 'fits' }],
    [
      'a node without the topology label is unresolvable',
      makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone')] }),
      [makeNode('node-a', { labels: { zone: 'zone1' } }), makeNode('node-b')],
      [],
      { 'node-a': 'fits', 'node-b': 'label' },
    ],
    ['hostname spread 2/1/0/3 with maxSkew 1: only the empty node fits', makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('kubernetes.io/hostname')] }), zonedNodes(), placed({ 'node-a': 2, 'node-b': 1, 'node-y': 3 }), { 'node-a': 'skew', 'node-b': 'skew', 'node-x': 'fits', 'node-y': 'skew' }],
    ['hostname spread 2/1/0/3 with maxSkew 2', makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('kubernetes.io/hostname', 2)] }), zonedNodes(), placed({ 'node-a': 2, 'node-b': 1, 'node-y': 3 }), { 'node-a': 'skew', 'node-b': 'fits', 'node-x': 'fits', 'node-y': 'skew' }],
    ['terminating pods do not count', makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone')] }), zonedNodes(), placed({ 'node-a': 3 }, { foo: '' }, { deletionTimestamp: '1970-01-01T00:00:01Z' }), { 'node-a': 'fits', 'node-b': 'fits', 'node-x': 'fits', 'node-y': 'fits' }],
    [
      'minDomains above the number of domains makes the global minimum 0',
      makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone', 1, { minDomains: 3 })] }),
      zonedNodes(),
      placed({ 'node-a': 1, 'node-x': 1 }),
      { 'node-a': 'skew', 'node-b': 'skew', 'node-x': 'skew', 'node-y': 'skew' },
    ],
    [
      'nodeAffinityPolicy Honor (default): nodes the pod cannot use are no domain',
      makePod('p', { labels: { foo: '' }, nodeSelector: { zone: 'zone1' }, topologySpreadConstraints: [hard('zone')] }),
      zonedNodes(),
      placed({ 'node-a': 1 }),
      { 'node-a': 'fits', 'node-b': 'fits', 'node-x': 'fits', 'node-y': 'fits' },
    ],
    [
      'nodeAffinityPolicy Ignore: every node is a domain',
      makePod('p', { labels: { foo: '' }, nodeSelector: { zone: 'zone1' }, topologySpreadConstraints: [hard('zone', 1, { nodeAffinityPolicy: 'Ignore' })] }),
      zonedNodes(),
      placed({ 'node-a': 1 }),
      { 'node-a': 'skew', 'node-b': 'skew', 'node-x': 'fits', 'node-y': 'fits' },
    ],
    [
      'nodeTaintsPolicy Honor: a tainted zone is no domain',
      makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone', 1, { nodeTaintsPolicy: 'Honor' })] }),
      [makeNode('node-a', { labels: { zone: 'zone1' } }), makeNode('node-x', { labels: { zone: 'zone2' }, taints: [{ key: 'k', effect: 'NoSchedule' }] })],
      placed({ 'node-a': 1 }),
      { 'node-a': 'fits', 'node-x': 'fits' },
    ],
    [
      'nodeTaintsPolicy Ignore (default): the tainted zone still counts',
      makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone')] }),
      [makeNode('node-a', { labels: { zone: 'zone1' } }), makeNode('node-x', { labels: { zone: 'zone2' }, taints: [{ key: 'k', effect: 'NoSchedule' }] })],
      placed({ 'node-a': 1 }),
      { 'node-a': 'skew', 'node-x': 'fits' },
    ],
    [
      'two constraints must both hold',
      makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [hard('zone'), hard('kubernetes.io/hostname')] }),
      zonedNodes(),
      placed({ 'node-a': 1, 'node-x': 1 }),
      { 'node-a': 'skew', 'node-b': 'fits', 'node-x': 'skew', 'node-y': 'fits' },
    ],
  ];
  it.each(cases)('%s', (_name, pod, nodes, pods, want) => {
    expect(verdicts(pod, nodes, pods)).toEqual(want);
  });
});

// Modeled on upstream scoring_test.go TestPodTopologySpreadScore.
describe('PodTopologySpread Score', () => {
  const soft = (topologyKey: string, maxSkew = 1): TopologySpreadConstraint => ({ maxSkew, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchExpressions: [{ key: 'foo', operator: 'Exists' }] } });
  const nodes = ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => makeNode(n));
  it.each([
    ['no existing pods: all equal', {}, { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 }],
    ['the same number everywhere: all equal', { 'node-a': 1, 'node-b': 1, 'node-c': 1, 'node-d': 1 }, { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 }],
    ['2/1/0/3: fewer matching pods, higher score', { 'node-a': 2, 'node-b': 1, 'node-d': 3 }, { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 }],
  ] as [string, Record<string, number>, Record<string, number>][])('%s', (_name, counts, want) => {
    const pod = makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [soft('kubernetes.io/hostname')] });
    expect(scores(PodTopologySpread, pod, nodes, placed(counts))).toEqual(want);
  });

  it('system defaults spread the pods of a ReplicaSet by hostname', () => {
    const owner = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }];
    const two = [makeNode('a'), makeNode('b')];
    const existing = placed({ a: 2 }, { app: 'web' }, { ownerReferences: owner });
    const pod = makePod('new', { labels: { app: 'web' }, ownerReferences: owner });
    const a = schedulePod(pod, { nodes: two, pods: existing, replicaSets: [{ metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } }] });
    expect(a.nodes.map((n) => n.scores.find((s) => s.plugin === PodTopologySpread)?.normalized)).toEqual([40, 100]);
    expect(a.nodeName).toBe('b');
  });

  it('system defaults spread by zone as well when the nodes carry zones', () => {
    const owner = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }];
    const nodes = [
      makeNode('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }),
      makeNode('b', { labels: { 'topology.kubernetes.io/zone': 'z1' } }),
      makeNode('c', { labels: { 'topology.kubernetes.io/zone': 'z2' } }),
    ];
    const a = schedulePod(makePod('new', { labels: { app: 'web' }, ownerReferences: owner }), {
      nodes,
      pods: placed({ a: 1, b: 1 }, { app: 'web' }, { ownerReferences: owner }),
      replicaSets: [{ metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } }],
    });
    // a: 1*log(5)+2 + 2*log(4)+4 = 10.38 -> 10; c: 0+2 + 0+4 = 6; normalized 100*(10+6-s)/10.
    expect(a.nodes.map((n) => n.scores.find((s) => s.plugin === PodTopologySpread)?.normalized)).toEqual([60, 60, 100]);
  });

  it('system defaults do not apply to a pod no Service or controller selects', () => {
    const pod = makePod('new', { labels: { app: 'web' } });
    expect(scores(PodTopologySpread, pod, [makeNode('a'), makeNode('b')], placed({ a: 2 }, { app: 'web' }))).toEqual({ a: undefined, b: undefined });
  });

  it('a Service selecting the pod brings the system defaults', () => {
    const pod = makePod('new', { labels: { app: 'web' } });
    const a = schedulePod(pod, { nodes: [makeNode('a'), makeNode('b')], pods: placed({ a: 2 }, { app: 'web' }), services: [{ metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } }] });
    expect(a.nodeName).toBe('b');
  });
});
