import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, Taint } from '../api/types';
import { expand } from './expansion';
import { Backoff } from './backoff';
import { getPhase } from './status';
import { imageExists, lookupImage, parseImageRef, pullError } from './images';
import { ProbeWorker, type ProbeOutcome } from './prober';
import { qosClass, podRequests } from './resources';
import { admitPod } from './admission';
import { serviceEnv } from './env';

describe('$(VAR) expansion (expansion_test.go)', () => {
  const vars: Record<string, string> = { VAR_A: 'A', VAR_B: 'B', VAR_C: 'C', VAR_REF: '$(VAR_A)', VAR_EMPTY: '' };
  const lookup = (n: string) => vars[n];
  it.each([
    ['whole string', '$(VAR_A)', 'A'],
    ['repeat', '$(VAR_A)-$(VAR_A)', 'A-A'],
    ['multiple', '$(VAR_A)-$(VAR_B)-$(VAR_C)', 'A-B-C'],
    ['undefined stays', '$(VAR_DNE)', '$(VAR_DNE)'],
    ['escaped operator', '$$(VAR_B)', '$(VAR_B)'],
    ['no recursion', '$(VAR_REF)', '$(VAR_A)'],
    ['empty value', 'foo$(VAR_EMPTY)bar', 'foobar'],
    ['incomplete reference', '$(VAR_A', '$(VAR_A'],
    ['lone dollar', 'a$b', 'a$b'],
    ['trailing dollar', 'a$', 'a$'],
    ['double dollar then text', '$$$(VAR_A)', '$A'],
  ])('%s', (_n, input, out) => expect(expand(input, lookup)).toBe(out));
});

describe('crash back-off (flowcontrol.Backoff)', () => {
  it('starts at 10s, doubles, caps at 300s', () => {
    const b = new Backoff();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.next('k', i * 1000, i * 1000);
      seen.push(b.get('k'));
    }
    expect(seen).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000, 300_000]);
  });
  it.each([
    ['within the delay after a finish', 5_000, true],
    ['after the delay', 10_001, false],
  ])('isInBackOffSince %s', (_n, now, inBackoff) => {
    const b = new Backoff();
    b.next('k', 0, 0);
    expect(b.isInBackOffSince('k', 0, now)).toBe(inBackoff);
  });
  it('resets after 10 minutes without a failure', () => {
    const b = new Backoff();
    b.next('k', 0, 0);
    b.next('k', 1000, 1000);
    expect(b.get('k')).toBe(20_000);
    b.next('k', 700_000, 700_000);
    expect(b.get('k')).toBe(10_000);
  });
});

const running = (name: string): ContainerStatus => ({ name, ready: true, restartCount: 0, image: '', imageID: '', state: { running: {} }, started: true });
const exited = (name: string, code: number): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { terminated: { exitCode: code } } });
const waiting = (name: string, last?: number): ContainerStatus => ({ name, ready: false, restartCount: 0, image: '', imageID: '', state: { waiting: { reason: 'X' } }, lastState: last === undefined ? {} : { terminated: { exitCode: last } } });
const pod = (policy: 'Always' | 'OnFailure' | 'Never', containers = ['a', 'b'], inits: string[] = []): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
  spec: { restartPolicy: policy, containers: containers.map((name) => ({ name })), initContainers: inits.map((name) => ({ name })) },
});

