/**
 * Pod resource arithmetic (component-helpers resource.PodRequests) and the QoS class
 * (pkg/apis/core/helper/qos ComputePodQOS).
 */
import type { Container, Pod } from '../api/types';
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
 * container with the sidecars started before it, whichever is larger per resource; plus overhead.
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
