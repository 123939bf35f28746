/**
 * kubectl apply of one document, end to end: kubectl's own checks (kind known, name given), then
 * the API server's create or patch handler: strict decoding, defaulting, mutating admission, the
 * registry strategy (PrepareForCreate/Update, Validate) and validating admission. Nothing is
 * stored here; the caller stores the object it gets back.
 */
import type { KubeObject, ObjectMeta, Pod, PodSpec } from '../api/types';
import { applyAppArmorVersionSkew } from './apparmor';
import { admitDefaultTolerationSeconds, admitNamespace, admitPodCreate, admitPriorityClass, nameSuffix, type PriorityClassInfo } from './admission';
import { decodeStrict } from './decode';
import { applyDefaults } from './defaults';
import { clone, deepEqual, goJSON, isPlainObject } from './json';
import { threeWayMerge } from './merge';
import { podQOSClass } from './qos';
import { KINDS } from './schema';
import { decodeRejection, invalidRejection, kubectlRejection, type Rejection, SOURCE } from './status';
import { validateCreate, validateUpdate } from './validation';
import { validateRuntimeClassOverhead } from './runtimeclass';
import { applyMatchLabelKeys } from './labelkeys';
import { dropDisabledPodSpecFields } from './dropdisabled';
import { allocateService, beginServiceCreate, beginServiceUpdate, dropTypeDependentFields } from './service-registry';

export interface AdmissionContext {
  namespaceExists(ns: string): boolean;
  serviceAccountExists(ns: string, name: string): boolean;
  /** Built-in classes may be left out: system-node-critical and system-cluster-critical are known here. */
  priorityClassValue(name: string): number | undefined;
  /** Optional: the stored PriorityClasses (preemption policies, the global default). */
  priorityClasses?(): PriorityClassInfo[];
  /** The stored object, if any. */
  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Optional: a name for generateName (the store's own generator); otherwise one derived from the prefix. */
  generateName?(kind: string, namespace: string | undefined, prefix: string): string;
  /** Optional: whether a Service cluster IP or node port is taken, so allocation can skip it. */
  clusterIPInUse?(ip: string): boolean;
  nodePortInUse?(port: number): boolean;
}

export type PrepareResult = { ok: true; object: KubeObject; unchanged: boolean } | { ok: false; rejection: Rejection };

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = Record<string, unknown>;

const fail = (rejection: Rejection): PrepareResult => ({ ok: false, rejection });

/** kubectl's schema check: both apiVersion and kind must be set. */
function typeMetaErrors(raw: Obj): string[] {
  const errs: string[] = [];
  if (typeof raw.apiVersion !== 'string' || raw.apiVersion === '') errs.push('apiVersion not set');
  if (typeof raw.kind !== 'string' || raw.kind === '') errs.push('kind not set');
  return errs;
}

function restMapping(kind: string): string {
  const info = KINDS[kind];
  const [group, version] = info.apiVersion.includes('/') ? info.apiVersion.split('/') : ['', info.apiVersion];
  const resource = kind.toLowerCase() + 's';
  return `Resource: "${group}/${version}, Resource=${resource}", GroupVersionKind: "${group}/${version}, Kind=${kind}"`;
}

/** The checks kubectl makes before it talks to the server; a Rejection if it would stop there. */
function kubectlChecks(raw: unknown): Rejection | { kind: string; name: string; namespace?: string } {
  if (!isPlainObject(raw)) {
    return kubectlRejection('', '', undefined, 'BadRequest', `error validating "${SOURCE}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false`);
  }
  const md = (isPlainObject(raw.metadata) ? raw.metadata : {}) as ObjectMeta;
  const name = typeof md.name === 'string' ? md.name : '';
  const errs = typeMetaErrors(raw);
  if (errs.length) {
    const what = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    return kubectlRejection(
      typeof raw.kind === 'string' ? raw.kind : '',
      name,
      undefined,
      'BadRequest',
      `error validating "${SOURCE}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  const kind = raw.kind as string;
  const apiVersion = raw.apiVersion as string;
  const info = KINDS[kind];
  if (!info || info.apiVersion !== apiVersion) {
    return kubectlRejection(
      kind,
      name,
      md.namespace,
      'NotFound',
      `resource mapping not found for name: "${name}" namespace: "${md.namespace ?? ''}" from "${SOURCE}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
    );
  }
  const namespace = info.namespaced ? md.namespace || 'default' : undefined;
  if (!name) {
    if (md.generateName) return kubectlRejection(kind, md.generateName, namespace, 'BadRequest', `from ${md.generateName}: cannot use generate name with apply`);
    return kubectlRejection(
      kind,
      '',
      namespace,
      'BadRequest',
      `error when retrieving current configuration of:\n${restMapping(kind)}\nName: "", Namespace: "${namespace ?? ''}"\nfrom server for: "${SOURCE}": resource name may not be empty`,
    );
  }
  return { kind, name, namespace };
}

/**
 * The object kubectl sends: the manifest with its namespace filled in and the
 * last-applied-configuration annotation holding the manifest itself (with `annotations: {}` when it
 * had none, as kubectl writes it).
 */
function withLastApplied(raw: Obj, namespace: string | undefined): Obj {
  const obj = clone(raw);
  const md = (obj.metadata = isPlainObject(obj.metadata) ? obj.metadata : {}) as Obj;
  if (namespace !== undefined) md.namespace = namespace;
  const annotations = (isPlainObject(md.annotations) ? { ...md.annotations } : {}) as Record<string, string>;
  delete annotations[LAST_APPLIED];
  md.annotations = annotations;
  const applied = goJSON(obj) + '\n';
  md.annotations = { ...annotations, [LAST_APPLIED]: applied };
  return obj;
}

function versionOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
}

