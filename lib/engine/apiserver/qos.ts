/**
 * The Pod's QoS class (qos.ComputePodQOS, which kubectl's describe vendors too): BestEffort without
 * any cpu or memory request or limit, Guaranteed when cpu and memory are limited (every container,
 * or the pod-level resources when set) and the requests equal the limits, Burstable otherwise.
 */
import type { PodSpec, ResourceList } from '../api/types';
import { quantityNanos } from './nanos';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

/**
 * Adds a resource list's positive cpu/memory amounts into `into`; returns which it had. Quantities
 * that do not parse count as none: kubectl computes this for objects it did not validate.
 */
function addAmounts(into: Map<string, bigint>, list: ResourceList | undefined): Set<string> {
  const positive = new Set<string>();
  for (const name of QOS_RESOURCES) {
    const q: unknown = list?.[name];
    if (q === undefined || q === null) continue;
    let v: bigint;
    try {
      v = quantityNanos(String(q));
    } catch {
      continue;
    }
    if (v > 0n) {
      into.set(name, (into.get(name) ?? 0n) + v);
      positive.add(name);
    }
  }
  return positive;
}

export function podQOSClass(spec: PodSpec): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const limitsBoth = (list: ResourceList | undefined) => addAmounts(limits, list).size === QOS_RESOURCES.length;
  const podLevel = (spec as { resources?: { requests?: ResourceList; limits?: ResourceList } }).resources;
  if (podLevel) {
    addAmounts(requests, podLevel.requests);
    if (podLevel.limits && !limitsBoth(podLevel.limits)) guaranteed = false;
  } else {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      addAmounts(requests, c.resources?.requests);
      if (!limitsBoth(c.resources?.limits)) guaranteed = false;
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      if (limits.get(name) !== req) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
