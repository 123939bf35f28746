import type { Json } from './testkit';
import { describe, expect, it } from 'vitest';
import type { KubeObject, PodSpec } from '../api/types';
import { flattenListDocument, LAST_APPLIED, prepareApply, prepareCreate } from './pipeline';
import { fakeCluster, podManifest, workloadManifest } from './testkit';


function accepted(r: ReturnType<typeof prepareApply>): Json {
  if (!r.ok) throw new Error(r.rejection.message);
  return r.object as Json;
}

describe("kubectl's own refusals", () => {
  it.each<[string, unknown, string, string]>([
    [
      'an unknown kind',
      { apiVersion: 'v1', kind: 'Pood', metadata: { name: 'web' } },
      'NotFound',
      'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Pood" in version "v1"\nensure CRDs are installed first',
    ],
    [
      'a kind in the wrong group (the namespace is the manifest’s own)',
      { apiVersion: 'apps/v1', kind: 'Pod', metadata: { name: 'web', namespace: 'dev' } },
      'NotFound',
      'error: resource mapping not found for name: "web" namespace: "dev" from "STDIN": no matches for kind "Pod" in version "apps/v1"\nensure CRDs are installed first',
    ],
    [
      'an outdated apiVersion',
      { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'web' } },
      'NotFound',
      'error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first',
    ],
    [
      'no kind',
      { apiVersion: 'v1', metadata: { name: 'web' } },
      'BadRequest',
      'error: error validating "STDIN": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    ],
    [
      'neither apiVersion nor kind',
      { metadata: { name: 'web' } },
      'BadRequest',
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    ],
    [
      'no name',
      { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: {} },
      'BadRequest',
      'error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "default"\nfrom server for: "STDIN": resource name may not be empty',
    ],
    [
      'generateName with apply',
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { generateName: 'web-' } },
      'BadRequest',
      'error: from web-: cannot use generate name with apply',
    ],
  ])('%s', (_name, doc, reason, message) => {
    const r = fakeCluster().apply(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection.reason).toBe(reason);
    expect(r.rejection.message).toBe(message);
  });
});

describe('decode refusals reach kubectl as BadRequest', () => {
  it('frames the decoder error with the kind and version', () => {
    const r = fakeCluster().apply(workloadManifest('Deployment', 'web', (d) => (d.spec.template.spec.containers[0].imagePullPolcy = 'Always')));
    expect(r.ok || r.rejection).toEqual({
      kind: 'Deployment',
      name: 'web',
      namespace: 'default',
      reason: 'BadRequest',
      message:
        'Error from server (BadRequest): Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy"',
    });
  });
});

