/**
 * The Service REST storage (pkg/registry/core/service/storage and strategy.go): what it does to a
 * Service around the strategy's validation. BeginCreate / BeginUpdate run first: they sync
 * clusterIP with clusterIPs (NormalizeClusterIPs), keep values allocated earlier that an update
 * left out (patchAllocatedValues), pre-validate the cluster IP fields and claim the cluster IPs
 * and node ports a manifest asks for, refusing with an Invalid status of their own. After
 * validation the remaining values are allocated.
 */
import type { KubeObject } from '../api/types';
import type { AdmissionContext } from './pipeline';
import { deepEqual } from './json';
import { type ErrorList, invalid } from './validation/field';
import { marshalled } from './validation/gomarshal';
import { NODE_PORT_RANGE, validateServiceClusterIPsRelatedFields } from './validation/core';

type Obj = Record<string, unknown>;
type ServicePortLike = { name?: string; port?: number; protocol?: string; nodePort?: number };

const needsClusterIP = (spec: Obj) => spec.type !== 'ExternalName';
const needsNodePort = (spec: Obj) => spec.type === 'NodePort' || spec.type === 'LoadBalancer';
const externallyAccessible = (spec: Obj) =>
  needsNodePort(spec) || (spec.type === 'ClusterIP' && ((spec.externalIPs as unknown[] | undefined)?.length ?? 0) > 0);

const portsOf = (spec: Obj) => (spec.ports as ServicePortLike[] | undefined) ?? [];

function nodePortsOf(spec: Obj): Set<number> {
  const ports = new Set<number>();
  for (const p of portsOf(spec)) if (p.nodePort) ports.add(p.nodePort);
  return ports;
}

/**
 * The service strategy's dropTypeDependentFields: when an update moves a Service to a type that
 * no longer uses them, the values the server allocated or defaulted (cluster IPs, node ports,
 * externalTrafficPolicy) are cleared, as long as the update did not ask for them itself.
 */
