import { describe, expect, it } from 'vitest';
import type { Taint, Toleration } from '../../api/types';
import { filterVerdict, makeNode, makePod, scores } from '../testing';
import { TaintToleration } from './names';

// Modeled on upstream taint_toleration_test.go TestTaintTolerationFilter / TestTaintTolerationScore.
describe('TaintToleration Filter', () => {
  const cases: [string, Toleration[] | undefined, Taint[], string | null][] = [
    ['a pod without tolerations cannot land on a tainted node', undefined, [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], 'node(s) had untolerated taint {dedicated: user1}'],
    ['a pod tolerating the dedicated taint lands', [{ key: 'dedicated', operator: 'Equal', value: 'user1', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], null],
    ['a toleration for another value does not help', [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }], [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], 'node(s) had untolerated taint {dedicated: user1}'],
    ['Exists tolerates any value of the key', [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], null],
    [
      'all taints tolerated by several tolerations',
      [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      null,
    ],
    ['a toleration with another (non-empty) effect does not match', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], 'node(s) had untolerated taint {foo: bar}'],
    ['an empty toleration effect matches every effect', [{ key: 'foo', operator: 'Equal', value: 'bar' }], [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], null],
    ['PreferNoSchedule never filters', [{ key: 'cpu', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }], [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }], null],
    ['PreferNoSchedule never filters, even without tolerations', undefined, [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }], null],
    ['NoExecute filters too', undefined, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], 'node(s) had untolerated taint {node.kubernetes.io/not-ready: }'],
    ['an empty key with Exists tolerates everything', [{ operator: 'Exists' }], [{ key: 'a', value: 'b', effect: 'NoExecute' }], null],
    ['an empty operator means Equal', [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }], [{ key: 'foo', value: 'baz', effect: 'NoSchedule' }], 'node(s) had untolerated taint {foo: baz}'],
    [
      'the first untolerated taint in node order is named',
      [{ key: 'a', operator: 'Exists' }],
      [{ key: 'a', value: '1', effect: 'NoSchedule' }, { key: 'b', value: '2', effect: 'NoSchedule' }, { key: 'c', value: '3', effect: 'NoSchedule' }],
      'node(s) had untolerated taint {b: 2}',
    ],
  ];
  it.each(cases)('%s', (_name, tolerations, taints, reason) => {
    const v = filterVerdict(TaintToleration, makePod('p', { tolerations }), [makeNode('n', { taints })]);
    if (reason === null) expect(v?.code).toBe('Success');
    else expect(v).toEqual({ plugin: TaintToleration, code: 'UnschedulableAndUnresolvable', reasons: [reason] });
  });
});

describe('TaintToleration Score', () => {
  const prefer = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });
  const cases: [string, Toleration[] | undefined, Taint[][], number[]][] = [
    ['a node whose taints are tolerated scores higher than one whose are not', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [[prefer('foo', 'bar')], [prefer('foo', 'blah')]], [100, 0]],
    [
      'nodes whose taints are all tolerated score the same however many',
      [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' }],
      [[], [prefer('cpu-type', 'arm64')], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      [100, 100, 100],
    ],
    ['more intolerable taints, lower score', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }], [[], [prefer('cpu-type', 'arm64')], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]], [100, 50, 0]],
    [
      'only PreferNoSchedule tolerations count',
      [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }, { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' }],
      [[], [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }], [prefer('cpu-type', 'arm64'), prefer('disk-type', 'ssd')]],
      [100, 100, 0],
    ],
    ['without tolerations the untainted node wins', undefined, [[], [prefer('cpu-type', 'arm64')]], [100, 0]],
  ];
  it.each(cases)('%s', (_name, tolerations, taintsPerNode, want) => {
    const nodes = taintsPerNode.map((taints, i) => makeNode(`n${i}`, { taints }));
    const got = scores(TaintToleration, makePod('p', { tolerations }), nodes);
    expect(nodes.map((n) => got[n.metadata.name!])).toEqual(want);
  });
});
