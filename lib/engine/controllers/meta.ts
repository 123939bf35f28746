/**
 * Object helpers the controllers share, in the words of apimachinery and pkg/controller:
 * controller references (metav1.NewControllerRef / GetControllerOf), pod readiness and
 * availability (podutil.IsPodReady / IsPodAvailable), the active-pod filter, and the semantic
 * equality the controllers use to compare templates.
 */
import type { KubeObject, Labels, ObjectReference, OwnerReference, Pod } from '../api/types';
import { parseRfc3339, SECOND } from '../core/time';

/** metav1.NewControllerRef: what a controller stamps on everything it creates or adopts. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** metav1.GetControllerOf: the owner reference marked controller, if any. */
export function controllerOf(obj: KubeObject | Pod): OwnerReference | undefined {
  for (const ref of obj.metadata?.ownerReferences ?? []) if (ref.controller === true) return ref;
  return undefined;
}

/** The event's involvedObject for an object (kind, namespace, name, uid, apiVersion). */
export function objectRef(obj: KubeObject, kind: string, apiVersion: string): ObjectReference {
  const md = obj.metadata!;
  const ref: ObjectReference = { kind, name: md.name! };
  if (md.namespace) ref.namespace = md.namespace;
  if (md.uid) ref.uid = md.uid;
  ref.apiVersion = apiVersion;
  return ref;
}

export function podReadyCondition(pod: Pod) {
  const conds = pod.status?.conditions;
  if (!conds) return undefined;
  for (let i = 0; i < conds.length; i++) if (conds[i].type === 'Ready') return conds[i];
  return undefined;
}

const parsed = new Map<string, number | undefined>();

/** parseRfc3339, remembered: the same few timestamps are read over and over by every sync. */
export function parseTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let v = parsed.get(text);
  if (v === undefined && !parsed.has(text)) {
    v = parseRfc3339(text);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(text, v);
  }
  return v;
}

/** podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/**
 * podutil.IsPodAvailable: ready, and ready for longer than minReadySeconds. The Ready condition's
 * transition time has whole-second precision, as it does after an API round trip; the comparison
 * is strict ("Before").
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = podReadyCondition(pod);
  if (!c || c.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = parseTime(c.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * SECOND < nowMs;
}

/** controller.IsPodActive: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** A copy of a string map with its keys in Go's JSON order (sorted), as the API server returns maps. */
export function sortedMap(m: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!m) return out;
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

/** labels.Set(template).AsSelector().Matches(labels): every pair present. */
export function labelsContain(have: Labels | undefined, want: Labels | undefined): boolean {
  if (!want) return true;
  for (const k in want) if (!have || have[k] !== want[k]) return false;
  return true;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const k in v as object) if (!isEmpty((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}

/**
 * apiequality.Semantic.DeepEqual over JSON: a missing field, a nil and an empty map or list are the
 * same, as they are once the API server has decoded them.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) if (!semanticEqual(ao[k], bo[k])) return false;
  for (const k in bo) if (!(k in ao) && !isEmpty(bo[k])) return false;
  return true;
}

/** JSON with sorted keys and without undefined fields: a stable text of an object. */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJSON(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(o).sort()) {
    if (o[k] === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJSON(o[k])}`);
  }
  return `{${parts.join(',')}}`;
}

// Controllers copy templates, never share them: one deep copy of JSON data for the whole engine.
export { deepCopy } from '../core/bootstrap';

/** creationTimestamp in ms (0 when missing, which sorts first like Go's zero time). */
export function createdAt(obj: KubeObject | Pod): number {
  return parseTime(obj.metadata?.creationTimestamp) ?? 0;
}

/** controller.ReplicaSetsByCreationTimestamp and friends: older first, then by name. */
export function byCreationTimestamp(a: KubeObject, b: KubeObject): number {
  const d = createdAt(a) - createdAt(b);
  if (d !== 0) return d;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
