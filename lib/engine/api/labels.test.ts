import { describe, expect, it } from 'vitest';
import type { LabelSelector, Labels, Node, NodeSelectorTerm, Pod } from './types';
import {
  labelSelectorAsSelector,
  LabelSelectorError,
  matchesLabelSelector,
  matchesSet,
  NodeSelectorMatcher,
  parseSelector,
  PreferredSchedulingTerms,
  RequiredNodeAffinity,
  selectorFromSet,
} from './labels';

describe('labelSelectorAsSelector (metav1.LabelSelectorAsSelector)', () => {
  const cases: [string, LabelSelector | null | undefined, Labels | undefined, boolean][] = [
    ['a nil selector matches nothing', undefined, { app: 'web' }, false],
    ['an empty selector matches everything', {}, { app: 'web' }, true],
    ['an empty selector matches an object without labels', {}, undefined, true],
    ['matchLabels needs every pair', { matchLabels: { app: 'web', tier: 'fe' } }, { app: 'web' }, false],
    ['matchLabels matches a superset', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'fe' }, true],
    ['matchLabels compares values', { matchLabels: { app: 'web' } }, { app: 'db' }, false],
    ['In matches one of the values', { matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] }, { env: 'b' }, true],
    ['In needs the key', { matchExpressions: [{ key: 'env', operator: 'In', values: ['a'] }] }, {}, false],
    ['NotIn rejects a listed value', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }, { env: 'a' }, false],
    ['NotIn accepts a missing key', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] }, {}, true],
    ['Exists needs the key', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, { env: '' }, true],
    ['Exists fails without the key', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, { other: 'x' }, false],
    ['DoesNotExist fails with the key', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, { env: 'x' }, false],
    ['DoesNotExist accepts a missing key', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, {}, true],
    ['labels and expressions are ANDed', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, { app: 'web', env: 'dev' }, false],
    ['an inherited property is not a label', { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, {}, false],
  ];
  it.each(cases)('%s', (_name, sel, labels, want) => {
    expect(labelSelectorAsSelector(sel).matches(labels)).toBe(want);
  });

  const invalid: [string, LabelSelector][] = [
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }],
    ['an unknown operator', { matchExpressions: [{ key: 'a', operator: 'Gt' as 'In', values: ['1'] }] }],
    ['an invalid key', { matchLabels: { 'bad key': 'x' } }],
    ['an invalid value', { matchLabels: { key: 'bad value!' } }],
  ];
  it.each(invalid)('refuses %s', (_name, sel) => {
    expect(() => labelSelectorAsSelector(sel)).toThrow(LabelSelectorError);
    expect(matchesLabelSelector(sel, { a: 'x' })).toBe(false);
  });

  it('prints the canonical form, sorted by key', () => {
    const s = labelSelectorAsSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['z', 'y'] }] });
    expect(s.toString()).toBe('a=1,b=2,c notin (y,z)');
  });
});

describe('selectorFromSet and matchesSet', () => {
  it.each([
    ['an empty set selects everything', {}, { a: 'b' }, true],
    ['every pair must be there', { a: 'b', c: 'd' }, { a: 'b' }, false],
    ['values compare exactly', { a: 'b' }, { a: 'B' }, false],
  ] as [string, Labels, Labels, boolean][])('%s', (_n, set, labels, want) => {
    expect(selectorFromSet(set).matches(labels)).toBe(want);
    expect(matchesSet(set, labels)).toBe(want);
  });
});

describe('parseSelector (labels.Parse)', () => {
  const cases: [string, Labels, boolean][] = [
    ['', { a: 'b' }, true],
    ['app=web', { app: 'web' }, true],
    ['app==web', { app: 'db' }, false],
    ['app!=web', {}, true],
    ['app!=web', { app: 'web' }, false],
    ['env in (prod, staging)', { env: 'staging' }, true],
    ['env notin (prod)', { env: 'prod' }, false],
    ['env', { env: '' }, true],
    ['!env', { env: 'x' }, false],
    ['app=web,!canary', { app: 'web' }, true],
    ['app=web,!canary', { app: 'web', canary: 'true' }, false],
    ['gen>3', { gen: '4' }, true],
    ['gen<3', { gen: '4' }, false],
    ['app=', { app: '' }, true],
  ];
  it.each(cases)('%j selects %j: %s', (text, labels, want) => {
    expect(parseSelector(text).matches(labels)).toBe(want);
  });

  it.each(['app in prod', 'app=(x', 'a,,b', 'app in (a', '=x'])('refuses %j', (text) => {
    expect(() => parseSelector(text)).toThrow(LabelSelectorError);
  });
});

