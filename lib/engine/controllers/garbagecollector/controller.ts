/**
 * The garbage collector (pkg/controller/garbagecollector): keeps the graph of ownerReferences and,
 * whenever an owner disappears, looks at each dependent (attemptToDeleteItem):
 *  - an object with at least one owner still there ("solid") keeps living; references to owners
 *    that are gone ("dangling") are removed from it;
 *  - an object all of whose owners are gone is deleted, with background propagation (its own
 *    dependents follow the same way once it is gone); a pod is deleted gracefully.
 * An object being deleted already is left alone, and so is one whose owner is of a kind the
 * cluster does not know (a custom resource), as the real collector cannot resolve it either.
 * Each look at an item (a GET) and each delete or patch is a request through the collector's
 * rate-limited client, so a large cascade takes its time, as it does for real.
 */
import type { KubeObject, OwnerReference } from '../../api/types';
import type { Controller, ControllerContext } from '../../core/controller';
import { CLUSTER_SCOPED } from '../../core/store';
import { TokenBucket } from '../ratelimit';
import { WorkQueue } from '../workqueue';

export const GARBAGE_COLLECTOR = 'garbage-collector-controller';

/** Built-in kinds an ownerReference can name (the RESTMapper knows them even when none exists). */
const KNOWN_KINDS = new Set([
  'Pod', 'Node', 'Service', 'ConfigMap', 'Secret', 'Namespace', 'ServiceAccount', 'Endpoints', 'EndpointSlice',
  'PersistentVolume', 'PersistentVolumeClaim', 'ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet',
  'DaemonSet', 'ControllerRevision', 'Job', 'CronJob', 'PriorityClass', 'Lease',
]);

interface Identity {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
}

function identityOf(kind: string, obj: KubeObject): Identity {
  const md = obj.metadata!;
  return { kind, namespace: md.namespace, name: md.name!, uid: md.uid! };
}

function encode(id: Identity): string {
  return `${id.uid}\u0000${id.kind}\u0000${id.namespace ?? ''}\u0000${id.name}`;
}

function decode(key: string): Identity {
  const [uid, kind, namespace, name] = key.split('\u0000');
  return { uid, kind, namespace: namespace || undefined, name };
}

class GarbageCollector {
  /** owner uid -> dependents (by their queue key). */
  private readonly dependents = new Map<string, Set<string>>();
  /** dependent uid -> the owner uids it names. */
  private readonly owners = new Map<string, string[]>();
  private readonly live = new Set<string>();
  private readonly queue: WorkQueue;
  private readonly client = new TokenBucket();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx, GARBAGE_COLLECTOR, (key) => this.attemptToDelete(decode(key)));
  }

  start(): void {
    for (const kind of this.ctx.store.kinds()) for (const obj of this.ctx.store.list(kind)) this.observe(kind, obj);
    this.ctx.store.watch((c) => {
      if (c.type === 'DELETED') this.forget(c.kind, c.object);
      else this.observe(c.kind, c.object);
    });
  }

  private observe(kind: string, obj: KubeObject): void {
    const id = identityOf(kind, obj);
    this.live.add(id.uid);
    const refs = obj.metadata?.ownerReferences ?? [];
    const before = this.owners.get(id.uid) ?? [];
    const now = refs.map((r) => r.uid);
    const key = encode(id);
    for (const o of before) if (!now.includes(o)) this.dependents.get(o)?.delete(key);
    for (const o of now) {
      let set = this.dependents.get(o);
      if (!set) this.dependents.set(o, (set = new Set()));
      set.add(key);
    }
    if (now.length) this.owners.set(id.uid, now);
    else this.owners.delete(id.uid);
    // An owner that is not there (now, or never was) makes this object a candidate.
    if (now.some((o) => !this.live.has(o))) this.queue.add(key);
  }

  private forget(kind: string, obj: KubeObject): void {
    const id = identityOf(kind, obj);
    this.live.delete(id.uid);
    const key = encode(id);
    for (const o of this.owners.get(id.uid) ?? []) this.dependents.get(o)?.delete(key);
    this.owners.delete(id.uid);
    const deps = this.dependents.get(id.uid);
    if (deps) for (const d of deps) this.queue.add(d);
  }

  /** isDangling: the owner is absent, or a different object holds its name. Undefined when it cannot be told. */
  private dangling(ref: OwnerReference, namespace: string | undefined): boolean | undefined {
    if (!KNOWN_KINDS.has(ref.kind)) return undefined;
    const owner = this.ctx.store.get(ref.kind, CLUSTER_SCOPED.has(ref.kind) ? undefined : namespace, ref.name);
    return !owner || owner.metadata?.uid !== ref.uid;
  }

  /** A token of the collector's client for its GET of the item; false (and a retry) when it must wait. */
  private request(id: Identity): boolean {
    const now = this.ctx.now();
    if (this.client.take(now)) return true;
    this.queue.addAfter(encode(id), this.client.wait(now));
    return false;
  }

  private attemptToDelete(id: Identity): void {
    if (!this.request(id)) return;
    const latest = this.ctx.store.get(id.kind, id.namespace, id.name);
    if (!latest || latest.metadata?.uid !== id.uid) return;
    if (latest.metadata.deletionTimestamp) return;
    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    for (const ref of refs) {
      const d = this.dangling(ref, id.namespace);
      if (d === undefined) return;
      (d ? dangling : solid).push(ref);
    }
    if (solid.length) {
      if (dangling.length === 0) return;
      const gone = new Set(dangling.map((r) => r.uid));
      this.write(() => {
        const cur = this.ctx.store.get(id.kind, id.namespace, id.name);
        if (!cur || cur.metadata?.uid !== id.uid) return;
        cur.metadata.ownerReferences = (cur.metadata.ownerReferences ?? []).filter((r) => !gone.has(r.uid));
        this.ctx.update(cur);
      });
      return;
    }
    this.write(() => this.ctx.delete(id.kind, id.namespace, id.name, { uid: id.uid, propagationPolicy: 'Background' }));
  }

  /** The write that follows an item's GET: made as soon as the client has a token for it. */
  private write(fn: () => void): void {
    const now = this.ctx.now();
    if (this.client.take(now)) fn();
    else this.ctx.after(this.client.wait(now), () => this.write(fn));
  }
}

export function garbageCollector(): Controller {
  return {
    name: GARBAGE_COLLECTOR,
    start(ctx: ControllerContext) {
      new GarbageCollector(ctx).start();
    },
  };
}
