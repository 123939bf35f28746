import type { Json } from './testkit';
import { describe, expect, it } from 'vitest';
import { admitDefaultTolerationSeconds, nameSuffix, tokenVolumeName } from './admission';
import { fakeCluster, podManifest, workloadManifest } from './testkit';
import { prepareCreate } from './pipeline';
import type { KubeObject } from '../api/types';


function accepted(r: ReturnType<ReturnType<typeof fakeCluster>['apply']>): Json {
  if (!r.ok) throw new Error(r.rejection.message);
  return r.object as Json;
}

describe('NamespaceLifecycle', () => {
  it('refuses a namespaced object in a namespace that does not exist', () => {
    const r = fakeCluster().apply(podManifest('web', (p) => (p.metadata.namespace = 'staging')));
    expect(r).toEqual({
      ok: false,
      rejection: {
        kind: 'Pod',
        name: 'web',
        namespace: 'staging',
        reason: 'NotFound',
        message: 'Error from server (NotFound): namespaces "staging" not found',
      },
    });
  });

  it('runs before validation: an invalid pod in a missing namespace is NotFound', () => {
    const r = fakeCluster().apply(podManifest('web', (p) => ((p.metadata.namespace = 'qa'), delete p.spec.containers[0].image)));
    expect(r.ok || r.rejection.reason).toBe('NotFound');
  });

  it('admits into a namespace applied earlier', () => {
    const cluster = fakeCluster();
    expect(cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'qa' } }).ok).toBe(true);
    expect(cluster.apply(podManifest('web', (p) => (p.metadata.namespace = 'qa'))).ok).toBe(true);
  });

  it('checks Deployments too', () => {
    const r = fakeCluster().apply(workloadManifest('Deployment', 'api', (d) => (d.metadata.namespace = 'prod')));
    expect(r.ok || r.rejection.message).toBe('Error from server (NotFound): namespaces "prod" not found');
  });
});