// ---- registry strategies --------------------------------------------------------------------

const WITH_GENERATION = new Set(['Pod', 'Deployment', 'ReplicaSet']);

/** Fields the API server owns: what a manifest says about them is ignored (the store stamps them). */
const SYSTEM_FIELDS = ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'managedFields', 'selfLink'] as const;

/** DropDisabledPodFields / DropDisabledTemplateFields, as the pod, deployment and replica set strategies call them. */
function dropDisabledFields(obj: KubeObject, old: KubeObject | undefined): void {
  if (obj.kind === 'Pod') dropDisabledPodSpecFields(obj.spec as PodSpec | undefined, old?.spec as PodSpec | undefined);
  else if (obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') {
    const template = (o: KubeObject | undefined) => (o?.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec;
    dropDisabledPodSpecFields(template(obj), template(old));
  }
}

/** PrepareForCreate: the status a new object starts with, and its generation. */
function prepareForCreate(obj: KubeObject): void {
  const md = obj.metadata!;
  for (const f of SYSTEM_FIELDS) delete md[f as keyof ObjectMeta];
  if (!KINDS[obj.kind!]?.namespaced) delete md.namespace;
  if (WITH_GENERATION.has(obj.kind!)) md.generation = 1;
  dropDisabledFields(obj, undefined);
  switch (obj.kind) {
    case 'Pod':
      applyMatchLabelKeys((obj as unknown as Pod).spec, md.labels);
      applyAppArmorVersionSkew(obj as unknown as Pod);
      obj.status = { phase: 'Pending', qosClass: podQOSClass((obj as unknown as Pod).spec) };
      break;
    case 'Deployment':
      obj.status = {};
      break;
    case 'ReplicaSet':
      obj.status = { replicas: 0 };
      break;
    case 'Service':
      obj.status = { loadBalancer: {} };
      break;
    case 'Namespace':
      {
        // namespaceStrategy.PrepareForCreate: the given finalizers stay, and `kubernetes` is required.
        const given = ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).slice();
        if (!given.includes('kubernetes')) given.push('kubernetes');
        obj.spec = { finalizers: given };
      }
      obj.status = { phase: 'Active' };
      break;
  }
}

