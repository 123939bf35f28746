import { describe, expect, it } from 'vitest';
import type { Pod, Volume } from '../../api/types';
import { schedulePod, type PersistentVolumeClaimLike } from '../scheduler';
import { defaultCluster, makeNode, makePod, verdictOf } from '../testing';
import { VolumeBinding, VolumeRestrictions } from './names';

function withVolumes(pod: Pod, volumes: Record<string, unknown>[]): Pod {
  pod.spec.volumes = volumes as unknown as Volume[];
  return pod;
}

const claim = (name: string, extra: Partial<PersistentVolumeClaimLike> = {}): PersistentVolumeClaimLike => ({
  metadata: { name, namespace: 'default', ...(extra.metadata ?? {}) },
  spec: { accessModes: ['ReadWriteOnce'], ...(extra.spec ?? {}) },
  ...(extra.status ? { status: extra.status } : {}),
});

// Modeled on volume_restrictions_test.go (TestAccessModeConflicts, TestGCEDiskConflicts ...) and
// volume_binding_test.go (podHasPVCs cases).
describe('missing or unusable PersistentVolumeClaims (PreFilter)', () => {
  it.each([
    ['a claim that does not exist', [], VolumeRestrictions, 'persistentvolumeclaim "data" not found'],
    ['a claim in another namespace does not count', [claim('data', { metadata: { namespace: 'other' } })], VolumeRestrictions, 'persistentvolumeclaim "data" not found'],
    ['a lost claim', [claim('data', { spec: { volumeName: 'pv-1' }, status: { phase: 'Lost' } })], VolumeBinding, 'persistentvolumeclaim "data" bound to non-existent persistentvolume "pv-1"'],
    ['a claim being deleted', [claim('data', { metadata: { deletionTimestamp: '1970-01-01T00:00:01Z' } })], VolumeBinding, 'persistentvolumeclaim "data" is being deleted'],
  ])('%s', (_what, claims, plugin, reason) => {
    const pod = withVolumes(makePod('db'), [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
    const a = schedulePod(pod, { nodes: defaultCluster(), pods: [], persistentVolumeClaims: claims });
    expect(a.nodeName).toBeUndefined();
    expect(a.unschedulablePlugins).toEqual([plugin]);
    // VolumeRestrictions/VolumeBinding stop PreFilter before DynamicResources' runs, so its
    // PostFilter fails reading its state and preemption is never tried.
    expect(a.message).toBe(`0/3 nodes are available: ${reason}. not found`);
    expect(verdictOf(a, 'node01', plugin)).toEqual({ plugin, code: 'UnschedulableAndUnresolvable', reasons: [reason] });
  });

  it('a claim that exists lets the pod schedule', () => {
    const pod = withVolumes(makePod('db'), [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
    expect(schedulePod(pod, { nodes: defaultCluster(), pods: [], persistentVolumeClaims: [claim('data')] }).nodeName).toBe('node01');
  });

  it('a ReadWriteOncePod claim another pod uses makes every node unschedulable', () => {
    const rwop = [claim('data', { spec: { accessModes: ['ReadWriteOncePod'] } })];
    const user = withVolumes(makePod('first', { nodeName: 'node01' }), [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }]);
    const pod = withVolumes(makePod('second'), [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }]);
    const a = schedulePod(pod, { nodes: defaultCluster(), pods: [user], persistentVolumeClaims: rwop });
    expect(a.nodeName).toBeUndefined();
    expect(verdictOf(a, 'node02', VolumeRestrictions)?.reasons).toEqual(['node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode']);
  });
});

describe('disk conflicts (Filter)', () => {
  const gce = (pdName: string, readOnly = false) => ({ name: 'disk', gcePersistentDisk: { pdName, readOnly } });
  const ebs = (volumeID: string) => ({ name: 'disk', awsElasticBlockStore: { volumeID } });
  const rbd = (monitors: string[], image: string, readOnly = false) => ({ name: 'disk', rbd: { monitors, pool: 'kube', image, readOnly } });
  const iscsi = (iqn: string, readOnly = false) => ({ name: 'disk', iscsi: { targetPortal: '10.0.0.1:3260', iqn, lun: 0, readOnly } });
  it.each([
    ['the same GCE PD read-write', gce('foo'), gce('foo'), false],
    ['the same GCE PD read-only on both', gce('foo', true), gce('foo', true), true],
    ['another GCE PD', gce('foo'), gce('bar'), true],
    ['the same EBS volume, even read-only', ebs('vol-1'), ebs('vol-1'), false],
    ['another EBS volume', ebs('vol-1'), ebs('vol-2'), true],
    ['an RBD image sharing a monitor', rbd(['a', 'b'], 'img'), rbd(['b', 'c'], 'img'), false],
    ['an RBD image with no monitor in common', rbd(['a'], 'img'), rbd(['c'], 'img'), true],
    ['the same iSCSI IQN', iscsi('iqn.2016-12.server:storage.target01'), iscsi('iqn.2016-12.server:storage.target01'), false],
    ['the same iSCSI IQN read-only on both', iscsi('iqn.x', true), iscsi('iqn.x', true), true],
  ])('%s', (_what, existingVolume, wanted, fits) => {
    const existing = withVolumes(makePod('old', { nodeName: 'n1' }), [existingVolume]);
    const pod = withVolumes(makePod('new'), [wanted]);
    const a = schedulePod(pod, { nodes: [makeNode('n1')], pods: [existing] });
    if (fits) expect(a.nodeName).toBe('n1');
    else {
      expect(verdictOf(a, 'n1', VolumeRestrictions)).toEqual({ plugin: VolumeRestrictions, code: 'Unschedulable', reasons: ['node(s) had no available disk'] });
      expect(a.message).toMatch(/^0\/1 nodes are available: 1 node\(s\) had no available disk\. /);
    }
  });
});
