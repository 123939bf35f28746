/** A pod's QoS class as kubectl shows it (k8s.io/kubectl/pkg/util/qos). */
import { milliValue } from '../api/quantity';
import type { Pod, ResourceList } from '../api/types';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** status.qosClass when the kubelet has set it, else computed from the containers' resources. */
export function podQOS(pod: Pod): QOSClass {
  return pod.status?.qosClass || computePodQOS(pod);
}

const QOS_RESOURCES = ['cpu', 'memory'];

export function computePodQOS(pod: Pod): QOSClass {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const add = (into: Map<string, number>, list: ResourceList | undefined): Set<string> => {
    const positive = new Set<string>();
    for (const [name, q] of Object.entries(list ?? {})) {
      if (!QOS_RESOURCES.includes(name)) continue;
      const milli = safeMilli(q);
      if (milli > 0) {
        into.set(name, (into.get(name) ?? 0) + milli);
        positive.add(name);
      }
    }
    return positive;
  };
  const podLevel = (pod.spec as { resources?: { requests?: ResourceList; limits?: ResourceList } }).resources;
  if (podLevel) {
    add(requests, podLevel.requests);
    if (podLevel.limits) {
      const limited = add(limits, podLevel.limits);
      if (!limited.has('cpu') || !limited.has('memory')) guaranteed = false;
    }
  } else {
    for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])]) {
      add(requests, c.resources?.requests);
      const limited = add(limits, c.resources?.limits);
      if (!limited.has('cpu') || !limited.has('memory')) guaranteed = false;
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

function safeMilli(q: string): number {
  try {
    return milliValue(q);
  } catch {
    return 0;
  }
}
