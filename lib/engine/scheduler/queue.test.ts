import { describe, expect, it } from 'vitest';
import { SchedulingQueue } from './queue';
import { isPodWorthRequeuing, type ClusterEvent } from './queueing_hints';
import { makeNode, makePod } from './testing';

function failAt(q: SchedulingQueue, key: string, t: number, plugins = ['NodeAffinity']): void {
  expect(q.pop(t)).toBe(key);
  q.failed(key, t, { unschedulablePlugins: plugins });
}

describe('SchedulingQueue: activeQ order (PrioritySort)', () => {
  it('higher priority first, then earlier, then first added', () => {
    const q = new SchedulingQueue();
    q.add('default/late', 5);
    q.add('default/low', 0, { priority: -1 });
    q.add('default/a', 0);
    q.add('default/b', 0);
    q.add('default/vip', 3, { priority: 1000 });
    expect(q.popReady(5)).toEqual(['default/vip', 'default/a', 'default/b', 'default/late', 'default/low']);
  });

  it('a pod is handed out once until it fails or leaves', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0);
    expect(q.popReady(0)).toEqual(['default/p']);
    expect(q.popReady(100)).toEqual([]);
    expect(q.status('default/p')?.queue).toBe('inFlight');
    q.remove('default/p');
    expect(q.has('default/p')).toBe(false);
  });
});

describe('SchedulingQueue: unschedulable pods', () => {
  it.each([
    ['failed at 0: flushed at the first 30s tick past 5 minutes', 0, 330],
    ['failed at 10: flushed at 330', 10, 330],
    ['failed at 30: flushed at 360 (strictly more than 5 minutes)', 30, 360],
    ['failed at 31: flushed at 360', 31, 360],
  ])('%s', (_name, failedAt, flushAt) => {
    const q = new SchedulingQueue();
    q.add('default/p', failedAt);
    failAt(q, 'default/p', failedAt);
    expect(q.status('default/p')?.queue).toBe('unschedulable');
    expect(q.nextWakeAt()).toBe(flushAt);
    expect(q.popReady(flushAt - 1)).toEqual([]);
    expect(q.popReady(flushAt)).toEqual(['default/p']);
  });

  it('a cluster change long after the failure sends the pod straight to activeQ', () => {
    const q = new SchedulingQueue();
    q.add('default/pg', 0);
    failAt(q, 'default/pg', 0);
    q.clusterChanged(40);
    expect(q.status('default/pg')?.queue).toBe('active');
    expect(q.popReady(40)).toEqual(['default/pg']);
  });

  it('a cluster change during the backoff parks the pod in backoffQ, which an idle scheduler pops at once', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0);
    failAt(q, 'default/p', 0);
    q.clusterChanged(0.5);
    expect(q.status('default/p')).toMatchObject({ queue: 'backoff', backoffUntil: 2 });
    expect(q.popReady(0.5)).toEqual(['default/p']);
  });

  it('without SchedulerPopFromBackoffQ the backoff is waited out (whole-second windows)', () => {
    const q = new SchedulingQueue({ popFromBackoffQ: false });
    q.add('default/p', 0);
    failAt(q, 'default/p', 0);
    q.clusterChanged(0.5);
    expect(q.nextWakeAt()).toBe(2);
    expect(q.popReady(1.9)).toEqual([]);
    expect(q.popReady(2)).toEqual(['default/p']);
  });

  it('the backoff doubles per failed attempt up to 10s', () => {
    const q = new SchedulingQueue({ popFromBackoffQ: false });
    q.add('default/p', 0);
    const waits: number[] = [];
    let t = 0;
    for (let i = 0; i < 6; i++) {
      failAt(q, 'default/p', t);
      q.clusterChanged(t);
      const ready = q.nextWakeAt()!;
      // Whole-second windows add one second to the nominal backoff.
      waits.push(ready - t - 1);
      t = ready;
    }
    expect(waits).toEqual([1, 2, 4, 8, 10, 10]);
  });

  it('events while the pod is being scheduled requeue it when it fails', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0);
    expect(q.pop(0)).toBe('default/p');
    q.clusterChanged(0);
    q.failed('default/p', 0, { unschedulablePlugins: ['NodeAffinity'] });
    expect(q.status('default/p')?.queue).toBe('backoff');
  });

  it('a failure reported without plugins is parked and retried on any event', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0);
    q.pop(0);
    q.failed('default/p', 0);
    expect(q.status('default/p')?.queue).toBe('unschedulable');
    q.clusterChanged(9, { kind: 'AssignedPodAdd', pod: makePod('x', { nodeName: 'n' }) });
    expect(q.popReady(9)).toEqual(['default/p']);
  });

  it('a failure without a rejecting plugin is retried after the backoff, never earlier', () => {
    const q = new SchedulingQueue();
    q.add('default/p', 0);
    q.pop(0);
    q.failed('default/p', 0, { unschedulablePlugins: [] });
    expect(q.status('default/p')?.queue).toBe('backoff');
    expect(q.popReady(0)).toEqual([]);
    expect(q.popReady(2)).toEqual(['default/p']);
  });
});