describe('getPhase (TestPodPhaseWithRestart*)', () => {
  it.each([
    ['all running', 'Always', [running('a'), running('b')], 'Running'],
    ['all stopped, Always restarts them', 'Always', [exited('a', 0), exited('b', 0)], 'Running'],
    ['one waiting never started', 'Always', [running('a'), waiting('b')], 'Pending'],
    ['waiting after a crash counts as stopped', 'Always', [running('a'), waiting('b', 1)], 'Running'],
    ['Never: all succeeded', 'Never', [exited('a', 0), exited('b', 0)], 'Succeeded'],
    ['Never: one failed', 'Never', [exited('a', 0), exited('b', 2)], 'Failed'],
    ['Never: one still running', 'Never', [running('a'), exited('b', 2)], 'Running'],
    ['OnFailure: all succeeded', 'OnFailure', [exited('a', 0), exited('b', 0)], 'Succeeded'],
    ['OnFailure: a failure is restarting', 'OnFailure', [exited('a', 0), exited('b', 1)], 'Running'],
    ['a missing status is Pending', 'Always', [running('a')], 'Pending'],
  ] as const)('%s', (_n, policy, statuses, phase) => {
    expect(getPhase(pod(policy), [], [...statuses], false, true)).toBe(phase);
  });
  it.each([
    ['an init container running keeps the pod Pending', 'Always', [running('i')], 'Pending'],
    ['a failed init container with Never fails the pod', 'Never', [exited('i', 1)], 'Failed'],
    ['a failed init container with Always is retried', 'Always', [waiting('i', 1)], 'Pending'],
  ] as const)('%s', (_n, policy, inits, phase) => {
    expect(getPhase(pod(policy, ['a'], ['i']), [...inits], [waiting('a')], false, false)).toBe(phase);
  });
  it('a terminal pod with a failure is Failed even under Always', () => {
    expect(getPhase(pod('Always'), [], [exited('a', 0), exited('b', 137)], true, true)).toBe('Failed');
  });
});

describe('images', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25'],
    ['harbor.example.com/public/nginx:1.25', 'harbor.example.com/public/nginx:1.25'],
    ['polinux/stress', 'docker.io/polinux/stress:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
  ])('%s normalizes to %s', (raw, canonical) => {
    expect(parseImageRef(raw).canonical).toBe(canonical);
  });
  it.each([
    ['busybox:1.36', true],
    ['harbor.example.com/public/nginx:1.25', true],
    ['nginx:9.99', false],
    ['busyboxx:1.36', false],
    ['registry.k8s.io/liveness', true],
    ['nicolaka/netshoot', true],
  ])('%s exists: %s', (raw, ok) => expect(imageExists(parseImageRef(raw))).toBe(ok));
  it('a registry prefix names the catalogue image', () => {
    expect(lookupImage(parseImageRef('harbor.example.com/public/nginx:1.25'))?.repo).toBe('library/nginx');
  });
  it('uppercase repositories are invalid names', () => {
    expect(() => parseImageRef('Nginx')).toThrow(/must be lowercase/);
  });
  it.each([
    ['busyboxx:1.36', /pull access denied, repository does not exist/],
    ['nginx:9.99', /docker.io\/library\/nginx:9.99: not found/],
  ])('pull error for %s', (raw, re) => expect(pullError(parseImageRef(raw))).toMatch(re));
});

describe('probe thresholds (worker.go)', () => {
  function worker(kind: 'liveness' | 'readiness', results: boolean[], probe = {}) {
    const changes: string[] = [];
    let i = 0;
    const w = new ProbeWorker(kind, { periodSeconds: 1, ...probe }, {
      runningId: () => 'c1',
      startedAt: () => 0,
      started: () => true,
      active: () => true,
      run: (): ProbeOutcome => (results[i++] ? { result: 'Success', output: '' } : { result: 'Failure', output: 'boom' }),
      changed: (_k, r) => changes.push(r),
      unhealthy: () => {},
    });
    for (let t = 0; t < results.length; t++) w.tick(t * 1000);
    return { w, changes };
  }
  it.each([
    ['readiness starts Failure and turns Success on the first success', 'readiness', [true], {}, ['Success']],
    ['readiness needs successThreshold successes', 'readiness', [true, true], { successThreshold: 2 }, ['Success']],
    ['liveness fails only after failureThreshold failures', 'liveness', [false, false, false], {}, ['Failure']],
    ['liveness two failures are not enough', 'liveness', [false, false], {}, []],
    ['a success in between resets the count', 'liveness', [false, false, true, false, false], {}, []],
  ] as const)('%s', (_n, kind, results, probe, changes) => {
    expect(worker(kind, [...results], probe).changes).toEqual(changes);
  });
  it('initialDelaySeconds skips early ticks', () => {
    const { changes } = worker('readiness', [true, true, true], { initialDelaySeconds: 2 });
    expect(changes).toEqual(['Success']);
  });
});

