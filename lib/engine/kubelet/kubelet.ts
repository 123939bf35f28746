/**
 * The kubelet of one node: it admits pods bound to its node, runs a pod worker for each, keeps the
 * node's images (pulls are serialized, as serializeImagePulls defaults to true), hands out pod IPs
 * from the node's pod CIDR, writes pod status, and deletes a pod from the API once its containers
 * have stopped after a graceful delete.
 */
import type { Container, KubeObject, Node, ObjectReference, Pod } from '../api/types';
import type { EventLoop } from '../core/loop';
import type { ObjectStore } from '../core/store';
import type { EventRecorder } from '../core/events';
import { parseRfc3339, rfc3339 } from '../core/time';
import { PodWorker } from './pod-worker';
import { Journal } from './journal';
import { admitPod } from './admission';
import { MirrorPods } from './mirror';
import { isMirrorPod, isStaticPod, readStaticPod, STATIC_POD_PATH } from './static-pods';
import { imageExists, imageId, imageSize, parseImageRef, pullDuration, RESOLVE_MS, type ImageRef } from './images';

/** Pod conditions the kubelet owns (kubetypes.PodConditionByKubelet). */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

/** nodeStatusUpdateFrequency: how often the kubelet posts node status. */
export const NODE_STATUS_MS = 10_000;
import type { Network } from './process';
import type { EnvSources } from './env';
import type { VolumeSources, ConfigMapLike, SecretLike } from './volumes';
import { VolumeData } from './fs';
import { expand } from './expansion';
import { qosClass } from './resources';

export interface KubeletHost {
  loop: EventLoop;
  store: ObjectStore;
  recorder: EventRecorder;
  journal: Journal;
  /** The cluster network as one pod sees it. */
  networkFor(worker: PodWorker): Network;
  podIPChanged(worker: PodWorker, ip: string | undefined): void;
  rootCA: string;
  /** A create through the API server (the mirror pods); undefined when refused. */
  createPod?(obj: KubeObject): Pod | undefined;
  /** A delete with grace period 0 and a UID precondition (DeleteMirrorPod). */
  forceDeletePod?(namespace: string, name: string, uid: string): void;
}

export class Kubelet {
  readonly workers = new Map<string, PodWorker>();
  /** Images on the node, by canonical reference. */
  private images = new Set<string>();
  private pullBusyUntil = 0;
  /** Images a reserved pull brings (successful references), so a later queued pull finds them. */
  private readonly queuedPulls = new Set<string>();
  private pendingImages: ImageRef[] = [];
  private imagesTimer = false;
  private nextIP = 2;
  private hostPaths = new Map<string, VolumeData>();
  /** The kubelet stopped reporting (node Ready=Unknown): nothing is started, killed or reported. */
  frozen = false;
  readonly journal: Journal;
  /** The static pods' mirrors in the API. */
  readonly mirrors: MirrorPods;

  constructor(
    private readonly host: KubeletHost,
    public node: Node,
    readonly index: number,
  ) {
    this.journal = host.journal;
    this.mirrors = new MirrorPods({
      loop: host.loop,
      store: host.store,
      createPod: (obj) => host.createPod?.(obj),
      forceDeletePod: (ns, name, uid) => host.forceDeletePod?.(ns, name, uid),
      nodeName: () => this.nodeName,
      nodeUID: () => this.node.metadata.uid,
      frozen: () => this.frozen,
      syncStatic: (pod) => this.workers.get(pod.metadata.uid!)?.requestSync(0),
    });
    for (const img of node.status?.images ?? []) {
      for (const n of img.names ?? []) {
        try {
          this.images.add(parseImageRef(n.replace(/@sha256:[a-f0-9]+$/, '')).canonical);
        } catch {
          // Names that do not parse (digests only) are not matched.
        }
      }
    }
  }

  get loop(): EventLoop {
    return this.host.loop;
  }
  get nodeName(): string {
    return this.node.metadata.name!;
  }
  get nodeIP(): string {
    return this.node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? `172.18.0.${this.index + 2}`;
  }
  now(): number {
    return this.host.loop.now;
  }
  parseTime(t: string): number {
    return parseRfc3339(t) ?? 0;
  }

  // ---- pods -----------------------------------------------------------------------------

  /**
   * The file source's first listing of the staticPodPath, at kubelet start: each manifest becomes a
   * static pod (an invalid one, or a second one of the same name, is skipped) that is admitted and
   * run like any pod bound here, without the scheduler.
   */
  setStaticPods(manifests: unknown[]): void {
    manifests.forEach((raw, i) => {
      const r = readStaticPod(raw, this.nodeName, `${STATIC_POD_PATH}/manifest-${i}.yaml`, rfc3339(this.now()));
      if (!r.ok) return;
      if (this.mirrors.hasName(r.pod.metadata.namespace!, r.pod.metadata.name!)) return;
      this.mirrors.add(r.pod);
      this.podBound(r.pod);
    });
  }

