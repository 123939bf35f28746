/**
 * The Pod's QoS class, as the API server computes it on create (qos.ComputePodQOS): BestEffort
 * without any cpu or memory request or limit, Guaranteed when every container limits both and
 * the requests equal the limits, Burstable otherwise.
 */
import type { Container, PodSpec } from '../api/types';
import { quantityNanos } from './nanos';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

export function podQOSClass(spec: PodSpec): QOSClass {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const all: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of all) {
    for (const name of QOS_RESOURCES) {
      const req = c.resources?.requests?.[name];
      if (req !== undefined) {
        const v = quantityNanos(req);
        if (v > 0n) requests.set(name, (requests.get(name) ?? 0n) + v);
      }
    }
    let found = 0;
    for (const name of QOS_RESOURCES) {
      const lim = c.resources?.limits?.[name];
      if (lim === undefined) continue;
      const v = quantityNanos(lim);
      if (v > 0n) {
        found++;
        limits.set(name, (limits.get(name) ?? 0n) + v);
      }
    }
    if (found < QOS_RESOURCES.length) guaranteed = false;
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
