/**
 * Behaviours pinned against upstream v1.34 while writing the validation conformance cases
 * (tests/conformance/validation.json): each row names the upstream rule it follows.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject, PodSpec } from '../api/types';
import { type AdmissionContext, prepareApply } from './pipeline';
import { causesOf, fakeCluster, type Json, podManifest, workloadManifest } from './testkit';

const c0 = (p: Json) => p.spec.containers[0];

describe('ID ranges (IsValidUserID / IsValidGroupID: 0 .. MaxInt32)', () => {
  it.each<[string, (p: Json) => void, string, string]>([
    ['pod runAsUser -1', (p) => (p.spec.securityContext = { runAsUser: -1 }), 'spec.securityContext.runAsUser', 'Invalid value: -1'],
    ['pod fsGroup above MaxInt32', (p) => (p.spec.securityContext = { fsGroup: 2147483648 }), 'spec.securityContext.fsGroup', 'Invalid value: 2147483648'],
    ['container runAsUser 3e9', (p) => (c0(p).securityContext = { runAsUser: 3000000000 }), 'spec.containers[0].securityContext.runAsUser', 'Invalid value: 3000000000'],
    ['container runAsGroup -5', (p) => (c0(p).securityContext = { runAsGroup: -5 }), 'spec.containers[0].securityContext.runAsGroup', 'Invalid value: -5'],
  ])('%s', (_name, edit, field, value) => {
    expect(causesOf(fakeCluster().apply(podManifest('bad', edit)))).toEqual([
      { field, reason: 'FieldValueInvalid', message: `${value}: must be between 0 and 2147483647, inclusive` },
    ]);
  });

  it('accepts MaxInt32 itself', () => {
    expect(fakeCluster().apply(podManifest('ok', (p) => (p.spec.securityContext = { runAsUser: 2147483647 }))).ok).toBe(true);
  });
});

describe('hugepages amounts are whole pages (validateResourceQuantityHugePageValue)', () => {
  it.each<[string, Json, string[]]>([
    ['3Mi of 2Mi pages, limits defaulting requests', { limits: { 'hugepages-2Mi': '3Mi', memory: '64Mi' } }, ['limits[hugepages-2Mi]', 'requests[hugepages-2Mi]']],
    ['a request of 1Mi with an equal limit', { requests: { 'hugepages-2Mi': '1Mi', memory: '64Mi' }, limits: { 'hugepages-2Mi': '1Mi' } }, ['limits[hugepages-2Mi]', 'requests[hugepages-2Mi]']],
  ])('%s', (_name, resources, keys) => {
    const causes = causesOf(fakeCluster().apply(podManifest('hp', (p) => (c0(p).resources = resources))));
    expect(causes).toEqual(
      keys.map((k) => {
        const amount = k.startsWith('limits') ? resources.limits['hugepages-2Mi'] : (resources.requests ?? resources.limits)['hugepages-2Mi'];
        return {
          field: `spec.containers[0].resources.${k}`,
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${amount}": ${amount} is not positive integer multiple of hugepages-2Mi`,
        };
      }),
    );
  });

  it('accepts whole pages', () => {
    expect(fakeCluster().apply(podManifest('hp', (p) => (c0(p).resources = { limits: { 'hugepages-2Mi': '4Mi', memory: '64Mi' } }))).ok).toBe(true);
  });
});

describe('Service BeginCreate normalizes clusterIP into clusterIPs before validation', () => {
  it.each<[string, Json, boolean]>([
    ['a headless Service needs no ports', { clusterIP: 'None', selector: { app: 'db' } }, true],
    ['a ClusterIP Service still does', { selector: { app: 'db' } }, false],
  ])('%s', (_name, spec, ok) => {
    const r = fakeCluster().apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec });
    expect(r.ok).toBe(ok);
    if (r.ok) expect((r.object.spec as Json).clusterIPs).toEqual(['None']);
  });
});

describe('ServiceAccount admission waits for the default account of a new namespace', () => {
  // A context that knows only explicitly created accounts: the controller has not made `default` yet.
  function strictContext(): AdmissionContext & { store(o: KubeObject): void } {
    const objects = new Map<string, KubeObject>();
    const key = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;
    return {
      namespaceExists: (ns) => ns === 'default' || objects.has(key('Namespace', undefined, ns)),
      serviceAccountExists: (ns, name) => objects.has(key('ServiceAccount', ns, name)),
      priorityClassValue: () => undefined,
      get: (kind, ns, name) => objects.get(key(kind, ns, name)),
      store: (o) => objects.set(key(o.kind!, o.metadata?.namespace, o.metadata!.name!), o),
    };
  }

  it.each<[string, string, string | undefined, boolean]>([
    ['the default account in a namespace just created', 'dev', undefined, true],
    ['a named account that nobody created', 'dev', 'robot', false],
    ['the default account of a namespace that does not exist', 'nowhere', undefined, false],
  ])('%s', (_name, ns, account, ok) => {
    const ctx = strictContext();
    const created = prepareApply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, ctx);
    if (created.ok) ctx.store(created.object);
    const r = prepareApply(
      podManifest('web', (p) => {
        p.metadata.namespace = ns;
        if (account) p.spec.serviceAccountName = account;
      }),
      ctx,
    );
    expect(r.ok).toBe(ok);
    if (r.ok) expect((r.object.spec as PodSpec).serviceAccountName).toBe('default');
  });
});

describe('DefaultTolerationSeconds also handles updates', () => {
  it('keeps the stored not-ready/unreachable tolerations when an applied list replaces them', () => {
    const cluster = fakeCluster();
    cluster.apply(podManifest('web'));
    const r = cluster.apply(podManifest('web', (p) => (p.spec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }])));
    if (!r.ok) throw new Error(r.rejection.message);
    const tolerations = (r.object.spec as PodSpec).tolerations ?? [];
    expect(tolerations.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? '-'}`)).toEqual([
      'dedicated:NoSchedule:-',
      'node.kubernetes.io/not-ready:NoExecute:300',
      'node.kubernetes.io/unreachable:NoExecute:300',
    ]);
  });
});

describe('IP addresses parse as netutils.ParseIPSloppy does', () => {
  it.each<[string, boolean]>([
    ['10.0.0.10', true],
    ['010.000.000.010', true],
    ['8.8.8', false],
    ['256.1.1.1', false],
    ['fd00::10', true],
  ])('nameserver %s', (ip, ok) => {
    const r = fakeCluster().apply(podManifest('dns', (p) => Object.assign(p.spec, { dnsPolicy: 'None', dnsConfig: { nameservers: [ip] } })));
    expect(r.ok).toBe(ok);
  });
});

describe('kubectl apply of a changed object: $retainKeys and the service strategy', () => {
  it.each<[string, (w: Json) => void, (spec: Json) => unknown, unknown]>([
    [
      'a Deployment switched to Recreate loses its defaulted rollingUpdate (DeploymentSpec.strategy retainKeys)',
      (w) => (w.spec.strategy = { type: 'Recreate' }),
      (spec) => spec.strategy,
      { type: 'Recreate' },
    ],
    [
      'a template volume switched from emptyDir to hostPath keeps only the new source (PodSpec.volumes merge,retainKeys)',
      (w) => (w.spec.template.spec.volumes = [{ name: 'data', hostPath: { path: '/srv' } }]),
      (spec) => spec.template.spec.volumes,
      [{ name: 'data', hostPath: { path: '/srv', type: '' } }],
    ],
  ])('%s', (_name, edit, pick, want) => {
    const cluster = fakeCluster();
    const first = workloadManifest('Deployment', 'web', (w) => (w.spec.template.spec.volumes = [{ name: 'data', emptyDir: {} }]));
    expect(cluster.apply(first).ok).toBe(true);
    const r = cluster.apply(workloadManifest('Deployment', 'web', edit));
    if (!r.ok) throw new Error(r.rejection.message);
    expect(pick(r.object.spec as Json)).toEqual(want);
  });

  it('a Service moved from NodePort back to ClusterIP drops its node port and externalTrafficPolicy (dropTypeDependentFields)', () => {
    const cluster = fakeCluster();
    const svc = (type?: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ...(type ? { type } : {}), selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(cluster.apply(svc()).ok).toBe(true);
    const np = cluster.apply(svc('NodePort'));
    if (!np.ok) throw new Error(np.rejection.message);
    expect((np.object.spec as Json).ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const back = cluster.apply(svc());
    if (!back.ok) throw new Error(back.rejection.message);
    const spec = back.object.spec as Json;
    expect([spec.type, spec.ports[0].nodePort, spec.externalTrafficPolicy]).toEqual(['ClusterIP', undefined, undefined]);
  });
});

describe('pod securityContext sysctls and DNS search domains', () => {
  const SYSCTL_RE_TEXT = '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$';
  const US_SUBDOMAIN =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')";
  it.each<[string, (p: Json) => void, { field: string; reason: string; message: string }[] | 'accepted']>([
    [
      'a sysctl name with a space: the message prints the Go regexp, escaped dot and all',
      (p) => (p.spec.securityContext = { sysctls: [{ name: 'bad sysctl', value: '1' }] }),
      [{ field: 'spec.securityContext.sysctls[0].name', reason: 'FieldValueInvalid', message: `Invalid value: "bad sysctl": must have at most 253 characters and match regex ${SYSCTL_RE_TEXT}` }],
    ],
    [
      'a net.* sysctl with hostNetwork (ValidateHostSysctl)',
      (p) => Object.assign(p.spec, { hostNetwork: true, securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }),
      [{ field: 'spec.securityContext.sysctls[0].name', reason: 'FieldValueInvalid', message: `Invalid value: "net.core.somaxconn": may not be specified when 'hostNetwork' is true` }],
    ],
    [
      'an IPC sysctl with hostIPC',
      (p) => Object.assign(p.spec, { hostIPC: true, securityContext: { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }] } }),
      [{ field: 'spec.securityContext.sysctls[0].name', reason: 'FieldValueInvalid', message: `Invalid value: "kernel.shm_rmid_forced": may not be specified when 'hostIPC' is true` }],
    ],
    ['a net.* sysctl without hostNetwork', (p) => (p.spec.securityContext = { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] }), 'accepted'],
    ['an SRV-style search domain with underscores', (p) => (p.spec.dnsConfig = { searches: ['_sip._tcp.example.com'] }), 'accepted'],
    [
      'a search domain with a capital letter',
      (p) => (p.spec.dnsConfig = { searches: ['Example.com'] }),
      [{ field: 'spec.dnsConfig.searches[0]', reason: 'FieldValueInvalid', message: `Invalid value: "Example.com": ${US_SUBDOMAIN}` }],
    ],
  ])('%s', (_name, edit, want) => {
    expect(causesOf(fakeCluster().apply(podManifest('sc', edit)))).toEqual(want);
  });
});
