/**
 * controller_ref_manager.go's ClaimObject: which of the candidate objects a controller owns after
 * this sync. An object controlled by someone else is left alone; one it controls but no longer
 * selects is released (its owner reference removed) unless the controller is being deleted; a
 * selected orphan that is not being deleted is adopted (the controller reference added).
 */
import type { KubeObject, OwnerReference, Pod } from '../api/types';
import type { ControllerContext } from '../core/controller';
import { controllerOf } from './meta';

type Owned = KubeObject | Pod;

export interface ClaimSpec<T extends Owned> {
  owner: KubeObject;
  /** The controller reference adoption adds. */
  ref: OwnerReference;
  matches(obj: T): boolean;
}

export function claimObjects<T extends Owned>(ctx: ControllerContext, spec: ClaimSpec<T>, candidates: T[]): T[] {
  const ownerUid = spec.owner.metadata!.uid;
  const ownerDeleting = !!spec.owner.metadata!.deletionTimestamp;
  const claimed: T[] = [];
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (spec.matches(obj)) claimed.push(obj);
      else if (!ownerDeleting) release(ctx, obj, ownerUid!);
      continue;
    }
    if (ownerDeleting || !spec.matches(obj) || obj.metadata!.deletionTimestamp) continue;
    if (obj.metadata!.namespace !== spec.owner.metadata!.namespace) continue;
    adopt(ctx, obj, spec.ref);
    claimed.push(obj);
  }
  return claimed;
}

function adopt(ctx: ControllerContext, obj: Owned, ref: OwnerReference): void {
  const md = obj.metadata!;
  md.ownerReferences = [...(md.ownerReferences ?? []).filter((r) => r.uid !== ref.uid), { ...ref }];
  ctx.update(obj as KubeObject);
}

function release(ctx: ControllerContext, obj: Owned, ownerUid: string): void {
  const md = obj.metadata!;
  const kept = (md.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
  if (kept.length) md.ownerReferences = kept;
  else delete md.ownerReferences;
  ctx.update(obj as KubeObject);
}
