/**
 * Pods as EndpointSlice endpoints (staging/src/k8s.io/endpointslice utils.go and util/):
 *  - ShouldPodBeInEndpoints: not terminal and with an IP (terminating pods stay, marked so);
 *  - podToEndpoint: serving = the pod is Ready, terminating = it has a deletionTimestamp,
 *    ready = publishNotReadyAddresses || (serving && !terminating); targetRef, nodeName, the node's
 *    zone, and the hostname when the pod's subdomain names the Service;
 *  - getEndpointPorts: each Service port resolved against the pod (a named targetPort must exist
 *    in a container or a sidecar with the same protocol, else the port is left out).
 */
import type { Node, Pod } from '../../api/types';
import type { Endpoint, EndpointPort, Service, ServicePort } from '../apps';
import { isPodReady } from '../meta';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addressType: string): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = !!svc.spec.publishNotReadyAddresses || (serving && !terminating);
  const addresses = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip) => (addressType === 'IPv6') === isIPv6(ip));
  const ep: Endpoint = { addresses, conditions: { ready, serving, terminating } };
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace) {
    ep.hostname = pod.spec.hostname;
  }
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}

/** podutil.FindPort: a number is used as is; a name is looked up in the containers, then the sidecars. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

export function endpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  const ports = svc.spec.ports ?? [];
  if (ports.length === 0 && svc.spec.clusterIP === 'None') return out;
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** NewPortMapKey: endpoints with the same resolved ports share slices. */
export function portMapKey(ports: EndpointPort[] | null): string {
  return (ports ?? []).map((p) => `${p.name ?? ''}/${p.protocol ?? ''}/${p.port ?? ''}/${p.appProtocol ?? ''}`).sort().join('|');
}

/** The endpoint's identity in an EndpointSet (hashEndpoint): addresses, hostname, target pod. */
export function endpointKey(ep: Endpoint): string {
  let key = keys.get(ep);
  if (key === undefined) {
    const addrs = ep.addresses.length > 1 ? [...ep.addresses].sort() : ep.addresses;
    key = `${addrs.join(',')}\u0000${ep.hostname ?? ''}\u0000${ep.targetRef?.namespace ?? ''}\u0000${ep.targetRef?.name ?? ''}`;
    keys.set(ep, key);
  }
  return key;
}

/** Endpoints are never changed once made, so their keys are remembered. */
const keys = new WeakMap<Endpoint, string>();

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** EndpointsEqualBeyondHash, and the identity fields besides: nothing an update would change. */
export function endpointsEqual(a: Endpoint, b: Endpoint): boolean {
  if (a === b) return true;
  const ta = a.targetRef;
  const tb = b.targetRef;
  return (
    sameList(a.addresses, b.addresses) &&
    a.conditions.ready === b.conditions.ready &&
    a.conditions.serving === b.conditions.serving &&
    a.conditions.terminating === b.conditions.terminating &&
    a.hostname === b.hostname &&
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    ta?.kind === tb?.kind &&
    ta?.namespace === tb?.namespace &&
    ta?.name === tb?.name &&
    ta?.uid === tb?.uid
  );
}

export function endpointListsEqual(a: Endpoint[] | null, b: Endpoint[] | null): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((ep, i) => endpointsEqual(ep, y[i]));
}
