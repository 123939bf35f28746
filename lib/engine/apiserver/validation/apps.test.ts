import type { Json } from '../testkit';
import { describe, expect, it } from 'vitest';
import { causesOf, fakeCluster, workloadManifest } from '../testkit';

type Cause = [field: string, reason: string, message: string];

function causes(kind: 'Deployment' | 'ReplicaSet', edit: (w: Json) => void): unknown {
  const c = causesOf(fakeCluster().apply(workloadManifest(kind, 'web', edit)));
  return typeof c === 'string' ? c : c.map((x) => [x.field, x.reason, x.message]);
}

const MISMATCH = '`selector` does not match template `labels`';

describe('ValidateDeployment / ValidateReplicaSet', () => {
  it.each<['Deployment' | 'ReplicaSet', string, (w: Json) => void, Cause[]]>([
    [
      'ReplicaSet',
      'the selector must match the template labels (the labels map is the bad value)',
      (w) => (w.spec.template.metadata.labels = { app: 'wbe', tier: 'front' }),
      [['spec.template.metadata.labels', 'FieldValueInvalid', `Invalid value: {"app":"wbe","tier":"front"}: ${MISMATCH}`]],
    ],
    [
      'Deployment',
      'a missing selector is required, and then matches nothing',
      (w) => delete w.spec.selector,
      [
        ['spec.selector', 'FieldValueRequired', 'Required value'],
        ['spec.template.metadata.labels', 'FieldValueInvalid', `Invalid value: {"app":"web"}: ${MISMATCH}`],
      ],
    ],
    [
      'ReplicaSet',
      'an empty selector is refused with the Deployment wording',
      (w) => (w.spec.selector = {}),
      [['spec.selector', 'FieldValueInvalid', 'Invalid value: {}: empty selector is invalid for deployment']],
    ],
    [
      'Deployment',
      'template labels missing altogether',
      (w) => delete w.spec.template.metadata.labels,
      [['spec.template.metadata.labels', 'FieldValueInvalid', `Invalid value: null: ${MISMATCH}`]],
    ],
    [
      'Deployment',
      'pod templates only restart Always',
      (w) => (w.spec.template.spec.restartPolicy = 'Never'),
      [['spec.template.spec.restartPolicy', 'FieldValueNotSupported', 'Unsupported value: "Never": supported values: "Always"']],
    ],
    [
      'ReplicaSet',
      'no activeDeadlineSeconds in a template',
      (w) => (w.spec.template.spec.activeDeadlineSeconds = 60),
      [['spec.template.spec.activeDeadlineSeconds', 'FieldValueForbidden', 'Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported']],
    ],
    [
      'Deployment',
      'replicas are not negative',
      (w) => (w.spec.replicas = -1),
      [['spec.replicas', 'FieldValueInvalid', 'Invalid value: -1: must be greater than or equal to 0']],
    ],
    [
      'Deployment',
      'an unknown strategy prints the whole strategy struct',
      (w) => (w.spec.strategy = { type: 'BlueGreen' }),
      [
        [
          'spec.strategy',
          'FieldValueNotSupported',
          'Unsupported value: {"Type":"BlueGreen","RollingUpdate":null}: supported values: "Recreate", "RollingUpdate"',
        ],
      ],
    ],
    [
      'Deployment',
      'Recreate takes no rollingUpdate',
      (w) => (w.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }),
      [['spec.strategy.rollingUpdate', 'FieldValueForbidden', "Forbidden: may not be specified when strategy `type` is 'Recreate'"]],
    ],
    [
      'Deployment',
      'maxSurge and maxUnavailable may not both be 0',
      (w) => (w.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }),
      [['spec.strategy.rollingUpdate.maxUnavailable', 'FieldValueInvalid', 'Invalid value: "0%": may not be 0 when `maxSurge` is 0']],
    ],
    [
      'Deployment',
      'percentages are numbers followed by %',
      (w) => (w.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'half' } }),
      [
        [
          'spec.strategy.rollingUpdate.maxSurge',
          'FieldValueInvalid',
          "Invalid value: \"half\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ],
      ],
    ],
    [
      'Deployment',
      'maxUnavailable is at most 100%',
      (w) => (w.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } }),
      [['spec.strategy.rollingUpdate.maxUnavailable', 'FieldValueInvalid', 'Invalid value: "150%": must not be greater than 100%']],
    ],
    [
      'Deployment',
      'progressDeadlineSeconds exceeds minReadySeconds',
      (w) => ((w.spec.minReadySeconds = 30), (w.spec.progressDeadlineSeconds = 30)),
      [['spec.progressDeadlineSeconds', 'FieldValueInvalid', 'Invalid value: 30: must be greater than minReadySeconds']],
    ],
    [
      'ReplicaSet',
      'the template spec is validated under spec.template.spec',
      (w) => (w.spec.template.spec.containers[0].ports = [{ containerPort: 0 }]),
      [['spec.template.spec.containers[0].ports[0].containerPort', 'FieldValueRequired', 'Required value']],
    ],
    [
      'ReplicaSet',
      'template labels are checked under spec.template.labels, as upstream names them',
      (w) => {
        w.spec.selector = { matchLabels: { app: 'web' } };
        w.spec.template.metadata.labels = { app: 'web', bad: 'a b' };
      },
      [
        [
          'spec.template.labels',
          'FieldValueInvalid',
          "Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ],
      ],
    ],
  ])('%s: %s', (kind, _name, edit, expected) => {
    expect(causes(kind, edit)).toEqual(expected);
  });

  it.each<['Deployment' | 'ReplicaSet', string, (w: Json) => void]>([
    ['Deployment', 'a plain Deployment', () => {}],
    ['Deployment', 'a selector matching a subset of the labels', (w) => (w.spec.template.metadata.labels.tier = 'front')],
    ['Deployment', 'matchExpressions', (w) => (w.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] })],
    ['Deployment', 'Recreate', (w) => (w.spec.strategy = { type: 'Recreate' })],
    ['ReplicaSet', 'zero replicas', (w) => (w.spec.replicas = 0)],
  ])('%s: accepts %s', (kind, _name, edit) => {
    expect(causes(kind, edit)).toBe('accepted');
  });
});
