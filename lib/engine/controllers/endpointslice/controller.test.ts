import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { rfc3339 } from '../../core/time';
import type { Endpoint, EndpointSlice, Service } from '../apps';
import { garbageCollector } from '../garbagecollector/controller';
import { harness, podManifest, setReady, type Harness } from '../testkit';
import { endpointSliceController } from './controller';
import { endpointPorts, podToEndpoint, shouldPodBeInEndpoints } from './endpoints';
import { reconcile, type DesiredGroup } from './reconciler';

const svcManifest = (spec: Record<string, unknown> = {}, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'tea', ...(labels ? { labels } : {}) },
  spec: { selector: { app: 'tea' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }], ...spec },
});

function setup(spec: Record<string, unknown> = {}, labels?: Record<string, string>): Harness {
  const h = harness([endpointSliceController(), garbageCollector()]);
  h.apply(svcManifest(spec, labels));
  return h;
}

const slices = (h: Harness) => h.store.list<EndpointSlice>('EndpointSlice', 'default');
const addPod = (h: Harness, name: string, extra: Record<string, unknown> = {}) => h.apply<Pod>(podManifest(name, { app: 'tea' }, extra));

// staging/src/k8s.io/endpointslice utils_test.go and reconciler_test.go, and the controller's syncService.

describe('podToEndpoint', () => {
  const base = (): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: 'u1' },
    spec: { nodeName: 'node01', containers: [{ name: 'c', ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] }] },
    status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], conditions: [{ type: 'Ready', status: 'True' }] },
  });
  const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'tea', namespace: 'default' }, spec: { ports: [{ port: 80 }] } };
  it.each([
    ['ready pod', (p: Pod) => p, {}, { ready: true, serving: true, terminating: false }],
    ['not ready pod', (p: Pod) => (p.status!.conditions![0].status = 'False', p), {}, { ready: false, serving: false, terminating: false }],
    ['terminating ready pod: serving, not ready', (p: Pod) => ((p.metadata.deletionTimestamp = rfc3339(9000)), p), {}, { ready: false, serving: true, terminating: true }],
    ['publishNotReadyAddresses makes it ready', (p: Pod) => (p.status!.conditions![0].status = 'False', p), { publishNotReadyAddresses: true }, { ready: true, serving: false, terminating: false }],
  ])('%s', (_n, mutate, spec, conditions) => {
    const ep = podToEndpoint(mutate(base()), undefined, { ...svc, spec: { ...svc.spec, ...spec } }, 'IPv4');
    expect(ep).toEqual({ addresses: ['10.244.1.5'], conditions, targetRef: { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1' }, nodeName: 'node01' });
  });

  it('sets the hostname when the pod names the Service as its subdomain, and the node zone', () => {
    const p = base();
    p.spec.hostname = 'h1';
    p.spec.subdomain = 'tea';
    const node = { apiVersion: 'v1' as const, kind: 'Node' as const, metadata: { name: 'node01', labels: { 'topology.kubernetes.io/zone': 'z1' } } };
    expect(podToEndpoint(p, node, svc, 'IPv4')).toMatchObject({ hostname: 'h1', zone: 'z1' });
  });

  it.each([
    ['a pod with an IP', (p: Pod) => p, true],
    ['a pod without an IP', (p: Pod) => (delete p.status!.podIP, delete p.status!.podIPs, p), false],
    ['a Succeeded pod', (p: Pod) => ((p.status!.phase = 'Succeeded'), p), false],
    ['a Failed pod', (p: Pod) => ((p.status!.phase = 'Failed'), p), false],
    ['a terminating pod (terminating ones are included)', (p: Pod) => ((p.metadata.deletionTimestamp = rfc3339(0)), p), true],
  ])('ShouldPodBeInEndpoints: %s', (_n, mutate, expected) => {
    expect(shouldPodBeInEndpoints(mutate(base()), true)).toBe(expected);
  });

  it.each([
    ['a numeric targetPort is used as is', [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], [{ name: 'http', protocol: 'TCP', port: 8080 }]],
    ['a named targetPort resolves against the container', [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }], [{ name: 'http', protocol: 'TCP', port: 8080 }]],
    ['an unknown named port is left out', [{ name: 'http', port: 80, targetPort: 'nope', protocol: 'TCP' }], []],
    ['a named port needs the same protocol', [{ name: 'dns', port: 53, targetPort: 'web', protocol: 'UDP' }], []],
    ['an unnamed port keeps an empty name', [{ port: 80, targetPort: 80, protocol: 'TCP' }], [{ name: '', protocol: 'TCP', port: 80 }]],
  ])('getEndpointPorts: %s', (_n, ports, expected) => {
    expect(endpointPorts({ ...svc, spec: { ports } }, base())).toEqual(expected);
  });
});

