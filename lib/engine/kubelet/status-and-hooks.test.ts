import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { CATALOGUE } from './images';
import { idCommand, whoami } from './identity';
import { processIdentity } from './security';
import { execInContainer } from './exec';
import { ContainerFs } from './fs';
import { runScenario } from '../core/run';
import { normalizeScenario } from '../core/scenario';

const pod = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
const run = (s: Record<string, unknown>) => runScenario(normalizeScenario(s));
const at = (r: ReturnType<typeof run>, t: number, name: string) => r.snapshots.find((s) => s.at === t)!.pods.find((p) => p.metadata.name === name)!;
const box = (name: string, script: string, extra: Record<string, unknown> = {}) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', script], ...extra });

describe('pod status the kubelet writes', () => {
  it.each([
    // convertToAPIContainerStatuses sorts app statuses by name (SortedContainerStatuses).
    ['app container statuses are ordered by name', { apply: [pod('s', { restartPolicy: 'Never', containers: [box('zeta', 'exit 1'), box('alpha', 'exit 0')] })], observe: [20], until: 20 }, 's', (p: Pod) => p.status?.containerStatuses?.map((c) => c.name).join(','), 'alpha,zeta'],
    ['init container statuses keep spec order', { apply: [pod('i', { initContainers: [box('zz', 'true'), box('aa', 'true')], containers: [box('app', 'sleep 60')] })], observe: [20], until: 20 }, 'i', (p: Pod) => p.status?.initContainerStatuses?.map((c) => c.name).join(','), 'zz,aa'],
    // status_manager.go mergePodStatus: no terminal phase while a container could still run.
    ['past the deadline the phase stays Running while the container is being killed', { apply: [pod('d', { activeDeadlineSeconds: 10, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })], observe: [20], until: 20 }, 'd', (p: Pod) => `${p.status?.phase}/${p.status?.reason ?? ''}`, 'Running/'],
    ['once the container is gone the phase is Failed with the deadline reason', { apply: [pod('d', { activeDeadlineSeconds: 10, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] })], observe: [45], until: 45 }, 'd', (p: Pod) => `${p.status?.phase}/${p.status?.reason ?? ''}`, 'Failed/DeadlineExceeded'],
    // kubelet never fills terminated.signal: the CRI does not report one.
    ['a SIGKILLed container has exit code 137 and no signal', { apply: [pod('k', { terminationGracePeriodSeconds: 2, containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], livenessProbe: { exec: { command: ['false'] }, periodSeconds: 5, failureThreshold: 1 } }] })], observe: [20], until: 20 }, 'k', (p: Pod) => JSON.stringify([p.status?.containerStatuses?.[0].lastState?.terminated?.exitCode, p.status?.containerStatuses?.[0].lastState?.terminated?.signal]), '[137,null]'],
  ])('%s', (_n, scenario, name, pick, want) => {
    const r = run(scenario);
    expect(pick(at(r, scenario.observe[0], name as string))).toBe(want);
  });
});

