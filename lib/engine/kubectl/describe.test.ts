import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { KubeEvent, Pod, Probe } from '../api/types';
import { describePod } from './describe';
import { describeProbe } from './describe_containers';
import { eventsByObject, eventsForPod } from './describe_events';
import { formatLabelSelector } from './labelselector';
import { computePodQOS } from './qos';
import { formatRFC3339 } from './time';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface Fixture {
  now: number;
  pod: Pod;
  events: KubeEvent[];
}

describe('describePod matches kubectl 1.33 byte for byte (fixtures recorded from the real kubectl)', () => {
  const names = readdirSync(fixtures)
    .filter((f) => f.endsWith('.kubectl.txt'))
    .map((f) => f.replace(/\.kubectl\.txt$/, ''));
  it('has fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });
  it.each(names)('%s', (name) => {
    const fixture = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as Fixture;
    const want = readFileSync(join(fixtures, `${name}.kubectl.txt`), 'utf8');
    expect(describePod(fixture.pod, fixture.events, fixture.now)).toBe(want);
  });
});

const probe = (p: Partial<Probe>): Probe => ({
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  ...p,
});

describe('describeProbe (DescribeProbe)', () => {
  it.each<[string, Probe, string]>([
    ['http-get with a numeric port', probe({ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' } }), 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['http-get with a named port, host and https', probe({ httpGet: { path: '/', port: 'web', host: 'example.com', scheme: 'HTTPS' } }), 'http-get https://example.com:web/ delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['http-get without a path', probe({ httpGet: { port: 80, scheme: 'HTTP' } }), 'http-get http://:80 delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['http-get path without a leading slash gets one after a host', probe({ httpGet: { path: 'ready', port: 80, scheme: 'HTTP' } }), 'http-get http://:80/ready delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['http-get path with a query mark is escaped', probe({ httpGet: { path: '/a b?c', port: 80, scheme: 'HTTP' } }), 'http-get http://:80/a%20b%3Fc delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['http-get to an IPv6 host', probe({ httpGet: { path: '/', port: 80, host: '::1', scheme: 'HTTP' } }), 'http-get http://[::1]:80/ delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['exec prints the command as a Go slice', probe({ exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 }), 'exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3'],
    ['tcp-socket', probe({ tcpSocket: { port: 6379 } }), 'tcp-socket :6379 delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['grpc with an empty service', probe({ grpc: { port: 2379, service: '' } }), 'grpc <pod>:2379  delay=0s timeout=1s period=10s #success=1 #failure=3'],
    ['no handler', probe({}), 'unknown delay=0s timeout=1s period=10s #success=1 #failure=3'],
  ])('%s', (_name, p, want) => {
    expect(describeProbe(p)).toBe(want);
  });
});

describe('formatLabelSelector', () => {
  it.each<[string, Parameters<typeof formatLabelSelector>[0], string]>([
    ['labels sorted by key', { matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    ['in with sorted values', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, 'tier in (api,web)'],
    ['notin, exists and does-not-exist', { matchExpressions: [{ key: 'z', operator: 'NotIn', values: ['x'] }, { key: 'a', operator: 'Exists' }, { key: 'm', operator: 'DoesNotExist' }] }, 'a,!m,z notin (x)'],
    ['empty selects everything and prints <none>', {}, '<none>'],
    ['nil prints <none>', undefined, '<none>'],
    ['an In without values is an error', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, '<error>'],
  ])('%s', (_name, selector, want) => {
    expect(formatLabelSelector(selector)).toBe(want);
  });
});

function minimalPod(extra: Partial<Pod['spec']> = {}, meta: Partial<Pod['metadata']> = {}, status: Pod['status'] = { phase: 'Running' }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra },
    status,
  };
}

function ev(partial: Partial<KubeEvent> & { first: number; last?: number }): KubeEvent {
  const { first, last, ...rest } = partial;
  return {
    type: 'Normal',
    reason: 'Pulled',
    message: 'ok',
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1' },
    source: { component: 'kubelet' },
    count: 1,
    firstTimestamp: formatRFC3339(first),
    lastTimestamp: formatRFC3339(last ?? first),
    ...rest,
  };
}

/** The lines of a page with runs of padding collapsed to one space (fixtures pin the exact padding). */
function squashed(text: string): string[] {
  return text.trimEnd().split('\n').map((l) => l.replace(/ {2,}/g, ' ').trimEnd());
}

describe('describePod events in virtual time', () => {
  it('ages events from now, with (xN over ...) for repeated ones, oldest last-seen first', () => {
    const text = describePod(
      minimalPod(),
      [
        ev({ reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container app', first: 20, last: 290, count: 12 }),
        ev({ reason: 'Scheduled', source: { component: 'default-scheduler' }, message: 'Successfully assigned default/web to node01', first: 0 }),
        ev({ reason: 'Started', message: 'Started container app  ', first: 5 }),
      ],
      300,
    );
    expect(text.slice(text.indexOf('Events:'))).toBe(
      [
        'Events:',
        '  Type     Reason     Age                   From               Message',
        '  ----     ------     ----                  ----               -------',
        '  Normal   Scheduled  5m                    default-scheduler  Successfully assigned default/web to node01',
        '  Normal   Started    4m55s                 kubelet            Started container app',
        '  Warning  BackOff    10s (x12 over 4m40s)  kubelet            Back-off restarting failed container app',
        '',
      ].join('\n'),
    );
  });

  it('prints Events: <none> when nothing happened to the pod', () => {
    expect(squashed(describePod(minimalPod(), [], 0)).at(-1)).toBe('Events: <none>');
  });

  it.each<[string, Partial<KubeEvent['involvedObject']>, boolean]>([
    ['same pod', {}, true],
    ['another pod', { name: 'db' }, false],
    ['same name in another namespace', { namespace: 'dev' }, false],
    ['an earlier pod of the same name (other uid)', { uid: 'old' }, false],
    ['an event without a uid about the pod', { uid: undefined }, true],
    ['an event without a uid about a Deployment of the same name', { uid: undefined, kind: 'Deployment' }, false],
  ])('finds the pod’s events: %s → %s', (_name, objectChange, included) => {
    const e = ev({ first: 0 });
    e.involvedObject = { ...e.involvedObject, ...objectChange };
    expect(eventsForPod(minimalPod(), [e]).length).toBe(included ? 1 : 0);
  });

  it('groups events by the object they are about, for describing many pods', () => {
    const a = ev({ first: 0 });
    const b = ev({ first: 1 });
    b.involvedObject = { ...b.involvedObject, name: 'db' };
    const grouped = eventsByObject([a, b, a]);
    expect(grouped.get('default/web')).toEqual([a, a]);
    expect(grouped.get('default/db')).toEqual([b]);
  });

  it('uses the mirror annotation as the uid of a static pod', () => {
    const pod = minimalPod({}, { uid: 'mirror-uid', annotations: { 'kubernetes.io/config.mirror': 'static-uid' } });
    const e = ev({ first: 0 });
    e.involvedObject.uid = 'static-uid';
    expect(eventsForPod(pod, [e]).length).toBe(1);
  });
});

describe('describePod header lines', () => {
  it('shows how long a deleting pod has been terminating, in virtual time', () => {
    const lines = squashed(
      describePod(
        minimalPod({ nodeName: 'node01' }, { deletionTimestamp: formatRFC3339(100), deletionGracePeriodSeconds: 30 }, { phase: 'Running', hostIP: '10.0.0.1' }),
        [],
        145,
      ),
    );
    expect(lines).toContain('Status: Terminating (lasts 45s)');
    expect(lines).toContain('Termination Grace Period: 30s');
    expect(lines).toContain('Node: node01/10.0.0.1');
  });

  it('prints a terminal pod being deleted by its phase', () => {
    const lines = squashed(describePod(minimalPod({}, { deletionTimestamp: formatRFC3339(100) }, { phase: 'Succeeded' }), [], 145));
    expect(lines).toContain('Status: Succeeded');
  });

  it.each<[string, Partial<Pod['spec']['containers'][0]>, string[]]>([
    ['a single port', { ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }, [' Port: 80/TCP', ' Host Port: 0/TCP']],
    ['two ports', { ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, hostPort: 53, protocol: 'UDP' }] }, [' Ports: 80/TCP, 53/UDP', ' Host Ports: 0/TCP, 53/UDP']],
    ['no ports', {}, [' Port: <none>', ' Host Port: <none>']],
  ])('container ports: %s', (_name, c, want) => {
    const lines = squashed(describePod(minimalPod({ containers: [{ name: 'app', image: 'nginx', ...c }] }), [], 0));
    for (const line of want) expect(lines).toContain(line);
  });

  it('kubectl 1.34 adds port names', () => {
    const pod = minimalPod({ containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP', name: 'http' }] }] });
    const lines = squashed(describePod(pod, [], 0, { kubectlMinor: 34 }));
    expect(lines).toContain(' Port: 80/TCP (http)');
    expect(lines).toContain(' Host Port: 0/TCP (http)');
  });

  it.each<[string, Pod['spec']['tolerations'], string]>([
    ['none', [], 'Tolerations: <none>'],
    ['a bare Exists tolerates everything', [{ operator: 'Exists' }], 'Tolerations: op=Exists'],
    ['effect only', [{ operator: 'Exists', effect: 'NoSchedule' }], 'Tolerations: :NoSchedule op=Exists'],
    ['key=value:effect for seconds', [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 60 }], 'Tolerations: k=v:NoExecute for 60s'],
  ])('tolerations: %s', (_name, tolerations, want) => {
    expect(squashed(describePod(minimalPod({ tolerations }), [], 0))).toContain(want);
  });

  it.each<[string, Pod['status'], string]>([
    ['a running container', { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'nginx', imageID: '', state: { running: { startedAt: formatRFC3339(12) } } }] }, ' Started: Thu, 01 Jan 1970 00:00:12 +0000'],
    ['a container that never started', { phase: 'Failed', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown' } } }] }, ' Started: Mon, 01 Jan 0001 00:00:00 +0000'],
    ['a waiting container without a reason', { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'nginx', imageID: '', state: {} }] }, ' State: Waiting'],
  ])('container state: %s', (_name, status, want) => {
    expect(squashed(describePod(minimalPod({}, {}, status), [], 0))).toContain(want);
  });
});

describe('computePodQOS (when status.qosClass is not set)', () => {
  const withResources = (...rs: { requests?: Record<string, string>; limits?: Record<string, string> }[]): Pod =>
    minimalPod({ containers: rs.map((resources, i) => ({ name: `c${i}`, resources })) }, {}, {});
  it.each<[string, Pod, string]>([
    ['no requests or limits', withResources({}), 'BestEffort'],
    ['equal cpu and memory limits and requests', withResources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }), 'Guaranteed'],
    ['limits only (requests default to them in the API, not here)', withResources({ limits: { cpu: '1', memory: '1Gi' } }), 'Burstable'],
    ['requests below limits', withResources({ requests: { cpu: '500m' }, limits: { cpu: '1', memory: '1Gi' } }), 'Burstable'],
    ['one container without limits', withResources({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }, {}), 'Burstable'],
    ['zero quantities do not count', withResources({ requests: { cpu: '0' } }), 'BestEffort'],
    ['other resources do not count', withResources({ requests: { 'ephemeral-storage': '1Gi' } }), 'BestEffort'],
  ])('%s → %s', (_name, pod, want) => {
    expect(computePodQOS(pod)).toBe(want);
  });
});

describe('resourceFieldRef in Environment (resourcehelper.ExtractContainerResourceValue)', () => {
  const env = [
    { name: 'REQ', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
    { name: 'LIM', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
    { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
  ];
  const podWith = (resources?: Record<string, Record<string, string>>): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', creationTimestamp: '1970-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', env, resources }] },
  });
  it.each([
    ['no resources at all: requests read 0, limits fall back to node allocatable', undefined, ['REQ: 0 (requests.memory)', 'LIM: node allocatable (limits.memory)', 'CPU: node allocatable (limits.cpu)']],
    ['limits in units of the divisor', { limits: { memory: '64Mi', cpu: '250m' } }, ['REQ: 0 (requests.memory)', 'LIM: 64 (limits.memory)', 'CPU: 250 (limits.cpu)']],
  ])('%s', (_n, resources, lines) => {
    const text = describePod(podWith(resources), [], 0).replace(/[ \t]+/g, ' ');
    for (const l of lines) expect(text).toContain(l);
  });
});
