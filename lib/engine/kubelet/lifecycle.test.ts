import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodPhase } from '../api/types';
import { containersReadyCondition, initializedCondition } from './status';
import { ProbeWorker, probeEventMessage, type ProbeOutcome } from './prober';
import { isShellUtility } from './shell';
import { verifyRunAsNonRoot } from './security';
import { CATALOGUE } from './images';
import { ContainerFs } from './fs';
import { runScenario } from '../core/run';
import { normalizeScenario } from '../core/scenario';

const st = (name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state, lastState: {}, ...extra });
const running = (name: string, extra: Partial<ContainerStatus> = {}) => st(name, { running: { startedAt: '1970-01-01T00:00:01Z' } }, extra);
const done = (name: string, exitCode: number) => st(name, { terminated: { exitCode } }, { ready: exitCode === 0 });
const podOf = (inits: { name: string; restartPolicy?: 'Always' }[], containers = ['app']): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { initContainers: inits, containers: containers.map((name) => ({ name })) },
});

describe('Initialized condition (status/generate.go GeneratePodInitializedCondition)', () => {
  it.each([
    ['no init containers, running: True without a reason', podOf([]), [], [running('app', { ready: true })], 'Running', { status: 'True' }],
    ['no init containers, Succeeded: True with PodCompleted', podOf([]), [], [done('app', 0)], 'Succeeded', { status: 'True', reason: 'PodCompleted' }],
    ['an init container still running: incomplete', podOf([{ name: 'i' }]), [running('i')], [st('app', { waiting: { reason: 'PodInitializing' } })], 'Pending', { status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [i]' }],
    ['unknown and incomplete are both listed', podOf([{ name: 'a' }, { name: 'b' }]), [running('a')], [], 'Pending', { status: 'False', message: 'containers with unknown status: [b], containers with incomplete status: [a]' }],
    ['a restarting sidecar after the app started keeps it True', podOf([{ name: 's', restartPolicy: 'Always' }]), [st('s', { waiting: { reason: 'CrashLoopBackOff' } })], [running('app')], 'Running', { status: 'True' }],
    ['a sidecar not yet started is incomplete', podOf([{ name: 's', restartPolicy: 'Always' }]), [running('s', { started: false })], [st('app', { waiting: { reason: 'PodInitializing' } })], 'Pending', { status: 'False', message: 'containers with incomplete status: [s]' }],
  ] as const)('%s', (_n, pod, inits, apps, phase, want) => {
    const c = initializedCondition(pod, [...inits], phase as PodPhase, [...apps]);
    expect({ status: c.status, reason: c.reason, message: c.message }).toMatchObject(want);
  });
});

describe('ContainersReady condition in a terminal phase', () => {
  it.each([
    ['Succeeded', 'PodCompleted'],
    ['Failed', 'PodFailed'],
  ] as const)('%s gives reason %s and no message', (phase, reason) => {
    const c = containersReadyCondition(podOf([]), [], [done('app', phase === 'Failed' ? 1 : 0)], phase);
    expect(c).toEqual({ type: 'ContainersReady', status: 'False', reason });
  });
});

describe('probe errors (prober.go probe, worker.go doProbe)', () => {
  it('an errored probe records its event and leaves the result and counts alone', () => {
    const events: string[] = [];
    const changes: string[] = [];
    const outcomes: ProbeOutcome[] = [
      { result: 'Failure', output: 'boom' },
      { result: 'Failure', errored: true, output: 'rpc error' },
      { result: 'Failure', output: 'boom' },
    ];
    let i = 0;
    const w = new ProbeWorker('liveness', { periodSeconds: 1, failureThreshold: 2 }, {
      runningId: () => 'c1', startedAt: () => 0, started: () => true, active: () => true,
      run: () => outcomes[i++],
      changed: (_k, r) => changes.push(r),
      unhealthy: (k, o) => events.push(probeEventMessage(k, o)),
    });
    for (let t = 0; t < outcomes.length; t++) w.tick(t * 1000);
    expect(events).toEqual(['Liveness probe failed: boom', 'Liveness probe errored and resulted in unknown state: rpc error', 'Liveness probe failed: boom']);
    expect(changes).toEqual(['Failure']);
  });
});

describe('utilities images ship as programs', () => {
  it.each([
    ['true', true],
    ['false', true],
    ['kill', true],
    ['exit', false],
    ['cd', false],
    ['trap', false],
  ])('%s: %s', (name, yes) => expect(isShellUtility(name)).toBe(yes));
});

describe('verifyRunAsNonRoot (security_context_others.go)', () => {
  const p = (podSc: Record<string, unknown>, sc: Record<string, unknown>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { securityContext: podSc, containers: [{ name: 'c', securityContext: sc }] } });
  it.each([
    ['no policy', {}, {}, CATALOGUE.nginx, undefined],
    ['a root image', { runAsNonRoot: true }, {}, CATALOGUE.nginx, 'container has runAsNonRoot and image will run as root (pod: "p_default(u)", container: c)'],
    ['the container overrides the pod', { runAsNonRoot: true }, { runAsNonRoot: false }, CATALOGUE.nginx, undefined],
    ['a non-zero runAsUser', { runAsNonRoot: true, runAsUser: 1000 }, {}, CATALOGUE.nginx, undefined],
    ['runAsUser 0', { runAsNonRoot: true }, { runAsUser: 0 }, CATALOGUE.busybox, 'container\'s runAsUser breaks non-root policy (pod: "p_default(u)", container: c)'],
    ['a numeric non-root USER', { runAsNonRoot: true }, {}, CATALOGUE.pause, undefined],
    ['a named USER cannot be verified', { runAsNonRoot: true }, {}, CATALOGUE.curl, 'container has runAsNonRoot and image has non-numeric user (curl_user), cannot verify user is non-root (pod: "p_default(u)", container: c)'],
  ] as const)('%s', (_n, podSc, sc, image, want) => {
    const pod = p(podSc, sc);
    expect(verifyRunAsNonRoot(pod, pod.spec.containers[0], image, 'p_default(u)')).toBe(want);
  });
});

describe('a read-only root filesystem', () => {
  const fs = new ContainerFs(new Map(), [], new Map(), true);
  it.each([
    ['/tmp/x', 'Read-only file system'],
    ['/dev/termination-log', undefined],
  ])('writing %s gives %s', (path, err) => expect(fs.write(path, 'x')).toBe(err));
});

describe('kubelet lifecycle end to end', () => {
  const pod = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
  const run = (s: Record<string, unknown>) => runScenario(normalizeScenario(s));
  const at = (r: ReturnType<typeof run>, t: number, name: string) => r.snapshots.find((s) => s.at === t)!.pods.find((p) => p.metadata.name === name)!;
  it.each([
    ['a sidecar without a startup probe lets the app start at the next relist', { apply: [pod('s', { initContainers: [{ name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'], restartPolicy: 'Always' }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })], observe: [10], until: 10 }, 's', (p: Pod) => p.status?.containerStatuses?.[0].state?.running !== undefined, true],
    ['a readiness probe runs at once after the start, not a period later', { nodes: [{ metadata: { name: 'n1' }, status: { images: [{ names: ['docker.io/library/nginx:1.25'] }] } }], apply: [pod('r', { containers: [{ name: 'app', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 60 } }] })], observe: [5], until: 5 }, 'r', (p: Pod) => p.status?.containerStatuses?.[0].ready, true],
    ['an exec probe whose binary is missing never restarts the container', { apply: [pod('e', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], livenessProbe: { exec: { command: ['curl', 'localhost'] }, periodSeconds: 2, failureThreshold: 1 } }] })], observe: [60], until: 60 }, 'e', (p: Pod) => p.status?.containerStatuses?.[0].restartCount, 0],
    ['an init container running `true` completes', { apply: [pod('t', { restartPolicy: 'Never', initContainers: [{ name: 'i', image: 'busybox:1.36', command: ['true'] }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['false'] }] })], observe: [20], until: 20 }, 't', (p: Pod) => p.status?.initContainerStatuses?.[0].state?.terminated?.reason, 'Completed'],
    ['a deleted pod keeps probing readiness, so a TERM handler that drops readiness shows', { apply: [pod('d', { terminationGracePeriodSeconds: 30, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', "trap 'rm -f /tmp/ready; sleep 30' TERM; touch /tmp/ready; while true; do sleep 1; done"], readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2, failureThreshold: 1 } }] })], actions: [{ at: 10, delete: { kind: 'Pod', name: 'd' } }], observe: [20], until: 20 }, 'd', (p: Pod) => p.status?.containerStatuses?.[0].ready, false],
    ['a changed image starts a fresh crash back-off', { apply: [pod('b', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 1'] }] })], actions: [{ at: 150, apply: [pod('b', { containers: [{ name: 'app', image: 'busybox:1.37', command: ['sh', '-c', 'sleep 2; exit 1'] }] })] }], observe: [175], until: 175 }, 'b', (p: Pod) => p.status?.containerStatuses?.[0].restartCount, 6],
    ['a tag the registry lacks fails fast, at the manifest', { apply: [pod('m', { containers: [{ name: 'app', image: 'nginx:0.0.0-none' }] })], observe: [2], until: 2 }, 'm', (p: Pod) => p.status?.containerStatuses?.[0].state?.waiting?.reason, 'ErrImagePull'],
  ])('%s', (_n, scenario, name, pick, want) => {
    const r = run(scenario);
    expect(pick(at(r, scenario.observe[0], name as string))).toBe(want);
  });
  it('sidecars stop after the main containers within the same grace period', () => {
    const r = run({ apply: [pod('s', { initContainers: [{ name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'], restartPolicy: 'Always' }], containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })], actions: [{ at: 10, delete: { kind: 'Pod', name: 's' } }], observe: [38, 46], until: 46 });
    expect(r.snapshots.map((snap) => snap.pods.some((p) => p.metadata.name === 's'))).toEqual([true, false]);
  });
});