describe('SchedulingQueue: queueing hints pick which changes retry a pod', () => {
  const pod = makePod('pg', { nodeSelector: { tier: 'db' } });
  const node = makeNode('node01');
  const labelled = makeNode('node01', { labels: { tier: 'db' } });

  it('a node label the pod wants moves it; a pod deletion does not', () => {
    const q = new SchedulingQueue();
    q.add('default/pg', 0, { pod });
    failAt(q, 'default/pg', 0, ['NodeAffinity', 'TaintToleration']);
    q.clusterChanged(10, { kind: 'AssignedPodDelete', pod: makePod('x', { nodeName: 'node01' }) });
    expect(q.status('default/pg')?.queue).toBe('unschedulable');
    q.clusterChanged(40, { kind: 'NodeUpdate', oldNode: node, newNode: labelled });
    expect(q.popReady(40)).toEqual(['default/pg']);
  });

  it('a pod updated with new tolerations is retried', () => {
    const q = new SchedulingQueue();
    const p = makePod('t');
    q.add('default/t', 0, { pod: p });
    failAt(q, 'default/t', 0, ['TaintToleration']);
    q.podUpdated('default/t', 5, { ...p, spec: { ...p.spec, tolerations: [{ operator: 'Exists' }] } });
    expect(q.popReady(5)).toEqual(['default/t']);
  });

  const cases: [string, string[], ClusterEvent, boolean][] = [
    ['NodeAffinity: label now matches', ['NodeAffinity'], { kind: 'NodeUpdate', oldNode: node, newNode: labelled }, true],
    ['NodeAffinity: label matched before', ['NodeAffinity'], { kind: 'NodeUpdate', oldNode: labelled, newNode: labelled }, false],
    ['NodeAffinity: a new matching node', ['NodeAffinity'], { kind: 'NodeAdd', node: labelled }, true],
    ['TaintToleration: the taint is removed', ['TaintToleration'], { kind: 'NodeUpdate', oldNode: makeNode('n', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), newNode: makeNode('n') }, true],
    ['TaintToleration: a taint is added', ['TaintToleration'], { kind: 'NodeUpdate', oldNode: makeNode('n'), newNode: makeNode('n', { taints: [{ key: 'k', effect: 'NoSchedule' }] }) }, false],
    ['NodeUnschedulable: uncordon', ['NodeUnschedulable'], { kind: 'NodeUpdate', oldNode: makeNode('n', { unschedulable: true }), newNode: makeNode('n') }, true],
    ['NodeResourcesFit: an assigned pod is deleted', ['NodeResourcesFit'], { kind: 'AssignedPodDelete', pod: makePod('x', { nodeName: 'n' }) }, true],
    ['NodeResourcesFit: a pod is added', ['NodeResourcesFit'], { kind: 'AssignedPodAdd', pod: makePod('x', { nodeName: 'n' }) }, false],
    ['NodeResourcesFit: a node too small for the pod is added', ['NodeResourcesFit'], { kind: 'NodeAdd', node: makeNode('tiny', { allocatable: { cpu: '1m', memory: '1', pods: '1' } }) }, false],
    ['NodeResourcesFit: a big enough node is added', ['NodeResourcesFit'], { kind: 'NodeAdd', node: makeNode('big') }, true],
    ['InterPodAffinity: the pod anti-affine to is deleted', ['InterPodAffinity'], { kind: 'AssignedPodDelete', pod: makePod('x', { nodeName: 'n', labels: { app: 'x' } }) }, true],
    ['InterPodAffinity: an unrelated pod is deleted', ['InterPodAffinity'], { kind: 'AssignedPodDelete', pod: makePod('y', { nodeName: 'n', labels: { app: 'y' } }) }, false],
    ['any event for a wildcard', ['NodeAffinity'], { kind: 'Wildcard' }, true],
    // v1.34 InterPodAffinity hints (kubernetes#134393 was fixed only after v1.34).
    [
      'InterPodAffinity: deleting a pod whose own anti-affinity repelled the pod does not requeue it',
      ['InterPodAffinity'],
      {
        kind: 'AssignedPodDelete',
        pod: makePod('blocker', {
          nodeName: 'n',
          labels: { app: 'blocker' },
          affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { tier: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } },
        }),
      },
      false,
    ],
    ['InterPodAffinity: a node gains an anti-affinity topology key', ['InterPodAffinity'], { kind: 'NodeUpdate', oldNode: makeNode('n', { labels: { zone: 'a' } }), newNode: makeNode('n', { labels: { zone: 'a', x: 'y' } }) }, false],
    [
      'InterPodAffinity: the anti-affinity topology value changes',
      ['InterPodAffinity'],
      { kind: 'NodeUpdate', oldNode: { ...makeNode('n'), metadata: { name: 'n', labels: { 'kubernetes.io/hostname': 'a' } } }, newNode: { ...makeNode('n'), metadata: { name: 'n', labels: { 'kubernetes.io/hostname': 'b' } } } },
      true,
    ],
    ['NodePorts: a deleted pod held another port', ['NodePorts'], { kind: 'AssignedPodDelete', pod: makePod('x', { nodeName: 'n', containers: [{ ports: [{ containerPort: 81, hostPort: 81 }] }] }) }, false],
    ['PodTopologySpread: a pod without DoNotSchedule constraints ignores pod events', ['PodTopologySpread'], { kind: 'AssignedPodAdd', pod: makePod('x', { nodeName: 'n', labels: { app: 'x' } }) }, false],
  ];
  it.each(cases)('%s', (_name, plugins, event, want) => {
    const target = makePod('p', {
      nodeSelector: { tier: 'db' },
      requests: { cpu: '100m' },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    });
    expect(isPodWorthRequeuing(target, new Set(plugins), event)).toBe(want);
  });
});

