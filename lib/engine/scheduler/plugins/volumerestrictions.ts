/**
 * VolumeRestrictions (plugins/volumerestrictions): PreFilter looks up every PersistentVolumeClaim
 * the pod names (readWriteOncePodPVCsForPod) and rejects the pod outright when one does not exist;
 * it comes before VolumeBinding in the default profile, so this is the plugin that turns a missing
 * claim away. Filter refuses a node where another pod already mounts the same GCE PD / AWS EBS /
 * RBD / iSCSI disk (isVolumeConflict), and any node while a ReadWriteOncePod claim the pod wants is
 * in use by another pod.
 */
import type { Pod, Volume } from '../../api/types';
import type { SchedulerCache } from '../framework/cache';
import type { FilterPlugin, PreFilterPlugin } from '../framework/interface';
import type { PodInfo } from '../framework/pod_info';
import { SKIP, unresolvable, unschedulable, type Status } from '../framework/status';
import { VolumeRestrictions } from './names';

export const ErrReasonDiskConflict = 'node(s) had no available disk';
export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const DISK_CONFLICT = unschedulable(ErrReasonDiskConflict);
const RWOP_CONFLICT = unschedulable(ErrReasonReadWriteOncePodConflict);

const STATE_KEY = 'PreFilter' + VolumeRestrictions;

/** The in-tree disk sources the conflict check knows (the API types list them; kubesim keeps them opaque). */
interface DiskSources {
  gcePersistentDisk?: { pdName?: string; readOnly?: boolean };
  awsElasticBlockStore?: { volumeID?: string };
  rbd?: { monitors?: string[]; pool?: string; image?: string; readOnly?: boolean };
  iscsi?: { iqn?: string; readOnly?: boolean };
}

function disks(v: Volume): DiskSources {
  return v as unknown as DiskSources;
}

/** needsRestrictionsCheck: only these four volume types can conflict on a node. */
function needsRestrictionsCheck(v: Volume): boolean {
  const d = disks(v);
  return d.gcePersistentDisk != null || d.awsElasticBlockStore != null || d.rbd != null || d.iscsi != null;
}

function haveOverlap(a: readonly string[], b: readonly string[]): boolean {
  const s = new Set(a);
  return b.some((x) => s.has(x));
}

/** isVolumeConflict: `volume` of the incoming pod against every volume of an existing pod. */
export function isVolumeConflict(volume: Volume, existing: Pod): boolean {
  if (!needsRestrictionsCheck(volume)) return false;
  const v = disks(volume);
  for (const ev of existing.spec.volumes ?? []) {
    const e = disks(ev);
    // The same GCE disk may be mounted by many pods only if every mount is read-only.
    if (v.gcePersistentDisk && e.gcePersistentDisk) {
      if ((v.gcePersistentDisk.pdName ?? '') === (e.gcePersistentDisk.pdName ?? '') && !(v.gcePersistentDisk.readOnly && e.gcePersistentDisk.readOnly)) return true;
    }
    // An EBS volume attaches to one instance, however it is mounted.
    if (v.awsElasticBlockStore && e.awsElasticBlockStore && (v.awsElasticBlockStore.volumeID ?? '') === (e.awsElasticBlockStore.volumeID ?? '')) return true;
    if (v.iscsi && e.iscsi && (v.iscsi.iqn ?? '') === (e.iscsi.iqn ?? '') && !(v.iscsi.readOnly && e.iscsi.readOnly)) return true;
    if (v.rbd && e.rbd) {
      const same = haveOverlap(v.rbd.monitors ?? [], e.rbd.monitors ?? []) && (v.rbd.pool ?? '') === (e.rbd.pool ?? '') && (v.rbd.image ?? '') === (e.rbd.image ?? '');
      if (same && !(v.rbd.readOnly && e.rbd.readOnly)) return true;
    }
  }
  return false;
}

/** The claims the pod mounts through persistentVolumeClaim volumes (generic ephemeral ones are not looked up here). */
export function claimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
  return out;
}

/** The NotFound error the PVC lister gives, as errors.NewNotFound words it. */
export function claimNotFound(name: string): string {
  return `persistentvolumeclaim "${name}" not found`;
}

class PreFilterState {
  constructor(
    readonly readWriteOncePodPVCs: ReadonlySet<string>,
    public conflictingPVCRefCount: number,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.readWriteOncePodPVCs, this.conflictingPVCRefCount);
  }

  /** conflictingPVCRefCountForPod: each volume naming one of the pod's ReadWriteOncePod claims. */
  update(pod: PodInfo, sign: 1 | -1): void {
    let n = 0;
    for (const c of claimNames(pod.pod)) if (this.readWriteOncePodPVCs.has(c)) n++;
    this.conflictingPVCRefCount += sign * n;
  }
}

/** StorageInfos().IsPVCUsedByPods: some pod the scheduler knows of mounts the claim. */
function claimInUse(cache: SchedulerCache, namespace: string, claim: string): boolean {
  for (const ni of cache.nodeInfos()) {
    for (const p of ni.pods) if (p.namespace === namespace && claimNames(p.pod).includes(claim)) return true;
  }
  return false;
}

export const volumeRestrictions: PreFilterPlugin & FilterPlugin = {
  name: VolumeRestrictions,
  preFilter(state, pod, h) {
    const volumes = pod.pod.spec.volumes ?? [];
    const needsCheck = volumes.some(needsRestrictionsCheck);
    const rwop = new Set<string>();
    for (const name of claimNames(pod.pod)) {
      const claim = h.cache.claim(pod.namespace, name);
      // A claim that does not exist (yet) is not something any node or preemption can fix.
      if (!claim) return { status: unresolvable(claimNotFound(name)) };
      if (claim.accessModes.includes('ReadWriteOncePod')) rwop.add(name);
    }
    let conflicting = 0;
    for (const name of rwop) if (claimInUse(h.cache, pod.namespace, name)) conflicting++;
    if (!needsCheck && conflicting === 0) return { status: SKIP };
    state.write(STATE_KEY, new PreFilterState(rwop, conflicting));
    return undefined;
  },
  addPod(state, _pod, podToAdd) {
    state.read<PreFilterState>(STATE_KEY)?.update(podToAdd, 1);
  },
  removePod(state, _pod, podToRemove) {
    state.read<PreFilterState>(STATE_KEY)?.update(podToRemove, -1);
  },
  filter(state, pod, nodeInfo): Status | null {
    for (const v of pod.pod.spec.volumes ?? []) {
      if (!needsRestrictionsCheck(v)) continue;
      for (const ev of nodeInfo.pods) if (isVolumeConflict(v, ev.pod)) return DISK_CONFLICT;
    }
    const s = state.read<PreFilterState>(STATE_KEY);
    if (s && s.conflictingPVCRefCount > 0) return RWOP_CONFLICT;
    return null;
  },
};