/** PrepareForUpdate: status is not the manifest's to change; spec changes bump the generation. */
function prepareForUpdate(obj: KubeObject, old: KubeObject): void {
  if (obj.kind !== 'Node' && old.status !== undefined) obj.status = clone(old.status);
  if (obj.kind === 'Namespace') obj.spec = clone(old.spec);
  if (obj.kind === 'Service') dropTypeDependentFields(obj.spec as Obj, old.spec as Obj);
  dropDisabledFields(obj, old);
  if (!WITH_GENERATION.has(obj.kind!)) return;
  const md = obj.metadata!;
  const bump =
    !deepEqual(obj.spec, old.spec) || (obj.kind === 'Deployment' && !deepEqual(md.annotations, old.metadata?.annotations));
  md.generation = (old.metadata?.generation ?? 1) + (bump ? 1 : 0);
}

/** names.SimpleNameGenerator: the prefix is cut to 63 - 5 characters before the random suffix. */
export const MAX_GENERATED_NAME_PREFIX = 58;

function generatedName(kind: string, namespace: string | undefined, generateName: string, ctx: AdmissionContext): string {
  const prefix = generateName.slice(0, MAX_GENERATED_NAME_PREFIX);
  if (ctx.generateName) return ctx.generateName(kind, namespace, prefix);
  for (let i = 0; ; i++) {
    const name = prefix + nameSuffix(`${namespace ?? ''}/${prefix}/${i}`);
    if (!ctx.get(kind, namespace, name)) return name;
  }
}

/** The create half shared by apply and by server-side creates (controllers). */
function create(obj: KubeObject, namespace: string | undefined, ctx: AdmissionContext): PrepareResult {
  const kind = obj.kind!;
  const md = (obj.metadata ??= {});
  applyDefaults(obj);
  if (namespace !== undefined) {
    const refused = admitNamespace(kind, md.name || md.generateName || '', namespace, ctx);
    if (refused) return fail(refused);
  }
  if (kind === 'Pod') {
    // Admission runs before the name is generated, and its refusals name the generateName prefix.
    // kubesim draws the name first all the same: the token volume's suffix is derived from it
    // (the API server would draw both at random).
    const shownName = md.name || md.generateName || '';
    if (!md.name && md.generateName) md.name = generatedName(kind, namespace, md.generateName, ctx);
    const refused = admitPodCreate(obj, namespace!, ctx, shownName);
    if (refused) return fail(refused);
  }
  if (!md.name && md.generateName) md.name = generatedName(kind, namespace, md.generateName, ctx);
  if (kind === 'Service') {
    // The service storage's BeginCreate runs before the strategy's checks: cluster IPs and
    // requested node ports are claimed (or refused) first.
    const refused = beginServiceCreate(obj, ctx);
    if (refused.length) return fail(invalidRejection(kind, md.name ?? '', namespace, refused));
  }
  prepareForCreate(obj);
  const errs = validateCreate(obj);
  if (errs.length) return fail(invalidRejection(kind, md.name ?? '', namespace, errs));
  if (kind === 'Pod') {
    // RuntimeClass's validating half runs after the object's own validation, with the final name.
    const refused = validateRuntimeClassOverhead(obj, namespace!, ctx, md.name ?? '');
    if (refused) return fail(refused);
  }
  if (kind === 'PriorityClass') {
    // The Priority plugin's validating half runs after the object's own validation.
    const refused = admitPriorityClass(obj, false, ctx);
    if (refused) return fail(refused);
  }
  if (kind === 'Service') allocateService(obj, ctx);
  return { ok: true, object: obj, unchanged: false };
}

/**
 * kubectl's resource builder flattens a List document (`kind: List`, as `kubectl get -o yaml`
 * prints several objects) into its items, which are then applied one by one.
 */
export function flattenListDocument(raw: unknown): unknown[] {
  if (!isPlainObject(raw) || typeof raw.kind !== 'string' || !raw.kind.endsWith('List') || !Array.isArray(raw.items)) return [raw];
  return raw.items.flatMap((item) => flattenListDocument(item));
}

