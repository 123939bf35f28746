import { describe, expect, it } from 'vitest';
import type { Affinity, Labels, Node, Pod } from '../../../api/types';
import { schedulePod } from '../../scheduler';
import { antiAffinity, filterVerdict, makeNode, makePod, podAffinity, scores, verdictOf } from '../../testing';
import { InterPodAffinity } from '../names';

const NOT_AFFINITY = "node(s) didn't match pod affinity rules";
const NOT_ANTI = "node(s) didn't match pod anti-affinity rules";
const NOT_EXISTING = "node(s) didn't satisfy existing pods anti-affinity rules";

const inExpr = (key: string, values: string[], topologyKey = 'region'): Affinity['podAffinity'] => ({
  requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key, operator: 'In', values }] }, topologyKey }],
});

// Modeled on upstream filtering_test.go TestRequiredAffinitySingleNode / MultipleNodes.
describe('InterPodAffinity Filter, one node', () => {
  const n = makeNode('machine1', { labels: { region: 'r1', zone: 'z11' } });
  const cases: [string, Pod, Pod[], string | null][] = [
    ['no affinity, no pods: fits', makePod('p'), [], null],
    ['affinity In matching an existing pod', makePod('p', { affinity: { podAffinity: inExpr('service', ['securityscan', 'value2']) } }), [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' } })], null],
    [
      'affinity does not reach another namespace',
      makePod('p', { affinity: { podAffinity: inExpr('service', ['securityscan']) } }),
      [makePod('e', { nodeName: 'machine1', namespace: 'other', labels: { service: 'securityscan' } })],
      NOT_AFFINITY,
    ],
    [
      'affinity listing the namespace reaches it',
      makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { service: 'securityscan' } }, namespaces: ['other'], topologyKey: 'region' }] } } }),
      [makePod('e', { nodeName: 'machine1', namespace: 'other', labels: { service: 'securityscan' } })],
      null,
    ],
    [
      'an empty namespaceSelector reaches every namespace',
      makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { service: 'securityscan' } }, namespaceSelector: {}, topologyKey: 'region' }] } } }),
      [makePod('e', { nodeName: 'machine1', namespace: 'other', labels: { service: 'securityscan' } })],
      null,
    ],
    ['unmatching labelSelector', makePod('p', { labels: { x: 'y' }, affinity: { podAffinity: inExpr('service', ['antivirusscan']) } }), [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' } })], NOT_AFFINITY],
    ['a nil labelSelector matches no pod', makePod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'region' }] } } }), [makePod('e', { nodeName: 'machine1', labels: { a: 'b' } })], NOT_AFFINITY],
    ['the node must have the topology key', makePod('p', { affinity: podAffinity({ service: 'securityscan' }, 'rack') }), [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' } })], NOT_AFFINITY],
    ['anti-affinity against a pod on the node', makePod('p', { affinity: antiAffinity({ service: 'securityscan' }, 'zone') }), [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' } })], NOT_ANTI],
    ['anti-affinity with another topology key value elsewhere is fine', makePod('p', { affinity: antiAffinity({ service: 'other' }, 'zone') }), [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' } })], null],
    [
      "an existing pod's anti-affinity is respected even when the pod has none (symmetry)",
      makePod('p', { labels: { service: 'securityscan' } }),
      [makePod('e', { nodeName: 'machine1', affinity: antiAffinity({ service: 'securityscan' }, 'zone') })],
      NOT_EXISTING,
    ],
    [
      'the first pod of a self-affine group is not blocked',
      makePod('p', { labels: { service: 'securityscan' }, affinity: podAffinity({ service: 'securityscan' }, 'region') }),
      [],
      null,
    ],
    [
      'but a pod not matching its own affinity is',
      makePod('p', { labels: { service: 'other' }, affinity: podAffinity({ service: 'securityscan' }, 'region') }),
      [],
      NOT_AFFINITY,
    ],
    [
      'affinity is checked before anti-affinity',
      makePod('p', { affinity: { ...podAffinity({ a: 'missing' }, 'region'), ...antiAffinity({ service: 'securityscan' }, 'zone') } }),
      [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' } })],
      NOT_AFFINITY,
    ],
    [
      'terminating pods still count',
      makePod('p', { affinity: antiAffinity({ service: 'securityscan' }, 'zone') }),
      [makePod('e', { nodeName: 'machine1', labels: { service: 'securityscan' }, deletionTimestamp: '1970-01-01T00:00:01Z' })],
      NOT_ANTI,
    ],
  ];
  it.each(cases)('%s', (_name, pod, existing, reason) => {
    const v = filterVerdict(InterPodAffinity, pod, [n], existing);
    if (reason === null) expect(['Success', 'Skip']).toContain(v?.code);
    else expect(v).toEqual({ plugin: InterPodAffinity, code: reason === NOT_AFFINITY ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons: [reason] });
  });
});

describe('InterPodAffinity Filter, several nodes', () => {
  const nodes: Node[] = [
    makeNode('nodeA', { labels: { zone: 'az1', hostname: 'h1' } }),
    makeNode('nodeB', { labels: { zone: 'az1', hostname: 'h2' } }),
    makeNode('nodeC', { labels: { zone: 'az2', hostname: 'h3' } }),
  ];
  it('anti-affinity by zone keeps the pod out of the whole zone', () => {
    const a = schedulePod(makePod('p', { affinity: antiAffinity({ foo: 'bar' }, 'zone') }), { nodes, pods: [makePod('e', { nodeName: 'nodeA', labels: { foo: 'bar' } })] });
    expect(['nodeA', 'nodeB'].map((n) => verdictOf(a, n, InterPodAffinity)?.reasons)).toEqual([[NOT_ANTI], [NOT_ANTI]]);
    expect(a.nodeName).toBe('nodeC');
  });
  it('affinity by zone lets the pod join the zone of the matching pod', () => {
    const a = schedulePod(makePod('p', { affinity: podAffinity({ foo: 'bar' }, 'zone') }), { nodes, pods: [makePod('e', { nodeName: 'nodeB', labels: { foo: 'bar' } })] });
    expect(a.nodes.filter((n) => n.feasible).map((n) => n.node)).toEqual(['nodeA', 'nodeB']);
  });
});

// Modeled on upstream scoring_test.go TestPreferredAffinity.
describe('InterPodAffinity Score', () => {
  const nodes = [
    makeNode('machine1', { labels: { region: 'China' } }),
    makeNode('machine2', { labels: { region: 'India' } }),
    makeNode('machine3', { labels: { az: 'az1' } }),
  ];
  const pref = (kind: 'podAffinity' | 'podAntiAffinity', weight: number, labels: Labels, topologyKey: string): Affinity => ({
    [kind]: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, podAffinityTerm: { labelSelector: { matchLabels: labels }, topologyKey } }] },
  });
  const cases: [string, Pod, Pod[], number[]][] = [
    ['no existing pods: no score at all', makePod('p', { affinity: pref('podAffinity', 5, { security: 'S1' }, 'region') }), [], [NaN, NaN, NaN]],
    [
      'the node in the domain of a matching pod gets 100',
      makePod('p', { affinity: pref('podAffinity', 5, { security: 'S1' }, 'region') }),
      [makePod('e1', { nodeName: 'machine1', labels: { security: 'S1' } }), makePod('e2', { nodeName: 'machine2', labels: { security: 'S2' } })],
      [100, 0, 0],
    ],
    [
      'anti-affinity: the domain of the matching pod gets 0',
      makePod('p', { affinity: pref('podAntiAffinity', 5, { security: 'S1' }, 'region') }),
      [makePod('e1', { nodeName: 'machine1', labels: { security: 'S1' } }), makePod('e2', { nodeName: 'machine2', labels: { security: 'S2' } })],
      [0, 100, 100],
    ],
    [
      "an existing pod's required affinity for the pod pulls it (hard weight 1)",
      makePod('p', { labels: { security: 'S1' } }),
      [makePod('e1', { nodeName: 'machine2', affinity: podAffinity({ security: 'S1' }, 'region') })],
      [0, 100, 0],
    ],
  ];
  it.each(cases)('%s', (_name, pod, existing, want) => {
    const got = scores(InterPodAffinity, pod, nodes, existing);
    expect(nodes.map((n) => got[n.metadata.name!] ?? NaN)).toEqual(want);
  });
});