  /** A mirror pod bound here was added or changed in the API (never run: its static pod is). */
  mirrorPodChanged(pod: Pod): void {
    this.mirrors.observe(pod, false);
  }

  /** The start of a pod's sync: a static pod's mirror is reconciled first (SyncPod). */
  beforeSync(pod: Pod): void {
    if (isStaticPod(pod)) this.mirrors.reconcile(pod);
  }

  /** A pod was bound to this node (or already ran here when the scenario starts). */
  podBound(pod: Pod, preexisting = false): void {
    const uid = pod.metadata.uid!;
    if (this.workers.has(uid)) return;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const others = [...this.workers.values()].filter((w) => !w.terminal && !w.removed).map((w) => w.pod);
    const rejected = preexisting ? undefined : admitPod(pod, this.node, others);
    if (rejected) {
      this.event(pod, undefined, 'Warning', rejected.reason, rejected.message);
      // rejectPod: phase, reason, message and QoS only; the status manager adds the start time and
      // keeps conditions the kubelet does not own.
      const kept = (pod.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
      pod.status = {
        phase: 'Failed',
        message: `Pod was rejected: ${rejected.message}`,
        reason: rejected.reason,
        qosClass: pod.status?.qosClass ?? qosClass(pod),
        startTime: pod.status?.startTime ?? rfc3339(this.now()),
      };
      if (kept.length > 0) pod.status.conditions = kept;
      this.writeStatus(pod);
      return;
    }
    const worker = new PodWorker(this, pod, preexisting);
    this.workers.set(uid, worker);
    this.journal.setNode(worker.key, uid, this.nodeName);
    worker.requestSync(0);
  }

  podUpdated(pod: Pod): void {
    const w = this.workers.get(pod.metadata.uid!);
    if (w) w.podChanged(pod);
  }

  podDeleted(pod: Pod): void {
    if (isMirrorPod(pod)) {
      this.mirrors.observe(pod, true);
      return;
    }
    const w = this.workers.get(pod.metadata.uid!);
    if (w) w.podChanged(undefined);
  }

  /** Containers all stopped after deletion: the kubelet removes the pod from the API. */
  podTerminated(worker: PodWorker): void {
    const pod = worker.pod;
    this.releaseIP(worker);
    this.workers.delete(pod.metadata.uid!);
    if (worker.removed) return;
    const stored = this.host.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!);
    if (stored && stored.metadata.uid === pod.metadata.uid) this.host.store.remove('Pod', pod.metadata.namespace, pod.metadata.name!);
  }

