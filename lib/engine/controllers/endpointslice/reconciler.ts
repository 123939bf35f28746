/**
 * The EndpointSlice reconciler (staging/src/k8s.io/endpointslice/reconciler.go), for one Service:
 * per address type and per set of resolved ports,
 *  1. existing slices keep the endpoints still wanted (updated in place), drop the others, and are
 *     deleted when empty;
 *  2. slices already being updated are filled up with new endpoints, fullest first;
 *  3. what is left goes into the unchanged slice it fits best, or into new slices of at most 100;
 * a Service whose pods give no endpoint keeps one empty "placeholder" slice; and in the end a
 * creation paired with a deletion becomes an update of the slice that would have been deleted.
 * Where upstream picks from a Go map or set, this picks in pod (or slice) order.
 */
import type { Endpoint, EndpointPort, EndpointSlice, Service } from '../apps';
import { newControllerRef, semanticEqual, sortedMap } from '../meta';
import { endpointKey, endpointsEqual, portMapKey } from './endpoints';

export const MAX_ENDPOINTS_PER_SLICE = 100;
export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const SERVICE_NAME = 'kubernetes.io/service-name';
export const HEADLESS = 'service.kubernetes.io/headless';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

/** Endpoints wanted for one set of ports, by endpoint identity, in pod order. */
export interface DesiredGroup {
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

export interface Plan {
  create: EndpointSlice[];
  update: EndpointSlice[];
  remove: EndpointSlice[];
}

const RESERVED = new Set([SERVICE_NAME, MANAGED_BY, HEADLESS]);

function isServiceIPSet(svc: Service): boolean {
  return !!svc.spec.clusterIP && svc.spec.clusterIP !== 'None';
}

/** setEndpointSliceLabels: the Service's labels plus the reserved ones; `changed` compares the Service's own labels only. */
export function sliceLabels(slice: EndpointSlice | undefined, svc: Service): { labels: Record<string, string>; changed: boolean } {
  const mine: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata.labels ?? {})) if (!RESERVED.has(k)) mine[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) if (!RESERVED.has(k)) labels[k] = v;
  const changed = !semanticEqual(mine, labels);
  if (!isServiceIPSet(svc)) labels[HEADLESS] = '';
  labels[SERVICE_NAME] = svc.metadata.name!;
  labels[MANAGED_BY] = CONTROLLER_NAME;
  return { labels: sortedMap(labels), changed };
}

/** getEndpointSlicePrefix: `<service>-` for generateName. */
export function slicePrefix(serviceName: string): string {
  return serviceName.length + 1 > 253 ? serviceName : `${serviceName}-`;
}

export function newEndpointSlice(svc: Service, ports: EndpointPort[], addressType: EndpointSlice['addressType']): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: slicePrefix(svc.metadata.name!),
      namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [newControllerRef(svc, 'v1', 'Service')],
    },
    addressType,
    endpoints: [],
    ports: ports.map((p) => ({ ...p })),
  };
}

export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** placeholderSliceCompare: an empty slice for the same Service, address type and labels. */
function samePlaceholder(a: EndpointSlice, b: EndpointSlice): boolean {
  return (
    a.metadata.namespace === b.metadata.namespace &&
    a.addressType === b.addressType &&
    semanticEqual(a.endpoints, b.endpoints) &&
    semanticEqual(a.ports, b.ports) &&
    semanticEqual(a.metadata.labels, b.metadata.labels) &&
    semanticEqual(
      (a.metadata.ownerReferences ?? []).map((o) => o.uid),
      (b.metadata.ownerReferences ?? []).map((o) => o.uid),
    )
  );
}

/** getSliceToFill: the unchanged slice closest to full once `count` endpoints are added. */
function sliceToFill(slices: EndpointSlice[], count: number, max: number): EndpointSlice | undefined {
  let closest = max;
  let found: EndpointSlice | undefined;
  for (const s of slices) {
    const diff = max - (count + (s.endpoints?.length ?? 0));
    if (diff >= 0 && diff < closest) {
      closest = diff;
      found = s;
      if (diff === 0) break;
    }
  }
  return found;
}

/** A copy of a slice to change: endpoints are never changed in place, so they are shared. */
function draft(slice: EndpointSlice, endpoints: Endpoint[], labels: Record<string, string>): EndpointSlice {
  return { ...slice, metadata: { ...slice.metadata, labels }, endpoints };
}

function popFirst(m: Map<string, Endpoint>): Endpoint {
  const [k, v] = m.entries().next().value as [string, Endpoint];
  m.delete(k);
  return v;
}