function node(name: string, labels: Labels = {}): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } };
}

describe('NodeSelectorMatcher (component-helpers nodeaffinity)', () => {
  const n = node('node-1', { zone: 'a', gpu: '4', disk: 'ssd' });
  const cases: [string, NodeSelectorTerm[], boolean][] = [
    ['no terms select no node', [], false],
    ['an empty term selects no node', [{}], false],
    ['an empty term is skipped, another may match', [{}, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }], true],
    ['terms are ORed', [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'disk', operator: 'Exists' }] }], true],
    ['requirements in a term are ANDed', [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }, { key: 'disk', operator: 'DoesNotExist' }] }], false],
    ['Gt compares as integers', [{ matchExpressions: [{ key: 'gpu', operator: 'Gt', values: ['3'] }] }], true],
    ['Gt is strict', [{ matchExpressions: [{ key: 'gpu', operator: 'Gt', values: ['4'] }] }], false],
    ['Lt compares as integers', [{ matchExpressions: [{ key: 'gpu', operator: 'Lt', values: ['10'] }] }], true],
    ['Gt on a non-integer label never matches', [{ matchExpressions: [{ key: 'zone', operator: 'Gt', values: ['1'] }] }], false],
    ['Gt needs the label', [{ matchExpressions: [{ key: 'missing', operator: 'Lt', values: ['1'] }] }], false],
    ['matchFields metadata.name In', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }], true],
    ['matchFields metadata.name NotIn', [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }] }], false],
    ['matchFields with two values is invalid and never matches', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1', 'node-2'] }] }], false],
    ['fields and expressions are ANDed', [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }], matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }], false],
    ['an invalid term is skipped', [{ matchExpressions: [{ key: 'zone', operator: 'In', values: [] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }], true],
  ];
  it.each(cases)('%s', (_name, terms, want) => {
    expect(new NodeSelectorMatcher(terms).matches(n)).toBe(want);
  });
});

describe('RequiredNodeAffinity', () => {
  const pod = (spec: Partial<Pod['spec']>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], ...spec } });
  const cases: [string, Partial<Pod['spec']>, boolean][] = [
    ['no constraint matches every node', {}, true],
    ['nodeSelector must match', { nodeSelector: { disk: 'hdd' } }, false],
    ['nodeSelector matches', { nodeSelector: { disk: 'ssd' } }, true],
    [
      'nodeSelector and required affinity must both match',
      { nodeSelector: { disk: 'ssd' }, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } },
      false,
    ],
    [
      'required affinity with no terms matches nothing',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
      false,
    ],
  ];
  it.each(cases)('%s', (_name, spec, want) => {
    expect(new RequiredNodeAffinity(pod(spec)).matches(node('n', { disk: 'ssd', zone: 'a' }))).toBe(want);
  });
});

describe('PreferredSchedulingTerms', () => {
  it.each([
    ['sums the weights of matching terms', [{ weight: 2, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' as const }] } }, { weight: 3, preference: { matchExpressions: [{ key: 'b', operator: 'Exists' as const }] } }], 5],
    ['ignores terms that do not match', [{ weight: 2, preference: { matchExpressions: [{ key: 'c', operator: 'Exists' as const }] } }], 0],
    ['ignores empty preferences', [{ weight: 7, preference: {} }], 0],
  ])('%s', (_name, terms, want) => {
    expect(new PreferredSchedulingTerms(terms).score(node('n', { a: '1', b: '2' }))).toBe(want);
  });
});
