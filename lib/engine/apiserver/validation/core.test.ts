import type { Json } from '../testkit';
import { describe, expect, it } from 'vitest';
import { causesOf, fakeCluster } from '../testkit';

type Cause = [field: string, reason: string, message: string];

function causes(doc: Json): unknown {
  const c = causesOf(fakeCluster().apply(doc));
  return typeof c === 'string' ? c : c.map((x) => [x.field, x.reason, x.message]);
}

const svc = (spec: Json, name = 'web'): Json => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ValidateService', () => {
  it.each<[string, Json, Cause[]]>([
    [
      'service names are DNS-1035 labels: no leading digit',
      svc({ ports: [{ port: 80 }] }, '1web'),
      [
        [
          'metadata.name',
          'FieldValueInvalid',
          "Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ],
      ],
    ],
    ['a service needs ports', svc({ selector: { app: 'web' } }), [['spec.ports', 'FieldValueRequired', 'Required value']]],
    [
      'several ports need names',
      svc({ ports: [{ port: 80 }, { name: 'https', port: 443 }] }),
      [['spec.ports[0].name', 'FieldValueRequired', 'Required value']],
    ],
    [
      'ports are 1-65535, and the targetPort defaulted from port 0 fails too',
      svc({ ports: [{ port: 0 }] }),
      [
        ['spec.ports[0].port', 'FieldValueInvalid', 'Invalid value: 0: must be between 1 and 65535, inclusive'],
        ['spec.ports[0].targetPort', 'FieldValueInvalid', 'Invalid value: 0: must be between 1 and 65535, inclusive'],
      ],
    ],
    [
      'types are an enum (sorted)',
      svc({ type: 'Nodeport', ports: [{ port: 80 }] }),
      [['spec.type', 'FieldValueNotSupported', 'Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ],
    [
      'a LoadBalancer class is a qualified name',
      svc({ type: 'LoadBalancer', loadBalancerClass: 'a/b/c', ports: [{ port: 80 }] }),
      [
        [
          'spec.loadBalancerClass',
          'FieldValueInvalid',
          "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        ],
      ],
    ],
    [
      'loadBalancerSourceRanges are CIDRs (the path is spelled with a capital L)',
      svc({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8', ' 192.168.1.1 '], ports: [{ port: 80 }] }),
      [['spec.LoadBalancerSourceRanges[1]', 'FieldValueInvalid', 'Invalid value: "192.168.1.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ],
    [
      'trafficDistribution values (PreferSameTrafficDistribution on)',
      svc({ trafficDistribution: 'Closest', ports: [{ port: 80 }] }),
      [['spec.trafficDistribution', 'FieldValueNotSupported', 'Unsupported value: "Closest": supported values: "PreferClose", "PreferSameZone", "PreferSameNode"']],
    ],
    [
      'ClusterIP services take no nodePort',
      svc({ ports: [{ port: 80, nodePort: 30080 }] }),
      [['spec.ports[0].nodePort', 'FieldValueForbidden', "Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ],
    [
      'a nodePort outside 30000-32767 fails at allocation',
      svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }),
      [['spec.ports[0].nodePort', 'FieldValueInvalid', 'Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767']],
    ],
    [
      'duplicate ports print the ServicePort key',
      svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      [
        [
          'spec.ports[1]',
          'FieldValueDuplicate',
          'Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}',
        ],
      ],
    ],
    [
      'a named targetPort follows port-name rules',
      svc({ ports: [{ port: 80, targetPort: 'HTTP' }] }),
      [
        ['spec.ports[0].targetPort', 'FieldValueInvalid', 'Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
        ['spec.ports[0].targetPort', 'FieldValueInvalid', 'Invalid value: "HTTP": must contain at least one letter (a-z)'],
      ],
    ],
    [
      'ExternalName services need a name',
      svc({ type: 'ExternalName' }),
      [['spec.externalName', 'FieldValueRequired', 'Required value']],
    ],
    [
      'ClientIP affinity lasts at most a day',
      svc({ ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 90000 } } }),
      [['spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'FieldValueInvalid', 'Invalid value: 90000: must be greater than 0 and less than 86400']],
    ],
    [
      'a cluster IP must be an address (checked on the clusterIPs the registry fills in)',
      svc({ ports: [{ port: 80 }], clusterIP: '10.96.0' }),
      [['spec.clusterIPs[0]', 'FieldValueInvalid', 'Invalid value: "10.96.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ],
    [
      'clusterIPs must start with clusterIP',
      svc({ ports: [{ port: 80 }], clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.21'] }),
      [['spec.clusterIPs', 'FieldValueInvalid', 'Invalid value: ["10.96.0.21"]: first value must match `clusterIP`']],
    ],
    [
      'external IPs must be addresses, and not loopback ones',
      svc({ ports: [{ port: 80 }], externalIPs: ['192.168.1', '127.0.0.1'] }),
      [
        ['spec.externalIPs[0]', 'FieldValueInvalid', 'Invalid value: "192.168.1": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
        ['spec.externalIPs[1]', 'FieldValueInvalid', 'Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
      ],
    ],
  ])('%s', (_name, doc, expected) => {
    expect(causes(doc)).toEqual(expected);
  });

  it.each<[string, Json]>([
    ['a ClusterIP service', svc({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] })],
    ['a headless service', svc({ clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] })],
    ['a NodePort with its own port', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })],
    ['an ExternalName', svc({ type: 'ExternalName', externalName: 'db.example.com' })],
    ['a LoadBalancer', svc({ type: 'LoadBalancer', ports: [{ port: 443, targetPort: 'https' }] })],
  ])('accepts %s', (_name, doc) => {
    expect(causes(doc)).toBe('accepted');
  });

  it.each<[string, Json, Json, string | true]>([
    [
      'a changed clusterIP replaces the unchanged list (NormalizeClusterIPs) and is refused',
      svc({ ports: [{ port: 80 }], clusterIP: '10.96.10.10' }),
      svc({ ports: [{ port: 80 }], clusterIP: '10.96.20.20' }),
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.20.20"]: may not change once set',
    ],
    [
      'leaving clusterIP out keeps the allocated one',
      svc({ ports: [{ port: 80 }], clusterIP: '10.96.10.10' }),
      svc({ ports: [{ port: 8080 }] }),
      true,
    ],
  ])('updates: %s', (_name, first, second, expected) => {
    const cluster = fakeCluster();
    cluster.apply(first);
    const r = cluster.apply(second);
    expect(r.ok || r.rejection.message).toBe(expected);
  });
});

describe('ConfigMap, Secret, Namespace, Node', () => {
  it.each<[string, Json, Cause[]]>([
    [
      'ConfigMap keys are config keys',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app/config': 'x' } },
      [['data[app/config]', 'FieldValueInvalid', `Invalid value: "app/config": ${CONFIG_KEY}`]],
    ],
    [
      "a key may not start with '..'",
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { '..data': 'x' } },
      [['data[..data]', 'FieldValueInvalid', `Invalid value: "..data": must not start with '..'`]],
    ],
    [
      'a key is in data or binaryData, not both',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'x' }, binaryData: { a: 'eA==' } },
      [['data[a]', 'FieldValueInvalid', 'Invalid value: "a": duplicate of key present in binaryData']],
    ],
    [
      'TLS secrets need a certificate and a key',
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } },
      [['data[tls.key]', 'FieldValueRequired', 'Required value']],
    ],
    [
      'namespace names are DNS labels',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } },
      [['metadata.name', 'FieldValueInvalid', 'Invalid value: "team.a": must not contain dots']],
    ],
    [
      'namespace spec.finalizers: the standard names pass, other unprefixed ones do not',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' }, spec: { finalizers: ['kubernetes', 'orphan', 'foregroundDeletion', 'custom'] } },
      [['spec.finalizers', 'FieldValueInvalid', 'Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified']],
    ],
    [
      'node taints are reported under metadata.taints, as upstream does',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'dedicated', effect: 'NoRun' }] } },
      [['metadata.taints[0].effect', 'FieldValueNotSupported', 'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ],
    [
      'a node taint needs an effect',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'dedicated' }] } },
      [['metadata.taints[0].effect', 'FieldValueRequired', 'Required value']],
    ],
    [
      'node capacity is not negative (paths without keys, as upstream builds them)',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { capacity: { cpu: '-1' } } },
      [
        ['status.capacity.cpu', 'FieldValueInvalid', 'Invalid value: "-1": must be greater than or equal to 0'],
        ['status.allocatable.cpu', 'FieldValueInvalid', 'Invalid value: "-1": must be greater than or equal to 0'],
      ],
    ],
  ])('%s', (_name, doc, expected) => {
    expect(causes(doc)).toEqual(expected);
  });

  it('refuses updates to an immutable ConfigMap', () => {
    const cluster = fakeCluster();
    cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, immutable: true, data: { a: '1' } });
    const r = cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, immutable: true, data: { a: '2' } });
    expect(r.ok || r.rejection.message).toBe('The ConfigMap "cfg" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });

  it('reports a bad label once on a Service update (ValidateServiceUpdate skips ValidateObjectMeta)', () => {
    const cluster = fakeCluster();
    cluster.apply(svc({ ports: [{ port: 80 }] }));
    const r = cluster.apply({ ...svc({ ports: [{ port: 80 }] }), metadata: { name: 'web', labels: { app: 'a b' } } });
    expect(r.ok || r.rejection.causes?.map((c) => c.field)).toEqual(['metadata.labels']);
  });

  it('does not re-check finalizer names as qualified names on update (apimachinery v0.34)', () => {
    const cluster = fakeCluster();
    cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
    const meta = { name: 'cfg', finalizers: ['example.com/a/b'] };
    const r = cluster.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { a: '1' } });
    // ValidateConfigMapUpdate runs the create checks too, which do flag it, once.
    expect(r.ok || r.rejection.causes?.map((c) => c.field)).toEqual(['metadata.finalizers']);
  });

  it('refuses a change of Secret type', () => {
    const cluster = fakeCluster();
    cluster.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } });
    const r = cluster.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'kubernetes.io/basic-auth', stringData: { a: 'b' } });
    expect(r.ok || r.rejection.causes?.[0]).toEqual({ field: 'type', reason: 'FieldValueInvalid', message: 'Invalid value: "kubernetes.io/basic-auth": field is immutable' });
  });
});