function reconcileByPortMapping(svc: Service, existing: EndpointSlice[], desired: Map<string, Endpoint>, ports: EndpointPort[], addressType: EndpointSlice['addressType'], max: number): Plan {
  const byName = new Map<string, EndpointSlice>();
  const unchanged = new Set<string>();
  const toUpdate = new Set<string>();
  const toDelete = new Set<string>();
  for (const slice of existing) {
    const name = slice.metadata.name!;
    byName.set(name, slice);
    const kept: Endpoint[] = [];
    let updated = false;
    for (const ep of slice.endpoints ?? []) {
      const key = endpointKey(ep);
      const want = desired.get(key);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqual(want, ep)) updated = true;
      desired.delete(key);
    }
    const { labels, changed } = sliceLabels(slice, svc);
    const had = slice.endpoints?.length ?? 0;
    if (updated || had !== kept.length) {
      if (kept.length === 0) toDelete.add(name);
      else {
        byName.set(name, draft(slice, kept, labels));
        toUpdate.add(name);
      }
    } else if (changed) {
      byName.set(name, draft(slice, [...(slice.endpoints ?? [])], labels));
      toUpdate.add(name);
    } else unchanged.add(name);
  }

  if (desired.size > 0 && toUpdate.size > 0) {
    const fullestFirst = [...toUpdate].map((n) => byName.get(n)!).sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const slice of fullestFirst) {
      while (desired.size > 0 && (slice.endpoints ??= []).length < max) slice.endpoints.push(popFirst(desired));
    }
  }

  const create: EndpointSlice[] = [];
  while (desired.size > 0) {
    let fill: EndpointSlice | undefined;
    if (desired.size < max && unchanged.size > 0) fill = sliceToFill([...unchanged].map((n) => byName.get(n)!), desired.size, max);
    if (!fill) fill = newEndpointSlice(svc, ports, addressType);
    else {
      fill = draft(fill, [...(fill.endpoints ?? [])], fill.metadata.labels ?? {});
      byName.set(fill.metadata.name!, fill);
    }
    const eps = (fill.endpoints ??= []);
    while (desired.size > 0 && eps.length < max) eps.push(popFirst(desired));
    if (fill.metadata.name) {
      toUpdate.add(fill.metadata.name);
      unchanged.delete(fill.metadata.name);
    } else create.push(fill);
  }
  return {
    create,
    update: [...toUpdate].map((n) => byName.get(n)!),
    remove: [...toDelete].map((n) => byName.get(n)!),
  };
}

function reconcileByAddressType(svc: Service, desired: DesiredGroup[], existing: EndpointSlice[], addressType: EndpointSlice['addressType'], max: number): Plan {
  const plan: Plan = { create: [], update: [], remove: [] };
  const existingByPorts = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    const k = portMapKey(s.ports);
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s]);
  }
  const wanted = new Set<string>();
  for (const group of desired) {
    const k = portMapKey(group.ports);
    wanted.add(k);
    const p = reconcileByPortMapping(svc, existingByPorts.get(k) ?? [], group.endpoints, group.ports, addressType, max);
    plan.create.push(...p.create);
    plan.update.push(...p.update);
    plan.remove.push(...p.remove);
  }
  for (const [k, slices] of existingByPorts) if (!wanted.has(k)) plan.remove.push(...slices);
  if (existing.length === plan.remove.length && plan.create.length < 1) {
    const placeholder = newEndpointSlice(svc, [], addressType);
    if (plan.remove.length === 1 && samePlaceholder(plan.remove[0], placeholder)) plan.remove = [];
    else plan.create.push(placeholder);
  }
  return plan;
}

/**
 * Reconcile: the slices to create, update and delete so that `existing` holds `desired`
 * (per address type, for the address types the Service supports).
 */
export function reconcile(
  svc: Service,
  addressTypes: EndpointSlice['addressType'][],
  desired: Map<string, DesiredGroup[]>,
  existing: EndpointSlice[],
  max = MAX_ENDPOINTS_PER_SLICE,
): Plan {
  const plan: Plan = { create: [], update: [], remove: [] };
  const byType = new Map<string, EndpointSlice[]>();
  for (const s of existing) {
    if (!addressTypes.includes(s.addressType) || !ownedBy(s, svc)) plan.remove.push(s);
    else byType.set(s.addressType, [...(byType.get(s.addressType) ?? []), s]);
  }
  for (const t of addressTypes) {
    const p = reconcileByAddressType(svc, desired.get(t) ?? [], byType.get(t) ?? [], t, max);
    plan.create.push(...p.create);
    plan.update.push(...p.update);
    plan.remove.push(...p.remove);
  }
  // finalize: reuse a slice about to be deleted for a slice about to be created.
  for (let i = 0; i < plan.remove.length; ) {
    if (plan.create.length === 0) break;
    const doomed = plan.remove[i];
    const fresh = plan.create[plan.create.length - 1];
    if (doomed.addressType === fresh.addressType && ownedBy(doomed, svc)) {
      fresh.metadata.name = doomed.metadata.name;
      plan.create.pop();
      plan.update.push(fresh);
      plan.remove.splice(i, 1);
    } else i++;
  }
  return plan;
}
