import type { Json } from '../testkit';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { clone } from '../json';
import { fakeCluster, podManifest } from '../testkit';
import { errorBody } from './field';
import { validatePodUpdate } from './pod';

type Cause = [field: string, type: string, bodyStart: string];


function stored(edit?: (p: Json) => void): Pod {
  const r = fakeCluster().apply(podManifest('web', edit));
  if (!r.ok) throw new Error(r.rejection.message);
  return r.object as unknown as Pod;
}

function nodeAffinity(terms: Json[][]): Json {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((e) => ({ matchExpressions: e })) } } };
}

const FORBIDDEN_SPEC = 'pod updates may not change fields other than `spec.containers[*].image`';

describe('ValidatePodUpdate', () => {
  it.each<[string, ((p: Json) => void) | undefined, (p: Json) => void, Cause[]]>([
    ['a new image', undefined, (p) => (p.spec.containers[0].image = 'busybox:1.37'), []],
    [
      'a new init container image',
      (p) => (p.spec.initContainers = [{ name: 'init', image: 'busybox:1.36' }]),
      (p) => (p.spec.initContainers[0].image = 'alpine:3.20'),
      [],
    ],
    ['setting activeDeadlineSeconds', undefined, (p) => (p.spec.activeDeadlineSeconds = 300), []],
    ['shortening activeDeadlineSeconds', (p) => (p.spec.activeDeadlineSeconds = 300), (p) => (p.spec.activeDeadlineSeconds = 100), []],
    [
      'lengthening activeDeadlineSeconds',
      (p) => (p.spec.activeDeadlineSeconds = 100),
      (p) => (p.spec.activeDeadlineSeconds = 200),
      [['spec.activeDeadlineSeconds', 'FieldValueInvalid', 'Invalid value: 200: must be less than or equal to previous value']],
    ],
    [
      'dropping activeDeadlineSeconds',
      (p) => (p.spec.activeDeadlineSeconds = 100),
      (p) => delete p.spec.activeDeadlineSeconds,
      [['spec.activeDeadlineSeconds', 'FieldValueInvalid', 'Invalid value: null: must not update from a positive integer to nil value']],
    ],
    ['adding a toleration', undefined, (p) => p.spec.tolerations.push({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }), []],
    ['changing only tolerationSeconds', undefined, (p) => (p.spec.tolerations[0].tolerationSeconds = 30), []],
    [
      'removing a toleration',
      undefined,
      (p) => p.spec.tolerations.pop(),
      [['spec.tolerations', 'FieldValueForbidden', 'Forbidden: existing toleration can not be modified except its tolerationSeconds']],
    ],
    ['removing a scheduling gate', (p) => (p.spec.schedulingGates = [{ name: 'a' }, { name: 'b' }]), (p) => p.spec.schedulingGates.pop(), []],
    [
      'adding a scheduling gate',
      (p) => (p.spec.schedulingGates = [{ name: 'a' }]),
      (p) => p.spec.schedulingGates.push({ name: 'b' }),
      [['spec.schedulingGates[1].name', 'FieldValueForbidden', "Forbidden: only deletion is allowed, but found new scheduling gate 'b'"]],
    ],
    [
      'a gated pod gaining a nodeSelector entry',
      (p) => (p.spec.schedulingGates = [{ name: 'a' }]),
      (p) => (p.spec.nodeSelector = { disktype: 'ssd' }),
      [],
    ],
    [
      'a gated pod changing a nodeSelector entry',
      (p) => ((p.spec.schedulingGates = [{ name: 'a' }]), (p.spec.nodeSelector = { disktype: 'ssd' })),
      (p) => (p.spec.nodeSelector = { disktype: 'hdd' }),
      [['spec.nodeSelector', 'FieldValueInvalid', 'Invalid value: {"disktype":"hdd"}: only additions to spec.nodeSelector are allowed']],
    ],
    [
      'an ungated pod gaining a nodeSelector',
      undefined,
      (p) => (p.spec.nodeSelector = { disktype: 'ssd' }),
      [['spec', 'FieldValueForbidden', `Forbidden: ${FORBIDDEN_SPEC}`]],
    ],
    [
      'a gated pod adding an expression to its required node affinity term',
      (p) => ((p.spec.schedulingGates = [{ name: 'a' }]), (p.spec.affinity = nodeAffinity([[{ key: 'a', operator: 'In', values: ['x'] }]]))),
      (p) => p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions.push({ key: 'b', operator: 'Exists' }),
      [],
    ],
    [
      'a gated pod replacing an expression of its required node affinity',
      (p) => ((p.spec.schedulingGates = [{ name: 'a' }]), (p.spec.affinity = nodeAffinity([[{ key: 'a', operator: 'In', values: ['x'] }]]))),
      (p) => (p.spec.affinity = nodeAffinity([[{ key: 'b', operator: 'Exists' }]])),
      [
        [
          'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]',
          'FieldValueInvalid',
          'Invalid value: {"MatchExpressions":[{"Key":"b","Operator":"Exists","Values":null}],"MatchFields":null}: only additions are allowed (no mutations or deletions)',
        ],
      ],
    ],
    [
      'a gated pod adding a node selector term',
      (p) => ((p.spec.schedulingGates = [{ name: 'a' }]), (p.spec.affinity = nodeAffinity([[{ key: 'a', operator: 'Exists' }]]))),
      (p) => (p.spec.affinity = nodeAffinity([[{ key: 'a', operator: 'Exists' }], [{ key: 'b', operator: 'Exists' }]])),
      [
        [
          'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms',
          'FieldValueInvalid',
          'Invalid value: [{"MatchExpressions":[{"Key":"a","Operator":"Exists","Values":null}],"MatchFields":null},{"MatchExpressions":[{"Key":"b","Operator":"Exists","Values":null}],"MatchFields":null}]',
        ],
      ],
    ],
    ['new labels', undefined, (p) => (p.metadata.labels = { app: 'web' }), []],
    [
      'a new name',
      undefined,
      (p) => (p.metadata.name = 'web2'),
      [['metadata.name', 'FieldValueInvalid', 'Invalid value: "web2": field is immutable']],
    ],
    [
      'removing a container',
      (p) => p.spec.containers.push({ name: 'b', image: 'nginx:1.25' }),
      (p) => p.spec.containers.pop(),
      [['spec.containers', 'FieldValueForbidden', 'Forbidden: pod updates may not add or remove containers']],
    ],
    [
      'new resources',
      undefined,
      (p) => (p.spec.containers[0].resources = { limits: { cpu: '1' } }),
      [['spec', 'FieldValueForbidden', `Forbidden: ${FORBIDDEN_SPEC}`]],
    ],
    [
      'a new grace period',
      undefined,
      (p) => (p.spec.terminationGracePeriodSeconds = 60),
      [['spec', 'FieldValueForbidden', `Forbidden: ${FORBIDDEN_SPEC}`]],
    ],
    [
      'an image change is still validated',
      undefined,
      (p) => (p.spec.containers[0].image = ''),
      [
        ['spec.containers[0].image', 'FieldValueRequired', 'Required value'],
        ['spec.containers[0].image', 'FieldValueRequired', 'Required value'],
      ],
    ],
  ])('%s', (_name, before, change, expected) => {
    const old = stored(before);
    const next = clone(old) as unknown as Json;
    change(next);
    const got = validatePodUpdate(next as unknown as Pod, old).map((e) => [e.field, e.type, errorBody(e)]);
    expect(got).toHaveLength(expected.length);
    got.forEach(([field, type, body], i) => {
      expect([field, type]).toEqual([expected[i][0], expected[i][1]]);
      expect(body.startsWith(expected[i][2])).toBe(true);
    });
  });

  it('appends a diff naming what changed', () => {
    const old = stored();
    const next = clone(old) as unknown as Json;
    next.spec.containers[0].resources = { limits: { cpu: '1' } };
    const [err] = validatePodUpdate(next as unknown as Pod, old);
    expect(err.detail).toContain('\n  core.PodSpec{\n');
    expect(err.detail).toContain('+ \t\t\t\tLimits: {"cpu":"1"},');
  });
});
