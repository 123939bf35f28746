/**
 * The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go
 * syncService): for each Service with a selector (ExternalName Services excepted) it lists the pods
 * the selector matches, turns those with an IP into endpoints grouped by their resolved ports, and
 * reconciles the Service's slices (named `<service>-<5 chars>`, labelled
 * kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the Service,
 * annotated with endpoints.kubernetes.io/last-change-trigger-time). Slices of a deleted Service go
 * with the garbage collector.
 */
import type { Node, Pod } from '../../api/types';
import type { Controller, ControllerContext } from '../../core/controller';
import { rfc3339 } from '../../core/time';
import type { Endpoint, EndpointPort, EndpointSlice, Service } from '../apps';
import { canonicalJSON, isPodReady, labelsContain, semanticEqual, sortedMap } from '../meta';
import { keyOf, splitKey, WorkQueue } from '../workqueue';
import { endpointKey, endpointListsEqual, endpointPorts, isIPv6, podToEndpoint, portMapKey, shouldPodBeInEndpoints } from './endpoints';
import { CONTROLLER_NAME, MANAGED_BY, reconcile, SERVICE_NAME, type DesiredGroup } from './reconciler';
import { TriggerTimeTracker } from './trigger-time';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';
export const TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

type AddressType = EndpointSlice['addressType'];

/** A Service's selector selects pods only when it has at least one pair (an empty one is dropped by the API). */
function hasSelector(svc: Service): boolean {
  return !!svc.spec.selector && Object.keys(svc.spec.selector).length > 0;
}

