/**
 * The API object store: what etcd behind the API server holds. It stamps uid, resourceVersion,
 * creationTimestamp and generation as the API server does, resolves generateName, and tells its
 * watchers about every change (the informers that controllers, the scheduler and kubelets use).
 *
 * Objects are held by reference and updated in place; a watcher that needs to compare with an
 * earlier state keeps its own copy. Watchers are called synchronously and must not write to the
 * store from inside the callback: they queue work on the event loop instead (see Cluster.soon).
 */
import type { KubeObject, ObjectMeta } from '../api/types';

/** Anything with a kind and metadata: KubeObject, Pod, Node, ... */
export type Stored = { apiVersion?: string; kind?: string; metadata?: ObjectMeta };
import { rfc3339 } from './time';
import type { Sequence } from './ids';

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreChange {
  type: ChangeType;
  kind: string;
  object: KubeObject;
}

export type StoreListener = (change: StoreChange) => void;

/** Kinds without a namespace. */
export const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PriorityClass', 'PersistentVolume', 'StorageClass']);

export class StoreLimitError extends Error {}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return CLUSTER_SCOPED.has(kind) ? `${kind}/${name}` : `${kind}/${namespace ?? 'default'}/${name}`;
}

export class ObjectStore {
  private byKind = new Map<string, Map<string, KubeObject>>();
  private listeners: StoreListener[] = [];
  private resourceVersion = 1000;
  private count = 0;

  constructor(
    private readonly ids: Sequence,
    private readonly clock: () => number,
    readonly maxObjects = 20_000,
  ) {}

  watch(listener: StoreListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  get<T extends Stored = KubeObject>(kind: string, namespace: string | undefined, name: string): T | undefined {
    const m = this.byKind.get(kind);
    if (!m) return undefined;
    return m.get(CLUSTER_SCOPED.has(kind) ? name : `${namespace ?? 'default'}/${name}`) as T | undefined;
  }

  /** Every object of a kind (in one namespace when given), in insertion order. */
  list<T extends Stored = KubeObject>(kind: string, namespace?: string): T[] {
    const m = this.byKind.get(kind);
    if (!m) return [];
    const out: T[] = [];
    for (const o of m.values()) {
      if (namespace === undefined || o.metadata?.namespace === namespace) out.push(o as T);
    }
    return out;
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }

  size(): number {
    return this.count;
  }

  /** A name for generateName, unique among the kind's objects in the namespace. */
  generateName(kind: string, namespace: string | undefined, prefix: string): string {
    // names.SimpleNameGenerator keeps at most 63 - 5 characters of the prefix.
    const base = prefix.slice(0, 58);
    for (;;) {
      const name = base + this.ids.nameSuffix(5);
      if (!this.get(kind, namespace, name)) return name;
    }
  }

  /** Stores a new object, stamping the fields the API server sets on create. */
  create<T extends Stored>(obj: T): T {
    if (this.count >= this.maxObjects) throw new StoreLimitError(`more than ${this.maxObjects} objects`);
    const kind = obj.kind!;
    const md = (obj.metadata ??= {});
    if (!md.name && md.generateName) md.name = this.generateName(kind, md.namespace, md.generateName);
    if (CLUSTER_SCOPED.has(kind)) delete md.namespace;
    else md.namespace ??= 'default';
    md.uid ??= this.ids.uuid();
    md.resourceVersion = String(++this.resourceVersion);
    md.creationTimestamp ??= rfc3339(this.clock());
    let m = this.byKind.get(kind);
    if (!m) this.byKind.set(kind, (m = new Map()));
    m.set(CLUSTER_SCOPED.has(kind) ? md.name! : `${md.namespace}/${md.name}`, obj as KubeObject);
    this.count++;
    this.notify({ type: 'ADDED', kind, object: obj as KubeObject });
    return obj;
  }

  /**
   * Records a change to a stored object (already mutated in place, or a replacement with the same
   * name). `specChanged` bumps metadata.generation as the API server does for spec updates.
   */
  update<T extends Stored>(obj: T, opts: { specChanged?: boolean } = {}): T {
    const kind = obj.kind!;
    const md = obj.metadata!;
    const m = this.byKind.get(kind);
    const key = CLUSTER_SCOPED.has(kind) ? md.name! : `${md.namespace}/${md.name}`;
    if (!m || !m.has(key)) return obj;
    const stored = m.get(key)!;
    if (stored !== obj) {
      md.uid = stored.metadata!.uid;
      md.creationTimestamp = stored.metadata!.creationTimestamp;
      m.set(key, obj as KubeObject);
    }
    if (opts.specChanged && md.generation !== undefined) md.generation++;
    md.resourceVersion = String(++this.resourceVersion);
    this.notify({ type: 'MODIFIED', kind, object: obj as KubeObject });
    return obj;
  }

  /** Removes an object for good (after any graceful deletion is over). */
  remove(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const m = this.byKind.get(kind);
    const key = CLUSTER_SCOPED.has(kind) ? name : `${namespace ?? 'default'}/${name}`;
    const obj = m?.get(key);
    if (!m || !obj) return undefined;
    m.delete(key);
    this.count--;
    this.notify({ type: 'DELETED', kind, object: obj });
    return obj;
  }

  private notify(change: StoreChange): void {
    for (const l of this.listeners) l(change);
  }
}
