/**
 * Volume set-up (the kubelet's volume manager): emptyDir per pod, hostPath per node, and the
 * configMap, secret, downwardAPI and projected sources written as files. A missing ConfigMap or
 * Secret fails the mount with the kubelet's FailedMount message, and the pod waits.
 */
import type { DownwardAPIVolumeFile, Node, Pod, Volume, KubeObject } from '../api/types';
import { VolumeData } from './fs';
import { base64Decode, downwardField, resourceFieldValue } from './env';

export interface ConfigMapLike {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}
export interface SecretLike {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface VolumeSources {
  configMap(ns: string, name: string): ConfigMapLike | undefined;
  secret(ns: string, name: string): SecretLike | undefined;
  hostPath(path: string): VolumeData;
  /** A PersistentVolumeClaim's data, or why the populator cannot use it. */
  claim(ns: string, name: string): VolumeData | { error: string };
  /** The namespace's root CA bundle for service-account volumes. */
  rootCA(): string;
  /** The node, whose allocatable stands in for limits a container does not set. */
  node(): Node | undefined;
}

export class MountError extends Error {
  constructor(readonly volume: string, message: string) {
    super(message);
  }
}

/** The desired-state populator cannot make a volume spec (createVolumeSpec): no mount is tried. */
export class VolumeSpecError extends Error {
  constructor(readonly volume: string, message: string) {
    super(message);
  }
}

function put(vol: VolumeData, path: string, data: string): void {
  const parts = path.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) vol.files.set(parts.slice(0, i).join('/'), { dir: true, data: '' });
  vol.files.set(parts.join('/'), { dir: false, data });
}

function project(vol: VolumeData, entries: Record<string, string>, items?: { key: string; path: string }[]): string | undefined {
  if (items && items.length > 0) {
    for (const it of items) {
      if (!(it.key in entries)) return it.key;
      put(vol, it.path, entries[it.key]);
    }
  } else for (const [k, v] of Object.entries(entries)) put(vol, k, v);
  return undefined;
}

/** downwardAPI items: pod fields, and containers' requests and limits (resource.ExtractResourceValueByContainerNameAndNodeAllocatable). */
function projectDownward(vol: VolumeData, pod: Pod, items: DownwardAPIVolumeFile[] | undefined, sources: VolumeSources): void {
  for (const it of items ?? []) {
    if (it.fieldRef) put(vol, it.path, downwardField(pod, it.fieldRef.fieldPath));
    else if (it.resourceFieldRef) {
      const ref = it.resourceFieldRef;
      const target = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === ref.containerName);
      put(vol, it.path, resourceFieldValue(pod, target, ref.resource, ref.divisor, sources.node()));
    }
  }
}

function configMapEntries(cm: ConfigMapLike): Record<string, string> {
  const out: Record<string, string> = { ...(cm.data ?? {}) };
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) out[k] = base64Decode(v);
  return out;
}

function secretEntries(s: SecretLike): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = base64Decode(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) out[k] = v;
  return out;
}

/** Mounts one volume; throws MountError with the SetUp failure text. */
export function setUpVolume(pod: Pod, v: Volume, sources: VolumeSources, emptyDirs: Map<string, VolumeData>): VolumeData {
  const ns = pod.metadata.namespace ?? 'default';
  if (v.emptyDir) {
    let d = emptyDirs.get(v.name);
    if (!d) emptyDirs.set(v.name, (d = new VolumeData()));
    return d;
  }
  if (v.hostPath) {
    const d = sources.hostPath(v.hostPath.path);
    const type = v.hostPath.type ?? '';
    const isDir = d.files.size > 1 || d.files.get('')?.dir;
    if (type === 'Directory' && !isDir) throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : hostPath type check failed: ${v.hostPath.path} is not a directory`);
    return d;
  }
  if (v.configMap) {
    const name = v.configMap.name ?? '';
    const cm = sources.configMap(ns, name);
    const d = new VolumeData(true);
    if (!cm) {
      if (v.configMap.optional) return d;
      throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : configmap "${name}" not found`);
    }
    const missing = project(d, configMapEntries(cm), v.configMap.items);
    if (missing !== undefined && !v.configMap.optional) throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : configmap references non-existent config key: ${missing}`);
    return d;
  }
  if (v.secret) {
    const name = v.secret.secretName ?? '';
    const s = sources.secret(ns, name);
    const d = new VolumeData(true);
    if (!s) {
      if (v.secret.optional) return d;
      throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : secret "${name}" not found`);
    }
    const missing = project(d, secretEntries(s), v.secret.items);
    if (missing !== undefined && !v.secret.optional) throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : references non-existent secret key: ${missing}`);
    return d;
  }
  if (v.downwardAPI) {
    const d = new VolumeData(true);
    projectDownward(d, pod, v.downwardAPI.items, sources);
    return d;
  }
  if (v.persistentVolumeClaim) {
    const name = v.persistentVolumeClaim.claimName;
    const claim = sources.claim(ns, name);
    // desired_state_of_world_populator createVolumeSpec / getPVCExtractPV.
    if ('error' in claim) throw new VolumeSpecError(v.name, `error processing PVC ${ns}/${name}: ${claim.error}`);
    return claim;
  }
  if (v.projected) {
    const d = new VolumeData(true);
    const list = ((v.projected as { sources?: Record<string, unknown>[] }).sources ?? []) as {
      serviceAccountToken?: { path: string };
      configMap?: { name?: string; items?: { key: string; path: string }[]; optional?: boolean };
      secret?: { name?: string; items?: { key: string; path: string }[]; optional?: boolean };
      downwardAPI?: { items?: DownwardAPIVolumeFile[] };
    }[];
    for (const src of list) {
      if (src.serviceAccountToken) put(d, src.serviceAccountToken.path, 'eyJhbGciOiJSUzI1NiIsImtpZCI6Imt1YmVzaW0ifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl');
      if (src.configMap) {
        const cm = src.configMap.name === 'kube-root-ca.crt' ? { data: { 'ca.crt': sources.rootCA() } } : sources.configMap(ns, src.configMap.name ?? '');
        if (!cm) {
          if (src.configMap.optional) continue;
          throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : configmap "${src.configMap.name}" not found`);
        }
        project(d, configMapEntries(cm), src.configMap.items);
      }
      if (src.secret) {
        const s = sources.secret(ns, src.secret.name ?? '');
        if (!s) {
          if (src.secret.optional) continue;
          throw new MountError(v.name, `MountVolume.SetUp failed for volume "${v.name}" : secret "${src.secret.name}" not found`);
        }
        project(d, secretEntries(s), src.secret.items);
      }
      if (src.downwardAPI) projectDownward(d, pod, src.downwardAPI.items, sources);
    }
    return d;
  }
  return new VolumeData();
}

export type { KubeObject };
