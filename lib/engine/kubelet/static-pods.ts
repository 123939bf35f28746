/**
 * Static pods: the manifests in a node's staticPodPath (/etc/kubernetes/manifests), read as the
 * kubelet's file source reads them (pkg/kubelet/config/file.go, common.go tryDecodeSinglePod):
 * a non-strict decode with the scheme's defaults, the kubelet's own applyDefaults (name
 * `<name>-<node>`, namespace default, spec.nodeName, UID = the config hash, a NoExecute toleration),
 * ValidatePodCreate, and — PreventStaticPodAPIReferences being beta and on in v1.34 — the refusal
 * of any reference to an API object (podutil.HasAPIObjectReference). A manifest that fails any of
 * these is skipped: the kubelet only logs it, so nothing appears in the cluster.
 */
import type { Pod, PodSpec, Toleration, Volume } from '../api/types';
import { decodeStrict } from '../apiserver/decode';
import { applyDefaults } from '../apiserver/defaults';
import { validateCreate } from '../apiserver/validation';
import { errorString } from '../apiserver/validation/field';
import { digest64 } from '../core/ids';
import { deepCopy } from '../core/bootstrap';

/** kubetypes.ConfigHashAnnotationKey and friends (pkg/kubelet/types/pod_update.go). */
export const CONFIG_HASH = 'kubernetes.io/config.hash';
export const CONFIG_SEEN = 'kubernetes.io/config.seen';
export const CONFIG_SOURCE = 'kubernetes.io/config.source';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';

/** The kubelet's default staticPodPath, where the file source's "source" names a manifest. */
export const STATIC_POD_PATH = '/etc/kubernetes/manifests';

export type StaticPodResult = { ok: true; pod: Pod } | { ok: false; error: string };

type Obj = Record<string, unknown>;

function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Deletes one decoder path (`spec.containers[0].foo`, `metadata.labels[x]`) from an object. */
function deletePath(root: Obj, path: string): void {
  const parts = path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let cur: unknown = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = parts[i].startsWith('[') ? parts[i].slice(1, -1) : parts[i];
    cur = Array.isArray(cur) ? cur[Number(p)] : isObject(cur) ? cur[p] : undefined;
    if (cur === undefined) return;
  }
  const last = parts[parts.length - 1];
  if (last && isObject(cur)) delete cur[last.startsWith('[') ? last.slice(1, -1) : last];
}

/**
 * The UniversalDecoder is not strict: unknown fields are dropped (type errors still fail). The API
 * server's strict decoder names them, so they are removed and the rest decoded again.
 */
function decodeLenient(raw: Obj): { ok: true; value: Obj } | { ok: false; error: string } {
  const copy = deepCopy(raw);
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = decodeStrict('Pod', copy);
    if (r.ok) return r;
    if (!r.error.startsWith('strict decoding error: ')) return r;
    for (const m of r.error.matchAll(/unknown field "([^"]+)"/g)) deletePath(copy, m[1]);
  }
  return decodeStrict('Pod', copy);
}

/** FNV-1a 128-shaped config hash (applyDefaults: the object, then "host:<node>file:<source>"). */
export function configHash(pod: unknown, nodeName: string, source: string): string {
  return digest64(`${JSON.stringify(pod)}host:${nodeName}file:${source}`).slice(0, 32);
}

/** helper.AddOrUpdateTolerationInPod: appended unless an identical toleration is there. */
function addToleration(spec: PodSpec, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const same = (x: Toleration) => (x.key ?? '') === (t.key ?? '') && (x.operator ?? 'Equal') === (t.operator ?? 'Equal') && (x.value ?? '') === (t.value ?? '') && (x.effect ?? '') === (t.effect ?? '') && x.tolerationSeconds === t.tolerationSeconds;
  if (list.some(same)) return;
  spec.tolerations = [...list, t];
}