/** kubectl apply of one YAML document (already parsed). */
export function prepareApply(raw: unknown, ctx: AdmissionContext): PrepareResult {
  const checked = kubectlChecks(raw);
  if ('reason' in checked) return fail(checked);
  const { kind, name, namespace } = checked;
  const sent = withLastApplied(raw as Obj, namespace);
  const decoded = decodeStrict(kind, sent);
  if (!decoded.ok) return fail(decodeRejection(kind, versionOf(KINDS[kind].apiVersion), name, namespace, decoded.error));
  const live = ctx.get(kind, namespace, name);
  if (!live) return create(decoded.value as KubeObject, namespace, ctx);

  const lastApplied = live.metadata?.annotations?.[LAST_APPLIED];
  let original: Obj | undefined;
  if (lastApplied) {
    try {
      const parsed = JSON.parse(lastApplied);
      const dec = isPlainObject(parsed) ? decodeStrict(kind, parsed) : undefined;
      original = dec?.ok ? dec.value : undefined;
    } catch {
      original = undefined;
    }
  }
  const merged = threeWayMerge(kind, original, decoded.value, live as Obj) as KubeObject;
  const md = (merged.metadata ??= {}) as Obj;
  const liveMd = (live.metadata ?? {}) as Obj;
  for (const f of SYSTEM_FIELDS) {
    if (liveMd[f] === undefined) delete md[f];
    else md[f] = liveMd[f];
  }
  applyDefaults(merged);
  if (deepEqual(merged, live)) return { ok: true, object: live, unchanged: true };
  if (kind === 'Service') {
    const refused = beginServiceUpdate(merged, live, ctx);
    if (refused.length) return fail(invalidRejection(kind, name, namespace, refused));
  }
  prepareForUpdate(merged, live);
  if (kind === 'Pod') admitPodUpdate(merged, live);
  const errs = validateUpdate(merged, live);
  if (errs.length) return fail(invalidRejection(kind, name, namespace, errs));
  if (kind === 'PriorityClass') {
    const refused = admitPriorityClass(merged, true, ctx);
    if (refused) return fail(refused);
  }
  if (kind === 'Service') allocateService(merged, ctx);
  return { ok: true, object: merged, unchanged: deepEqual(merged, live) };
}

/**
 * The mutating plugins that also handle a Pod update: Priority keeps the resolved priority when the
 * update leaves it out, and DefaultTolerationSeconds puts back its tolerations (an applied
 * `tolerations` list replaces the stored one whole, admission-added entries included).
 */
function admitPodUpdate(pod: KubeObject, old: KubeObject): void {
  const spec = pod.spec as PodSpec;
  const prev = old.spec as PodSpec;
  if (spec.priority === undefined && prev.priority !== undefined) spec.priority = prev.priority;
  if (spec.preemptionPolicy === undefined && prev.preemptionPolicy !== undefined) spec.preemptionPolicy = prev.preemptionPolicy;
  admitDefaultTolerationSeconds(pod);
}

/**
 * A create through the API (a controller's, or a static pod's mirror): no kubectl checks, no
 * last-applied annotation; generateName is honoured. The object is cloned, not changed.
 */
export function prepareCreate(obj: KubeObject, ctx: AdmissionContext): PrepareResult {
  const kind = obj.kind ?? '';
  const info = KINDS[kind];
  const md = obj.metadata ?? {};
  const name = md.name || md.generateName || '';
  if (!info) {
    return fail(kubectlRejection(kind, name, md.namespace, 'NotFound', `no matches for kind "${kind}" in version "${obj.apiVersion ?? ''}"`));
  }
  const namespace = info.namespaced ? md.namespace || 'default' : undefined;
  const decoded = decodeStrict(kind, { ...(obj as Obj), apiVersion: info.apiVersion, kind });
  if (!decoded.ok) return fail(decodeRejection(kind, versionOf(info.apiVersion), name, namespace, decoded.error));
  const value = decoded.value as KubeObject;
  if (namespace !== undefined) (value.metadata ??= {}).namespace = namespace;
  return create(value, namespace, ctx);
}
