/**
 * Pod resource arithmetic (component-helpers resource.PodRequests) and the QoS class
 * (pkg/apis/core/helper/qos ComputePodQOS).
 */
import type { Container, Node, Pod } from '../api/types';
import { milliValue, value } from '../api/quantity';

export type Amounts = Record<string, number>;

/** cpu in millicores, everything else in whole units (bytes for memory). */
export function amount(resource: string, quantity: string | number): number {
  try {
    return resource === 'cpu' ? milliValue(quantity) : value(quantity);
  } catch {
    return 0;
  }
}

function containerRequests(c: Container): Amounts {
  const out: Amounts = {};
  const req = c.resources?.requests ?? {};
  const lim = c.resources?.limits ?? {};
  for (const [k, v] of Object.entries(req)) out[k] = amount(k, v);
  // A limit without a request defaults the request (done by defaulting; kept here for safety).
  for (const [k, v] of Object.entries(lim)) if (!(k in out)) out[k] = amount(k, v);
  return out;
}

function addInto(target: Amounts, add: Amounts): void {
  for (const [k, v] of Object.entries(add)) target[k] = (target[k] ?? 0) + v;
}

function maxInto(target: Amounts, other: Amounts): void {
  for (const [k, v] of Object.entries(other)) target[k] = Math.max(target[k] ?? 0, v);
}

/**
 * The pod's effective requests: the app containers and sidecars together, or the largest init
 * container with the sidecars started before it, whichever is larger per resource (pod-level
 * requests instead, where set); plus overhead.
 */
export function podRequests(pod: Pod): Amounts {
  const reqs: Amounts = {};
  for (const c of pod.spec.containers ?? []) addInto(reqs, containerRequests(c));
  const sidecars: Amounts = {};
  const initMax: Amounts = {};
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, r);
      addInto(sidecars, r);
      const cur = { ...sidecars };
      maxInto(initMax, cur);
    } else {
      const cur = { ...sidecars };
      addInto(cur, r);
      maxInto(initMax, cur);
    }
  }
  maxInto(reqs, initMax);
  // PodLevelResources (beta, on in v1.34): pod-level requests of cpu, memory and hugepages take the
  // place of the containers' aggregate (resourcehelper.PodRequests, IsPodLevelRequestsSet).
  const podLevel = (pod.spec as { resources?: { requests?: Record<string, string> } }).resources?.requests ?? {};
  for (const [k, v] of Object.entries(podLevel)) if (k === 'cpu' || k === 'memory' || k.startsWith('hugepages-')) reqs[k] = amount(k, v);
  for (const [k, v] of Object.entries(pod.spec.overhead ?? {})) reqs[k] = (reqs[k] ?? 0) + amount(k, v);
  return reqs;
}

const QOS_RESOURCES = ['cpu', 'memory'];

/** ComputePodQOS: Guaranteed when every container has equal cpu and memory requests and limits. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Amounts = {};
  const limits: Amounts = {};
  let zeroRequests = true;
  let isGuaranteed = true;
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  for (const c of all) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) {
      if (!QOS_RESOURCES.includes(k)) continue;
      const n = amount(k, v);
      if (n !== 0) {
        zeroRequests = false;
        requests[k] = (requests[k] ?? 0) + n;
      }
    }
    const qosLimits = new Set<string>();
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) {
      if (!QOS_RESOURCES.includes(k)) continue;
      const n = amount(k, v);
      if (n !== 0) {
        qosLimits.add(k);
        zeroRequests = false;
        limits[k] = (limits[k] ?? 0) + n;
      }
    }
    if (qosLimits.size !== QOS_RESOURCES.length) isGuaranteed = false;
  }
  if (zeroRequests) return 'BestEffort';
  if (isGuaranteed) {
    for (const k of QOS_RESOURCES) if (requests[k] !== undefined && requests[k] !== limits[k]) isGuaranteed = false;
  }
  return isGuaranteed && Object.keys(limits).length === QOS_RESOURCES.length ? 'Guaranteed' : 'Burstable';
}

/** The memory limit of a container in bytes, if it has one. */
export function memoryLimit(c: Container): number | undefined {
  const m = c.resources?.limits?.memory;
  return m === undefined ? undefined : amount('memory', m);
}

/**
 * The memory a container may use before the kernel's OOM killer ends it (OOMKilled, exit 137): the
 * smallest of its own limit, its pod's cgroup limit and the kubepods cgroup limit.
 * - pkg/kubelet/cm ResourceConfigForPod gives the pod cgroup a memory limit only when every
 *   container has one (then it is their sum, never below a container's own), or from pod-level
 *   resources.limits.memory (PodLevelResources, beta and on in v1.34);
 * - with enforce-node-allocatable=pods the kubepods cgroup is capped at node capacity minus the
 *   system and kube reservations (getNodeAllocatableAbsolute: eviction thresholds are not taken off).
 * That is the node's capacity, or allocatable plus the 100Mi hard eviction threshold when a scenario
 * gives a smaller allocatable (allocatable alone when it gives no capacity). The cap is shared by
 * every pod on the node; kubesim applies it to each container alone.
 */
/** The kubelet's default evictionHard memory.available threshold (100Mi). */
const EVICTION_HARD_MEMORY = 100 * 1024 * 1024;

export function memoryCeiling(pod: Pod, c: Container, node: Node | undefined): number | undefined {
  const limits: number[] = [];
  const own = memoryLimit(c);
  if (own !== undefined) limits.push(own);
  const podLevel = (pod.spec as { resources?: { limits?: Record<string, string> } }).resources?.limits?.memory;
  if (podLevel !== undefined) limits.push(amount('memory', podLevel));
  // Allocatable is capacity minus the reservations and the hard eviction threshold (memory.available
  // 100Mi by default), so capacity minus the reservations is allocatable plus that threshold.
  const capacity = node?.status?.capacity?.memory;
  const allocatable = node?.status?.allocatable?.memory;
  if (capacity !== undefined) limits.push(amount('memory', capacity));
  if (allocatable !== undefined) limits.push(amount('memory', allocatable) + (capacity !== undefined ? EVICTION_HARD_MEMORY : 0));
  return limits.length > 0 ? Math.min(...limits) : undefined;
}
