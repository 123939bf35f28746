/**
 * Pod-level resources (PodLevelResources, beta and on in v1.34): the containers' aggregate
 * requests (component-helpers resource.AggregateContainerRequests) that both the defaulting of
 * spec.resources.requests (defaultPodRequests) and its validation compare against.
 */
import type { Container, PodSpec, ResourceList } from '../api/types';
import { formatQuantity, parseQuantity, type QuantityFormat } from '../api/quantity';

/** resourcehelper.IsSupportedPodLevelResource. */
export const SUPPORTED_POD_LEVEL_RESOURCES = ['cpu', 'memory'];

export interface Amount {
  nanos: bigint;
  format: QuantityFormat;
}

export type AmountList = Map<string, Amount>;

function read(list: ResourceList | undefined): AmountList {
  const out: AmountList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      const q = parseQuantity(v);
      out.set(k, { nanos: q.nanos, format: q.format });
    } catch {
      // Quantities were checked when decoding; anything else counts as none.
    }
  }
  return out;
}

function add(into: AmountList, list: AmountList): void {
  for (const [k, v] of list) {
    const cur = into.get(k);
    into.set(k, cur ? { nanos: cur.nanos + v.nanos, format: cur.format } : { ...v });
  }
}

function max(into: AmountList, list: AmountList): void {
  for (const [k, v] of list) {
    const cur = into.get(k);
    if (!cur || v.nanos > cur.nanos) into.set(k, { ...v });
  }
}

/** The effective requests of the containers: app containers and sidecars, or the largest init step. */
export function aggregateContainerRequests(spec: PodSpec): AmountList {
  const reqs: AmountList = new Map();
  for (const c of spec.containers ?? []) add(reqs, read(c.resources?.requests));
  const sidecars: AmountList = new Map();
  const inits: AmountList = new Map();
  for (const c of (spec.initContainers ?? []) as Container[]) {
    const r = read(c.resources?.requests);
    if (c.restartPolicy === 'Always') {
      add(reqs, r);
      add(sidecars, r);
      max(inits, sidecars);
    } else {
      const step: AmountList = new Map();
      add(step, r);
      add(step, sidecars);
      max(inits, step);
    }
  }
  max(reqs, inits);
  return reqs;
}

export function amountText(a: Amount | undefined): string {
  return a ? formatQuantity({ nanos: a.nanos, format: a.format }) : '0';
}

type PodResources = { requests?: ResourceList; limits?: ResourceList };

/**
 * defaultPodRequests: with pod-level limits set, a resource without a pod-level request takes the
 * containers' aggregate request for it, or else the pod-level limit.
 */
export function defaultPodRequests(spec: PodSpec): void {
  const res = (spec as { resources?: PodResources }).resources;
  if (!res?.limits || Object.keys(res.limits).length === 0) return;
  const reqs: ResourceList = { ...(res.requests ?? {}) };
  for (const [k, v] of aggregateContainerRequests(spec)) {
    if (!(k in reqs) && SUPPORTED_POD_LEVEL_RESOURCES.includes(k)) reqs[k] = amountText(v);
  }
  for (const [k, v] of Object.entries(res.limits)) {
    if (!(k in reqs) && SUPPORTED_POD_LEVEL_RESOURCES.includes(k)) reqs[k] = v;
  }
  if (Object.keys(reqs).length) res.requests = reqs;
}