/** podutil.HasAPIObjectReference: the plural resource a static pod may not reference, if any. */
export function apiObjectReference(spec: PodSpec): string | undefined {
  if (spec.serviceAccountName) return 'serviceaccounts';
  const containers = [...(spec.initContainers ?? []), ...spec.containers, ...((spec as { ephemeralContainers?: PodSpec['containers'] }).ephemeralContainers ?? [])];
  const pullSecrets = (spec as { imagePullSecrets?: unknown[] }).imagePullSecrets ?? [];
  const volumes: Volume[] = spec.volumes ?? [];
  const src = (x: Volume) => x as unknown as Record<string, { sources?: Record<string, unknown>[] } | undefined>;
  const projected = (x: Volume, kind: string) => (src(x).projected?.sources ?? []).some((s) => s[kind]);
  // VisitPodSecretNames and VisitPodConfigmapNames look at env, envFrom, pull secrets and volumes.
  if (
    pullSecrets.length > 0 ||
    containers.some((c) => (c.envFrom ?? []).some((e) => e.secretRef) || (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef)) ||
    volumes.some((x) => src(x).secret || projected(x, 'secret'))
  ) {
    return 'secrets';
  }
  if (
    containers.some((c) => (c.envFrom ?? []).some((e) => e.configMapRef) || (c.env ?? []).some((e) => e.valueFrom?.configMapKeyRef)) ||
    volumes.some((x) => src(x).configMap || projected(x, 'configMap'))
  ) {
    return 'configmaps';
  }
  if ((spec as { resourceClaims?: unknown[] }).resourceClaims?.length) return 'resourceclaims';
  for (const vol of volumes) {
    const v = src(vol);
    if (v.csi) return 'csidrivers (via CSI volumes)';
    if (v.persistentVolumeClaim) return 'persistentvolumeclaims';
    if (v.ephemeral) return 'persistentvolumeclaims (via ephemeral volumes)';
    if (projected(vol, 'serviceAccountToken')) return 'serviceaccounts (via projected volumes)';
    if (projected(vol, 'clusterTrustBundle')) return 'clustertrustbundles';
  }
  return undefined;
}

/**
 * One manifest file as the kubelet's file source turns it into a pod for `nodeName`, at virtual
 * time `seenAt` (RFC 3339). `source` is the file's path (it goes into the config hash).
 */
export function readStaticPod(raw: unknown, nodeName: string, source: string, seenAt: string): StaticPodResult {
  if (!isObject(raw)) return { ok: false, error: 'invalid pod: not an object' };
  if (typeof raw.kind !== 'string' || raw.kind === '') return { ok: false, error: "Object 'Kind' is missing" };
  if (raw.kind !== 'Pod' || raw.apiVersion !== 'v1') return { ok: false, error: `invalid pod: ${String(raw.apiVersion)}, Kind=${raw.kind}` };
  const decoded = decodeLenient(raw);
  if (!decoded.ok) return { ok: false, error: decoded.error };
  const pod = decoded.value as unknown as Pod;
  pod.metadata ??= {};
  if (!pod.metadata.name) return { ok: false, error: 'invalid pod: name is needed for the pod' };
  applyDefaults(pod as never);
  // common.go applyDefaults: the UID (when the file sets none) hashes the decoded pod and its source.
  const md = pod.metadata;
  md.uid ||= configHash(pod, nodeName, source);
  md.name = `${md.name}-${nodeName.toLowerCase()}`;
  md.namespace ||= 'default';
  pod.spec.nodeName = nodeName;
  md.annotations = { ...(md.annotations ?? {}), [CONFIG_HASH]: md.uid };
  // So that static pods are not evicted when the node has problems.
  addToleration(pod.spec, { operator: 'Exists', effect: 'NoExecute' });
  pod.status = { phase: 'Pending' };
  const errs = validateCreate(pod as never);
  if (errs.length > 0) return { ok: false, error: `invalid pod: [${errs.map((e) => errorString(e)).join(', ')}]` };
  const ref = apiObjectReference(pod.spec);
  if (ref) return { ok: false, error: `static pods may not reference ${ref}` };
  // config.go: the pod config records where the pod came from and when it was first seen.
  md.annotations[CONFIG_SEEN] = seenAt;
  md.annotations[CONFIG_SOURCE] = 'file';
  return { ok: true, pod };
}

export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR] !== undefined;
}

export function isStaticPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[CONFIG_SOURCE] === 'file';
}
