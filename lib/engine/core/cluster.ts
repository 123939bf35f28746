/**
 * An interactive simulated cluster: the API (apply, delete, label, taint, cordon, scale, rollout),
 * the scheduler, one kubelet per node and any controllers, all over one virtual clock. runScenario
 * is a thin driver of this class; the in-browser cluster uses it directly.
 */
import type { KubeEvent, KubeObject, Node, ObjectReference, Pod, Taint } from '../api/types';
import { EventLoop, type Timer } from './loop';
import { ObjectStore, CLUSTER_SCOPED, type StoreChange } from './store';
import { EventRecorder } from './events';
import { Sequence } from './ids';
import { rfc3339, SECOND } from './time';
import { ClusterNetwork } from './network';
import { containerCapRejection } from './caps';
import { bootstrapObjects, completeNode, defaultNodes, readyConditions, ROOT_CA } from './bootstrap';
import type { Controller, ControllerContext, CreateResult, DeleteOptions } from './controller';
import type { Rejection } from '../apiserver/status';
import { Kubelet, type KubeletHost } from '../kubelet/kubelet';
import { Journal } from '../kubelet/journal';
import type { PodWorker } from '../kubelet/pod-worker';
import { flattenListDocument, prepareApply, prepareCreate, type AdmissionContext } from '../apiserver/pipeline';
import { Scheduler, type NodeVerdict } from '../scheduler/scheduler';
import { SchedulingQueue } from '../scheduler/queue';
import { podTable } from '../kubectl/get';
import { describePod } from '../kubectl/describe';
import { matchesSet } from '../api/labels';
import { defaultControllers } from './controllers';

export interface Limits {
  /** Virtual seconds a cluster may run. */
  maxTime: number;
  maxObjects: number;
  maxLoopEvents: number;
  maxRecordedEvents: number;
}

export const DEFAULT_LIMITS: Limits = { maxTime: 86_400, maxObjects: 20_000, maxLoopEvents: 1_000_000, maxRecordedEvents: 50_000 };

export interface AppliedEntry {
  index: number;
  kind: string;
  namespace?: string;
  name: string;
  at?: number;
}

export interface RejectedEntry extends Rejection {
  index?: number;
  at?: number;
}

export interface ApplyOutcome {
  accepted: AppliedEntry[];
  rejected: RejectedEntry[];
}

export type ActionOutcome = { ok: true } | { ok: false; kind: string; name: string; message: string; reason?: string };

export interface SchedulingRecord {
  at: number;
  pod: string;
  nodeName?: string;
  message?: string;
  nodes?: NodeVerdict[];
}

export interface Snapshot {
  at: number;
  pods: Pod[];
  objects: KubeObject[];
  table: string;
}

export interface ClusterOptions {
  nodes?: Node[];
  limits?: Partial<Limits>;
  controllers?: Controller[];
}

/** Kinds as kubectl names them in errors: `deployments.apps "web" not found`. */
const RESOURCE: Record<string, string> = {
  Pod: 'pods', Node: 'nodes', Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts', Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps',
  DaemonSet: 'daemonsets.apps', Job: 'jobs.batch', EndpointSlice: 'endpointslices.discovery.k8s.io', PriorityClass: 'priorityclasses.scheduling.k8s.io',
  PersistentVolumeClaim: 'persistentvolumeclaims',
};

export function resourceName(kind: string): string {
  return RESOURCE[kind] ?? `${kind.toLowerCase()}s`;
}

/**
 * Kinds the engine never changes in place (an update stores a new object), so a snapshot may share
 * them instead of copying.
 */
