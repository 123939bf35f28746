import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { apiObjectReference, readStaticPod } from './static-pods';
import { runScenario, type ScenarioResult } from '../core/run';
import { normalizeScenario } from '../core/scenario';

const manifest = (spec: Record<string, unknown>, meta: Record<string, unknown> = { name: 'web' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: meta,
  spec: { containers: [{ name: 'c', image: 'nginx:1.25' }], ...spec },
});
const read = (raw: unknown) => readStaticPod(raw, 'node01', '/etc/kubernetes/manifests/web.yaml', '1970-01-01T00:00:00Z');

describe('readStaticPod: the file source turns a manifest into a pod (config/common.go applyDefaults)', () => {
  const r = read(manifest({}));
  const pod = (r as { pod: Pod }).pod;
  it.each([
    ['the name gets the node name appended', () => pod.metadata.name, 'web-node01'],
    ['the namespace defaults to default', () => pod.metadata.namespace, 'default'],
    ['the pod is bound to the node', () => pod.spec.nodeName, 'node01'],
    ['the config hash annotation is the UID', () => pod.metadata.annotations?.['kubernetes.io/config.hash'], pod.metadata.uid],
    ['the source is file', () => pod.metadata.annotations?.['kubernetes.io/config.source'], 'file'],
    ['config.seen is the time it was read', () => pod.metadata.annotations?.['kubernetes.io/config.seen'], '1970-01-01T00:00:00Z'],
    ['an Exists/NoExecute toleration is added', () => pod.spec.tolerations, [{ operator: 'Exists', effect: 'NoExecute' }]],
    ['the scheme defaults are applied', () => pod.spec.restartPolicy, 'Always'],
    ['the phase starts Pending', () => pod.status?.phase, 'Pending'],
  ] as const)('%s', (_n, get, want) => {
    expect(r.ok).toBe(true);
    expect(get()).toEqual(want);
  });

  it('the UID is 32 hex digits, stable for the same file and different for another node', () => {
    const again = read(manifest({}));
    const other = readStaticPod(manifest({}), 'node02', '/etc/kubernetes/manifests/web.yaml', '1970-01-01T00:00:00Z');
    expect(pod.metadata.uid).toMatch(/^[0-9a-f]{32}$/);
    expect((again as { pod: Pod }).pod.metadata.uid).toBe(pod.metadata.uid);
    expect((other as { pod: Pod }).pod.metadata.uid).not.toBe(pod.metadata.uid);
  });

  it('an identical toleration is not added twice (AddOrUpdateTolerationInPod)', () => {
    const t = read(manifest({ tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] }));
    expect((t as { pod: Pod }).pod.spec.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
  });

  it('unknown fields are dropped, as the non-strict UniversalDecoder drops them', () => {
    const t = read(manifest({ containers: [{ name: 'c', image: 'nginx:1.25', bogus: 1 }], alsoBogus: true }));
    expect(t.ok).toBe(true);
    expect((t as { pod: Pod }).pod.spec.containers[0]).not.toHaveProperty('bogus');
  });

  it.each([
    ['a manifest without a name', manifest({}, {}), 'name is needed'],
    ['another kind', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }, 'invalid pod'],
    ['a container without an image (ValidatePodCreate)', manifest({ containers: [{ name: 'c' }] }), 'invalid pod'],
    ['a wrong JSON type', manifest({ containers: [{ name: 'c', image: 5 }] }), 'cannot unmarshal'],
    ['a service account (PreventStaticPodAPIReferences)', manifest({ serviceAccountName: 'sa' }), 'static pods may not reference serviceaccounts'],
    ['a ConfigMap through envFrom', manifest({ containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: 'x' } }] }] }), 'static pods may not reference configmaps'],
    ['a Secret volume', manifest({ volumes: [{ name: 's', secret: { secretName: 'x' } }] }), 'static pods may not reference secrets'],
    ['a PersistentVolumeClaim', manifest({ volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'x' } }] }), 'static pods may not reference persistentvolumeclaims'],
  ])('skips %s', (_n, raw, why) => {
    const t = read(raw);
    expect(t.ok).toBe(false);
    expect((t as { error: string }).error).toContain(why);
  });
});

