/**
 * An informer-side index of objects by their controller: the objects a given controller uid owns,
 * and the orphans of each namespace, in the order they came under that owner. It keeps
 * a controller's sync from scanning every pod of the cluster.
 */
import type { KubeObject, Pod } from '../api/types';
import { controllerOf } from './meta';

type Indexed = KubeObject | Pod;

export class OwnerIndex<T extends Indexed> {
  private readonly owner = new Map<string, string>();
  private readonly byOwner = new Map<string, Map<string, T>>();
  private readonly orphansByNs = new Map<string, Map<string, T>>();

  /** Records the object's current controller; returns the controller uid it had before ('' for none). */
  upsert(obj: T): string | undefined {
    const uid = obj.metadata!.uid!;
    const before = this.owner.get(uid);
    const now = controllerOf(obj)?.uid ?? '';
    if (before !== undefined && before !== now) this.bucket(before, obj).delete(uid);
    this.owner.set(uid, now);
    // The store may hold a new object for the same uid (an apply replaces it): keep the latest.
    this.bucket(now, obj).set(uid, obj);
    return before;
  }

  remove(obj: T): void {
    const uid = obj.metadata!.uid!;
    const before = this.owner.get(uid);
    if (before === undefined) return;
    this.bucket(before, obj).delete(uid);
    this.owner.delete(uid);
  }

  /**
   * Objects controlled by `ownerUid`, then the orphans of `namespace`, each in the order they came
   * under that owner (creation order, unless adopted later).
   */
  ownedOrOrphan(ownerUid: string, namespace: string): T[] {
    return [...(this.byOwner.get(ownerUid)?.values() ?? []), ...(this.orphansByNs.get(namespace)?.values() ?? [])];
  }

  private bucket(ownerUid: string, obj: T): Map<string, T> {
    const parent = ownerUid === '' ? this.orphansByNs : this.byOwner;
    const key = ownerUid === '' ? obj.metadata!.namespace ?? '' : ownerUid;
    let m = parent.get(key);
    if (!m) parent.set(key, (m = new Map()));
    return m;
  }
}
