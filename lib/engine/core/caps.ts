/**
 * kubesim's own caps on what one document may ask of it. Kubernetes has no limit on a pod's
 * container count (only on a request's size), but every status write of a pod walks its
 * containers, so a pod with thousands of them would take minutes to simulate: kubesim refuses
 * such a document with a message that says it is kubesim's limit, not the API server's.
 */
import type { Rejection } from '../apiserver/status';

export const MAX_CONTAINERS_PER_POD = 100;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const count = (spec: Obj, field: string) => (Array.isArray(spec[field]) ? (spec[field] as unknown[]).length : 0);

/** The pod spec a document carries: a Pod's own, or a workload's template. */
function podSpecOf(doc: Obj): Obj | undefined {
  const spec = doc.spec;
  if (!isObj(spec)) return undefined;
  if (doc.kind === 'Pod') return spec;
  const template = spec.template;
  return isObj(template) && isObj(template.spec) ? template.spec : undefined;
}

/** A refusal when the document's pod (or pod template) holds more containers than kubesim simulates. */
export function containerCapRejection(raw: unknown): Rejection | undefined {
  if (!isObj(raw)) return undefined;
  const spec = podSpecOf(raw);
  if (!spec) return undefined;
  const total = count(spec, 'containers') + count(spec, 'initContainers') + count(spec, 'ephemeralContainers');
  if (total <= MAX_CONTAINERS_PER_POD) return undefined;
  const md = isObj(raw.metadata) ? raw.metadata : {};
  const kind = typeof raw.kind === 'string' ? raw.kind : '';
  const name = typeof md.name === 'string' ? md.name : '';
  return {
    kind,
    name,
    ...(typeof md.namespace === 'string' ? { namespace: md.namespace } : {}),
    reason: 'RequestEntityTooLarge',
    message: `kubesim simulates at most ${MAX_CONTAINERS_PER_POD} containers in one pod; this ${kind || 'object'} has ${total}`,
  };
}