describe('PodTopologySpread hints (v1.34 isSchedulableAfterPodChange / isSchedulableAfterNodeChange)', () => {
  const spread = makePod('front-2', {
    labels: { app: 'front' },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'front' } } }],
  });
  const zoned = (zone: string | undefined, taints?: { key: string; effect: 'NoSchedule' }[]) => makeNode('n', { labels: zone ? { zone } : {}, taints });
  it.each([
    ['a counted pod of the namespace is deleted', { kind: 'AssignedPodDelete', pod: makePod('f', { nodeName: 'n', labels: { app: 'front' } }) }, true],
    ['a counted pod of another namespace is deleted', { kind: 'AssignedPodDelete', pod: makePod('f', { nodeName: 'n', namespace: 'other', labels: { app: 'front' } }) }, false],
    ['an uncounted pod is deleted', { kind: 'AssignedPodDelete', pod: makePod('f', { nodeName: 'n', labels: { app: 'back' } }) }, false],
    ['a node gets the topology key', { kind: 'NodeUpdate', oldNode: zoned(undefined), newNode: zoned('a') }, true],
    ['a node moves to another domain', { kind: 'NodeUpdate', oldNode: zoned('a'), newNode: zoned('b') }, true],
    ['a node of a domain changes taints', { kind: 'NodeUpdate', oldNode: zoned('a', [{ key: 'k', effect: 'NoSchedule' }]), newNode: zoned('a') }, true],
    ['a node outside every domain changes taints', { kind: 'NodeUpdate', oldNode: zoned(undefined, [{ key: 'k', effect: 'NoSchedule' }]), newNode: zoned(undefined) }, false],
    ['a node without the key is added', { kind: 'NodeAdd', node: zoned(undefined) }, false],
  ] as [string, ClusterEvent, boolean][])('%s', (_name, event, want) => {
    expect(isPodWorthRequeuing(spread, new Set(['PodTopologySpread']), event)).toBe(want);
  });
});
