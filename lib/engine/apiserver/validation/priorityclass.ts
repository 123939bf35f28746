/**
 * scheduling.k8s.io/v1 PriorityClass (pkg/apis/scheduling/validation ValidatePriorityClass and
 * ValidatePriorityClassUpdate).
 */
import type { KubeObject, ObjectMeta } from '../../api/types';
import { type ErrorList, forbidden, IMMUTABLE, invalid, notSupported, required } from './field';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { nameIsDNSSubdomain } from './names';

/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;

/** The classes every cluster has: a class named with the system- prefix must be one of these. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

interface PriorityClass {
  metadata: ObjectMeta;
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** IsKnownSystemPriorityClass: the error text, or undefined for a known class. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_PRIORITY_CLASSES[name];
  if (known === undefined) return `${name} is not a known system priority class`;
  if (known !== value) return `value of ${name} PriorityClass must be ${known}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

/** ValidatePreemptionPolicy. */
export function validatePreemptionPolicy(policy: string, field: string, errs: ErrorList): void {
  if (policy === '') errs.push(required(field));
  else if (policy !== 'PreemptLowerPriority' && policy !== 'Never') errs.push(notSupported(field, policy, ['PreemptLowerPriority', 'Never']));
}

export function validatePriorityClass(obj: KubeObject, errs: ErrorList): void {
  const pc = obj as unknown as PriorityClass;
  validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain, 'metadata', errs);
  const name = pc.metadata.name ?? '';
  const value = pc.value ?? 0;
  if (name.startsWith('system-')) {
    const err = systemClassError(name, value, pc.globalDefault === true);
    if (err) errs.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`));
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined) validatePreemptionPolicy(pc.preemptionPolicy, 'preemptionPolicy', errs);
}

export function validatePriorityClassUpdate(obj: KubeObject, old: KubeObject, errs: ErrorList): void {
  const pc = obj as unknown as PriorityClass;
  const prev = old as unknown as PriorityClass;
  validateObjectMetaUpdate(pc.metadata, prev.metadata, 'metadata', errs);
  if ((pc.value ?? 0) !== (prev.value ?? 0)) errs.push(forbidden('value', 'may not be changed in an update.'));
  if (pc.preemptionPolicy !== prev.preemptionPolicy) errs.push(invalid('preemptionPolicy', pc.preemptionPolicy ?? null, IMMUTABLE));
}
