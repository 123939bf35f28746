/**
 * The admission plugins of a default kube-apiserver that change or refuse what kubesim serves:
 * NamespaceLifecycle, ServiceAccount, Priority, DefaultTolerationSeconds and RuntimeClass (runtimeclass.ts). They run on create,
 * in the API server's plugin order, after decoding and defaulting and before validation.
 * (LimitRanger and ResourceQuota act only when LimitRange/ResourceQuota objects exist, which
 * kubesim does not serve.)
 */
import type { KubeObject, PodSpec, Toleration } from '../api/types';
import { forbiddenRejection, notFoundRejection, type Rejection } from './status';
import { SYSTEM_PRIORITY_CLASSES } from './validation/priorityclass';
import { admitRuntimeClass } from './runtimeclass';

/** What admission needs to know about the cluster (a subset of the pipeline's AdmissionContext). */
export interface AdmissionLookups {
  namespaceExists(ns: string): boolean;
  serviceAccountExists(ns: string, name: string): boolean;
  priorityClassValue(name: string): number | undefined;
  /** Optional: the stored PriorityClasses, for their preemption policy and the global default. */
  priorityClasses?(): PriorityClassInfo[];
  /** Optional: a stored object (the pod's ServiceAccount, for its automount and pull secrets). */
  get?(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
}

export interface PriorityClassInfo {
  name: string;
  value: number;
  preemptionPolicy?: string;
  globalDefault?: boolean;
}

/** NamespaceLifecycle: nothing is created in a namespace that does not exist. */
export function admitNamespace(kind: string, name: string, namespace: string, ctx: AdmissionLookups): Rejection | undefined {
  if (ctx.namespaceExists(namespace)) return undefined;
  return notFoundRejection(kind, name, namespace, 'namespaces', namespace);
}

export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds. */
export const TOKEN_EXPIRATION_SECONDS = 3607;

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A generated-name suffix (utilrand.String's alphabet, 5 characters), derived from a seed text
 * instead of drawn at random so that the same input gives the same bytes.
 */
export function nameSuffix(seed: string, n = 5): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let out = '';
  for (let i = 0; i < n; i++) {
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
    out += NAME_ALPHABET[(h >>> 0) % NAME_ALPHABET.length];
  }
  return out;
}

/** The token volume's name: "kube-api-access-" and a suffix derived from the pod. */
export function tokenVolumeName(namespace: string, podName: string): string {
  return `kube-api-access-${nameSuffix(`${namespace}/${podName}`)}`;
}

function tokenVolumeSource(): Record<string, unknown> {
  return {
    defaultMode: 0o644,
    sources: [
      { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

/**
 * ServiceAccount: defaults serviceAccountName, refuses a missing account, and mounts the
 * projected API token into every container that has nothing at the token path yet.
 */
export function admitServiceAccount(pod: KubeObject, namespace: string, ctx: AdmissionLookups, shownName?: string): Rejection | undefined {
  const spec = pod.spec as PodSpec;
  const md = pod.metadata ?? {};
  const name = shownName ?? (md.name || md.generateName || '');
  if (md.annotations?.['kubernetes.io/config.mirror'] !== undefined) {
    // Validate's mirror pod rules: the spec is not changed (no token is mounted), and it may not
    // reference service accounts, secrets (podutil.VisitPodSecretNames) or token projections.
    if (spec.serviceAccountName) return forbiddenRejection('Pod', name, namespace, 'a mirror pod may not reference service accounts');
    if (mirrorPodSecretReference(spec)) return forbiddenRejection('Pod', name, namespace, 'a mirror pod may not reference secrets');
    const projections = (spec.volumes ?? []).flatMap((v) => ((v.projected as { sources?: Record<string, unknown>[] } | undefined)?.sources ?? []));
    if (projections.some((p) => p.serviceAccountToken)) return forbiddenRejection('Pod', name, namespace, 'a mirror pod may not use ServiceAccountToken volume projections');
    return undefined;
  }
  spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
  // The deprecated alias is kept in step with the real field, as the v1 conversion does.
  spec.serviceAccount = spec.serviceAccountName;
  // The default account is made by the service account controller as soon as a namespace
  // appears, and the plugin retries its lookup of that one account while it waits for it.
  const found =
    ctx.serviceAccountExists(namespace, spec.serviceAccountName) ||
    (spec.serviceAccountName === DEFAULT_SERVICE_ACCOUNT && ctx.namespaceExists(namespace));
  if (!found) {
    return forbiddenRejection(
      'Pod',
      name,
      namespace,
      `error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  }
  const account = ctx.get?.('ServiceAccount', namespace, spec.serviceAccountName) as
    | (KubeObject & { automountServiceAccountToken?: boolean; imagePullSecrets?: { name?: string }[] })
    | undefined;
  // shouldAutomount: the pod's choice wins, then the account's, then true.
  if ((spec.automountServiceAccountToken ?? account?.automountServiceAccountToken) !== false) mountToken(spec, namespace, name);
  const podSecrets = (spec as { imagePullSecrets?: { name?: string }[] }).imagePullSecrets;
  if (!podSecrets?.length && account?.imagePullSecrets?.length) {
    (spec as { imagePullSecrets?: { name?: string }[] }).imagePullSecrets = account.imagePullSecrets.map((s) => ({ name: s.name }));
  }
  return undefined;
}

/** podutil.VisitPodSecretNames finds any secret: pull secrets, env, envFrom, and the volumes that name one. */
function mirrorPodSecretReference(spec: PodSpec): boolean {
  if (((spec as { imagePullSecrets?: unknown[] }).imagePullSecrets ?? []).length > 0) return true;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.envFrom ?? []).some((e) => e.secretRef) || (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef)) return true;
  }
  for (const v of spec.volumes ?? []) {
    const src = v as unknown as Record<string, Record<string, unknown> | undefined>;
    if (src.secret || src.azureFile) return true;
    if (['cephfs', 'cinder', 'flexVolume', 'rbd', 'scaleIO', 'iscsi', 'storageos'].some((k) => src[k]?.secretRef)) return true;
    if (src.csi?.nodePublishSecretRef) return true;
    if (((src.projected?.sources as Record<string, unknown>[] | undefined) ?? []).some((p) => p.secret)) return true;
  }
  return false;
}

/** mountServiceAccountToken: the projected token volume, mounted where nothing else is mounted yet. */
function mountToken(spec: PodSpec, namespace: string, name: string): void {
  const volumes = spec.volumes ?? [];
  const existing = volumes.find((v) => v.name.startsWith('kube-api-access-'));
  const volumeName = existing?.name ?? tokenVolumeName(namespace, name);
  let needsVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
    (c.volumeMounts ??= []).push({ name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
    needsVolume = true;
  }
  if (!existing && needsVolume) {
    volumes.push({ name: volumeName, projected: tokenVolumeSource() });
    spec.volumes = volumes;
  }
}

export { SYSTEM_PRIORITY_CLASSES };

/**
 * Priority: resolves spec.priority and spec.preemptionPolicy from priorityClassName, or from the
 * global default class when the pod names none (0 and PreemptLowerPriority without one), and
 * refuses unknown classes and values that disagree with the class.
 */
export function admitPriority(pod: KubeObject, namespace: string, ctx: AdmissionLookups, shownName?: string): Rejection | undefined {
  const spec = pod.spec as PodSpec;
  const md = pod.metadata ?? {};
  const name = shownName ?? (md.name || md.generateName || '');
  let priority = 0;
  let policy = 'PreemptLowerPriority';
  const classes = ctx.priorityClasses?.();
  if (spec.priorityClassName) {
    const pc = classes?.find((c) => c.name === spec.priorityClassName);
    const value = pc?.value ?? ctx.priorityClassValue(spec.priorityClassName) ?? SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (value === undefined) {
      return forbiddenRejection('Pod', name, namespace, `no PriorityClass with name ${spec.priorityClassName} was found`);
    }
    priority = value;
    if (pc?.preemptionPolicy) policy = pc.preemptionPolicy;
  } else {
    // getDefaultPriority: the global default class, if any (the one with the lowest value wins).
    const defaults = (classes ?? []).filter((c) => c.globalDefault).sort((a, b) => a.value - b.value);
    if (defaults.length) {
      spec.priorityClassName = defaults[0].name;
      priority = defaults[0].value;
      policy = defaults[0].preemptionPolicy ?? policy;
    }
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    return forbiddenRejection(
      'Pod',
      name,
      namespace,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
    return forbiddenRejection(
      'Pod',
      name,
      namespace,
      `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
    );
  }
  spec.preemptionPolicy = policy as PodSpec['preemptionPolicy'];
  return undefined;
}

/** The Priority plugin's check of PriorityClasses: only one may be the global default. */
export function admitPriorityClass(pc: KubeObject, update: boolean, ctx: AdmissionLookups): Rejection | undefined {
  if ((pc as { globalDefault?: boolean }).globalDefault !== true) return undefined;
  const name = pc.metadata?.name ?? '';
  const current = (ctx.priorityClasses?.() ?? []).filter((c) => c.globalDefault).sort((a, b) => a.value - b.value)[0];
  if (!current || (update && current.name === name)) return undefined;
  return forbiddenRejection('PriorityClass', name, undefined, `PriorityClass ${current.name} is already marked as default. Only one default can exist`);
}

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const DEFAULT_TOLERATION_SECONDS = 300;

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300s unless the pod says otherwise. */
export function admitDefaultTolerationSeconds(pod: KubeObject): void {
  const spec = pod.spec as PodSpec;
  const tolerations: Toleration[] = spec.tolerations ?? [];
  const covers = (key: string) =>
    tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const add: Toleration[] = [];
  if (!covers(NOT_READY_TAINT)) {
    add.push({ key: NOT_READY_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (!covers(UNREACHABLE_TAINT)) {
    add.push({ key: UNREACHABLE_TAINT, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  if (add.length) spec.tolerations = [...tolerations, ...add];
}

/**
 * The mutating plugins for a Pod create, in the API server's order. `shownName` is the name their
 * refusals print: for a generateName pod, admission runs before the name is generated, so
 * admission.NewForbidden names the prefix (`pods "web-7d4b9c8f5-" is forbidden: ...`).
 */
export function admitPodCreate(pod: KubeObject, namespace: string, ctx: AdmissionLookups, shownName?: string): Rejection | undefined {
  const refused = admitServiceAccount(pod, namespace, ctx, shownName) ?? admitPriority(pod, namespace, ctx, shownName);
  if (refused) return refused;
  admitDefaultTolerationSeconds(pod);
  return admitRuntimeClass(pod, namespace, ctx, shownName ?? pod.metadata?.name ?? '');
}
