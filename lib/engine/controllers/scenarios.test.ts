/**
 * The controllers in a whole simulated cluster (scheduler, kubelets, API server), wired here the
 * way the Cluster will wire them: after the node controllers.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, Pod } from '../api/types';
import { runScenario, type ScenarioResult } from '../core/run';
import { normalizeScenario } from '../core/scenario';
import { nodeLifecycleController, taintEvictionController } from '../core/node-controllers';
import { workloadControllers } from './index';
import { deploymentManifest, replicaSetManifest } from './testkit';

function run(scenario: Record<string, unknown>): ScenarioResult {
  return runScenario(normalizeScenario(scenario), { controllers: [nodeLifecycleController(() => undefined), taintEvictionController(), ...workloadControllers()] });
}

const podsWith = (pods: Pod[], app: string) => pods.filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
const objectsOf = (r: ScenarioResult, kind: string) => r.final.objects.filter((o) => o.kind === kind);
const object = (r: ScenarioResult, kind: string, name: string) => r.final.objects.find((o) => o.kind === kind && o.metadata?.name === name) as KubeObject & { status?: Record<string, unknown>; spec?: Record<string, unknown> };
const messages = (r: ScenarioResult, reason: string) => r.events.filter((e) => e.reason === reason).map((e) => e.message);

describe('workload controllers in a cluster', () => {
  it.each<[string, Record<string, unknown>, (r: ScenarioResult) => void]>([
    [
      'a ReplicaSet runs its replicas across the worker nodes',
      { apply: [replicaSetManifest('shop', 4, { app: 'shop' })], until: 60 },
      (r) => {
        const pods = podsWith(r.final.pods, 'shop');
        expect(pods).toHaveLength(4);
        expect(pods.every((p) => p.status?.phase === 'Running')).toBe(true);
        expect(new Set(pods.map((p) => p.spec.nodeName))).toEqual(new Set(['node01', 'node02']));
        expect(messages(r, 'SuccessfulCreate')).toEqual(pods.map(() => expect.stringMatching(/^Created pod: shop-[a-z0-9]{5}$/)));
      },
    ],
    [
      'a late matching pod is adopted, then deleted as surplus',
      { apply: [replicaSetManifest('cart', 2, { app: 'cart' })], actions: [{ at: 20, apply: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'extra', labels: { app: 'cart' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } }] }], until: 90 },
      (r) => {
        expect(r.final.pods.find((p) => p.metadata.name === 'extra')).toBeUndefined();
        expect(podsWith(r.final.pods, 'cart')).toHaveLength(2);
        expect(messages(r, 'SuccessfulDelete')).toEqual(['Deleted pod: extra']);
      },
    ],
    [
      'a deleted pod is replaced',
      { apply: [deploymentManifest('web', 2)], actions: [{ at: 30, delete: { kind: 'Pod', selector: { app: 'web' } } }], until: 90 },
      (r) => {
        const pods = podsWith(r.final.pods, 'web');
        expect(pods).toHaveLength(2);
        expect(pods.every((p) => p.metadata.creationTimestamp === '1970-01-01T00:00:30Z' && p.status?.phase === 'Running')).toBe(true);
      },
    ],
    [
      'scaling a Deployment records ScalingReplicaSet from/to',
      { apply: [deploymentManifest('blog', 1)], actions: [{ at: 20, scale: { kind: 'Deployment', name: 'blog', replicas: 3 } }], until: 80 },
      (r) => {
        expect(messages(r, 'ScalingReplicaSet')).toEqual([expect.stringMatching(/^Scaled up replica set blog-[a-z0-9]+ from 0 to 1$/), expect.stringMatching(/^Scaled up replica set blog-[a-z0-9]+ from 1 to 3$/)]);
        expect(podsWith(r.final.pods, 'blog')).toHaveLength(3);
      },
    ],
    [
      'a Deployment becomes available with the contract\'s status and conditions',
      { apply: [deploymentManifest('catalog', 4)], until: 90 },
      (r) => {
        const d = object(r, 'Deployment', 'catalog');
        expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
        expect(d.status).not.toHaveProperty('unavailableReplicas');
        const [rs] = objectsOf(r, 'ReplicaSet');
        expect(rs.metadata?.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5', 'deployment.kubernetes.io/revision': '1' });
        const conds = (d.status!.conditions as { type: string; reason: string; message: string }[]).map((c) => [c.type, c.reason, c.message]);
        expect(conds).toEqual([
          ['Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
          ['Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata?.name}" has successfully progressed.`],
        ]);
      },
    ],
    [
      'rollout restart rolls every pod to a second ReplicaSet carrying restartedAt',
      { apply: [deploymentManifest('front', 3)], actions: [{ at: 75, rollout: { kind: 'Deployment', name: 'front', do: 'restart' } }], until: 240 },
      (r) => {
        expect(object(r, 'Deployment', 'front').metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
        expect(objectsOf(r, 'ReplicaSet')).toHaveLength(2);
        const pods = podsWith(r.final.pods, 'front');
        expect(pods).toHaveLength(3);
        expect(pods.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === '1970-01-01T00:01:15Z')).toBe(true);
      },
    ],
    [
      'rollout undo goes back to the first ReplicaSet as revision 3',
      { apply: [deploymentManifest('web', 2)], actions: [{ at: 20, apply: [deploymentManifest('web', 2, {}, 'nginx:1.26')] }, { at: 60, rollout: { kind: 'Deployment', name: 'web', do: 'undo' } }], until: 120 },
      (r) => {
        const images = podsWith(r.final.pods, 'web').map((p) => p.spec.containers[0].image);
        expect(images).toEqual(['nginx:1.25', 'nginx:1.25']);
        const revisions = objectsOf(r, 'ReplicaSet').map((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision']).sort();
        expect(revisions).toEqual(['2', '3']);
      },
    ],
    [
      "rollout undo takes the restored ReplicaSet's annotations (rollback.go), keeping last-applied",
      {
        apply: [{ ...deploymentManifest('web', 2), metadata: { name: 'web', annotations: { team: 'red' } } }],
        actions: [
          { at: 20, apply: [{ ...deploymentManifest('web', 2, {}, 'nginx:1.26'), metadata: { name: 'web', annotations: { team: 'blue', ticket: '42' } } }] },
          { at: 60, rollout: { kind: 'Deployment', name: 'web', do: 'undo' } },
        ],
        until: 120,
      },
      (r) => {
        const ann = object(r, 'Deployment', 'web').metadata?.annotations ?? {};
        expect(ann.team).toBe('red');
        expect(ann.ticket).toBeUndefined();
        expect(ann['deployment.kubernetes.io/revision']).toBe('3');
        expect(ann['kubectl.kubernetes.io/last-applied-configuration']).toContain('"ticket":"42"');
      },
    ],
    [
      'a paused Deployment keeps its pods through a template change',
      {
        apply: [deploymentManifest('menu', 3)],
        actions: [{ at: 20, rollout: { kind: 'Deployment', name: 'menu', do: 'pause' } }, { at: 30, apply: [deploymentManifest('menu', 3, {}, 'nginx:1.26')] }],
        until: 120,
      },
      (r) => {
        expect(objectsOf(r, 'ReplicaSet')).toHaveLength(1);
        expect((object(r, 'Deployment', 'menu').status!.conditions as { type: string; reason: string }[]).find((c) => c.type === 'Progressing')?.reason).toBe('DeploymentPaused');
        expect(podsWith(r.final.pods, 'menu').every((p) => p.spec.containers[0].image === 'nginx:1.25')).toBe(true);
      },
    ],
    [
      'deleting a Deployment removes its ReplicaSets and pods',
      { apply: [deploymentManifest('web', 2)], actions: [{ at: 30, delete: { kind: 'Deployment', name: 'web' } }], until: 90 },
      (r) => {
        expect(objectsOf(r, 'ReplicaSet')).toHaveLength(0);
        expect(r.final.pods).toHaveLength(0);
      },
    ],
    [
      'an EndpointSlice lists ready and not-ready pods of its Service',
      {
        pods: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hot', labels: { app: 'tea' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], nodeName: 'node02' } }],
        apply: [
          { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cold', labels: { app: 'tea' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/nope', port: 80 }, periodSeconds: 5 } }], nodeName: 'node01' } },
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'tea' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 80 }], selector: { app: 'tea' } } },
        ],
        until: 60,
      },
      (r) => {
        const slices = objectsOf(r, 'EndpointSlice');
        expect(slices).toHaveLength(1);
        const s = slices[0] as KubeObject & { endpoints: { nodeName: string; conditions: { ready: boolean }; targetRef: { name: string } }[]; ports: { name: string }[] };
        expect(s.metadata?.labels).toMatchObject({ 'kubernetes.io/service-name': 'tea', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
        expect(s.ports[0].name).toBe('http');
        expect(s.endpoints.map((e) => [e.targetRef.name, e.nodeName, e.conditions.ready]).sort()).toEqual([
          ['cold', 'node01', false],
          ['hot', 'node02', true],
        ]);
      },
    ],
    [
      'pods evicted by a NoExecute taint are replaced on the other node',
      { apply: [deploymentManifest('web', 2, { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], nodeSelector: {} } } })], actions: [{ at: 30, taint: { node: 'node01', key: 'maintenance', effect: 'NoExecute' } }], until: 120 },
      (r) => {
        const pods = podsWith(r.final.pods, 'web');
        expect(pods).toHaveLength(2);
        expect(pods.every((p) => p.spec.nodeName === 'node02' && p.status?.phase === 'Running')).toBe(true);
      },
    ],
  ])('%s', (_n, scenario, check) => {
    check(run(scenario));
  });

  it('is deterministic: the same scenario gives the same bytes', () => {
    const s = { apply: [deploymentManifest('web', 3)], actions: [{ at: 30, rollout: { kind: 'Deployment', name: 'web', do: 'restart' } }], until: 120 };
    expect(JSON.stringify(run(s))).toBe(JSON.stringify(run(s)));
  });
});
