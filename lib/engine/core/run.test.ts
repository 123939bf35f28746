import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario, type ScenarioResult } from './run';
import { normalizeScenario } from './scenario';
import type { Pod } from '../api/types';

const pod = (name: string, spec: Record<string, unknown>, labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(labels ? { labels } : {}) }, spec });
const run = (s: Record<string, unknown>) => runScenario(normalizeScenario(s));
const finalPod = (r: ScenarioResult, name: string) => r.final.pods.find((p) => p.metadata.name === name);
const column = (r: ScenarioResult, name: string, col: string, at?: number) => {
  const table = at === undefined ? r.final.table : r.snapshots.find((s) => s.at === at)!.table;
  const [head, ...rows] = table.split('\n').filter(Boolean);
  const starts = [...head.matchAll(/(?:(?<=\s\s)|^)\S/g)].map((m) => m.index!);
  const names = starts.map((s, i) => head.slice(s, starts[i + 1]).trim());
  for (const row of rows) {
    const cells = starts.map((s, i) => row.slice(s, starts[i + 1]).trim());
    if (cells[0] === name) return cells[names.indexOf(col)];
  }
  return undefined;
};


/** A pod seeded on node01 that a higher-priority pod applied at t=0 must preempt (node02 is full). */
const sleeper = (cpu: string) => [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu } } }];
const preemptionAtStart = {
  pods: [pod('victim', { nodeName: 'node01', containers: sleeper('1500m') }), pod('full', { nodeName: 'node02', priorityClassName: 'system-cluster-critical', containers: sleeper('1800m') })],
  apply: [pod('vip', { priorityClassName: 'system-cluster-critical', containers: sleeper('1') })],
  observe: [5],
  until: 60,
};

