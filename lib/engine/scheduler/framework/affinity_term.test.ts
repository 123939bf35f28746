import { describe, expect, it } from 'vitest';
import type { PodAffinityTerm } from '../../api/types';
import { makePod } from '../testing';
import { mergedLabelSelector } from './affinity_term';

// Modeled on pkg/registry/core/pod/strategy_test.go TestApplyMatchLabelKeysAndMismatchLabelKeys.
describe('matchLabelKeys / mismatchLabelKeys merged into the term selector', () => {
  const pod = makePod('p', { labels: { app: 'web', 'pod-template-hash': 'abc', tenant: 'a' } });
  const base = { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } };
  it.each<[string, PodAffinityTerm, PodAffinityTerm['labelSelector']]>([
    ['no keys: the selector as written', base, { matchLabels: { app: 'web' } }],
    ['a match key adds In with the pod value', { ...base, matchLabelKeys: ['pod-template-hash'] }, { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'In', values: ['abc'] }] }],
    ['a mismatch key adds NotIn', { ...base, mismatchLabelKeys: ['tenant'] }, { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tenant', operator: 'NotIn', values: ['a'] }] }],
    ['a key the pod lacks adds nothing', { ...base, matchLabelKeys: ['missing'] }, { matchLabels: { app: 'web' } }],
    ['a nil selector stays nil (matches nothing)', { topologyKey: 'zone', matchLabelKeys: ['app'] }, undefined],
  ])('%s', (_name, term, want) => {
    expect(mergedLabelSelector(pod, term)).toEqual(want);
  });
});