describe('apiObjectReference (podutil.HasAPIObjectReference)', () => {
  it.each([
    ['nothing referenced', {}, undefined],
    ['an emptyDir and a hostPath are fine', { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', hostPath: { path: '/x' } }] }, undefined],
    ['a downwardAPI projection is fine', { volumes: [{ name: 'a', projected: { sources: [{ downwardAPI: { items: [] } }] } }] }, undefined],
    ['imagePullSecrets', { imagePullSecrets: [{ name: 'r' }] }, 'secrets'],
    ['a secretKeyRef', { containers: [{ name: 'c', env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }, 'secrets'],
    ['a ConfigMap volume', { volumes: [{ name: 'a', configMap: { name: 'c' } }] }, 'configmaps'],
    ['a token projection', { volumes: [{ name: 'a', projected: { sources: [{ serviceAccountToken: { path: 't' } }] } }] }, 'serviceaccounts (via projected volumes)'],
  ])('%s', (_n, spec, want) => {
    expect(apiObjectReference({ containers: [{ name: 'c' }], ...spec } as never)).toBe(want);
  });
});

function run(extra: Record<string, unknown>): ScenarioResult {
  return runScenario(
    normalizeScenario({
      staticPods: { node01: [manifest({ containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5; exit 1'] }] })] },
      ...extra,
    }),
  );
}
const mirrorIn = (pods: Pod[]) => pods.find((p) => p.metadata.name === 'web-node01')!;

describe('mirror pods (mirror_client.go, kubelet.go SyncPod, status_manager.go)', () => {
  const r = run({ actions: [{ at: 40, delete: { kind: 'Pod', name: 'web-node01' } }], observe: [39, 41], until: 80 });
  const before = mirrorIn(r.snapshots[0].pods);
  const after = mirrorIn(r.final.pods);
  it.each([
    ['carries the mirror annotation with the config hash', () => before.metadata.annotations?.['kubernetes.io/config.mirror'], before.metadata.annotations?.['kubernetes.io/config.hash']],
    ['is owned by its Node as controller', () => before.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}/${o.controller}`), ['Node/node01/true']],
    ['has no service account token volume (ServiceAccount admission leaves mirror pods alone)', () => (before.spec.volumes ?? []).length, 0],
    ['has no service account', () => before.spec.serviceAccountName, undefined],
    ['gets PodScheduled=True from the kubelet', () => before.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status, 'True'],
    ['is created anew after a delete, with a new UID', () => after.metadata.uid !== before.metadata.uid, true],
    ['and a new creationTimestamp', () => after.metadata.creationTimestamp, '1970-01-01T00:00:40Z'],
    ['and the same container, still counting restarts', () => (after.status?.containerStatuses?.[0].restartCount ?? 0) >= (before.status?.containerStatuses?.[0].restartCount ?? 0), true],
  ] as const)('%s', (_n, get, want) => {
    expect(get()).toEqual(want);
  });

  it('the recreated mirror is Pending until the status manager writes to it', () => {
    expect(mirrorIn(r.snapshots[1].pods).status?.phase).toBe('Pending');
    expect(after.status?.phase).toBe('Running');
  });

  it('records events against the static pod, which kubectl describe finds through the mirror annotation', () => {
    const uid = before.metadata.annotations?.['kubernetes.io/config.hash'];
    expect(r.events.filter((e) => e.involvedObject.name === 'web-node01').every((e) => e.involvedObject.uid === uid)).toBe(true);
    const text = r.final.describe['default/web-node01'];
    expect(text).toContain('Controlled By:  Node/node01');
    expect(text).toMatch(/Normal\s+Started\s+.*Started container c/);
  });

  it('a static pod tolerates NoExecute taints and an unreachable node', () => {
    const t = run({ actions: [{ at: 10, taint: { node: 'node01', key: 'k', value: 'v', effect: 'NoExecute' } }, { at: 20, nodeCondition: { node: 'node01', ready: 'Unknown' } }], until: 500 });
    expect(t.final.pods.map((p) => p.metadata.name)).toContain('web-node01');
    expect(t.events.some((e) => e.reason === 'TaintManagerEviction')).toBe(false);
  });

  it('the mirror gets Ready back from the kubelet after the node controller marked it not ready', () => {
    const t = runScenario(
      normalizeScenario({
        staticPods: { node01: [manifest({})] },
        actions: [{ at: 20, nodeCondition: { node: 'node01', ready: 'Unknown' } }, { at: 100, nodeCondition: { node: 'node01', ready: 'True' } }],
        observe: [90],
        until: 105,
      }),
    );
    const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready(mirrorIn(t.snapshots[0].pods))?.status).toBe('False');
    expect(ready(mirrorIn(t.final.pods))?.status).toBe('True');
  });

  it('a mirror pod with no static pod behind it is deleted at the next housekeeping', () => {
    const t = runScenario(
      normalizeScenario({
        apply: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', annotations: { 'kubernetes.io/config.mirror': 'x' } }, spec: { nodeName: 'node02', containers: [{ name: 'c', image: 'nginx:1.25' }] } }],
        observe: [1, 3],
        until: 5,
      }),
    );
    expect(t.accepted.map((a) => a.name)).toEqual(['orphan']);
    expect(t.snapshots[0].pods.map((p) => p.metadata.name)).toEqual(['orphan']);
    expect(t.snapshots[1].pods).toEqual([]);
  });

  it.each([
    ['a service account', { serviceAccountName: 'default' }, 'a mirror pod may not reference service accounts'],
    ['a secret volume', { volumes: [{ name: 's', secret: { secretName: 'x' } }] }, 'a mirror pod may not reference secrets'],
    ['a token projection', { volumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] }, 'a mirror pod may not use ServiceAccountToken volume projections'],
  ])('the ServiceAccount admission refuses a mirror pod referencing %s', (_n, spec, why) => {
    const t = runScenario(normalizeScenario({ apply: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'm', annotations: { 'kubernetes.io/config.mirror': 'x' } }, spec: { nodeName: 'node02', containers: [{ name: 'c', image: 'nginx:1.25' }], ...spec } }], until: 1 }));
    expect(t.rejected[0]).toMatchObject({ reason: 'Forbidden' });
    expect((t.rejected[0] as { message: string }).message).toContain(why);
  });
});

describe('the staticPods scenario key', () => {
  it.each([
    ['a node outside the default cluster', { staticPods: { node09: [] } }, 'node "node09" is not in the scenario\'s nodes'],
    ['a node outside the given nodes', { nodes: [{ metadata: { name: 'a' } }], staticPods: { node01: [] } }, 'node "node01"'],
    ['not a map', { staticPods: ['x'] }, 'staticPods: expected a map'],
  ])('refuses %s', (_n, raw, why) => {
    expect(() => normalizeScenario(raw)).toThrow(why);
  });

  it('reads a multi-document YAML string per node', () => {
    const s = normalizeScenario({ staticPods: { node02: 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n' } });
    expect(s.staticPods?.node02).toHaveLength(2);
  });
});
