/**
 * VolumeBinding (plugins/volumebinding), as far as kubesim has storage: PreFilter (podHasPVCs)
 * turns the pod away, UnschedulableAndUnresolvable, when a claim it names is missing, lost or being
 * deleted; a pod without claims skips the plugin. kubesim has no PersistentVolumes or
 * StorageClasses, so a claim that exists counts as bound and the Filter (PV node affinity) has
 * nothing to check. Generic ephemeral volumes are left alone: their claim would be made at once by
 * the ephemeral volume controller, which kubesim does not run.
 *
 * In the default profile VolumeRestrictions runs first and already rejects a missing claim with the
 * same words; this plugin still answers for claims that exist but cannot be used.
 */
import type { PreFilterPlugin } from '../framework/interface';
import { SKIP, unresolvable } from '../framework/status';
import { VolumeBinding } from './names';
import { claimNames, claimNotFound } from './volumerestrictions';

const STATE_KEY = VolumeBinding;

export const volumeBinding: PreFilterPlugin = {
  name: VolumeBinding,
  preFilter(state, pod, h) {
    const names = claimNames(pod.pod);
    for (const name of names) {
      const claim = h.cache.claim(pod.namespace, name);
      if (!claim) return { status: unresolvable(claimNotFound(name)) };
      if (claim.phase === 'Lost') {
        return { status: unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.volumeName ?? ''}"`) };
      }
      if (claim.deleting) return { status: unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
    }
    state.write(STATE_KEY, { allBound: true });
    return names.length === 0 ? { status: SKIP } : undefined;
  },
};
