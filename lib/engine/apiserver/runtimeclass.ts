/**
 * The RuntimeClass admission plugin (plugin/pkg/admission/runtimeclass/admission.go), on Pod
 * creates. Its mutating half looks the pod's RuntimeClass up (refusing a name that does not exist)
 * and copies the class's pod overhead into spec.overhead; its validating half, which runs after the
 * pod's own validation, refuses a spec.overhead that no RuntimeClass defined.
 *
 * kubesim serves no RuntimeClass objects, so a lookup finds one only where the context offers it.
 */
import type { KubeObject, PodSpec, ResourceList } from '../api/types';
import type { AdmissionLookups } from './admission';
import { deepEqual } from './json';
import { forbiddenRejection, type Rejection } from './status';

interface RuntimeClassLike extends KubeObject {
  overhead?: { podFixed?: ResourceList };
}

type Lookup = Pick<AdmissionLookups, 'get'>;

function runtimeClassOf(spec: PodSpec & { runtimeClassName?: string }, ctx: Lookup): RuntimeClassLike | undefined {
  return spec.runtimeClassName ? (ctx.get?.('RuntimeClass', undefined, spec.runtimeClassName) as RuntimeClassLike | undefined) : undefined;
}

const OVERHEAD_MISMATCH = "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";

/** Admit: prepareObjects (the class must exist) and setOverhead. */
export function admitRuntimeClass(pod: KubeObject, namespace: string, ctx: Lookup, shownName: string): Rejection | undefined {
  const spec = pod.spec as PodSpec & { runtimeClassName?: string; overhead?: ResourceList };
  if (spec.runtimeClassName === undefined) return undefined;
  const rc = runtimeClassOf(spec, ctx);
  if (!rc) return forbiddenRejection('Pod', shownName, namespace, `pod rejected: RuntimeClass "${spec.runtimeClassName}" not found`);
  const fixed = rc.overhead?.podFixed;
  if (!fixed) return undefined;
  if (spec.overhead && Object.keys(spec.overhead).length > 0 && !deepEqual(spec.overhead, fixed)) {
    return forbiddenRejection('Pod', shownName, namespace, OVERHEAD_MISMATCH);
  }
  spec.overhead = { ...fixed };
  return undefined;
}

/** Validate: validateOverhead, after the object's own validation. */
export function validateRuntimeClassOverhead(pod: KubeObject, namespace: string, ctx: Lookup, shownName: string): Rejection | undefined {
  const spec = pod.spec as PodSpec & { runtimeClassName?: string; overhead?: ResourceList };
  const fixed = runtimeClassOf(spec, ctx)?.overhead?.podFixed;
  if (fixed) return deepEqual(fixed, spec.overhead) ? undefined : forbiddenRejection('Pod', shownName, namespace, OVERHEAD_MISMATCH);
  if (spec.overhead !== undefined) {
    return forbiddenRejection('Pod', shownName, namespace, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  }
  return undefined;
}