  stillStored(pod: Pod): boolean {
    // A static pod lives as long as its manifest; the API holds only its mirror.
    if (this.mirrors.has(pod)) return true;
    const stored = this.host.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!);
    return !!stored && stored.metadata.uid === pod.metadata.uid;
  }

  writeStatus(pod: Pod): void {
    if (this.frozen) return;
    if (this.mirrors.has(pod)) this.mirrors.writeStatus(pod);
    else if (this.stillStored(pod)) this.host.store.update(pod);
    this.mirrors.flush();
  }

  /** The kubelet stops (Unknown) or resumes reporting. */
  setFrozen(frozen: boolean): void {
    if (this.frozen === frozen) return;
    this.frozen = frozen;
    if (!frozen) {
      for (const w of this.workers.values()) {
        w.updateStatus();
        w.requestSync(0);
      }
      this.mirrors.resyncAll();
    }
  }

  // ---- events ---------------------------------------------------------------------------

  event(pod: Pod, fieldPath: string | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.frozen) return;
    const ref: ObjectReference = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid, apiVersion: 'v1' };
    if (fieldPath) ref.fieldPath = fieldPath;
    this.host.recorder.record({ component: 'kubelet', host: this.nodeName }, ref, type, reason, message);
  }

  // ---- images ---------------------------------------------------------------------------

  hasImage(ref: ImageRef): boolean {
    return this.images.has(ref.canonical);
  }

  addImage(ref: ImageRef): void {
    if (this.images.has(ref.canonical)) return;
    this.images.add(ref.canonical);
    this.pendingImages.push(ref);
    if (this.imagesTimer) return;
    // The kubelet reports its images with the node status, every nodeStatusUpdateFrequency (10s).
    const at = Math.ceil((this.now() + 1) / NODE_STATUS_MS) * NODE_STATUS_MS;
    this.imagesTimer = true;
    this.host.loop.at(at, () => {
      this.imagesTimer = false;
      this.reportImages();
    });
  }

  private reportImages(): void {
    if (this.frozen || this.pendingImages.length === 0) return;
    const status = (this.node.status ??= {});
    const list = [...(status.images ?? [])];
    for (const ref of this.pendingImages.splice(0)) {
      if (list.some((i) => i.names?.includes(ref.canonical))) continue;
      list.push({ names: [imageId(ref), ref.canonical], sizeBytes: imageSize(ref) });
    }
    // node status lists the largest images first, at most 50 of them.
    list.sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0));
    status.images = list.slice(0, 50);
    this.host.store.update(this.node);
  }

  /** Serialized image pulls: the slot this pull gets in the node's queue. */
  reservePull(ref: ImageRef, presentAtRequest: boolean): { start: number; end: number } {
    const start = Math.max(this.now(), this.pullBusyUntil);
    // A pull queued behind another pull of the same image finds its layers already there: only
    // the manifest is fetched again.
    const present = presentAtRequest || this.images.has(ref.canonical) || this.queuedPulls.has(ref.canonical);
    if (imageExists(ref)) this.queuedPulls.add(ref.canonical);
    // A reference the registry cannot resolve fails at the manifest, before any layer moves.
    const end = start + (imageExists(ref) ? pullDuration(ref, present) : RESOLVE_MS);
    this.pullBusyUntil = end;
    return { start, end };
  }

  // ---- network --------------------------------------------------------------------------

  allocateIP(pod: Pod): string {
    if (pod.spec.hostNetwork) return this.nodeIP;
    const ip = `10.244.${this.index}.${this.nextIP++}`;
    if (this.nextIP > 254) this.nextIP = 2;
    return ip;
  }

  releaseIP(worker: PodWorker): void {
    this.host.podIPChanged(worker, undefined);
  }

  networkFor(worker: PodWorker): Network {
    return this.host.networkFor(worker);
  }

  announceIP(worker: PodWorker): void {
    this.host.podIPChanged(worker, worker.podIP);
  }

  // ---- sources for env and volumes --------------------------------------------------------

  private configMap(ns: string, name: string): ConfigMapLike | undefined {
    if (name === 'kube-root-ca.crt') {
      const cm = this.host.store.get('ConfigMap', ns, name) as ConfigMapLike | undefined;
      return cm ?? { data: { 'ca.crt': this.host.rootCA } };
    }
    return this.host.store.get('ConfigMap', ns, name) as ConfigMapLike | undefined;
  }

  private secret(ns: string, name: string): SecretLike | undefined {
    return this.host.store.get('Secret', ns, name) as SecretLike | undefined;
  }

  envSources(): EnvSources {
    return {
      configMap: (ns, name) => this.configMap(ns, name),
      secret: (ns, name) => this.secret(ns, name),
      services: () => this.host.store.list('Service'),
      node: () => this.node,
    };
  }

  volumeSources(): VolumeSources {
    return {
      configMap: (ns, name) => this.configMap(ns, name),
      secret: (ns, name) => this.secret(ns, name),
      hostPath: (path) => {
        let v = this.hostPaths.get(path);
        if (!v) this.hostPaths.set(path, (v = new VolumeData()));
        return v;
      },
      claim: (ns, name) => {
        // getPVCExtractPV: the claim must exist, not be going away, and be bound.
        const pvc = this.host.store.get('PersistentVolumeClaim', ns, name) as (KubeObject & { status?: { phase?: string } }) | undefined;
        if (!pvc) return { error: `failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found` };
        if (pvc.metadata?.deletionTimestamp) return { error: 'PVC is being deleted' };
        // kubesim has no PV controller: a stored claim counts as bound unless its status says otherwise.
        if (pvc.status?.phase !== undefined && pvc.status.phase !== 'Bound') return { error: 'PVC is not bound' };
        const key = `pvc:${ns}/${name}`;
        let v = this.hostPaths.get(key);
        if (!v) this.hostPaths.set(key, (v = new VolumeData()));
        return v;
      },
      rootCA: () => this.host.rootCA,
      node: () => this.node,
    };
  }

  /** Expands $(VAR) in command and args against the container's environment. */
  expandArgv(c: Container, env: Map<string, string>): { command?: string[]; args?: string[] } {
    const lookup = (n: string) => env.get(n);
    return {
      command: c.command?.map((x) => expand(x, lookup)),
      args: c.args?.map((x) => expand(x, lookup)),
    };
  }

  timestamp(): string {
    return rfc3339(this.now());
  }
}

export type { KubeObject };
