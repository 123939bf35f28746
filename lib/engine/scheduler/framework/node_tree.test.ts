import { describe, expect, it } from 'vitest';
import { makeNode } from '../testing';
import { NodeTree, zoneKey } from './node_tree';

const zoned = (name: string, zone?: string, region?: string) =>
  makeNode(name, { labels: { ...(zone ? { 'topology.kubernetes.io/zone': zone } : {}), ...(region ? { 'topology.kubernetes.io/region': region } : {}) } });

// Modeled on upstream internal/cache/node_tree_test.go.
describe('NodeTree', () => {
  it.each([
    ['one zone keeps arrival order', [zoned('a'), zoned('b'), zoned('c')], ['a', 'b', 'c']],
    ['zones are interleaved', [zoned('a1', 'z1'), zoned('a2', 'z1'), zoned('a3', 'z1'), zoned('b1', 'z2'), zoned('c1', 'z3'), zoned('c2', 'z3')], ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']],
    ['an exhausted zone is skipped', [zoned('a1', 'z1'), zoned('b1', 'z2'), zoned('b2', 'z2'), zoned('b3', 'z2')], ['a1', 'b1', 'b2', 'b3']],
    ['region and zone together make the key', [zoned('a', 'z', 'r1'), zoned('b', 'z', 'r2'), zoned('c', 'z', 'r1')], ['a', 'b', 'c']],
  ])('%s', (_name, nodes, want) => {
    const t = new NodeTree();
    for (const n of nodes) t.add(n);
    expect(t.list()).toEqual(want);
  });

  it('removing and relabelling nodes', () => {
    const t = new NodeTree();
    for (const n of [zoned('a1', 'z1'), zoned('a2', 'z1'), zoned('b1', 'z2')]) t.add(n);
    t.remove('a1');
    expect(t.list()).toEqual(['a2', 'b1']);
    t.update(zoned('a2', 'z2'));
    expect(t.list()).toEqual(['b1', 'a2']);
    expect(t.numNodes).toBe(2);
  });

  it.each([
    [{}, ''],
    [{ 'topology.kubernetes.io/zone': 'z' }, ':\u0000:z'],
    [{ 'failure-domain.beta.kubernetes.io/zone': 'old', 'failure-domain.beta.kubernetes.io/region': 'r' }, 'r:\u0000:old'],
  ])('zoneKey(%j)', (labels, want) => {
    expect(zoneKey({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels } })).toBe(want);
  });
});
