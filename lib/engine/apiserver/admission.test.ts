import type { Json } from './testkit';
import { describe, expect, it } from 'vitest';
import { admitDefaultTolerationSeconds, nameSuffix, tokenVolumeName } from './admission';
import { fakeCluster, podManifest, workloadManifest } from './testkit';
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