describe('ServiceAccount', () => {
  it('defaults the account and mounts the projected token', () => {
    const pod = accepted(fakeCluster().apply(podManifest('web')));
    const volume = tokenVolumeName('default', 'web');
    expect(volume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.serviceAccount).toBe('default');
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: volume, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(pod.spec.volumes).toEqual([
      {
        name: volume,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
  });

  it('derives the token volume suffix from the pod, the same every time', () => {
    expect(tokenVolumeName('default', 'web')).toBe(tokenVolumeName('default', 'web'));
    expect(tokenVolumeName('default', 'web')).not.toBe(tokenVolumeName('default', 'api'));
    expect(nameSuffix('x', 7)).toHaveLength(7);
  });

  it('mounts into init containers too, but not where the path is already taken', () => {
    const pod = accepted(
      fakeCluster().apply(
        podManifest('web', (p) => {
          p.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36' }];
          p.spec.volumes = [{ name: 'own', emptyDir: {} }];
          p.spec.containers[0].volumeMounts = [{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }];
        }),
      ),
    );
    expect(pod.spec.initContainers[0].volumeMounts).toHaveLength(1);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'own', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    expect(pod.spec.volumes.map((v: Json) => v.name)).toEqual(['own', tokenVolumeName('default', 'web')]);
  });

  it('mounts nothing when the pod opts out', () => {
    const pod = accepted(fakeCluster().apply(podManifest('web', (p) => (p.spec.automountServiceAccountToken = false))));
    expect(pod.spec.volumes).toBeUndefined();
    expect(pod.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it('refuses a pod naming an account that does not exist', () => {
    const r = fakeCluster().apply(podManifest('build', (p) => (p.spec.serviceAccountName = 'ci-bot')));
    expect(r.ok || r.rejection).toEqual({
      kind: 'Pod',
      name: 'build',
      namespace: 'default',
      reason: 'Forbidden',
      message: 'Error from server (Forbidden): pods "build" is forbidden: error looking up service account default/ci-bot: serviceaccount "ci-bot" not found',
    });
  });

  it('admits a pod naming an account that exists', () => {
    expect(fakeCluster({ serviceAccounts: ['default/ci-bot'] }).apply(podManifest('build', (p) => (p.spec.serviceAccountName = 'ci-bot'))).ok).toBe(true);
  });

  it('takes the deprecated serviceAccount field as the name', () => {
    const r = fakeCluster().apply(podManifest('build', (p) => (p.spec.serviceAccount = 'deployer')));
    expect(r.ok || r.rejection.message).toContain('serviceaccount "deployer" not found');
  });
});

describe('Priority', () => {
  it.each<[string, string | undefined, number]>([
    ['no class means priority 0', undefined, 0],
    ['system-node-critical', 'system-node-critical', 2000001000],
    ['system-cluster-critical', 'system-cluster-critical', 2000000000],
    ['a class the cluster has', 'batch-low', 100],
  ])('%s', (_name, cls, priority) => {
    const pod = accepted(fakeCluster({ priorityClasses: { 'batch-low': 100 } }).apply(podManifest('p', (p) => cls && (p.spec.priorityClassName = cls))));
    expect(pod.spec.priority).toBe(priority);
    expect(pod.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('refuses an unknown class', () => {
    const r = fakeCluster().apply(podManifest('p', (p) => (p.spec.priorityClassName = 'gold')));
    expect(r.ok || r.rejection.message).toBe('Error from server (Forbidden): pods "p" is forbidden: no PriorityClass with name gold was found');
  });

  it('refuses a priority that disagrees with the class', () => {
    const r = fakeCluster().apply(podManifest('p', (p) => (p.spec.priority = 10)));
    expect(r.ok || r.rejection.message).toBe(
      'Error from server (Forbidden): pods "p" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });
});

describe('DefaultTolerationSeconds', () => {
  const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  it.each<[string, Json[] | undefined, Json[]]>([
    ['adds both when there are none', undefined, [notReady, unreachable]],
    ['appends after the pod’s own', [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }], [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable]],
    [
      'keeps a pod’s own not-ready toleration',
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }, unreachable],
    ],
    ['an empty key tolerates both', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    [
      'an effect-less toleration of the key counts',
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady],
    ],
  ])('%s', (_name, tolerations, expected) => {
    const pod = { kind: 'Pod', spec: { containers: [], ...(tolerations ? { tolerations } : {}) } } as unknown as KubeObject;
    admitDefaultTolerationSeconds(pod);
    expect((pod.spec as Json).tolerations).toEqual(expected);
  });

  it('runs on pod create through the pipeline', () => {
    expect(accepted(fakeCluster().apply(podManifest('p'))).spec.tolerations).toEqual([notReady, unreachable]);
  });
});

describe('Priority with PriorityClass objects', () => {
  const pc = (name: string, value: number, extra: Json = {}): Json => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });

  it.each<[string, Json[], Json, Record<string, unknown>]>([
    ['takes value and policy from the named class', [pc('low', 10, { preemptionPolicy: 'Never' })], podManifest('web', (p) => (p.spec.priorityClassName = 'low')), { priority: 10, preemptionPolicy: 'Never' }],
    ['fills in the global default for a pod without a class', [pc('normal', 500, { globalDefault: true })], podManifest('web'), { priority: 500, priorityClassName: 'normal', preemptionPolicy: 'PreemptLowerPriority' }],
    ['uses 0 with no default class', [pc('high', 9000)], podManifest('web'), { priority: 0, preemptionPolicy: 'PreemptLowerPriority' }],
  ])('%s', (_name, classes, pod, want) => {
    const cluster = fakeCluster();
    for (const c of classes) accepted(cluster.apply(c));
    const spec = accepted(cluster.apply(pod)).spec;
    for (const [k, v] of Object.entries(want)) expect(spec[k]).toBe(v);
  });

  it('allows only one global default', () => {
    const cluster = fakeCluster();
    accepted(cluster.apply(pc('a', 1, { globalDefault: true })));
    const r = cluster.apply(pc('b', 2, { globalDefault: true }));
    expect(r.ok || r.rejection.message).toBe(
      'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    );
  });

  it('validates the class: user values stop at one billion', () => {
    const r = fakeCluster().apply(pc('urgent', 1000000001));
    expect(r.ok || r.rejection.message).toBe('The PriorityClass "urgent" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
  });
});

describe('ServiceAccount: the account object', () => {
  const sa = (extra: Json): Json => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder' }, ...extra });

  it.each<[string, Json, ((p: Json) => void) | undefined, boolean]>([
    ['an account that opts out', { automountServiceAccountToken: false }, undefined, false],
    ['a pod that opts back in', { automountServiceAccountToken: false }, (p) => (p.spec.automountServiceAccountToken = true), true],
    ['a pod that opts out', {}, (p) => (p.spec.automountServiceAccountToken = false), false],
  ])('mounts the token or not: %s', (_name, account, edit, mounted) => {
    const cluster = fakeCluster();
    accepted(cluster.apply(sa(account)));
    const pod = accepted(cluster.apply(podManifest('web', (p) => ((p.spec.serviceAccountName = 'builder'), edit?.(p)))));
    expect((pod.spec.volumes ?? []).some((v: Json) => v.name.startsWith('kube-api-access-'))).toBe(mounted);
  });

  it("copies the account's imagePullSecrets into a pod without any", () => {
    const cluster = fakeCluster();
    accepted(cluster.apply(sa({ imagePullSecrets: [{ name: 'regcred' }] })));
    const pod = accepted(cluster.apply(podManifest('web', (p) => (p.spec.serviceAccountName = 'builder'))));
    expect(pod.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });
});

describe('admission refusals of generateName pods', () => {
  it('name the prefix: admission runs before the name is generated', () => {
    const pod = podManifest('x', (p) => ((p.spec.serviceAccountName = 'missing'), delete p.metadata.name, (p.metadata.generateName = 'web-')));
    const r = prepareCreate(pod as unknown as KubeObject, fakeCluster());
    expect(r.ok || r.rejection.message).toBe(
      'Error from server (Forbidden): pods "web-" is forbidden: error looking up service account default/missing: serviceaccount "missing" not found',
    );
  });
});