export function dropTypeDependentFields(spec: Obj, old: Obj): void {
  if (needsClusterIP(old) && !needsClusterIP(spec) && deepEqual(spec.clusterIPs, old.clusterIPs)) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec)) {
    const before = nodePortsOf(old);
    if ([...nodePortsOf(spec)].every((p) => before.has(p))) {
      for (const p of portsOf(spec)) delete p.nodePort;
    }
  }
  if (old.type === 'LoadBalancer' && spec.type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === old.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
  if (externallyAccessible(old) && !externallyAccessible(spec) && spec.externalTrafficPolicy === old.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
}

function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The allocations left after validation: a cluster IP from 10.96.0.0/12 and node ports from
 * 30000-32767. Upstream draws them at random; here they follow from the Service's name.
 */
export function allocateService(svc: KubeObject, ctx: AdmissionContext): void {
  const spec = svc.spec as Obj;
  const key = `${svc.metadata!.namespace}/${svc.metadata!.name}`;
  if (spec.type !== 'ExternalName') {
    if (!spec.clusterIP) {
      let h = hashOf(key);
      let ip: string;
      do {
        // 10.96.0.0/12, keeping clear of the low addresses (.1 is kubernetes, .10 kube-dns) and broadcast.
        const n = 11 + (h % ((1 << 20) - 12));
        ip = `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
        h = hashOf(ip + key);
      } while (ctx.clusterIPInUse?.(ip));
      spec.clusterIP = ip;
    }
    spec.clusterIPs ??= [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  if (needsNodePort(spec)) {
    const span = NODE_PORT_RANGE[1] - NODE_PORT_RANGE[0] + 1;
    const used = new Set<number>();
    const byPort = new Map<number, number>();
    for (const p of portsOf(spec)) if (p.nodePort) used.add(p.nodePort);
    for (const p of portsOf(spec)) {
      if (p.nodePort) {
        byPort.set(p.port ?? 0, p.nodePort);
        continue;
      }
      // Ports that share a number (TCP and UDP 53) share a node port (initNodePorts).
      const shared = byPort.get(p.port ?? 0);
      if (shared) {
        p.nodePort = shared;
        continue;
      }
      let n = hashOf(`${key}/${p.port}/${p.protocol}`) % span;
      while (used.has(NODE_PORT_RANGE[0] + n) || ctx.nodePortInUse?.(NODE_PORT_RANGE[0] + n)) n = (n + 1) % span;
      p.nodePort = NODE_PORT_RANGE[0] + n;
      used.add(p.nodePort);
      byPort.set(p.port ?? 0, p.nodePort);
    }
  }
}

/** NormalizeClusterIPs on create: a manifest that sets only clusterIP (`None` too) gets clusterIPs. */
function normalizeClusterIPsOnCreate(spec: Obj): void {
  if (spec.clusterIP && !(spec.clusterIPs as unknown[] | undefined)?.length) spec.clusterIPs = [spec.clusterIP];
}

/**
 * NormalizeClusterIPs on update: a client that sent only the singular clusterIP gets the stored
 * plural list back, and a changed clusterIP with an unchanged list replaces the list, so that
 * validation sees (and refuses) the change.
 */
function normalizeClusterIPsOnUpdate(spec: Obj, old: Obj): void {
  const oldIPs = (old.clusterIPs as string[] | undefined) ?? [];
  let ips = (spec.clusterIPs as string[] | undefined) ?? [];
  if (oldIPs.length > 0 && ips.length === 0 && (old.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = [...oldIPs];
    ips = oldIPs;
  }
  const before = (old.clusterIP as string | undefined) ?? '';
  const after = (spec.clusterIP as string | undefined) ?? '';
  if (before === after) return;
  const same = deepEqual(ips, oldIPs);
  if (before && !after) {
    if (same) delete spec.clusterIPs;
  } else if (same) {
    spec.clusterIPs = [after];
  }
}

/**
 * patchAllocatedValues: an update that leaves out values the server allocated (the cluster IP, a
 * port's node port, matched by port name) keeps them, so re-applying the same manifest works.
 */
function patchAllocatedValues(spec: Obj, old: Obj): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!(spec.clusterIPs as unknown[] | undefined)?.length && (old.clusterIPs as unknown[] | undefined)?.length) {
      spec.clusterIPs = [...(old.clusterIPs as string[])];
    }
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const newPorts = nodePortsOf(spec);
    const used = new Set([...nodePortsOf(old)].filter((p) => newPorts.has(p)));
    const byName = new Map<string, number>();
    for (const p of portsOf(old)) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of portsOf(spec)) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '') ?? 0;
      if (prev && !used.has(prev)) p.nodePort = prev;
    }
  }
}

const PORT_ALLOCATED = 'provided port is already allocated';
const PORT_RANGE = `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE[0]}-${NODE_PORT_RANGE[1]}`;

/** The port allocator's Allocate for a requested node port: the error text, or undefined. */
function claimNodePort(port: number, claimed: Set<number>, ctx: AdmissionContext): string | undefined {
  if (port < NODE_PORT_RANGE[0] || port > NODE_PORT_RANGE[1]) return PORT_RANGE;
  if (claimed.has(port) || ctx.nodePortInUse?.(port)) return PORT_ALLOCATED;
  claimed.add(port);
  return undefined;
}

/** initNodePorts: the requested node ports of a new Service, in port order. */
function claimNodePortsOnCreate(spec: Obj, ctx: AdmissionContext, errs: ErrorList): void {
  const ports = portsOf(spec);
  const claimed = new Set<number>();
  const byPort = new Map<number, number>();
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i];
    const mapped = byPort.get(p.port ?? 0);
    let request = 0;
    if (mapped === undefined) {
      // findRequestedNodePort: a node port asked for by any entry with this port number.
      request = ports.find((q) => q.port === p.port && q.nodePort)?.nodePort ?? 0;
      byPort.set(p.port ?? 0, request || -1);
    } else if (p.nodePort && p.nodePort !== mapped) {
      request = p.nodePort;
    }
    if (!request) continue;
    const err = claimNodePort(request, claimed, ctx);
    if (err) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, request, err));
      return;
    }
  }
}

/** updateNodePorts: only node ports the old Service did not hold are claimed. */
function claimNodePortsOnUpdate(spec: Obj, old: Obj, ctx: AdmissionContext, errs: ErrorList): void {
  const held = needsNodePort(old) ? nodePortsOf(old) : new Set<number>();
  const claimed = new Set<number>();
  portsOf(spec).forEach((p, i) => {
    if (errs.length || !p.nodePort || held.has(p.nodePort) || claimed.has(p.nodePort)) return;
    const err = claimNodePort(p.nodePort, claimed, ctx);
    if (err) errs.push(invalid(`spec.ports[${i}].nodePort`, p.nodePort, err));
  });
}

/** allocIPs for requested cluster IPs: one that another Service holds is refused. */
function claimClusterIPs(spec: Obj, held: readonly string[], ctx: AdmissionContext, errs: ErrorList): void {
  const ips = (spec.clusterIPs as string[] | undefined) ?? [];
  for (const ip of ips) {
    if (ip === 'None' || held.includes(ip)) continue;
    if (ctx.clusterIPInUse?.(ip)) {
      errs.push(invalid('spec.clusterIPs', marshalled(ips), `failed to allocate IP ${ip}: provided IP is already allocated`));
      return;
    }
  }
}

/** The families this cluster serves: kubesim's is single-stack IPv4 (10.96.0.0/12). */
const CLUSTER_FAMILIES = ['IPv4'];

/**
 * initIPFamilyFields: the policy is inherited or defaulted (a headless Service without selector
 * asks for dual-stack), the cluster IP fields are pre-validated, and the families are checked
 * against (and filled in from) what the cluster serves.
 */
function initIPFamilyFields(spec: Obj, old: Obj | undefined, errs: ErrorList): void {
  if (!needsClusterIP(spec)) return;
  const headlessSelectorless = spec.clusterIP === 'None' && Object.keys((spec.selector as Obj | undefined) ?? {}).length === 0;
  if (spec.ipFamilyPolicy === undefined) {
    if (old?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.ipFamilyPolicy;
    else spec.ipFamilyPolicy = headlessSelectorless ? 'RequireDualStack' : 'SingleStack';
  }
  validateServiceClusterIPsRelatedFields(spec, errs);
  if (errs.length) return;
  const policy = spec.ipFamilyPolicy as string;
  const ips = (spec.clusterIPs as string[] | undefined) ?? [];
  let families = [...((spec.ipFamilies as string[] | undefined) ?? [])];
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if (ips.length === 2) errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (families.length === 2) errs.push(invalid('spec.ipFamilyPolicy', policy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  for (let i = 0; i < ips.length && ips[i] !== 'None'; i++) {
    if (i < families.length) continue;
    const fam = isIPv4Text(ips[i]) ? 'IPv4' : 'IPv6';
    if (!CLUSTER_FAMILIES.includes(fam)) {
      errs.push(invalid(`spec.clusterIPs[${i}]`, marshalled(ips), `${fam} is not configured on this cluster`));
    } else families.push(fam);
  }
  if (errs.length) return;
  if (headlessSelectorless) {
    if (families.length === 0) families = ['IPv4'];
    if (families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    spec.ipFamilies = families;
    return;
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack') errs.push(invalid('spec.ipFamilyPolicy', policy, 'this cluster is not configured for dual-stack services'));
  families.forEach((f, i) => {
    if (!CLUSTER_FAMILIES.includes(f)) errs.push(invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  if (errs.length) return;
  spec.ipFamilies = families.length ? families : ['IPv4'];
}

const isIPv4Text = (ip: string) => !ip.includes(':');

/** BeginCreate: the errors that refuse the Service before its validation, if any. */
export function beginServiceCreate(svc: KubeObject, ctx: AdmissionContext): ErrorList {
  const spec = (svc.spec ??= {}) as Obj;
  normalizeClusterIPsOnCreate(spec);
  const errs: ErrorList = [];
  if (needsClusterIP(spec)) {
    initIPFamilyFields(spec, undefined, errs);
    if (errs.length) return errs;
    claimClusterIPs(spec, [], ctx, errs);
    if (errs.length) return errs;
  }
  if (needsNodePort(spec)) claimNodePortsOnCreate(spec, ctx, errs);
  return errs;
}

/** BeginUpdate: patchAllocatedValues, NormalizeClusterIPs, then the allocator's checks. */
export function beginServiceUpdate(svc: KubeObject, old: KubeObject, ctx: AdmissionContext): ErrorList {
  const spec = (svc.spec ??= {}) as Obj;
  const prev = (old.spec ?? {}) as Obj;
  patchAllocatedValues(spec, prev);
  normalizeClusterIPsOnUpdate(spec, prev);
  const errs: ErrorList = [];
  if (needsClusterIP(spec)) {
    initIPFamilyFields(spec, needsClusterIP(prev) ? prev : undefined, errs);
    if (errs.length) return errs;
    // Only a Service that had no cluster IP (it was an ExternalName) allocates on update.
    if (!needsClusterIP(prev)) claimClusterIPs(spec, [], ctx, errs);
    if (errs.length) return errs;
  }
  if (needsNodePort(spec)) claimNodePortsOnUpdate(spec, prev, ctx, errs);
  return errs;
}