describe('runScenario end to end', () => {
  it.each([
    ['memory over the limit is OOMKilled with exit 137', { apply: [pod('hog', { containers: [{ name: 'app', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' } } }] })], until: 20 }, 'hog', (p: Pod) => p.status?.containerStatuses?.[0].lastState?.terminated ?? p.status?.containerStatuses?.[0].state?.terminated, { exitCode: 137, reason: 'OOMKilled' }],
    ['a missing ConfigMap key ref is CreateContainerConfigError', { apply: [pod('cfg', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }] })], until: 20 }, 'cfg', (p: Pod) => p.status?.containerStatuses?.[0].state?.waiting, { reason: 'CreateContainerConfigError', message: 'configmap "nope" not found' }],
    ['pull policy Never without the image is ErrImageNeverPull', { apply: [pod('nv', { containers: [{ name: 'app', image: 'nginx:1.25', imagePullPolicy: 'Never' }] })], until: 20 }, 'nv', (p: Pod) => p.status?.containerStatuses?.[0].state?.waiting?.reason, 'ErrImageNeverPull'],
    ['a binary the image lacks is a StartError with exit 128', { apply: [pod('nx', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'nginx:1.25', command: ['bogus'] }] })], until: 20 }, 'nx', (p: Pod) => ({ code: p.status?.containerStatuses?.[0].state?.terminated?.exitCode, reason: p.status?.containerStatuses?.[0].state?.terminated?.reason }), { code: 128, reason: 'StartError' }],
    ['a failed init container with restartPolicy Never fails the pod', { apply: [pod('if', { restartPolicy: 'Never', initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '10'] }] })], until: 20 }, 'if', (p: Pod) => p.status?.phase, 'Failed'],
    ['a bound pod that does not fit is rejected by the kubelet', { apply: [pod('big', { nodeName: 'node01', containers: [{ name: 'app', image: 'busybox:1.36', resources: { requests: { cpu: '3' } } }] })], until: 5 }, 'big', (p: Pod) => ({ phase: p.status?.phase, reason: p.status?.reason, message: p.status?.message }), { phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000" }],
    ['env vars and $(VAR) reach the script', { apply: [pod('env', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', env: [{ name: 'A', value: 'x' }, { name: 'B', value: '$(A)-y' }], command: ['sh', '-c', '[ "$B" = "x-y" ] && [ -n "$KUBERNETES_SERVICE_HOST" ]'] }] })], until: 20 }, 'env', (p: Pod) => p.status?.phase, 'Succeeded'],
    ['an emptyDir is shared between init and app containers', { apply: [pod('share', { restartPolicy: 'Never', volumes: [{ name: 'w', emptyDir: {} }], initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi > /w/f'], volumeMounts: [{ name: 'w', mountPath: '/w' }] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'grep -q hi /w/f'], volumeMounts: [{ name: 'w', mountPath: '/w' }] }] })], until: 20 }, 'share', (p: Pod) => p.status?.phase, 'Succeeded'],
    ['postgres without a password exits 1', { apply: [pod('pg', { restartPolicy: 'Never', containers: [{ name: 'db', image: 'postgres:16' }] })], until: 30 }, 'pg', (p: Pod) => p.status?.containerStatuses?.[0].state?.terminated?.exitCode, 1],
  ])('%s', (_name, scenario, name, pick, expected) => {
    const r = run(scenario);
    const p = finalPod(r, name as string)!;
    expect(p).toBeDefined();
    const got = (pick as (p: Pod) => unknown)(p);
    if (typeof expected === 'object') expect(got).toMatchObject(expected as object);
    else expect(got).toBe(expected);
  });

  it('an unknown image goes ErrImagePull then ImagePullBackOff, with Failed events', () => {
    const r = run({ apply: [pod('x', { containers: [{ name: 'app', image: 'nosuchimage:1.0' }] })], observe: [2, 25], until: 25 });
    expect(column(r, 'x', 'STATUS', 2)).toBe('ErrImagePull');
    expect(r.events.some((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image "nosuchimage:1.0": '))).toBe(true);
    expect(r.events.some((e) => e.reason === 'BackOff' && e.message === 'Back-off pulling image "nosuchimage:1.0"')).toBe(true);
  });

  it('a crash loop backs off 10s, 20s, 40s', () => {
    const r = run({ apply: [pod('c', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['false'] }] })], until: 100 });
    const p = finalPod(r, 'c')!;
    expect(p.status?.containerStatuses?.[0].restartCount).toBe(4);
    expect(p.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('CrashLoopBackOff');
    const starts = r.timeline[0].containers[0].intervals.filter((i) => i.state === 'Running').map((i) => i.from);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps.slice(1)).toEqual(gaps.slice(1).slice().sort((a, b) => a - b));
  });

  it('a liveness failure kills and restarts the container', () => {
    const r = run({ apply: [pod('lv', { containers: [{ name: 'app', image: 'registry.k8s.io/liveness', args: ['/server'], livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3 } }] })], until: 40 });
    expect(r.events.find((e) => e.reason === 'Killing')?.message).toBe('Container app failed liveness probe, will be restarted');
    expect(r.events.find((e) => e.reason === 'Unhealthy')?.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(finalPod(r, 'lv')!.status?.containerStatuses?.[0].restartCount).toBeGreaterThanOrEqual(1);
  });

  it('a graceful delete runs preStop, then the pod goes', () => {
    const r = run({ apply: [pod('ps', { containers: [{ name: 'app', image: 'nginx:1.25', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 5'] } } } }] })], actions: [{ at: 10, delete: { kind: 'Pod', name: 'ps' } }], observe: [12], until: 40 });
    expect(column(r, 'ps', 'STATUS', 12)).toBe('Terminating');
    expect(finalPod(r, 'ps')).toBeUndefined();
    expect(r.logs.find((l) => l.container === 'app')?.current).toContain('signal 3 (SIGQUIT) received');
  });

  it('actions kubectl refuses are listed as rejected', () => {
    const r = run({ actions: [{ at: 5, delete: { kind: 'Pod', name: 'ghost' } }, { at: 6, scale: { kind: 'Deployment', name: 'nope', replicas: 2 } }], until: 10 });
    expect(r.rejected).toEqual([
      { at: 5, kind: 'Pod', name: 'ghost', reason: 'NotFound', message: 'Error from server (NotFound): pods "ghost" not found' },
      { at: 6, kind: 'Deployment', name: 'nope', reason: 'NotFound', message: 'Error from server (NotFound): deployments.apps "nope" not found' },
    ]);
  });

  it.each<[string, Record<string, unknown>, (r: ScenarioResult) => void]>([
    [
      'a refused object in `pods` is reported as rejected with its position in `pods`',
      { pods: [pod('ok', { nodeName: 'node01', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }), pod('bad', { containers: [{ name: 'app' }] })], until: 5 },
      (r) => {
        expect(r.rejected).toEqual([expect.objectContaining({ index: 1, kind: 'Pod', name: 'bad', reason: 'Invalid' })]);
        expect(finalPod(r, 'ok')).toBeDefined();
      },
    ],
    [
      'a preemption victim seeded in `pods` runs and terminates gracefully',
      preemptionAtStart,
      (r) => {
        const victim = r.snapshots[0].pods.find((p) => p.metadata.name === 'victim');
        expect(victim?.metadata.deletionTimestamp).toBe('1970-01-01T00:00:30Z');
        expect(victim?.status?.phase).toBe('Running');
        expect(finalPod(r, 'vip')!.spec.nodeName).toBe('node01');
      },
    ],
    [
      'a preemption victim gets DisruptionTarget (PreemptionByScheduler) and a Preempted event; the bound preemptor keeps its nomination',
      preemptionAtStart,
      (r) => {
        const victim = r.snapshots[0].pods.find((p) => p.metadata.name === 'victim');
        expect(victim?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod', lastTransitionTime: '1970-01-01T00:00:00Z' });
        const vip = finalPod(r, 'vip')!;
        expect(r.events.find((e) => e.reason === 'Preempted')).toMatchObject({ type: 'Normal', message: `Preempted by pod ${vip.metadata.uid} on node node01`, source: { component: 'default-scheduler' } });
        expect(vip.spec.nodeName).toBe('node01');
        expect(vip.status?.nominatedNodeName).toBe('node01');
      },
    ],
    [
      'a pod waiting for an affinity peer is retried when the peer is bound (AssignedPodAdd)',
      {
        apply: [pod('api', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } }, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })],
        actions: [{ at: 20, apply: [pod('db', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }, { app: 'db' })] }],
        until: 40,
      },
      (r) => {
        const db = finalPod(r, 'db')!;
        expect(finalPod(r, 'api')!.spec.nodeName).toBe(db.spec.nodeName);
        expect(r.scheduling.filter((s) => s.pod === 'default/api').map((s) => s.at)).toEqual([0, 20]);
      },
    ],
    [
      'a pod waiting for an affinity peer is retried when a bound pod is relabelled to match (AssignedPodUpdate)',
      {
        pods: [pod('store', { nodeName: 'node02', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }, { app: 'store' })],
        apply: [pod('api', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } }, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })],
        actions: [{ at: 20, apply: [pod('store', { nodeName: 'node02', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] }, { app: 'db' })] }],
        until: 40,
      },
      (r) => {
        expect(finalPod(r, 'api')!.spec.nodeName).toBe('node02');
        expect(r.scheduling.filter((s) => s.pod === 'default/api').map((s) => s.at)).toEqual([0, 20]);
      },
    ],
  ])('%s', (_name, scenario, check) => check(run(scenario)));

  it('a gated pod is SchedulingGated until its gates are removed', () => {
    const spec = { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] };
    const r = run({ apply: [pod('g', { ...spec, schedulingGates: [{ name: 'wait' }] })], actions: [{ at: 20, apply: [pod('g', spec)] }], observe: [10], until: 40 });
    expect(column(r, 'g', 'STATUS', 10)).toBe('SchedulingGated');
    expect(column(r, 'g', 'STATUS')).toBe('Running');
  });

  it('changing a running pod\'s image restarts the container', () => {
    const r = run({ apply: [pod('web', { containers: [{ name: 'app', image: 'nginx:1.25' }] })], actions: [{ at: 30, apply: [pod('web', { containers: [{ name: 'app', image: 'nginx:1.27' }] })] }], until: 60 });
    expect(r.events.some((e) => e.reason === 'Killing' && e.message === 'Container app definition changed, will be restarted')).toBe(true);
    expect(finalPod(r, 'web')!.status?.containerStatuses?.[0]).toMatchObject({ image: 'docker.io/library/nginx:1.27', restartCount: 1 });
  });

  it('a node whose kubelet stops reporting goes Unknown, gets the unreachable taints, and its pods are evicted after 300s', () => {
    const r = run({ apply: [pod('m', { nodeName: 'node02', containers: [{ name: 'web', image: 'nginx:1.25' }] })], actions: [{ at: 5, nodeCondition: { node: 'node02', ready: 'Unknown' } }], observe: [40, 60], until: 400 });
    const node = (at: number) => r.snapshots.find((s) => s.at === at)!.objects.find((o) => o.kind === 'Node' && o.metadata?.name === 'node02') as { spec?: { taints?: { key: string; effect: string }[] }; status?: { conditions?: { type: string; status: string }[] } };
    expect(node(40).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node(60).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    expect(node(60).spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(r.events.some((e) => e.reason === 'TaintManagerEviction' && e.message === 'Marking for deletion Pod default/m')).toBe(true);
    // The kubelet is silent, so the pod stays Terminating.
    expect(column(r, 'm', 'STATUS')).toBe('Terminating');
  });

  it('an untolerated NoExecute taint evicts at once', () => {
    const r = run({ apply: [pod('e', { nodeName: 'node01', containers: [{ name: 'app', image: 'nginx:1.25' }] })], actions: [{ at: 10, taint: { node: 'node01', key: 'k', value: 'v', effect: 'NoExecute' } }], until: 30 });
    expect(finalPod(r, 'e')).toBeUndefined();
    expect(r.events.find((e) => e.reason === 'TaintManagerEviction')?.lastTimestamp).toBe('1970-01-01T00:00:10Z');
  });

  const tolerating = (name: string, seconds: number) => pod(name, { nodeName: 'node01', tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }], containers: [{ name: 'app', image: 'nginx:1.25' }] });
  it.each<[string, Record<string, unknown>, { at: string; message: string }[], boolean]>([
    [
      'a taint removed before tolerationSeconds run out cancels the planned eviction',
      { apply: [tolerating('t', 60)], actions: [{ at: 10, taint: { node: 'node01', key: 'k', effect: 'NoExecute' } }, { at: 30, taint: { node: 'node01', key: 'k', effect: 'NoExecute', remove: true } }], until: 120 },
      [{ at: '1970-01-01T00:00:30Z', message: 'Cancelling deletion of Pod default/t' }],
      true,
    ],
    [
      'tolerationSeconds count from when the controller planned the eviction, not from the taint\'s timeAdded',
      { actions: [{ at: 0, taint: { node: 'node01', key: 'k', effect: 'NoExecute' } }, { at: 20, apply: [tolerating('late', 30)] }], until: 60 },
      [{ at: '1970-01-01T00:00:50Z', message: 'Marking for deletion Pod default/late' }],
      false,
    ],
    [
      'a pod deleted while its eviction is planned has the eviction cancelled',
      { apply: [tolerating('gone', 60)], actions: [{ at: 10, taint: { node: 'node01', key: 'k', effect: 'NoExecute' } }, { at: 20, delete: { kind: 'Pod', name: 'gone', gracePeriodSeconds: 0 } }], until: 120 },
      [{ at: '1970-01-01T00:00:20Z', message: 'Cancelling deletion of Pod default/gone' }],
      false,
    ],
  ])('taint eviction: %s', (_name, scenario, want, survives) => {
    const r = run(scenario);
    const events = r.events.filter((e) => e.reason === 'TaintManagerEviction');
    expect(events.map((e) => ({ at: e.lastTimestamp, message: e.message }))).toEqual(want);
    expect(events.every((e) => e.involvedObject.uid === undefined && e.source.component === 'taint-eviction-controller')).toBe(true);
    expect(!!r.final.pods.find((p) => !p.metadata.deletionTimestamp)).toBe(survives);
  });

  it('a pending pod is scheduled once a node is labelled', () => {
    const r = run({ apply: [pod('pg', { nodeSelector: { tier: 'db' }, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })], actions: [{ at: 20, label: { node: 'node02', labels: { tier: 'db' } } }], until: 60 });
    expect(finalPod(r, 'pg')!.spec.nodeName).toBe('node02');
    expect(r.scheduling.length).toBeGreaterThanOrEqual(2);
  });
});

describe('properties', () => {
  const image = fc.constantFrom('busybox:1.36', 'nginx:1.25', 'nosuch:1', 'redis:7', 'mysql:8.0');
  const script = fc.constantFrom('exit 0', 'exit 1', 'sleep 5; exit 2', 'sleep 3600', 'while true; do :; done', 'echo hi > /tmp/x; cat /tmp/x', 'if');
  const container = fc.record({ name: fc.constantFrom('a', 'b'), image, command: fc.constantFrom(undefined, ['sh', '-c']).map((c) => c) , script });
  const scenario = fc.record({
    policy: fc.constantFrom('Always', 'OnFailure', 'Never'),
    containers: fc.array(container, { minLength: 1, maxLength: 2 }),
    init: fc.option(container, { nil: undefined }),
    probe: fc.boolean(),
    deleteAt: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    until: fc.integer({ min: 0, max: 150 }),
  }).map((s) => {
    const mk = (c: { name: string; image: string; command?: readonly string[]; script: string }, i: number) => ({
      name: `${c.name}${i}`, image: c.image, ...(c.command ? { command: ['sh', '-c', c.script] } : {}),
      ...(s.probe ? { livenessProbe: { exec: { command: ['cat', '/tmp/x'] }, periodSeconds: 5 } } : {}),
    });
    return normalizeScenario({
      apply: [pod('p', { restartPolicy: s.policy, containers: s.containers.map(mk), ...(s.init ? { initContainers: [{ ...mk(s.init, 9), livenessProbe: undefined }] } : {}) })],
      actions: s.deleteAt !== undefined && s.deleteAt <= s.until ? [{ at: s.deleteAt, delete: { kind: 'Pod', name: 'p' } }] : [],
      observe: [...new Set([0, Math.floor(s.until / 3), Math.floor((2 * s.until) / 3), s.until])],
      until: s.until,
    });
  });

  it('never throws, is deterministic, and keeps pod invariants', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const a = JSON.stringify(runScenario(sc));
        const b = JSON.stringify(runScenario(sc));
        expect(a).toBe(b);
        const r = JSON.parse(a) as ScenarioResult;
        const views = [...r.snapshots, r.final];
        let lastRestarts = 0;
        let terminal: string | undefined;
        let node: string | undefined;
        for (const v of views) {
          const p = v.pods.find((x) => x.metadata.name === 'p');
          if (!p) continue;
          const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
          expect(restarts).toBeGreaterThanOrEqual(lastRestarts);
          lastRestarts = restarts;
          if (terminal) expect(p.status?.phase).toBe(terminal);
          if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') terminal = p.status.phase;
          if (node) expect(p.spec.nodeName).toBe(node);
          node = p.spec.nodeName ?? node;
        }
      }),
      { numRuns: 60 },
    );
  });
});