describe('lifecycle hooks (lifecycle/handlers.go)', () => {
  it.each([
    ['an httpGet hook that gets a 404 succeeds', { apply: [pod('h', { containers: [{ name: 'web', image: 'nginx:1.25', lifecycle: { postStart: { httpGet: { path: '/nope', port: 80 } } } }] })], observe: [20], until: 20 }, 'h', (p: Pod) => p.status?.containerStatuses?.[0].restartCount, 0],
    ['a failed exec hook quotes its output and gives stderr in the error', { apply: [pod('e', { containers: [box('app', "trap 'exit 0' TERM; while true; do sleep 1; done", { lifecycle: { postStart: { exec: { command: ['sh', '-c', 'echo out; echo err >&2; exit 2'] } } } })] })], observe: [3], until: 3 }, 'e', (p: Pod) => p.status?.containerStatuses?.[0].state?.waiting?.message?.replace(/_default\([0-9a-f-]+\)/, '_default(…)'), 'Exec lifecycle hook ([sh -c echo out; echo err >&2; exit 2]) for Container "app" in Pod "e_default(…)" failed - error: command \'sh -c echo out; echo err >&2; exit 2\' exited with 2: err\n, message: "out\\nerr\\n"'],
    ['an HTTPS hook answered in plain HTTP falls back to HTTP and succeeds', { apply: [pod('f', { containers: [{ name: 'web', image: 'nginx:1.25', lifecycle: { postStart: { httpGet: { path: '/', port: 80, scheme: 'HTTPS' } } } }] })], observe: [20], until: 20 }, 'f', (p: Pod) => p.status?.containerStatuses?.[0].ready, true],
    ['an HTTPS readiness probe against a plain HTTP server fails', { apply: [pod('s', { containers: [{ name: 'web', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'HTTPS' } } }] })], observe: [20], until: 20 }, 's', (p: Pod) => p.status?.containerStatuses?.[0].ready, false],
    ['a failed postStart is restarted at once, then backed off', { apply: [pod('b', { containers: [box('app', "trap 'exit 0' TERM; while true; do sleep 1; done", { lifecycle: { postStart: { exec: { command: ['false'] } } } })] })], observe: [8], until: 8 }, 'b', (p: Pod) => `${p.status?.containerStatuses?.[0].restartCount} ${p.status?.containerStatuses?.[0].state?.waiting?.reason}`, '1 CrashLoopBackOff'],
  ])('%s', (_n, scenario, name, pick, want) => {
    const r = run(scenario);
    expect(pick(at(r, scenario.observe[0], name as string))).toBe(want);
  });
});

describe('exec output (RunInContainer appends stderr after stdout)', () => {
  it('keeps the two streams apart', () => {
    const r = execInContainer({ image: CATALOGUE.busybox, fs: new ContainerFs(new Map(), [], new Map()), env: new Map(), hostname: 'h', network: undefined as never, now: 0 }, ['sh', '-c', 'echo a >&2; echo b; exit 3'], 1000);
    expect(r).toMatchObject({ exitCode: 3, output: 'b\na\n', stderr: 'a\n' });
  });
});

describe('process identity (determineEffectiveSecurityContext) and busybox id', () => {
  const p = (podSc: Record<string, unknown>, sc: Record<string, unknown> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { securityContext: podSc, containers: [{ name: 'c', securityContext: sc }] } });
  it.each([
    ['root by default', p({}), [], 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'],
    ['runAsUser and runAsGroup, fsGroup as a supplementary group', p({ runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 }), [], 'uid=1000 gid=3000 groups=2000,3000\n'],
    ['the container wins over the pod', p({ runAsUser: 1000 }, { runAsUser: 65534 }), ['-u'], '65534\n'],
    ['id -g without runAsGroup for an unknown uid is 0', p({ runAsUser: 1000 }), ['-g'], '0\n'],
    ['id -un of a named uid', p({ runAsUser: 65534 }), ['-un'], 'nobody\n'],
  ])('%s', (_n, pod, args, want) => {
    const id = processIdentity(pod, pod.spec.containers[0], CATALOGUE.busybox);
    expect(idCommand(id, [...args]).out).toBe(want);
  });
  it('whoami fails for a uid without a name', () => {
    expect(whoami({ uid: 1000, gid: 0, groups: [0] })).toEqual({ out: '', err: 'whoami: unknown uid 1000\n', code: 1 });
  });
});

describe('serialized image pulls (images/puller.go serialImagePuller)', () => {
  it('a pull queued behind a pull of the same image only fetches the manifest', () => {
    const r = run({ apply: [pod('a1', { nodeName: 'node01', containers: [{ name: 'web', image: 'nginx:1.25' }] }), pod('a2', { nodeName: 'node01', containers: [{ name: 'web', image: 'nginx:1.25' }] })], until: 10 });
    const pulled = r.events.filter((e) => e.reason === 'Pulled').map((e) => e.message);
    expect(pulled).toEqual([
      'Successfully pulled image "nginx:1.25" in 3.222s (3.222s including waiting). Image size: 70544146 bytes.',
      'Successfully pulled image "nginx:1.25" in 700ms (3.922s including waiting). Image size: 70544146 bytes.',
    ]);
  });
});
