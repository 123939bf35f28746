import { describe, expect, it } from 'vitest';
import type { Json } from './testkit';
import { fakeCluster } from './testkit';

const svc = (spec: Json, name = 'web'): Json => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });

/** Applies the documents in order; returns the last outcome as a message or the stored spec. */
function applyAll(...docs: Json[]): string | Json {
  const cluster = fakeCluster();
  let last: ReturnType<typeof cluster.apply> | undefined;
  for (const d of docs) last = cluster.apply(d);
  return last!.ok ? (last!.object.spec as Json) : last!.rejection.message;
}

describe('service storage: BeginCreate / BeginUpdate', () => {
  it.each<[string, Json[], string]>([
    [
      'a second port asking for the same node port',
      [svc({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 443, nodePort: 30080 }] })],
      'The Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
    [
      'a node port another Service holds',
      [svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'a'), svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'b')],
      'The Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    ],
    [
      'an out-of-range node port is refused before validation sees anything else',
      [svc({ type: 'NodePort', sessionAffinity: 'Sticky', ports: [{ port: 80, nodePort: 80 }] })],
      'The Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
    [
      'a cluster IP another Service holds',
      [svc({ clusterIP: '10.96.5.5', ports: [{ port: 80 }] }, 'a'), svc({ clusterIP: '10.96.5.5', ports: [{ port: 80 }] }, 'b')],
      'The Service "b" is invalid: spec.clusterIPs: Invalid value: ["10.96.5.5"]: failed to allocate IP 10.96.5.5: provided IP is already allocated',
    ],
    [
      'the cluster IP fields are pre-validated alone',
      [svc({ clusterIP: 'ten', sessionAffinity: 'Sticky', ports: [{ port: 80 }] })],
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "ten": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
    [
      'dual-stack demanded of a single-stack cluster',
      [svc({ ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] })],
      'The Service "web" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services',
    ],
    [
      'an IPv6 cluster IP',
      [svc({ clusterIP: 'fd00::10', ports: [{ port: 80 }] })],
      'The Service "web" is invalid: spec.clusterIPs[0]: Invalid value: ["fd00::10"]: IPv6 is not configured on this cluster',
    ],
  ])('refuses %s', (_name, docs, want) => {
    expect(applyAll(...docs)).toBe(want);
  });

  it('keeps the node port of a renumbered port with the same name (patchAllocatedValues)', () => {
    const cluster = fakeCluster();
    const first = cluster.apply(svc({ type: 'NodePort', ports: [{ name: 'http', port: 80 }] }));
    const second = cluster.apply(svc({ type: 'NodePort', ports: [{ name: 'http', port: 8080 }] }));
    expect(first.ok && second.ok).toBe(true);
    const nodePort = (s: typeof first) => (s.ok ? (s.object.spec as Json).ports[0].nodePort : undefined);
    expect(nodePort(second)).toBe(nodePort(first));
  });

  it('gives ports sharing a number one node port (TCP and UDP 53)', () => {
    const spec = applyAll(svc({ type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] })) as Json;
    expect(spec.ports[0].nodePort).toBe(spec.ports[1].nodePort);
  });

  it('gives a headless Service without selector both families (initIPFamilyFields)', () => {
    const spec = applyAll(svc({ clusterIP: 'None', ports: [{ port: 5432 }] })) as Json;
    expect([spec.ipFamilyPolicy, spec.ipFamilies]).toEqual(['RequireDualStack', ['IPv4', 'IPv6']]);
  });
});
