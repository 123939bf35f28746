/**
 * Mirror pods (pkg/kubelet/pod/mirror_client.go, kubelet.go SyncPod, status/status_manager.go): the
 * API's view of a node's static pods. The pod worker runs the static pod itself (its UID is the
 * config hash, and the kubelet's events name that UID); this piece keeps a mirror of it in the API:
 *
 * - each sync of a static pod first reconciles its mirror: one that is missing is created (the
 *   static pod with the kubernetes.io/config.mirror annotation, owned by the Node as controller);
 *   one being deleted, or of another config hash, is deleted at once (grace 0, with its UID as a
 *   precondition) and created anew — so `kubectl delete` of a mirror pod stops no container;
 * - a change to a mirror pod (a deletion timestamp, its removal) makes the kubelet sync the static
 *   pod (HandlePodUpdates / HandlePodRemoves), which brings the reconcile above;
 * - the status manager writes the static pod's status to its mirror, keeping the conditions the
 *   kubelet does not own; a new mirror gets it at the next status change or periodic sync (10 s);
 * - a mirror pod without a static pod behind it is deleted at the next housekeeping (2 s).
 */
import type { KubeObject, Pod } from '../api/types';
import type { EventLoop } from '../core/loop';
import type { ObjectStore } from '../core/store';
import { deepCopy } from '../core/bootstrap';
import { CONFIG_HASH, CONFIG_MIRROR } from './static-pods';

/** status_manager syncPeriod: every status is re-checked against the API this often. */
export const STATUS_SYNC_MS = 10_000;
/** housekeepingPeriod: orphaned mirror pods are cleaned up this often. */
export const HOUSEKEEPING_MS = 2_000;

/** Pod conditions the kubelet owns (kubetypes.PodConditionsByKubelet). */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

/** What the mirror client needs of the cluster. */
export interface MirrorHost {
  loop: EventLoop;
  store: ObjectStore;
  /** A create through the API server (defaults, admission, validation); undefined when refused. */
  createPod(obj: KubeObject): Pod | undefined;
  /** DeleteMirrorPod: grace period 0, with the UID as a precondition. */
  forceDeletePod(namespace: string, name: string, uid: string): void;
  nodeName(): string;
  nodeUID(): string | undefined;
  /** The kubelet stopped reporting: it writes nothing to the API. */
  frozen(): boolean;
  /** Asks the static pod's worker for a sync (the pod worker's UpdatePod). */
  syncStatic(pod: Pod): void;
}

function key(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}

export class MirrorPods {
  /** Static pods by full name (namespace/name). */
  private readonly statics = new Map<string, Pod>();
  /** Mirrors (by UID) that have not been given the static pod's status yet. */
  private readonly stale = new Set<string>();
  private statusTimer = false;
  private housekeepingTimer = false;

  constructor(private readonly host: MirrorHost) {}

  add(pod: Pod): void {
    this.statics.set(key(pod), pod);
  }

  has(pod: Pod): boolean {
    return this.statics.get(key(pod)) === pod;
  }

  hasName(namespace: string, name: string): boolean {
    return this.statics.has(`${namespace}/${name}`);
  }

