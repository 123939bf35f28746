import { describe, expect, it } from 'vitest';
import type { Affinity, Labels } from '../../api/types';
import { schedulePod } from '../scheduler';
import { filterVerdict, makeNode, makePod, scores, verdictOf } from '../testing';
import { NodeAffinity } from './names';

const required = (...terms: NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution'] extends infer T ? T extends { nodeSelectorTerms: infer U } ? U : never : never): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

// Modeled on upstream node_affinity_test.go TestNodeAffinity.
describe('NodeAffinity Filter', () => {
  const cases: [string, { nodeSelector?: Labels; affinity?: Affinity }, Labels, boolean][] = [
    ['no selector: any node', {}, { foo: 'bar' }, true],
    ['missing labels', { nodeSelector: { foo: 'bar' } }, {}, false],
    ['same labels', { nodeSelector: { foo: 'bar' } }, { foo: 'bar' }, true],
    ['node labels are a superset', { nodeSelector: { foo: 'bar' } }, { foo: 'bar', baz: 'blah' }, true],
    ['node labels are a subset', { nodeSelector: { foo: 'bar', baz: 'blah' } }, { foo: 'bar' }, false],
    ['In matches', { affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }) }, { foo: 'bar' }, true],
    ['Gt matches', { affinity: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }) }, { 'kernel-version': '0206' }, true],
    ['NotIn rejects', { affinity: required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }) }, { 'mem-type': 'DDR3' }, true],
    ['Exists needs the key', { affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }) }, { GPU: 'NVIDIA-GRID-K1' }, true],
    ['requirements of a term are ANDed', { affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }, { key: 'diffkey', operator: 'In', values: ['wrong'] }] }) }, { foo: 'bar' }, false],
    ['terms are ORed', { affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }, { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong'] }] }) }, { foo: 'bar' }, true],
    ['nodeSelector and affinity must both hold', { nodeSelector: { foo: 'bar' }, affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }) }, { foo: 'bar' }, false],
    ['an empty term list matches nothing', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }, { foo: 'bar' }, false],
    ['an empty term matches nothing', { affinity: required({}) }, { foo: 'bar' }, false],
    ['matchFields on the node name', { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }) }, {}, true],
  ];
  it.each(cases)('%s', (_name, spec, labels, fits) => {
    const v = filterVerdict(NodeAffinity, makePod('p', spec), [makeNode('n', { labels })]);
    if (fits) expect(['Success', 'Skip']).toContain(v?.code);
    else expect(v).toEqual({ plugin: NodeAffinity, code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] });
  });

  it('PreFilter narrows to the nodes named by matchFields; the rest are unresolvable', () => {
    const pod = makePod('p', { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] }) });
    const a = schedulePod(pod, { nodes: [makeNode('a'), makeNode('b'), makeNode('c')], pods: [] });
    expect(a.nodeName).toBe('b');
    expect(verdictOf(a, 'a', 'NodeAffinity')?.reasons).toEqual(["node(s) didn't satisfy plugin(s) [NodeAffinity]"]);
  });

  it('conflicting matchFields terms fail at PreFilter', () => {
    const pod = makePod('p', {
      affinity: required({
        matchFields: [
          { key: 'metadata.name', operator: 'In', values: ['a'] },
          { key: 'metadata.name', operator: 'In', values: ['b'] },
        ],
      }),
    });
    const a = schedulePod(pod, { nodes: [makeNode('a'), makeNode('b')], pods: [] });
    // DynamicResources' PreFilter never ran, so its PostFilter fails to read its state.
    expect(a.message).toBe('0/2 nodes are available: pod affinity terms conflict. not found');
  });
});

describe('NodeAffinity Score', () => {
  const prefer = (weight: number, key: string, values: string[]) => ({ weight, preference: { matchExpressions: [{ key, operator: 'In' as const, values }] } });
  const cases: [string, Affinity, Labels[], number[]][] = [
    ['no preference matches: all 0', { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [prefer(2, 'foo', ['bar'])] } }, [{}, {}], [0, 0]],
    ['the node matching the preference gets 100', { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [prefer(2, 'foo', ['bar'])] } }, [{ foo: 'bar' }, {}], [100, 0]],
    [
      'scores scale with the summed weights',
      { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [prefer(2, 'foo', ['bar']), prefer(4, 'key', ['value']), prefer(5, 'az', ['az1'])] } },
      [{ foo: 'bar' }, { foo: 'bar', key: 'value', az: 'az1' }, { az: 'az1' }],
      [18, 100, 45],
    ],
  ];
  it.each(cases)('%s', (_name, affinity, labelsPerNode, want) => {
    const nodes = labelsPerNode.map((labels, i) => makeNode(`n${i}`, { labels }));
    const got = scores(NodeAffinity, makePod('p', { affinity }), nodes);
    expect(nodes.map((n) => got[n.metadata.name!])).toEqual(want);
  });

  it('is skipped when the pod has no preferred terms', () => {
    const got = scores(NodeAffinity, makePod('p'), [makeNode('a'), makeNode('b')]);
    expect(got).toEqual({ a: undefined, b: undefined });
  });
});