const IMMUTABLE_KINDS = new Set(['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'PriorityClass']);
const HIDDEN_KINDS = new Set(['Pod', 'ServiceAccount', 'PriorityClass', 'Event', 'Lease']);
const KIND_ORDER = ['Namespace', 'Node', 'ConfigMap', 'Secret', 'Service', 'EndpointSlice', 'Deployment', 'ReplicaSet'];

/** A deep copy of plain JSON data (faster than a JSON round trip; undefined fields are dropped). */
function clone<T>(x: T): T {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) {
    const out = new Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = clone(x[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in x as Record<string, unknown>) {
    const v = (x as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = clone(v);
  }
  return out as T;
}

/** What the scheduling queue's hints compare between a node's old and new state. */
function hintCopy(node: Node): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { ...node.metadata, labels: { ...(node.metadata.labels ?? {}) } },
    spec: node.spec ? { ...node.spec, taints: node.spec.taints ? node.spec.taints.map((t) => ({ ...t })) : undefined } : undefined,
    status: node.status ? { ...node.status, allocatable: { ...(node.status.allocatable ?? {}) }, capacity: { ...(node.status.capacity ?? {}) } } : undefined,
  };
}

function isTerminalPod(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

export class Cluster {
  readonly limits: Limits;
  readonly loop: EventLoop;
  readonly ids = new Sequence(0x6b756265);
  readonly store: ObjectStore;
  readonly recorder: EventRecorder;
  readonly journal = new Journal();
  readonly network: ClusterNetwork;
  readonly kubelets = new Map<string, Kubelet>();
  readonly scheduling: SchedulingRecord[] = [];
  private readonly scheduler = new Scheduler();
  private readonly queue = new SchedulingQueue();
  private schedulingTimer?: Timer;
  private lastNodes = new Map<string, Node>();
  private enqueued = new Set<string>();
  private nodeIndex = 0;
  private explain = true;
  private bootstrapping = false;
  /** What the scheduler last heard of each pod (node, terminal, nomination, labels). */
  private podSigs = new Map<string, string>();
  /** The spec generation last seen of each pod, to notice spec updates of pending pods. */
  private podGenerations = new Map<string, number>();
  /** The labels of each bound pod as the queue last heard of them (to tell it of relabelling). */
  private assignedLabels = new Map<string, Record<string, string>>();
  /** Nodes whose kubelet stopped reporting, since when (virtual ms). */
  readonly silentSince = new Map<string, number>();
  private silenceListeners: (() => void)[] = [];

  constructor(opts: ClusterOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...(opts.limits ?? {}) };
    this.loop = new EventLoop(this.limits.maxLoopEvents);
    this.store = new ObjectStore(this.ids, () => this.loop.now, this.limits.maxObjects);
    this.recorder = new EventRecorder(() => this.loop.now, this.limits.maxRecordedEvents);
    this.network = new ClusterNetwork(this.store);
    this.store.watch((c) => {
      if (!this.bootstrapping) this.onChange(c);
    });
    // The starting objects are told to the scheduler in bulk rather than one change at a time.
    this.bootstrapping = true;
    for (const obj of bootstrapObjects()) this.store.create(obj);
    const nodes = opts.nodes ?? defaultNodes();
    this.explain = nodes.length <= 50;
    for (const n of nodes) this.addNode(n);
    this.bootstrapping = false;
    this.scheduler.setNamespaces(this.store.list('Namespace'));
    this.scheduler.setSelectorSources({ services: this.store.list('Service') as never, replicaSets: [], statefulSets: [] });
    for (const node of this.store.list<Node>('Node')) {
      this.scheduler.addNode(node);
      this.lastNodes.set(node.metadata.name!, hintCopy(node));
    }
    for (const c of opts.controllers ?? defaultControllers((n) => this.silentSince.get(n), (w) => this.onSilence(w))) this.addController(c);
  }

  /** Virtual seconds now. */
  get now(): number {
    return this.loop.now / SECOND;
  }

  // ---- nodes and kubelets -----------------------------------------------------------------

  addNode(raw: Node): Node {
    const node = completeNode(raw, this.nodeIndex, rfc3339(this.loop.now));
    if (this.store.get('Node', undefined, node.metadata.name!)) return node;
    const kubelet = new Kubelet(this.kubeletHost(), node, this.nodeIndex++);
    this.kubelets.set(node.metadata.name!, kubelet);
    this.store.create(node);
    return node;
  }

  private sharedKubeletHost?: KubeletHost;

  /** What every kubelet sees of the cluster (one object for all of them). */
  private kubeletHost(): KubeletHost {
    return (this.sharedKubeletHost ??= {
      loop: this.loop,
      store: this.store,
      recorder: this.recorder,
      journal: this.journal,
      networkFor: (w: PodWorker) => this.network.networkFor(w),
      podIPChanged: (w: PodWorker, ip: string | undefined) => this.network.setPodIP(w, ip),
      rootCA: ROOT_CA,
      createPod: (obj: KubeObject) => {
        const r = this.create(obj);
        return r.ok ? (r.object as unknown as Pod) : undefined;
      },
      forceDeletePod: (ns: string, name: string, uid: string) => {
        this.deleteObject('Pod', ns, name, { gracePeriodSeconds: 0, uid });
      },
    });
  }

  // ---- store reactions --------------------------------------------------------------------

  private onChange(c: StoreChange): void {
    if (c.kind === 'Pod') this.onPod(c);
    else if (c.kind === 'Node') this.onNode(c);
    else if (c.kind === 'Namespace') this.scheduler.setNamespaces(this.store.list('Namespace'));
    else if (c.kind === 'PersistentVolumeClaim') this.scheduler.setPersistentVolumeClaims(this.store.list('PersistentVolumeClaim') as never);
    else if (c.kind === 'Service' || c.kind === 'ReplicaSet' || c.kind === 'StatefulSet') {
      this.scheduler.setSelectorSources({
        services: this.store.list('Service') as never,
        replicaSets: this.store.list('ReplicaSet') as never,
        statefulSets: this.store.list('StatefulSet') as never,
      });
    }
  }

  private onPod(c: StoreChange): void {
    const pod = c.object as unknown as Pod;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (c.type === 'DELETED') {
      this.podSigs.delete(pod.metadata.uid!);
      this.podGenerations.delete(pod.metadata.uid!);
      this.assignedLabels.delete(pod.metadata.uid!);
      this.scheduler.removePod(pod);
      this.queue.remove(key);
      if (pod.spec.nodeName) {
        this.kubelets.get(pod.spec.nodeName)?.podDeleted(pod);
        this.queue.clusterChanged(this.now, { kind: 'AssignedPodDelete', pod });
        this.scheduleSoon();
      }
      return;
    }
    // Status-only writes (most of them, from kubelets) do not concern the scheduler.
    const sig = `${pod.spec.nodeName ?? ''}|${isTerminalPod(pod)}|${pod.status?.nominatedNodeName ?? ''}|${JSON.stringify(pod.metadata.labels ?? {})}`;
    if (this.podSigs.get(pod.metadata.uid!) !== sig) {
      this.podSigs.set(pod.metadata.uid!, sig);
      this.scheduler.updatePod(pod);
      this.assignedPodEvent(pod);
    }
    if (pod.spec.nodeName) {
      const kubelet = this.kubelets.get(pod.spec.nodeName);
      if (!kubelet) return;
      // A mirror pod is the API's view of a static pod: the kubelet runs the static pod instead.
      if (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) kubelet.mirrorPodChanged(pod);
      else if (c.type === 'ADDED' || !kubelet.workers.has(pod.metadata.uid!)) {
        if (!isTerminalPod(pod) && !pod.metadata.deletionTimestamp) {
          const preexisting = (pod as unknown as { __preexisting?: boolean }).__preexisting === true;
          delete (pod as unknown as { __preexisting?: boolean }).__preexisting;
          this.loop.after(0, () => {
            if ((this.store.get('Pod', pod.metadata.namespace, pod.metadata.name!) as unknown) === pod) kubelet.podBound(pod, preexisting);
          });
        }
      } else kubelet.podUpdated(pod);
      if (c.type === 'MODIFIED' && isTerminalPod(pod)) {
        this.queue.clusterChanged(this.now, { kind: 'AssignedPodDelete', pod });
        this.scheduleSoon();
      }
      return;
    }
    const uid = pod.metadata.uid!;
    if (c.type === 'ADDED') {
      this.podGenerations.set(uid, pod.metadata.generation ?? 0);
      if (this.isOurs(pod)) {
        this.queue.add(key, this.now, { priority: pod.spec.priority ?? 0, pod });
        this.scheduleSoon();
      } else if (pod.spec.schedulingGates?.length && (pod.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler') {
        // The SchedulingGates plugin's PreEnqueue keeps the pod out of the queue and says why.
        this.loop.after(0, () => {
          if ((this.store.get('Pod', pod.metadata.namespace, pod.metadata.name!) as unknown) !== pod || pod.spec.nodeName) return;
          this.setCondition(pod, 'PodScheduled', 'False', 'SchedulingGated', 'Scheduling is blocked due to non-empty scheduling gates');
          this.store.update(pod);
        });
      }
      return;
    }
    // A spec update of a pending pod: its scheduling gates may be gone, or tolerations added.
    const generation = pod.metadata.generation ?? 0;
    if (this.podGenerations.get(uid) === generation) return;
    this.podGenerations.set(uid, generation);
    if (!this.isOurs(pod)) return;
    if (this.queue.status(key)) this.queue.podUpdated(key, this.now, pod);
    else this.queue.add(key, this.now, { priority: pod.spec.priority ?? 0, pod });
    this.scheduleSoon();
  }

  /**
   * The scheduler's informer tells the queue of assigned pods (eventhandlers.go): a pod that becomes
   * bound is an AssignedPodAdd, a bound pod whose labels change an AssignedPodUpdate.
   */
  private assignedPodEvent(pod: Pod): void {
    const uid = pod.metadata.uid!;
    if (!pod.spec.nodeName || isTerminalPod(pod)) {
      this.assignedLabels.delete(uid);
      return;
    }
    const labels = pod.metadata.labels ?? {};
    const old = this.assignedLabels.get(uid);
    if (old === undefined) {
      this.assignedLabels.set(uid, { ...labels });
      this.queue.clusterChanged(this.now, { kind: 'AssignedPodAdd', pod });
    } else {
      const keys = Object.keys(labels);
      if (keys.length === Object.keys(old).length && keys.every((k) => old[k] === labels[k])) return;
      this.assignedLabels.set(uid, { ...labels });
      const oldPod: Pod = { ...pod, metadata: { ...pod.metadata, labels: old } };
      this.queue.clusterChanged(this.now, { kind: 'AssignedPodUpdate', oldPod, newPod: pod });
    }
    this.scheduleSoon();
  }

  private isOurs(pod: Pod): boolean {
    return (pod.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !(pod.spec.schedulingGates?.length) && !isTerminalPod(pod);
  }

  private onNode(c: StoreChange): void {
    const node = c.object as unknown as Node;
    const name = node.metadata.name!;
    const old = this.lastNodes.get(name);
    if (c.type === 'DELETED') {
      this.scheduler.removeNode(name);
      this.lastNodes.delete(name);
      return;
    }
    this.scheduler.updateNode(node);
    const kubelet = this.kubelets.get(name);
    if (kubelet) kubelet.node = node;
    this.lastNodes.set(name, hintCopy(node));
    if (c.type === 'ADDED') this.queue.clusterChanged(this.now, { kind: 'NodeAdd', node });
    else if (old) this.queue.clusterChanged(this.now, { kind: 'NodeUpdate', oldNode: old, newNode: node });
    this.scheduleSoon();
  }

  // ---- the scheduler loop -----------------------------------------------------------------

  private scheduleSoon(): void {
    const wake = this.queue.nextWakeAt();
    if (wake === undefined) return;
    const at = Math.max(this.loop.now, Math.round(wake * SECOND));
    if (this.schedulingTimer && this.schedulingTimer.at <= at) return;
    this.schedulingTimer?.cancel();
    this.schedulingTimer = this.loop.at(at, () => {
      this.schedulingTimer = undefined;
      this.schedulingCycle();
    });
  }

  private schedulingCycle(): void {
    for (const key of this.queue.popReady(this.now)) {
      const [ns, name] = key.split('/');
      const pod = this.store.get<Pod>('Pod', ns, name);
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) {
        this.queue.remove(key);
        continue;
      }
      const result = this.scheduler.schedule(pod, { explain: this.explain });
      const record: SchedulingRecord = { at: this.now, pod: key };
      if (result.nodeName) record.nodeName = result.nodeName;
      if (result.message) record.message = result.message;
      if (result.explanation) record.nodes = result.explanation;
      this.scheduling.push(record);
      if (result.nodeName) {
        this.queue.remove(key);
        this.scheduler.assume(pod, result.nodeName);
        this.bind(pod, result.nodeName);
      } else {
        this.queue.failed(key, this.now, { unschedulablePlugins: result.unschedulablePlugins, pod });
        this.markUnschedulable(pod, result.message ?? '');
        if (result.preemption) {
          const nominated = result.preemption.nominatedNodeName;
          if (nominated) {
            (pod.status ??= {}).nominatedNodeName = nominated;
            this.scheduler.setNominatedNode(pod, nominated);
          }
          const cond = result.preemption.victimCondition;
          for (const v of result.victims) {
            // PreemptPod patches the DisruptionTarget condition onto the victim before deleting it.
            const victim = this.store.get<Pod>('Pod', v.metadata.namespace, v.metadata.name!);
            if (cond && victim && victim.metadata.uid === v.metadata.uid) {
              this.setCondition(victim, cond.type, cond.status, cond.reason, cond.message);
              this.store.update(victim);
            }
            this.recordEvent('default-scheduler', this.podRef(v), 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${nominated}`);
            this.deleteObject('Pod', v.metadata.namespace, v.metadata.name!, {});
          }
          this.store.update(pod);
        }
      }
    }
    this.scheduleSoon();
  }

  private podRef(pod: Pod): ObjectReference {
    return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid, apiVersion: 'v1' };
  }

  private setCondition(pod: Pod, type: string, status: 'True' | 'False', reason?: string, message?: string): void {
    const st = (pod.status ??= {});
    const conds = (st.conditions ??= []);
    const existing = conds.find((c) => c.type === type);
    const next: NonNullable<typeof st.conditions>[number] = { type, status };
    if (pod.metadata.generation !== undefined) next.observedGeneration = pod.metadata.generation;
    next.lastProbeTime = null;
    next.lastTransitionTime = existing && existing.status === status ? existing.lastTransitionTime : rfc3339(this.loop.now);
    if (reason) next.reason = reason;
    if (message) next.message = message;
    if (existing) conds[conds.indexOf(existing)] = next;
    else conds.push(next);
  }

  private bind(pod: Pod, nodeName: string): void {
    pod.spec.nodeName = nodeName;
    this.setCondition(pod, 'PodScheduled', 'True');
    // v1.34 keeps status.nominatedNodeName on a bound pod: the scheduler stopped clearing it
    // (#133276) and the binding clears it only under the alpha ClearingNominatedNodeNameAfterBinding.
    this.recordEvent('default-scheduler', this.podRef(pod), 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`);
    this.store.update(pod);
  }

  private markUnschedulable(pod: Pod, message: string): void {
    this.setCondition(pod, 'PodScheduled', 'False', 'Unschedulable', message);
    this.recordEvent('default-scheduler', this.podRef(pod), 'Warning', 'FailedScheduling', message);
    this.store.update(pod);
  }

  recordEvent(component: string, involved: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string, host?: string): KubeEvent | undefined {
    return this.recorder.record(host ? { component, host } : { component }, involved, type, reason, message);
  }

  // ---- the API ------------------------------------------------------------------------------

  private admissionContext?: AdmissionContext;

  private admission(): AdmissionContext {
    return (this.admissionContext ??= this.makeAdmission());
  }

  private makeAdmission(): AdmissionContext {
    return {
      namespaceExists: (ns) => !!this.store.get('Namespace', undefined, ns),
      serviceAccountExists: (ns, name) => !!this.store.get('ServiceAccount', ns, name),
      priorityClassValue: (name) => {
        const pc = this.store.get('PriorityClass', undefined, name) as { value?: number } | undefined;
        return pc?.value;
      },
      priorityClasses: () =>
        this.store.list('PriorityClass').map((pc) => {
          const c = pc as { value?: number; preemptionPolicy?: string; globalDefault?: boolean };
          return { name: pc.metadata?.name ?? '', value: c.value ?? 0, preemptionPolicy: c.preemptionPolicy, globalDefault: c.globalDefault };
        }),
      get: (kind, ns, name) => this.store.get(kind, ns, name),
      generateName: (kind, ns, prefix) => this.store.generateName(kind, ns, prefix),
      clusterIPInUse: (ip) => this.store.list('Service').some((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === ip),
      nodePortInUse: (port) =>
        this.store.list('Service').some((s) => ((s.spec as { ports?: { nodePort?: number }[] } | undefined)?.ports ?? []).some((p) => p.nodePort === port)),
    };
  }

  /** kubectl apply of documents (already parsed): each is accepted (created/updated) or rejected. */
  apply(docs: unknown[], at?: number): ApplyOutcome {
    const out: ApplyOutcome = { accepted: [], rejected: [] };
    // A `kind: List` document applies its items, each reported under the document's index.
    docs.flatMap((doc, index) => flattenListDocument(doc).map((raw) => [raw, index] as const)).forEach(([raw, index]) => {
      const r = this.applyOne(raw);
      if (r.ok) {
        const md = r.object.metadata ?? {};
        const entry: AppliedEntry = { index, kind: r.object.kind ?? '', name: md.name ?? '' };
        if (md.namespace) entry.namespace = md.namespace;
        if (at !== undefined) entry.at = at;
        out.accepted.push(entry);
      } else {
        const entry: RejectedEntry = { index, ...r.rejection };
        if (at !== undefined) entry.at = at;
        out.rejected.push(entry);
      }
    });
    return out;
  }

  private applyOne(raw: unknown, preexisting = false): { ok: true; object: KubeObject } | { ok: false; rejection: Rejection } {
    const tooMany = containerCapRejection(raw);
    if (tooMany) return { ok: false, rejection: tooMany };
    const r = prepareApply(raw, this.admission());
    if (!r.ok) return r;
    if (r.unchanged) return { ok: true, object: r.object };
    const obj = r.object;
    const md = obj.metadata!;
    const stored = this.store.get(obj.kind!, md.namespace, md.name!);
    if (stored) {
      if (obj.kind === 'Pod' && stored !== obj) {
        // The kubelet owns a pod's status; keep it.
        obj.status = stored.status;
      }
      // prepareApply has already set the generation.
      this.store.update(obj);
      return { ok: true, object: obj };
    }
    try {
      if (preexisting && obj.kind === 'Pod') (obj as unknown as { __preexisting?: boolean }).__preexisting = true;
      if (preexisting && obj.kind === 'Pod' && (obj as unknown as Pod).spec.nodeName) {
        this.setCondition(obj as unknown as Pod, 'PodScheduled', 'True');
      }
      this.store.create(obj);
    } catch (e) {
      return { ok: false, rejection: { kind: obj.kind ?? '', name: md.name ?? '', namespace: md.namespace, reason: 'InternalError', message: (e as Error).message } };
    }
    return { ok: true, object: obj };
  }

  /** Objects already in the cluster at t=0 (the scenario's `pods`): a pod with nodeName runs from t=0. */
  seed(docs: unknown[]): ApplyOutcome {
    const out: ApplyOutcome = { accepted: [], rejected: [] };
    docs.forEach((raw, index) => {
      const r = this.applyOne(raw, true);
      if (r.ok) out.accepted.push({ index, kind: r.object.kind ?? '', name: r.object.metadata?.name ?? '', ...(r.object.metadata?.namespace ? { namespace: r.object.metadata.namespace } : {}) });
      else out.rejected.push({ index, ...r.rejection });
    });
    return out;
  }

  /** The manifests in a node's staticPodPath, read by its kubelet as it starts (a kubesim extension). */
  addStaticPods(nodeName: string, manifests: unknown[]): void {
    this.kubelets.get(nodeName)?.setStaticPods(manifests);
  }

  /** A create through the API (controllers). */
  create(obj: KubeObject): CreateResult {
    const r = prepareCreate(obj, this.admission());
    if (!r.ok) return r;
    try {
      return { ok: true, object: this.store.create(r.object) };
    } catch (e) {
      return { ok: false, rejection: { kind: obj.kind ?? '', name: obj.metadata?.name ?? '', reason: 'InternalError', message: (e as Error).message } };
    }
  }

  /** The API's delete: a bound, running pod is deleted gracefully; anything else goes at once. */
  deleteObject(kind: string, namespace: string | undefined, name: string, opts: DeleteOptions): boolean {
    const obj = this.store.get(kind, namespace, name);
    if (!obj) return false;
    if (opts.uid && obj.metadata?.uid !== opts.uid) return false;
    if (kind === 'Pod') {
      const pod = obj as unknown as Pod;
      const grace = opts.gracePeriodSeconds ?? pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec.nodeName || isTerminalPod(pod) || grace <= 0) {
        this.store.remove('Pod', namespace, name);
        return true;
      }
      const md = pod.metadata;
      if (md.deletionTimestamp) {
        // A second delete may only shorten the grace period.
        const current = md.deletionGracePeriodSeconds ?? grace;
        if (grace >= current) return true;
      }
      md.deletionTimestamp = rfc3339(this.loop.now + grace * SECOND);
      md.deletionGracePeriodSeconds = grace;
      this.store.update(pod);
      return true;
    }
    if (kind === 'Namespace') {
      for (const k of this.store.kinds()) {
        if (CLUSTER_SCOPED.has(k)) continue;
        for (const o of this.store.list(k, name)) this.deleteObject(k, name, o.metadata!.name!, {});
      }
    }
    this.store.remove(kind, namespace, name);
    return true;
  }

  private notFound(kind: string, name: string): ActionOutcome {
    return { ok: false, kind, name, reason: 'NotFound', message: `Error from server (NotFound): ${resourceName(kind)} "${name}" not found` };
  }

  delete(target: { kind: string; name?: string; namespace?: string; selector?: Record<string, string>; gracePeriodSeconds?: number }): ActionOutcome {
    const ns = CLUSTER_SCOPED.has(target.kind) ? undefined : target.namespace ?? 'default';
    if (target.selector) {
      for (const o of this.store.list(target.kind, ns)) {
        if (matchesSet(target.selector, o.metadata?.labels)) this.deleteObject(target.kind, ns, o.metadata!.name!, { gracePeriodSeconds: target.gracePeriodSeconds });
      }
      return { ok: true };
    }
    const name = target.name ?? '';
    if (!this.deleteObject(target.kind, ns, name, { gracePeriodSeconds: target.gracePeriodSeconds })) return this.notFound(target.kind, name);
    return { ok: true };
  }

  private node(name: string): Node | undefined {
    return this.store.get<Node>('Node', undefined, name);
  }

  label(nodeName: string, labels: Record<string, string | null>): ActionOutcome {
    const node = this.node(nodeName);
    if (!node) return this.notFound('Node', nodeName);
    const current = { ...(node.metadata.labels ?? {}) };
    for (const [k, v] of Object.entries(labels)) {
      if (v === null) delete current[k];
      else current[k] = String(v);
    }
    node.metadata.labels = current;
    this.store.update(node);
    return { ok: true };
  }

  taint(spec: { node: string; key: string; value?: string; effect?: Taint['effect']; remove?: boolean }): ActionOutcome {
    const node = this.node(spec.node);
    if (!node) return this.notFound('Node', spec.node);
    const nspec = (node.spec ??= {});
    const taints = [...(nspec.taints ?? [])];
    if (spec.remove) {
      const kept = taints.filter((t) => !(t.key === spec.key && (!spec.effect || t.effect === spec.effect)));
      if (kept.length === taints.length) {
        return { ok: false, kind: 'Node', name: spec.node, message: `error: taint "${spec.key}${spec.effect ? ':' + spec.effect : ''}" not found` };
      }
      if (kept.length) nspec.taints = kept;
      else delete nspec.taints;
    } else {
      const effect = spec.effect ?? 'NoSchedule';
      if (taints.some((t) => t.key === spec.key && t.effect === effect)) {
        return { ok: false, kind: 'Node', name: spec.node, message: `error: node ${spec.node} already has ${spec.key} taint(s) with same effect(s) and --overwrite is false` };
      }
      const t: Taint = { key: spec.key, effect };
      if (spec.value !== undefined && spec.value !== '') t.value = spec.value;
      if (effect === 'NoExecute') t.timeAdded = rfc3339(this.loop.now);
      taints.push(t);
      nspec.taints = taints;
    }
    this.store.update(node);
    return { ok: true };
  }

  cordon(nodeName: string, on = true): ActionOutcome {
    const node = this.node(nodeName);
    if (!node) return this.notFound('Node', nodeName);
    const spec = (node.spec ??= {});
    if (on === !!spec.unschedulable) return { ok: true };
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    this.store.update(node);
    return { ok: true };
  }

  scale(kind: string, name: string, replicas: number, namespace = 'default'): ActionOutcome {
    const obj = this.store.get(kind, namespace, name);
    if (!obj) return this.notFound(kind, name);
    if (!['Deployment', 'ReplicaSet', 'StatefulSet'].includes(kind)) {
      // kubectl asks the scale client, whose discovery finds no /scale subresource for this resource
      // (client-go scale/client.go Get, discoveryScaleResolver.ScaleForResource).
      const [resource, ...group] = resourceName(kind).split('.');
      const gr = [resource, ...group].join('.');
      return { ok: false, kind, name, message: `error: unable to get client for ${gr}: could not find scale subresource for ${group.join('.')}/v1, Resource=${resource} in discovery information` };
    }
    const spec = obj.spec as { replicas?: number };
    // The API server bumps the generation only when the spec changes: the same count is a no-op.
    if ((spec.replicas ?? 1) === replicas) return { ok: true };
    spec.replicas = replicas;
    this.bumpGeneration(obj);
    this.store.update(obj);
    return { ok: true };
  }

  private bumpGeneration(obj: KubeObject): void {
    const md = obj.metadata!;
    md.generation = (md.generation ?? 1) + 1;
  }

  rollout(kind: string, name: string, action: 'restart' | 'undo' | 'pause' | 'resume', namespace = 'default'): ActionOutcome {
    const obj = this.store.get(kind, namespace, name);
    if (!obj) return this.notFound(kind, name);
    const res = `${resourceName(kind)} "${name}"`;
    const spec = obj.spec as { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> }; spec?: unknown } };
    const fail = (message: string): ActionOutcome => ({ ok: false, kind, name, message });
    if (kind !== 'Deployment') {
      // polymorphichelpers: the pauser, resumer and rollbacker know Deployments only here; the
      // restarter knows Deployments, DaemonSets and StatefulSets, none of which this is.
      if (action === 'undo') return fail(`error: no rollbacker has been implemented for "${kind === 'ReplicaSet' ? 'ReplicaSet.apps' : kind}"`);
      const verb = { restart: 'restarting', pause: 'pausing', resume: 'resuming' }[action];
      return fail(`error: ${res} ${verb} is not supported`);
    }
    switch (action) {
      case 'restart': {
        if (spec.paused) return fail(`error: ${res} can't restart paused deployment (run rollout resume first)`);
        const tmd = ((spec.template ??= {}).metadata ??= {});
        // rollout_restart.go: a restart within the same second as the last one makes an empty patch.
        if (tmd.annotations?.['kubectl.kubernetes.io/restartedAt'] === rfc3339(this.loop.now)) {
          return fail(`error: failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
        }
        tmd.annotations = { ...(tmd.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(this.loop.now) };
        break;
      }
      case 'pause':
        if (spec.paused) return fail(`error: ${res} is already paused`);
        spec.paused = true;
        break;
      case 'resume':
        if (!spec.paused) return fail(`error: ${res} is not paused`);
        delete spec.paused;
        break;
      case 'undo': {
        // rollback.go DeploymentRollbacker.Rollback: the revision is looked up first (the second
        // highest among the ReplicaSets), and only then is a paused Deployment refused.
        const uid = obj.metadata?.uid;
        const owned = this.store.list('ReplicaSet', namespace).filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === uid));
        const rev = (o: KubeObject) => Number(o.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
        const previous = owned.filter((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] !== undefined).sort((a, b) => rev(b) - rev(a))[1];
        if (!previous) return fail(`error: no rollout history found for deployment "${name}"`);
        if (spec.paused) return fail(`error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
        const template = clone((previous.spec as { template: NonNullable<typeof spec.template> }).template);
        if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
        spec.template = template;
        // The rollback patch also replaces the annotations: the Deployment keeps only its
        // kubectl / deployment.kubernetes.io ones, the rest come from the restored ReplicaSet.
        const skip = ['kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history', 'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to'];
        const annotations: Record<string, string> = {};
        for (const [k, v] of Object.entries(obj.metadata?.annotations ?? {})) if (skip.includes(k)) annotations[k] = v;
        for (const [k, v] of Object.entries(previous.metadata?.annotations ?? {})) if (!skip.includes(k)) annotations[k] = v;
        const sorted = Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        if (sorted.length) obj.metadata!.annotations = Object.fromEntries(sorted);
        else delete obj.metadata!.annotations;
        break;
      }
    }
    this.bumpGeneration(obj);
    this.store.update(obj);
    return { ok: true };
  }

  /** The kubelet's health as the Node reports it: True, False (NotReady), Unknown (stopped reporting). */
  nodeCondition(nodeName: string, ready: 'True' | 'False' | 'Unknown'): ActionOutcome {
    const node = this.node(nodeName);
    const kubelet = this.kubelets.get(nodeName);
    if (!node || !kubelet) return this.notFound('Node', nodeName);
    if (ready === 'Unknown') {
      if (!kubelet.frozen) {
        this.silentSince.set(nodeName, this.loop.now);
        for (const w of this.silenceListeners) w();
      }
      kubelet.setFrozen(true);
      return { ok: true };
    }
    this.silentSince.delete(nodeName);
    const wasFrozen = kubelet.frozen;
    kubelet.setFrozen(false);
    const conds = (node.status ??= {}).conditions ??= [];
    let cond = conds.find((c) => c.type === 'Ready');
    if (!cond) conds.push((cond = { type: 'Ready', status: 'True' }));
    const at = rfc3339(this.loop.now);
    const changed = cond.status !== ready || wasFrozen;
    cond.lastHeartbeatTime = at;
    if (cond.status !== ready) cond.lastTransitionTime = at;
    cond.status = ready;
    // A reporting kubelet posts its pressure conditions too: ones the node controller set Unknown
    // while it was silent come back (nodestatus setters MemoryPressureCondition and the like).
    for (const fresh of readyConditions(at)) {
      const c = fresh.type === 'Ready' ? undefined : conds.find((x) => x.type === fresh.type);
      if (!c) continue;
      if (c.status === 'Unknown') Object.assign(c, fresh);
      else c.lastHeartbeatTime = at;
    }
    if (ready === 'True') {
      cond.reason = 'KubeletReady';
      cond.message = 'kubelet is posting ready status';
    } else {
      cond.reason = 'KubeletNotReady';
      cond.message = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
    }
    if (changed) {
      const ref: ObjectReference = { kind: 'Node', name: nodeName, uid: nodeName, apiVersion: 'v1' };
      const reason = ready === 'True' ? 'NodeReady' : 'NodeNotReady';
      this.recordEvent('kubelet', ref, 'Normal', reason, `Node ${nodeName} status is now: ${reason}`, nodeName);
    }
    this.store.update(node);
    return { ok: true };
  }

  // ---- controllers ------------------------------------------------------------------------

  /** Calls `wake` whenever a kubelet stops reporting (for the node lifecycle controller). */
  onSilence(wake: () => void): void {
    this.silenceListeners.push(wake);
  }

  private sharedContext?: ControllerContext;

  addController(c: Controller): void {
    c.start(this.controllerContext());
  }

  controllerContext(): ControllerContext {
    return (this.sharedContext ??= this.makeControllerContext());
  }

  private makeControllerContext(): ControllerContext {
    return {
      store: this.store,
      loop: this.loop,
      now: () => this.loop.now,
      after: (delay, fn) => this.loop.after(delay, fn),
      enqueue: (key, fn) => {
        if (this.enqueued.has(key)) return;
        this.enqueued.add(key);
        this.loop.after(0, () => {
          this.enqueued.delete(key);
          fn();
        });
      },
      create: (obj) => this.create(obj),
      update: (obj, opts) => {
        this.store.update(obj, opts);
      },
      delete: (kind, ns, name, opts) => this.deleteObject(kind, ns, name, opts ?? {}),
      event: (component, involved, type, reason, message) => this.recordEvent(component, involved, type, reason, message),
    };
  }

  // ---- time ---------------------------------------------------------------------------------

  /** Runs the cluster until virtual second `t` (capped by the limits). */
  advanceTo(t: number): void {
    const target = Math.min(t, this.limits.maxTime);
    this.loop.runUntil(Math.round(target * SECOND));
  }

  advance(seconds: number): void {
    this.advanceTo(this.now + seconds);
  }

  // ---- views ----------------------------------------------------------------------------------

  pods(): Pod[] {
    return this.store
      .list<Pod>('Pod')
      .slice()
      .sort((a, b) => {
        const na = `${a.metadata.namespace}/${a.metadata.name}`;
        const nb = `${b.metadata.namespace}/${b.metadata.name}`;
        return na < nb ? -1 : na > nb ? 1 : 0;
      });
  }

  objects(): KubeObject[] {
    const kinds = this.store.kinds().filter((k) => !HIDDEN_KINDS.has(k));
    kinds.sort((a, b) => {
      const ia = KIND_ORDER.indexOf(a);
      const ib = KIND_ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
    });
    const out: KubeObject[] = [];
    for (const k of kinds) {
      const list = this.store.list(k).slice();
      list.sort((a, b) => {
        const na = `${a.metadata?.namespace ?? ''}/${a.metadata?.name}`;
        const nb = `${b.metadata?.namespace ?? ''}/${b.metadata?.name}`;
        return na < nb ? -1 : na > nb ? 1 : 0;
      });
      out.push(...list);
    }
    return out;
  }

  table(): string {
    return podTable(this.pods(), this.now);
  }

  /** A copy of the cluster as it stands (pods, other objects, the kubectl table). */
  snapshot(copy = true): Snapshot {
    const pods = this.pods();
    const objects = this.objects();
    return {
      at: this.now,
      pods: copy ? clone(pods) : pods,
      objects: copy ? objects.map((o) => (IMMUTABLE_KINDS.has(o.kind!) ? o : clone(o))) : objects,
      table: podTable(pods, this.now),
    };
  }

  eventsFor(pod: Pod): KubeEvent[] {
    // kubectl describe looks a mirror pod's events up by its static pod's UID (the mirror annotation).
    const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? pod.metadata.uid;
    return this.recorder.about('Pod', pod.metadata.namespace, pod.metadata.name!, uid);
  }

  describe(pod: Pod): string {
    return describePod(pod, this.eventsFor(pod), this.now, { node: pod.spec.nodeName ? this.node(pod.spec.nodeName) : undefined });
  }

  describeAll(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.pods()) out[`${p.metadata.namespace}/${p.metadata.name}`] = this.describe(p);
    return out;
  }

  events(): KubeEvent[] {
    return this.recorder.all();
  }
}