  /** The pod manager's mirror pod of a static pod: a pod of its full name carrying the mirror annotation. */
  private mirrorOf(pod: Pod): Pod | undefined {
    const stored = this.host.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name!);
    return stored?.metadata.annotations?.[CONFIG_MIRROR] !== undefined ? stored : undefined;
  }

  /** kubepod.IsMirrorPodOf: same full name, and the mirror annotation holds the static pod's hash. */
  private isMirrorOf(mirror: Pod, pod: Pod): boolean {
    return mirror.metadata.annotations?.[CONFIG_MIRROR] === pod.metadata.annotations?.[CONFIG_HASH];
  }

  /** The start of SyncPod for a static pod: make sure a current mirror exists. */
  reconcile(pod: Pod): void {
    if (this.host.frozen() || !this.has(pod)) return;
    const mirror = this.mirrorOf(pod);
    if (mirror && !mirror.metadata.deletionTimestamp && this.isMirrorOf(mirror, pod)) return;
    if (mirror) this.host.forceDeletePod(mirror.metadata.namespace!, mirror.metadata.name!, mirror.metadata.uid!);
    // An ordinary pod of the same name is no mirror: the create fails (AlreadyExists) and is only logged.
    if (this.host.store.get('Pod', pod.metadata.namespace, pod.metadata.name!)) return;
    this.create(pod);
  }

  /** CreateMirrorPod: the static pod as the API should show it, owned by the node. */
  private create(pod: Pod): void {
    const copy = deepCopy(pod);
    delete copy.status;
    copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [CONFIG_MIRROR]: pod.metadata.annotations?.[CONFIG_HASH] ?? pod.metadata.uid! };
    const ref: NonNullable<Pod['metadata']['ownerReferences']>[number] = { apiVersion: 'v1', kind: 'Node', name: this.host.nodeName(), uid: this.host.nodeUID() ?? '', controller: true };
    copy.metadata.ownerReferences = [ref];
    const created = this.host.createPod(copy as unknown as KubeObject);
    if (!created) return;
    // The status manager last wrote this pod's status for the old mirror: the new one gets it with
    // the next status change, or at the periodic sync.
    if (pod.status?.conditions) {
      this.stale.add(created.metadata.uid!);
      this.scheduleStatusSync();
    }
  }

  private scheduleStatusSync(): void {
    if (this.statusTimer) return;
    this.statusTimer = true;
    const now = this.host.loop.now;
    this.host.loop.at(Math.floor(now / STATUS_SYNC_MS) * STATUS_SYNC_MS + STATUS_SYNC_MS, () => {
      this.statusTimer = false;
      for (const pod of this.statics.values()) {
        const mirror = this.mirrorOf(pod);
        if (mirror && this.stale.has(mirror.metadata.uid!)) this.writeStatus(pod);
      }
      if (this.stale.size > 0 && !this.host.frozen()) this.stale.clear();
      else if (this.stale.size > 0) this.scheduleStatusSync();
    });
  }

  /**
   * syncBatch after any status change on the node: every status newer than what its API pod shows
   * is written, so a new mirror gets its static pod's status then too.
   */
  flush(): void {
    if (this.stale.size === 0) return;
    for (const pod of this.statics.values()) {
      const mirror = this.mirrorOf(pod);
      if (mirror && this.stale.has(mirror.metadata.uid!)) this.writeStatus(pod);
    }
  }

  /**
   * The periodic syncBatch(all) after the kubelet reports again: needsReconcile finds mirrors whose
   * status others changed meanwhile (the node controller's Ready=False) and writes the kubelet's
   * cached status over the conditions it owns.
   */
  resyncAll(): void {
    for (const pod of this.statics.values()) this.writeStatus(pod);
  }

  /** The status manager's write of a static pod's status: it lands on the mirror pod. */
  writeStatus(pod: Pod): void {
    if (this.host.frozen()) return;
    const mirror = this.mirrorOf(pod);
    if (!mirror || !this.isMirrorOf(mirror, pod) || !pod.status) return;
    this.stale.delete(mirror.metadata.uid!);
    const status = deepCopy(pod.status);
    // mergePodStatus: conditions the kubelet does not own stay as the API has them.
    const kept = (mirror.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
    if (kept.length > 0) status.conditions = [...(status.conditions ?? []), ...kept];
    mirror.status = status;
    this.host.store.update(mirror as unknown as KubeObject);
  }

  /** A mirror pod on this node changed in the API (or was removed: `removed`). */
  observe(mirror: Pod, removed: boolean): void {
    const pod = this.statics.get(key(mirror));
    if (!pod) {
      if (!removed) this.scheduleHousekeeping();
      return;
    }
    if (removed || mirror.metadata.deletionTimestamp || !this.isMirrorOf(mirror, pod)) this.host.syncStatic(pod);
  }

  /** HandlePodCleanups deleteOrphanedMirrorPods: mirrors whose static pod is not configured here. */
  private scheduleHousekeeping(): void {
    if (this.housekeepingTimer) return;
    this.housekeepingTimer = true;
    const now = this.host.loop.now;
    this.host.loop.at(Math.floor(now / HOUSEKEEPING_MS) * HOUSEKEEPING_MS + HOUSEKEEPING_MS, () => {
      this.housekeepingTimer = false;
      if (this.host.frozen()) return;
      for (const p of this.host.store.list<Pod>('Pod')) {
        if (p.spec.nodeName !== this.host.nodeName() || p.metadata.annotations?.[CONFIG_MIRROR] === undefined) continue;
        if (this.statics.has(key(p))) continue;
        this.host.forceDeletePod(p.metadata.namespace!, p.metadata.name!, p.metadata.uid!);
      }
    });
  }
}