describe('reconcile', () => {
  const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'tea', namespace: 'default', uid: 'svc-uid', labels: { team: 'a' } }, spec: { clusterIP: '10.96.0.20' } };
  const ports = [{ name: 'http', protocol: 'TCP', port: 80 }];
  const ep = (i: number): Endpoint => ({ addresses: [`10.0.${Math.floor(i / 250)}.${i % 250}`], conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default', name: `pod${i}` } });
  const group = (n: number): DesiredGroup => ({ ports, endpoints: new Map(Array.from({ length: n }, (_, i) => [`k${i}`, ep(i)] as [string, Endpoint]).map(([, e]) => [`${e.addresses[0]}\u0000\u0000default\u0000${e.targetRef!.name}`, e])) });

  it.each([
    ['no pods: one placeholder slice', 0, [0]],
    ['one pod: one slice', 1, [1]],
    ['250 pods: slices of 100, 100 and 50', 250, [100, 100, 50]],
  ])('%s', (_n, n, sizes) => {
    const plan = reconcile(svc, ['IPv4'], new Map([['IPv4', n ? [group(n)] : []]]), []);
    expect(plan.update).toHaveLength(0);
    expect(plan.remove).toHaveLength(0);
    expect(plan.create.map((s) => s.endpoints?.length ?? 0)).toEqual(sizes);
    const s = plan.create[0];
    expect(s.metadata.generateName).toBe('tea-');
    expect(s.metadata.labels).toEqual({ 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'tea', team: 'a' });
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'tea', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }]);
    expect(s.ports).toEqual(n ? ports : []);
  });

  it('keeps an existing placeholder rather than recreating it', () => {
    const placeholder = reconcile(svc, ['IPv4'], new Map(), []).create[0];
    placeholder.metadata.name = 'tea-abcde';
    placeholder.endpoints = null;
    placeholder.ports = null;
    const plan = reconcile(svc, ['IPv4'], new Map(), [placeholder]);
    expect(plan).toEqual({ create: [], update: [], remove: [] });
  });

  it('turns a placeholder into the first real slice (create + delete become an update)', () => {
    const placeholder = reconcile(svc, ['IPv4'], new Map(), []).create[0];
    placeholder.metadata.name = 'tea-abcde';
    const plan = reconcile(svc, ['IPv4'], new Map([['IPv4', [group(2)]]]), [placeholder]);
    expect(plan.create).toHaveLength(0);
    expect(plan.remove).toHaveLength(0);
    expect(plan.update.map((s) => [s.metadata.name, s.endpoints?.length])).toEqual([['tea-abcde', 2]]);
  });

  it('updates endpoints in place and drops the ones no longer wanted', () => {
    const first = reconcile(svc, ['IPv4'], new Map([['IPv4', [group(3)]]]), []).create[0];
    first.metadata.name = 'tea-abcde';
    const g = group(2);
    [...g.endpoints.values()][0].conditions = { ready: false, serving: false, terminating: false };
    const plan = reconcile(svc, ['IPv4'], new Map([['IPv4', [g]]]), [first]);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0].endpoints?.map((e) => [e.targetRef?.name, e.conditions.ready])).toEqual([
      ['pod0', false],
      ['pod1', true],
    ]);
  });

  it('deletes slices of a Service it does not own (ownership is enforced)', () => {
    const foreign = { ...reconcile(svc, ['IPv4'], new Map(), []).create[0], metadata: { name: 'tea-zzzzz', namespace: 'default', ownerReferences: [] } };
    const plan = reconcile(svc, ['IPv4'], new Map([['IPv4', [group(1)]]]), [foreign as EndpointSlice]);
    // Not owned, so not reused either: deleted, and a new slice created.
    expect(plan.remove.map((s) => s.metadata.name)).toEqual(['tea-zzzzz']);
    expect(plan.update).toHaveLength(0);
    expect(plan.create.map((s) => s.endpoints?.length)).toEqual([1]);
  });
});