/** getAddressTypesForService: from spec.ipFamilies, else from the cluster IP, else both. */
export function addressTypesFor(svc: Service): AddressType[] {
  const out: AddressType[] = [];
  for (const f of svc.spec.ipFamilies ?? []) {
    if (f === 'IPv4' && !out.includes('IPv4')) out.push('IPv4');
    if (f === 'IPv6' && !out.includes('IPv6')) out.push('IPv6');
  }
  if (out.length) return out;
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None') return [isIPv6(ip) ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

/** One pod's endpoint for one Service and address type, valid for the pod's and node's versions. */
interface CachedEndpoint {
  podVersion: string | undefined;
  nodeVersion: string | undefined;
  included: boolean;
  missingNode: boolean;
  ports: EndpointPort[];
  portKey: string;
  endpoint: Endpoint;
  key: string;
}

/** The parts of a pod an endpoint depends on (podEndpointsChanged). */
interface PodState {
  labels: string;
  host: string;
  deleting: string;
  ready: boolean;
  ips: string;
}

function podState(pod: Pod): PodState {
  return {
    labels: canonicalJSON(pod.metadata.labels ?? {}),
    host: `${pod.spec.hostname ?? ''}.${pod.spec.subdomain ?? ''}`,
    deleting: pod.metadata.deletionTimestamp ?? '',
    ready: isPodReady(pod),
    ips: (pod.status?.podIPs ?? []).map((p) => p.ip).join(','),
  };
}

class EndpointSliceController {
  private readonly queue: WorkQueue;
  private readonly triggers = new TriggerTimeTracker();
  /** pod uid -> what its endpoints depend on, and the Services that selected it, when last seen. */
  private readonly seen = new Map<string, PodState & { services: string[] }>();
  /** Service key -> its pods' endpoints as last computed. */
  private readonly endpoints = new Map<string, { serviceVersion: string | undefined; pods: Map<string, CachedEndpoint[]> }>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx, ENDPOINTSLICE_CONTROLLER, (key) => this.sync(key));
  }

  start(): void {
    this.ctx.store.watch((c) => {
      const md = c.object.metadata!;
      if (c.kind === 'Service') this.queue.add(keyOf(md.namespace, md.name!));
      else if (c.kind === 'Pod') this.onPod(c.type, c.object as unknown as Pod);
      else if (c.kind === 'EndpointSlice' && c.type === 'DELETED') {
        // Someone removed a slice of ours: the Service must get it back.
        const svc = md.labels?.[SERVICE_NAME];
        if (svc && md.labels?.[MANAGED_BY] === CONTROLLER_NAME) this.queue.add(keyOf(md.namespace, svc));
      }
    });
  }

  /** GetPodServiceMemberships: the Services whose selector matches these labels. */
  private memberOf(namespace: string | undefined, labels: Record<string, string> | undefined): string[] {
    const out: string[] = [];
    for (const svc of this.ctx.store.list<Service>('Service', namespace)) {
      if (hasSelector(svc) && labelsContain(labels, svc.spec.selector!)) out.push(keyOf(svc.metadata.namespace, svc.metadata.name!));
    }
    return out;
  }

  /**
   * addPod / updatePod / deletePod with GetServicesToUpdateOnPodChange: only changes that can
   * change an endpoint (labels, hostname, deletion, readiness, IPs) wake the Services.
   */
  private onPod(type: string, pod: Pod): void {
    const uid = pod.metadata.uid!;
    const before = this.seen.get(uid);
    if (type === 'DELETED') {
      this.seen.delete(uid);
      for (const c of this.endpoints.values()) c.pods.delete(uid);
      for (const key of before?.services ?? this.memberOf(pod.metadata.namespace, pod.metadata.labels)) this.queue.add(key);
      return;
    }
    const now = podState(pod);
    let services: string[];
    if (!before) services = this.memberOf(pod.metadata.namespace, pod.metadata.labels);
    else {
      const labelsChanged = before.labels !== now.labels || before.host !== now.host;
      const podChanged = before.deleting !== now.deleting || before.ready !== now.ready || before.ips !== now.ips;
      if (!labelsChanged && !podChanged) return;
      services = this.memberOf(pod.metadata.namespace, pod.metadata.labels);
      const current = new Set(services);
      if (labelsChanged) {
        const old = new Set(before.services);
        // Labels and pod changed: every Service either way; labels only: those it joined or left.
        const affected = podChanged ? [...old, ...services] : [...services.filter((k) => !old.has(k)), ...before.services.filter((k) => !current.has(k))];
        this.seen.set(uid, { ...now, services });
        for (const key of new Set(affected)) this.queue.add(key);
        return;
      }
    }
    this.seen.set(uid, { ...now, services });
    for (const key of services) this.queue.add(key);
  }

  /** The endpoints computed for a Service's pods, kept while neither the Service nor the pod changes. */
  private cacheFor(key: string, svc: Service): Map<string, CachedEndpoint[]> {
    let c = this.endpoints.get(key);
    if (!c || c.serviceVersion !== svc.metadata.resourceVersion) {
      c = { serviceVersion: svc.metadata.resourceVersion, pods: new Map() };
      this.endpoints.set(key, c);
    }
    return c.pods;
  }

  private endpointOf(cache: Map<string, CachedEndpoint[]>, svc: Service, pod: Pod, addressType: AddressType, nodes: Map<string, Node | undefined>): CachedEndpoint | undefined {
    const nodeName = pod.spec.nodeName;
    let node: Node | undefined;
    if (nodeName) {
      if (nodes.has(nodeName)) node = nodes.get(nodeName);
      else nodes.set(nodeName, (node = this.ctx.store.get<Node>('Node', undefined, nodeName)));
    }
    const uid = pod.metadata.uid!;
    let perType = cache.get(uid);
    if (!perType) cache.set(uid, (perType = []));
    const i = addressType === 'IPv4' ? 0 : 1;
    const hit = perType[i];
    if (hit && hit.podVersion === pod.metadata.resourceVersion && hit.nodeVersion === node?.metadata.resourceVersion) return hit.included ? hit : undefined;
    const ports = endpointPorts(svc, pod);
    const endpoint = podToEndpoint(pod, node, svc, addressType);
    const entry: CachedEndpoint = {
      podVersion: pod.metadata.resourceVersion,
      nodeVersion: node?.metadata.resourceVersion,
      included: shouldPodBeInEndpoints(pod, true),
      missingNode: !!nodeName && !node,
      ports,
      portKey: portMapKey(ports),
      endpoint,
      key: endpointKey(endpoint),
    };
    perType[i] = entry;
    return entry.included ? entry : undefined;
  }

  private sync(key: string): void {
    const [ns, name] = splitKey(key);
    const svc = this.ctx.store.get<Service>('Service', ns, name);
    if (!svc) {
      this.triggers.delete(key);
      this.endpoints.delete(key);
      return;
    }
    if (svc.spec.type === 'ExternalName' || !hasSelector(svc)) return;
    const pods = this.ctx.store.list<Pod>('Pod', ns).filter((p) => labelsContain(p.metadata.labels, svc.spec.selector!));
    const existing = this.ctx.store
      .list<EndpointSlice>('EndpointSlice', ns)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME] === name && s.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME && !s.metadata.deletionTimestamp);
    const triggerTime = this.triggers.compute(key, svc, pods);
    const types = addressTypesFor(svc);
    const cache = this.cacheFor(key, svc);
    const nodes = new Map<string, Node | undefined>();
    let missingNode = false;
    const desired = new Map<string, DesiredGroup[]>();
    for (const t of types) {
      const groups = new Map<string, DesiredGroup>();
      for (const pod of pods) {
        const e = this.endpointOf(cache, svc, pod, t, nodes);
        if (!e) continue;
        let group = groups.get(e.portKey);
        if (!group) groups.set(e.portKey, (group = { ports: e.ports, endpoints: new Map() }));
        // A pod on a Node that does not exist is left out until it does; the sync is retried.
        if (e.missingNode) missingNode = true;
        else if (e.endpoint.addresses.length) group.endpoints.set(e.key, e.endpoint);
      }
      desired.set(t, [...groups.values()]);
    }
    const plan = reconcile(svc, types, desired, existing);
    const applied = this.apply(svc, plan.create, plan.update, plan.remove, triggerTime);
    if (missingNode || !applied) this.queue.addRateLimited(key);
    else this.queue.forget(key);
  }

  private stamp(slice: EndpointSlice, triggerTime: number | undefined): void {
    const ann = { ...(slice.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) ann[TRIGGER_TIME] = rfc3339(triggerTime);
    else delete ann[TRIGGER_TIME];
    if (Object.keys(ann).length) slice.metadata.annotations = sortedMap(ann);
    else delete slice.metadata.annotations;
  }

  /** finalize: creates (generateName), updates (a new generation when more than metadata changed), deletes. */
  private apply(svc: Service, create: EndpointSlice[], update: EndpointSlice[], remove: EndpointSlice[], triggerTime: number | undefined): boolean {
    const ns = svc.metadata.namespace;
    if (!svc.metadata.deletionTimestamp) {
      for (const draft of create) {
        this.stamp(draft, triggerTime);
        if (!this.createSlice(stored(draft))) return false;
      }
    }
    for (const draft of update) {
      this.stamp(draft, triggerTime);
      const cur = this.ctx.store.get<EndpointSlice>('EndpointSlice', ns, draft.metadata.name!);
      if (!cur) continue;
      const next = stored(draft);
      const changed =
        cur.addressType !== next.addressType ||
        !endpointListsEqual(cur.endpoints, next.endpoints) ||
        JSON.stringify(cur.ports) !== JSON.stringify(next.ports) ||
        !semanticEqual(cur.metadata.labels, next.metadata.labels);
      cur.metadata.labels = next.metadata.labels;
      if (next.metadata.annotations) cur.metadata.annotations = next.metadata.annotations;
      else delete cur.metadata.annotations;
      cur.metadata.ownerReferences = next.metadata.ownerReferences;
      cur.addressType = next.addressType;
      cur.endpoints = next.endpoints;
      cur.ports = next.ports;
      this.ctx.update(cur, { specChanged: changed });
    }
    for (const s of remove) this.ctx.delete('EndpointSlice', ns, s.metadata.name!, { uid: s.metadata.uid });
    return true;
  }

  /**
   * A create through the API when it serves discovery.k8s.io; until then straight into the store,
   * stamped as the API server stamps a new EndpointSlice (generation 1).
   */
  private createSlice(slice: EndpointSlice): boolean {
    const r = this.ctx.create(slice);
    if (r.ok) return true;
    if (r.rejection.reason !== 'NotFound' || !r.rejection.message.includes('no matches for kind')) return false;
    slice.metadata.generation = 1;
    this.ctx.store.create(slice);
    return true;
  }
}

/** The slice as the API server returns it: empty lists come back as null. */
function stored(draft: EndpointSlice): EndpointSlice {
  const out: EndpointSlice = { ...draft, metadata: { ...draft.metadata } };
  if (!out.endpoints?.length) out.endpoints = null;
  if (!out.ports?.length) out.ports = null;
  return out;
}

export function endpointSliceController(): Controller {
  return {
    name: ENDPOINTSLICE_CONTROLLER,
    start(ctx: ControllerContext) {
      new EndpointSliceController(ctx).start();
    },
  };
}
