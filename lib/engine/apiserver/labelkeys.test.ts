import { describe, expect, it } from 'vitest';
import type { PodSpec } from '../api/types';
import { applyMatchLabelKeys } from './labelkeys';

const labels = { app: 'web', version: 'v1', track: 'canary' };
const term = (extra: object) => ({ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname', ...extra });

describe('PrepareForCreate merges matchLabelKeys / mismatchLabelKeys (strategy.go)', () => {
  it.each<[string, PodSpec, (s: PodSpec) => unknown, unknown]>([
    [
      'required anti-affinity: In for matchLabelKeys, then NotIn for mismatchLabelKeys',
      { containers: [], affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ matchLabelKeys: ['version'], mismatchLabelKeys: ['track'] })] } } } as PodSpec,
      (s) => s.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].labelSelector?.matchExpressions,
      [
        { key: 'version', operator: 'In', values: ['v1'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
      ],
    ],
    [
      'preferred affinity terms are merged too',
      { containers: [], affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term({ matchLabelKeys: ['version'] }) }] } } } as PodSpec,
      (s) => s.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0].podAffinityTerm.labelSelector?.matchExpressions,
      [{ key: 'version', operator: 'In', values: ['v1'] }],
    ],
    [
      'a key the pod has no label for adds nothing',
      { containers: [], affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ matchLabelKeys: ['tier'] })] } } } as PodSpec,
      (s) => s.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].labelSelector?.matchExpressions,
      undefined,
    ],
    [
      'a term without labelSelector is left alone',
      { containers: [], affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'k', matchLabelKeys: ['app'] }] } } } as PodSpec,
      (s) => s.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].labelSelector,
      undefined,
    ],
    [
      'topology spread constraints (MatchLabelKeysInPodTopologySpreadSelectorMerge)',
      {
        containers: [],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['version'] }],
      } as PodSpec,
      (s) => s.topologySpreadConstraints?.[0].labelSelector?.matchExpressions,
      [{ key: 'version', operator: 'In', values: ['v1'] }],
    ],
  ])('%s', (_name, spec, pick, want) => {
    applyMatchLabelKeys(spec, labels);
    expect(pick(spec)).toEqual(want);
  });
});