describe('EndpointSlice controller', () => {
  it('gives a Service without pods a placeholder slice (endpoints and ports null)', () => {
    const h = setup();
    h.runTo(0);
    const [s] = slices(h);
    expect(s.metadata.name).toMatch(/^tea-[a-z0-9]{5}$/);
    expect(s).toMatchObject({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4', endpoints: null, ports: null });
    expect(s.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '1970-01-01T00:00:00Z' });
    expect(s.metadata.generation).toBe(1);
  });

  it('lists pods with an IP, ready or not, with the resolved port', () => {
    const h = setup();
    const a = addPod(h, 'a');
    const b = addPod(h, 'b');
    addPod(h, 'no-ip');
    h.runTo(1);
    h.runPod(a, 'node01', true);
    h.runPod(b, 'node02', false);
    h.runTo(2);
    const [s] = slices(h);
    expect(slices(h)).toHaveLength(1);
    expect(s.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
    expect(s.endpoints?.map((e) => [e.targetRef?.name, e.nodeName, e.conditions])).toEqual([
      ['a', 'node01', { ready: true, serving: true, terminating: false }],
      ['b', 'node02', { ready: false, serving: false, terminating: false }],
    ]);
    setReady(h, b, true);
    h.runTo(3);
    expect(slices(h)[0].endpoints?.[1].conditions.ready).toBe(true);
    expect(slices(h)[0].metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe('1970-01-01T00:00:02Z');
  });

  it('marks a terminating pod, then drops it when it is gone (back to the placeholder)', () => {
    const h = setup();
    const a = addPod(h, 'a');
    h.runTo(1);
    h.runPod(a);
    h.runTo(2);
    h.ctx.delete('Pod', 'default', 'a');
    h.runTo(3);
    expect(slices(h)[0].endpoints?.[0].conditions).toEqual({ ready: false, serving: true, terminating: true });
    h.finishDeletion(a);
    h.runTo(4);
    expect(slices(h)).toHaveLength(1);
    expect(slices(h)[0].endpoints).toBeNull();
  });

  it.each([
    ['a Service without a selector', { selector: undefined }],
    ['an ExternalName Service', { type: 'ExternalName', externalName: 'example.com', ports: undefined }],
  ])('makes no slice for %s', (_n, spec) => {
    const h = setup(spec);
    addPod(h, 'a');
    h.runTo(1);
    expect(slices(h)).toHaveLength(0);
  });

  it('labels the slices of a headless Service, and copies the Service labels', () => {
    const h = setup({ clusterIP: 'None' }, { tier: 'db' });
    h.runTo(0);
    expect(slices(h)[0].metadata.labels).toEqual({
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'tea',
      'service.kubernetes.io/headless': '',
      tier: 'db',
    });
  });

  it('deleting the Service lets the garbage collector remove its slices', () => {
    const h = setup();
    h.runTo(0);
    expect(slices(h)).toHaveLength(1);
    h.ctx.delete('Service', 'default', 'tea');
    h.runTo(1);
    expect(slices(h)).toHaveLength(0);
  });

  it('recreates a slice someone deleted', () => {
    const h = setup();
    h.runTo(0);
    h.ctx.delete('EndpointSlice', 'default', slices(h)[0].metadata.name!);
    h.runTo(1);
    expect(slices(h)).toHaveLength(1);
  });
});