describe('create', () => {
  it('stores a pod as the API server would return it', () => {
    const pod = accepted(
      fakeCluster().apply(
        podManifest('web', (p) => (p.spec.containers[0].resources = { limits: { cpu: '500m', memory: '128Mi' } })),
      ),
    );
    expect(pod.metadata).toMatchObject({ name: 'web', namespace: 'default', generation: 1 });
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
    expect(pod.spec).toMatchObject({ serviceAccountName: 'default', priority: 0, enableServiceLinks: true });
  });

  it('records the manifest as kubectl does in last-applied-configuration', () => {
    const pod = accepted(fakeCluster().apply(podManifest('web', (p) => ((p.metadata.labels = { app: 'web' }), (p.metadata.annotations = { note: '<front> & back' })))));
    expect(pod.metadata.annotations.note).toBe('<front> & back');
    expect(pod.metadata.annotations[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{"note":"\\u003cfront\\u003e \\u0026 back"},"labels":{"app":"web"},"name":"web","namespace":"default"},' +
        '"spec":{"containers":[{"command":["sh","-c","sleep 3600"],"image":"busybox:1.36","name":"app"}]}}\n',
    );
  });

  it('keeps no namespace on a cluster-scoped object', () => {
    const ns = accepted(fakeCluster().apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', namespace: 'default' } }));
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  });

  it('starts workloads with generation 1 and an empty status', () => {
    const cluster = fakeCluster();
    expect(accepted(cluster.apply(workloadManifest('Deployment'))).status).toEqual({});
    expect(accepted(cluster.apply(workloadManifest('ReplicaSet', 'rs'))).status).toEqual({ replicas: 0 });
  });

  it('allocates a Service its cluster IP and node ports, the same each time', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const a = accepted(fakeCluster().apply(svc));
    const b = accepted(fakeCluster().apply(svc));
    expect(a.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(a.spec).toMatchObject({ clusterIPs: [a.spec.clusterIP], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    expect(a.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(a.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(b.spec).toEqual(a.spec);
    expect(a.status).toEqual({ loadBalancer: {} });
  });

  it('skips cluster IPs the caller says are taken', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } };
    const first = accepted(fakeCluster().apply(svc)).spec.clusterIP;
    const cluster = fakeCluster();
    const r = prepareApply(svc, { ...cluster, clusterIPInUse: (ip) => ip === first });
    expect(accepted(r).spec.clusterIP).not.toBe(first);
  });
});

describe('apply to an existing object (three-way merge, then ValidateUpdate)', () => {
  it('is unchanged when re-applied as it is', () => {
    const cluster = fakeCluster();
    const first = accepted(cluster.apply(podManifest('web')));
    const again = cluster.apply(podManifest('web'));
    expect(again).toEqual({ ok: true, object: first, unchanged: true });
  });

  it('is unchanged when only the spelling of a quantity differs', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web', (p) => (p.spec.containers[0].resources = { requests: { cpu: '0.5' } })));
    const again = cluster.apply(podManifest('web', (p) => (p.spec.containers[0].resources = { requests: { cpu: '0.5' } })));
    expect(again.ok && again.unchanged).toBe(true);
  });

  it('lets the image change and bumps the generation', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    const pod = accepted(cluster.apply(podManifest('web', (p) => (p.spec.containers[0].image = 'busybox:1.37'))));
    expect(pod.spec.containers[0].image).toBe('busybox:1.37');
    expect(pod.metadata.generation).toBe(2);
    // What the server added on create stays.
    expect(pod.spec.volumes).toHaveLength(1);
    expect(pod.spec.tolerations).toHaveLength(2);
  });

  it('lets labels change without touching the spec', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web', (p) => (p.metadata.labels = { app: 'web', old: 'x' })));
    const pod = accepted(cluster.apply(podManifest('web', (p) => (p.metadata.labels = { app: 'web', tier: 'front' }))));
    expect(pod.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(pod.metadata.generation).toBe(1);
  });

  it('refuses other pod changes with the v1.34 wording', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    const r = cluster.apply(podManifest('web', (p) => (p.spec.containers[0].command = ['sh', '-c', 'sleep 60'])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection.reason).toBe('Invalid');
    expect(r.rejection.causes).toHaveLength(1);
    expect(r.rejection.causes![0].field).toBe('spec');
    expect(r.rejection.causes![0].reason).toBe('FieldValueForbidden');
    expect(r.rejection.message.split('\n')[0]).toBe(
      'The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(r.rejection.message).toContain('  core.PodSpec{');
  });

  it('refuses adding a container', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    const r = cluster.apply(podManifest('web', (p) => p.spec.containers.push({ name: 'side', image: 'nginx:1.25' })));
    expect(r.ok || r.rejection.message).toBe('The Pod "web" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  it('adds a toleration: the applied list replaces the stored one, and DefaultTolerationSeconds (Create and Update) puts its own back', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    const r = cluster.apply(podManifest('web', (p) => (p.spec.tolerations = [{ key: 'gpu', operator: 'Exists' }])));
    if (!r.ok) throw new Error(r.rejection.message);
    expect(((r.object.spec as PodSpec).tolerations ?? []).map((t) => t.key)).toEqual(['gpu', 'node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
  });

  it('lets activeDeadlineSeconds be set and only shortened', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    expect(cluster.apply(podManifest('web', (p) => (p.spec.activeDeadlineSeconds = 600))).ok).toBe(true);
    const r = cluster.apply(podManifest('web', (p) => (p.spec.activeDeadlineSeconds = 900)));
    expect(r.ok || r.rejection.message).toBe('The Pod "web" is invalid: spec.activeDeadlineSeconds: Invalid value: 900: must be less than or equal to previous value');
  });

  it('scales a Deployment on re-apply and bumps its generation', () => {
    const cluster = fakeCluster();
    cluster.apply(workloadManifest('Deployment'));
    const d = accepted(cluster.apply(workloadManifest('Deployment', 'web', (w) => (w.spec.replicas = 5))));
    expect(d.spec.replicas).toBe(5);
    expect(d.metadata.generation).toBe(2);
  });

  it('removes a field the last apply had and this one dropped', () => {
    const cluster = fakeCluster();
    cluster.apply(workloadManifest('Deployment', 'web', (w) => (w.spec.minReadySeconds = 10)));
    const d = accepted(cluster.apply(workloadManifest('Deployment')));
    expect(d.spec.minReadySeconds).toBeUndefined();
  });

  it('keeps the stored status of a workload', () => {
    const cluster = fakeCluster();
    const d = accepted(cluster.apply(workloadManifest('Deployment')));
    d.status = { replicas: 2, readyReplicas: 2 };
    const after = accepted(cluster.apply(workloadManifest('Deployment', 'web', (w) => (w.spec.replicas = 3))));
    expect(after.status).toEqual({ replicas: 2, readyReplicas: 2 });
  });

  it('refuses a changed Deployment selector as immutable', () => {
    const cluster = fakeCluster();
    cluster.apply(workloadManifest('Deployment'));
    const r = cluster.apply(
      workloadManifest('Deployment', 'web', (w) => {
        w.spec.selector = { matchLabels: { app: 'web2' } };
        w.spec.template.metadata.labels = { app: 'web2' };
      }),
    );
    expect(r.ok || r.rejection.message).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable',
    );
  });

  it('merges an object created without apply (no last-applied annotation) without deleting anything', () => {
    const cluster = fakeCluster();
    const created = prepareCreate(podManifest('web') as KubeObject, cluster);
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    cluster.objects.set('Pod/default/web', created.object);
    const r = cluster.apply(podManifest('web', (p) => (p.metadata.labels = { app: 'web' })));
    const pod = accepted(r);
    expect(pod.metadata.labels).toEqual({ app: 'web' });
    expect(pod.metadata.annotations[LAST_APPLIED]).toBeDefined();
  });
});

describe('prepareCreate (creates through the API, as controllers make them)', () => {
  it('fills in generateName and never adds last-applied', () => {
    const cluster = fakeCluster();
    const r = prepareCreate({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-7d4b9-', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } as KubeObject, cluster);
    const pod = accepted(r);
    expect(pod.metadata.name).toMatch(/^web-7d4b9-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.annotations).toBeUndefined();
    expect(pod.spec.volumes[0].name).toMatch(/^kube-api-access-/);
  });

  it('draws a fresh name when the first one is taken', () => {
    const cluster = fakeCluster();
    const make = () => prepareCreate({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-' }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } } as KubeObject, cluster);
    const a = accepted(make());
    cluster.objects.set(`Pod/default/${a.metadata.name}`, a as KubeObject);
    const b = accepted(make());
    expect(b.metadata.name).not.toBe(a.metadata.name);
  });

  it('uses the caller’s generator when it has one', () => {
    const cluster = fakeCluster();
    const r = prepareCreate({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'x-' }, spec: { containers: [{ name: 'c', image: 'nginx:1.25' }] } } as KubeObject, {
      ...cluster,
      generateName: (_k, _ns, prefix) => prefix + 'abcde',
    });
    expect(accepted(r).metadata.name).toBe('x-abcde');
  });

  it.each([
    ['a short prefix is kept whole', 'web-', 'web-'],
    ['a 58-character prefix is kept whole', 'a'.repeat(57) + '-', 'a'.repeat(57) + '-'],
    ['a longer prefix is cut to 58 characters (SimpleNameGenerator)', 'b'.repeat(70) + '-', 'b'.repeat(58)],
  ])('generateName: %s', (_n, generateName, base) => {
    for (const ctx of [fakeCluster(), { ...fakeCluster(), generateName: (_k: string, _ns: string | undefined, prefix: string) => prefix + 'abcde' }]) {
      const name = accepted(prepareCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName, namespace: 'default' } } as KubeObject, ctx)).metadata.name as string;
      expect(name.slice(0, -5)).toBe(base);
      expect(name).toHaveLength(base.length + 5);
    }
  });

  it('does not change the object it was given', () => {
    const obj = podManifest('web') as KubeObject;
    const before = JSON.stringify(obj);
    prepareCreate(obj, fakeCluster());
    expect(JSON.stringify(obj)).toBe(before);
  });
});

describe('conformance-style cases, end to end (rejection message and causes)', () => {
  const pod = (name: string, edit: (p: Json) => void) => podManifest(name, edit);
  it.each<[string, Json, string, { field: string; reason: string; message: string }[]]>([
    [
      'a pod name ending in a dash',
      pod('db-', () => {}),
      'The Pod "db-" is invalid: metadata.name: Invalid value: "db-": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')',
      [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: expect.stringMatching(/^Invalid value: "db-": a lowercase RFC 1123 subdomain/) as unknown as string }],
    ],
    [
      'a memory request above its limit',
      pod('queue', (p) => (p.spec.containers[0].resources = { requests: { memory: '1Gi' }, limits: { memory: '768Mi' } })),
      'The Pod "queue" is invalid: spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 768Mi',
      [{ field: 'spec.containers[0].resources.requests', reason: 'FieldValueInvalid', message: 'Invalid value: "1Gi": must be less than or equal to memory limit of 768Mi' }],
    ],
    [
      'a startup probe with successThreshold 2',
      pod('boot', (p) => (p.spec.containers[0].startupProbe = { exec: { command: ['cat', '/tmp/ready'] }, successThreshold: 2 })),
      'The Pod "boot" is invalid: spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1',
      [{ field: 'spec.containers[0].startupProbe.successThreshold', reason: 'FieldValueInvalid', message: 'Invalid value: 2: must be 1' }],
    ],
    [
      'node affinity NotIn without values',
      pod('zoned', (p) => (p.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'NotIn' }] }] } } })),
      "The Pod \"zoned\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      [
        {
          field: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values',
          reason: 'FieldValueRequired',
          message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
        },
      ],
    ],
    [
      'a ReplicaSet template without image',
      workloadManifest('ReplicaSet', 'cart', (w) => delete w.spec.template.spec.containers[0].image),
      'The ReplicaSet "cart" is invalid: spec.template.spec.containers[0].image: Required value',
      [{ field: 'spec.template.spec.containers[0].image', reason: 'FieldValueRequired', message: 'Required value' }],
    ],
  ])('%s', (_name, doc, message, causes) => {
    const r = fakeCluster().apply(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection.reason).toBe('Invalid');
    expect(r.rejection.message).toBe(message);
    expect(r.rejection.causes).toEqual(causes);
  });

  it('keeps an explicit pull policy and defaults the other container by its tag', () => {
    const r = fakeCluster().apply(
      podManifest('pull', (p) => {
        p.spec.containers = [
          { name: 'pinned', image: 'redis', imagePullPolicy: 'Never' },
          { name: 'floating', image: 'redis' },
          { name: 'tagged', image: 'redis:7' },
        ];
      }),
    );
    expect(accepted(r).spec.containers.map((c: Json) => c.imagePullPolicy)).toEqual(['Never', 'Always', 'IfNotPresent']);
  });

  it('accepts requests without limits as Burstable, with no limits invented', () => {
    const p = accepted(fakeCluster().apply(podManifest('b', (m) => (m.spec.containers[0].resources = { requests: { memory: '32Mi' } }))));
    expect(p.status.qosClass).toBe('Burstable');
    expect(p.spec.containers[0].resources).toEqual({ requests: { memory: '32Mi' } });
  });

  it('ignores the system fields of a manifest exported from a cluster', () => {
    const cluster = fakeCluster();
    const exported = podManifest('copy', (p) => Object.assign(p.metadata, { uid: 'abc', resourceVersion: '42', creationTimestamp: '2024-01-01T00:00:00Z', generation: 7 }));
    const created = accepted(cluster.apply(exported));
    expect(created.metadata.uid).toBeUndefined();
    expect(created.metadata.resourceVersion).toBeUndefined();
    expect(created.metadata.creationTimestamp).toBeUndefined();
    expect(created.metadata.generation).toBe(1);
    Object.assign(created.metadata, { uid: 'u-1', resourceVersion: '1001' });
    const again = cluster.apply(exported);
    expect(again.ok && again.unchanged).toBe(true);
  });
});

describe('flattenListDocument (kubectl applies the items of a List)', () => {
  const cm = (name: string): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  it.each<[string, Json, number]>([
    ['a plain object is itself', cm('a'), 1],
    ['a List gives its items', { apiVersion: 'v1', kind: 'List', items: [cm('a'), cm('b')] }, 2],
    ['nested Lists are flattened too', { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'List', items: [cm('a')] }, cm('b')] }, 2],
    ['an empty List applies nothing', { apiVersion: 'v1', kind: 'List', items: [] }, 0],
  ])('%s', (_name, doc, count) => {
    expect(flattenListDocument(doc)).toHaveLength(count);
  });
});