describe('QoS and requests', () => {
  const c = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ name: 'x', resources: { requests, limits } });
  it.each([
    ['nothing set', [c()], 'BestEffort'],
    ['requests below limits', [c({ cpu: '100m', memory: '64Mi' }, { cpu: '200m', memory: '128Mi' })], 'Burstable'],
    ['requests equal limits', [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], 'Guaranteed'],
    ['only cpu limited', [c(undefined, { cpu: '1' })], 'Burstable'],
    ['one container of two guaranteed', [c({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), c()], 'Burstable'],
  ] as const)('%s', (_n, containers, qos) => {
    expect(qosClass({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: containers as never } })).toBe(qos);
  });
  it('an init container larger than the app containers sets the request', () => {
    const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [c({ cpu: '300m' })] as never, initContainers: [c({ cpu: '1800m' })] as never } };
    expect(podRequests(p).cpu).toBe(1800);
  });
});

describe('kubelet admission (predicate.go)', () => {
  const node = { apiVersion: 'v1' as const, kind: 'Node' as const, metadata: { name: 'n', labels: { disk: 'ssd' } }, status: { allocatable: { cpu: '2', memory: '4Gi', pods: '110' } } };
  const p = (cpu: string, extra: Partial<Pod['spec']> = {}): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', resources: { requests: { cpu } } }], ...extra } });
  it.each<[string, Pod, Pod[], string | undefined, Taint?]>([
    ['fits', p('1'), [], undefined],
    ['too much cpu', p('3'), [], "OutOfcpu: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000"],
    ['counts what others use', p('1500m'), [p('1')], "OutOfcpu: Node didn't have enough resource: cpu, requested: 1500, used: 1000, capacity: 2000"],
    ['node selector mismatch', p('1', { nodeSelector: { disk: 'hdd' } }), [], "NodeAffinity: Predicate NodeAffinity failed: node(s) didn't match Pod's node affinity/selector"],
    ['a host port another pod holds', p('1', { containers: [{ name: 'a', ports: [{ containerPort: 80, hostPort: 8080 }] }] }), [p('0', { containers: [{ name: 'b', ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }] })], "NodePorts: Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports"],
    ['the same host port over another protocol is free', p('1', { containers: [{ name: 'a', ports: [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }] }] }), [p('0', { containers: [{ name: 'b', ports: [{ containerPort: 53, hostPort: 53 }] }] })], undefined],
    ['an untolerated NoExecute taint', p('1'), [], "TaintToleration: Predicate TaintToleration failed: node(s) had taints that the pod didn't tolerate", { key: 'k', value: 'v', effect: 'NoExecute' }],
    ['a NoSchedule taint is the scheduler\'s business, not the kubelet\'s', p('1'), [], undefined, { key: 'k', effect: 'NoSchedule' }],
    ['a tolerated NoExecute taint', p('1', { tolerations: [{ key: 'k', operator: 'Exists' }] }), [], undefined, { key: 'k', value: 'v', effect: 'NoExecute' }],
  ])('%s', (_n, pod, others, expected, taint) => {
    const r = admitPod(pod, taint ? { ...node, spec: { taints: [taint] } } : node, others);
    expect(r ? `${r.reason}: ${r.message}` : undefined).toBe(expected);
  });
});

describe('service environment variables (envvars.go)', () => {
  it('names, ports and links', () => {
    const env = Object.fromEntries(serviceEnv({ metadata: { name: 'shop-db' }, spec: { clusterIP: '10.96.0.50', ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }] } }));
    expect(env).toEqual({
      SHOP_DB_SERVICE_HOST: '10.96.0.50',
      SHOP_DB_SERVICE_PORT: '3306',
      SHOP_DB_SERVICE_PORT_MYSQL: '3306',
      SHOP_DB_PORT: 'tcp://10.96.0.50:3306',
      SHOP_DB_PORT_3306_TCP: 'tcp://10.96.0.50:3306',
      SHOP_DB_PORT_3306_TCP_PROTO: 'tcp',
      SHOP_DB_PORT_3306_TCP_PORT: '3306',
      SHOP_DB_PORT_3306_TCP_ADDR: '10.96.0.50',
    });
  });
  it('headless services have none', () => {
    expect(serviceEnv({ metadata: { name: 'x' }, spec: { clusterIP: 'None', ports: [{ port: 80 }] } })).toEqual([]);
  });
});
