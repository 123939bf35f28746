/**
 * Resource arithmetic of the scheduler: framework.Resource and component-helpers PodRequests
 * (app containers summed, each init container taken as a maximum on top of the sidecars started
 * before it, sidecars added to the running total, pod-level requests in place of that aggregate,
 * pod overhead added last).
 */
import type { Container, Pod, ResourceList } from '../../api/types';
import { milliValue, value } from '../../api/quantity';

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: stand-ins for a missing request when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended, hugepages and other prefixed resources, in whole units. */
  scalar: Map<string, number> | undefined;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: undefined };
}

export function cloneResource(r: Resource): Resource {
  return { ...r, scalar: r.scalar ? new Map(r.scalar) : undefined };
}

/** schedutil.IsScalarResourceName: extended (domain/name), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

function quantityIn(name: string, q: string): number {
  return name === 'cpu' ? milliValue(q) : value(q);
}

/** A parsed ResourceList: cpu in milli-units, everything else in whole units. */
export type Amounts = Map<string, number>;

function parseList(list: ResourceList | undefined): Amounts {
  const out: Amounts = new Map();
  if (!list) return out;
  for (const name of Object.keys(list)) out.set(name, quantityIn(name, list[name]));
  return out;
}

function add(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: Amounts, from: Amounts): void {
  for (const [k, v] of from) {
    const cur = into.get(k);
    if (cur === undefined || v > cur) into.set(k, v);
  }
}

/** Which missing container requests get the scoring defaults (NonMissingContainerRequests). */
interface NonMissing {
  cpu: boolean;
  memory: boolean;
}

const ALL_DEFAULTS: NonMissing = { cpu: true, memory: true };

function containerRequests(c: Container, nonMissing: NonMissing | undefined): Amounts {
  const reqs = parseList(c.resources?.requests);
  if (nonMissing) {
    // Only a request that is absent gets the default; an explicit zero stays zero.
    if (nonMissing.cpu && !reqs.has('cpu')) reqs.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (nonMissing.memory && !reqs.has('memory')) reqs.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return reqs;
}

/** AggregateContainerRequests: app containers summed, init containers and sidecars as the sidecar KEP says. */
function aggregateContainerRequests(pod: Pod, nonMissing: NonMissing | undefined): Amounts {
  const result: Amounts = new Map();
  for (const c of pod.spec.containers ?? []) add(result, containerRequests(c, nonMissing));
  const sidecars: Amounts = new Map();
  const initMax: Amounts = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const reqs = containerRequests(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod and to every later init container.
      add(result, reqs);
      add(sidecars, reqs);
      maxInto(initMax, sidecars);
    } else {
      const combined: Amounts = new Map(reqs);
      add(combined, sidecars);
      maxInto(initMax, combined);
    }
  }
  maxInto(result, initMax);
  return result;
}

/** IsSupportedPodLevelResource: cpu, memory and hugepages-* may be set for the pod as a whole. */
function isSupportedPodLevelResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');
}

/**
 * The pod-level requests (spec.resources, PodLevelResources: beta and on by default in v1.34) of
 * the supported resources, or undefined when none is set (IsPodLevelRequestsSet).
 */
function podLevelRequests(pod: Pod): Amounts | undefined {
  const list = (pod.spec as { resources?: { requests?: ResourceList } }).resources?.requests;
  if (!list) return undefined;
  const out: Amounts = new Map();
  for (const name of Object.keys(list)) if (isSupportedPodLevelResource(name)) out.set(name, quantityIn(name, list[name]));
  return out.size > 0 ? out : undefined;
}

function podTotal(pod: Pod, podLevel: Amounts | undefined, nonMissing: NonMissing | undefined): Amounts {
  const result = aggregateContainerRequests(pod, nonMissing);
  // Pod-level values replace the containers' aggregate for the resources they name.
  if (podLevel) for (const [k, v] of podLevel) result.set(k, v);
  if (pod.spec.overhead) add(result, parseList(pod.spec.overhead));
  return result;
}

/**
 * resourcehelper.PodRequests: the containers' aggregate, pod-level requests in place of it where
 * set, pod overhead added last. With `nonMissing`, what the scheduler scores with (NonZeroRequested,
 * PodInfo.calculateResource): every container lacking a cpu or memory request counts 100m / 200Mi
 * for it; with pod-level requests, only a resource the pod requests nowhere gets that default.
 */
export function podRequests(pod: Pod, nonMissing = false): Amounts {
  const podLevel = podLevelRequests(pod);
  if (!nonMissing) return podTotal(pod, podLevel, undefined);
  if (!podLevel) return podTotal(pod, undefined, ALL_DEFAULTS);
  const plain = podTotal(pod, podLevel, undefined);
  const missing: NonMissing = { cpu: !plain.has('cpu'), memory: !plain.has('memory') };
  if (!missing.cpu && !missing.memory) return plain;
  return podTotal(pod, podLevel, missing);
}

/** framework.Resource.SetMaxResource over a fresh Resource: what NodeResourcesFit checks. */
export function resourceFromAmounts(a: Amounts): Resource {
  const r = emptyResource();
  for (const [name, v] of a) {
    switch (name) {
      case 'cpu':
        r.milliCPU = v;
        break;
      case 'memory':
        r.memory = v;
        break;
      case 'ephemeral-storage':
        r.ephemeralStorage = v;
        break;
      case 'pods':
        // Pods never request "pods"; only node allocatable carries it.
        break;
      default:
        if (isScalarResourceName(name)) (r.scalar ??= new Map()).set(name, v);
    }
  }
  return r;
}

/** framework.NewResource(node.Status.Allocatable). */
export function allocatableResource(list: ResourceList | undefined): Resource {
  const a = parseList(list);
  const r = resourceFromAmounts(a);
  r.allowedPodNumber = a.get('pods') ?? 0;
  return r;
}

/** Adds `sign` times `r` into `into` (NodeInfo.update). */
export function addResource(into: Resource, r: Resource, sign: 1 | -1): void {
  into.milliCPU += sign * r.milliCPU;
  into.memory += sign * r.memory;
  into.ephemeralStorage += sign * r.ephemeralStorage;
  if (r.scalar) {
    into.scalar ??= new Map();
    for (const [k, v] of r.scalar) into.scalar.set(k, (into.scalar.get(k) ?? 0) + sign * v);
  }
}
