import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types';
import { harness, type Harness } from '../testkit';
import { podGCController } from './controller';

// Modeled on upstream gc_controller_test.go: TestGCOrphaned (quarantine), TestGCTerminating
// (out-of-service nodes) and TestGCUnscheduledTerminating.
function pod(h: Harness, name: string, nodeName?: string): Pod {
  return h.apply<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'app', image: 'busybox:1.36' }] },
  });
}

const exists = (h: Harness, name: string) => !!h.store.get('Pod', 'default', name);

describe('pod GC: orphaned pods', () => {
  it.each([
    // [what, created at, still there at, gone at]
    ['a pod created at t=0 is seen at 10 s and deleted when the 40 s quarantine ends', 0, 49, 50],
    ['a pod created between passes waits for the next pass, then 40 s more', 12, 69, 70],
  ])('%s', (_what, createdAt, thereAt, goneAt) => {
    const h = harness([podGCController()]);
    h.runTo(createdAt);
    pod(h, 'lost', 'node09');
    h.runTo(thereAt);
    expect(exists(h, 'lost')).toBe(true);
    h.runTo(goneAt);
    expect(exists(h, 'lost')).toBe(false);
  });

  it('marks the pod Failed with DisruptionTarget DeletionByPodGC before deleting it with grace 0', () => {
    const h = harness([podGCController()]);
    const p = pod(h, 'lost', 'node09');
    const seen: Pod[] = [];
    h.store.watch((c) => {
      if (c.kind === 'Pod' && c.type === 'MODIFIED') seen.push(JSON.parse(JSON.stringify(c.object)) as Pod);
    });
    h.runTo(60);
    expect(exists(h, 'lost')).toBe(false);
    const last = seen.at(-1)!;
    expect(last.metadata.uid).toBe(p.metadata.uid);
    expect(last.status?.phase).toBe('Failed');
    expect(last.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
      lastTransitionTime: '1970-01-01T00:00:50Z',
    });
  });

  it('leaves a pod alone when its node shows up during the quarantine', () => {
    const h = harness([podGCController()]);
    pod(h, 'early', 'node09');
    h.runTo(30);
    h.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node09' } });
    h.runTo(200);
    expect(exists(h, 'early')).toBe(true);
  });

  it('ignores pods on existing nodes and pods not yet bound', () => {
    const h = harness([podGCController()]);
    pod(h, 'bound', 'node01');
    pod(h, 'pending');
    h.runTo(200);
    expect(exists(h, 'bound')).toBe(true);
    expect(exists(h, 'pending')).toBe(true);
  });
});

describe('pod GC: terminating pods on out-of-service nodes', () => {
  it.each([
    ['NotReady with the out-of-service taint: force-deleted', 'False', true, false],
    ['Ready with the taint: left to the kubelet', 'True', true, true],
    ['NotReady without the taint: left alone', 'False', false, true],
  ] as const)('%s', (_what, ready, taint, stays) => {
    const h = harness([podGCController()]);
    const p = pod(h, 'web', 'node01');
    h.runPod(p, 'node01');
    const node = h.store.get<Node>('Node', undefined, 'node01')!;
    node.status = { conditions: [{ type: 'Ready', status: ready }] };
    if (taint) node.spec = { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] };
    h.store.update(node as never);
    h.ctx.delete('Pod', 'default', 'web', { gracePeriodSeconds: 600 });
    h.runTo(100);
    expect(exists(h, 'web')).toBe(stays);
  });
});
