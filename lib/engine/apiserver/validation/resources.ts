/**
 * Compute resource names and quantities (validateResourceRequirements and the resource-name
 * helpers of pkg/apis/core/helper). Quantities arrive canonical: defaulting has already rounded
 * them as the API server stores them, so the strings below are what Quantity.String() prints.
 */
import type { ResourceList, ResourceRequirements } from '../../api/types';
import { quantityNanos } from '../nanos';
import { type ErrorList, forbidden, invalid, IS_NEGATIVE, notSupported, required } from './field';
import { aggregateContainerRequests, amountText, SUPPORTED_POD_LEVEL_RESOURCES } from '../podresources';
import type { PodSpec } from '../../api/types';
import { isQualifiedName } from './names';
import { marshalled } from './gomarshal';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
  'storage',
]);

const INTEGER_RESOURCES = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** Native resources are unprefixed or live under kubernetes.io. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName('requests.' + name).length === 0;
}

/** Overcommit (requests below limits) is allowed for native resources other than hugepages. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

function isIntegerResourceName(name: string): boolean {
  return INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
}

function isStandardResourceName(name: string): boolean {
  return STANDARD_RESOURCES.has(name) || isHugePageResourceName(name) || name.startsWith('requests.hugepages-');
}

/** validateResourceName + validateContainerResourceName. */
export function validateContainerResourceName(name: string, field: string, errs: ErrorList): void {
  const start = errs.length;
  for (const msg of isQualifiedName(name)) errs.push(invalid(field, name, msg));
  const unprefixed = !name.includes('/');
  if (errs.length === start && unprefixed && !isStandardResourceName(name)) {
    errs.push(invalid(field, name, 'must be a standard resource type or fully qualified'));
  }
  if (unprefixed) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      errs.push(invalid(field, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(field, name, "doesn't follow extended resource name standard"));
  }
}

/** ValidateResourceQuantityValue: not negative, and whole for integer resources. */
export function validateResourceQuantityValue(name: string, quantity: string, field: string, errs: ErrorList): void {
  const nanos = quantityNanos(quantity);
  if (nanos < 0n) errs.push(invalid(field, quantity, IS_NEGATIVE));
  if (isIntegerResourceName(name) && nanos % 1_000_000_000n !== 0n) {
    // The Quantity itself is the bad value: its MarshalJSON writes the canonical form, quoted.
    errs.push(invalid(field, marshalled(quantity), 'must be an integer'));
  }
}

/**
 * validateResourceQuantityHugePageValue: a hugepages amount must be a whole number of pages
 * (the page size is the resource name's suffix: hugepages-2Mi).
 */
function validateHugePageValue(name: string, quantity: string, field: string, errs: ErrorList): void {
  if (!isHugePageResourceName(name)) return;
  const size = name.slice('hugepages-'.length);
  let divisible = false;
  try {
    const page = quantityNanos(size);
    divisible = page > 0n && page % 1_000_000_000n === 0n && quantityNanos(quantity) % page === 0n;
  } catch {
    divisible = false;
  }
  if (!divisible) errs.push(invalid(field, quantity, `${quantity} is not positive integer multiple of ${name}`));
}

function cmpQuantity(a: string, b: string): number {
  const x = quantityNanos(a);
  const y = quantityNanos(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function hasCpuOrMemory(list: ResourceList | undefined): boolean {
  return !!list && ('cpu' in list || 'memory' in list);
}

function hasHugePages(list: ResourceList | undefined): boolean {
  return !!list && Object.keys(list).some(isHugePageResourceName);
}

/** validateResourceName: a qualified name, and a standard one when it has no prefix. */
function validateResourceName(name: string, field: string, errs: ErrorList): boolean {
  const start = errs.length;
  for (const msg of isQualifiedName(name)) errs.push(invalid(field, name, msg));
  if (errs.length === start && !name.includes('/') && !isStandardResourceName(name)) {
    errs.push(invalid(field, name, 'must be a standard resource type or fully qualified'));
  }
  return errs.length === start;
}

/** validatePodResourceName: pod-level resources are cpu and memory only. */
function validatePodResourceName(name: string, field: string, errs: ErrorList): void {
  if (!validateResourceName(name, field, errs)) return;
  if (!SUPPORTED_POD_LEVEL_RESOURCES.includes(name)) errs.push(notSupported(field, name, SUPPORTED_POD_LEVEL_RESOURCES));
}

/** ValidateContainerResourceRequirements (claims are not modelled). */
export function validateResourceRequirements(req: ResourceRequirements | undefined, field: string, errs: ErrorList, podLevel = false): void {
  const limits = req?.limits;
  const requests = req?.requests;
  const limPath = `${field}.limits`;
  const reqPath = `${field}.requests`;
  if (limits) {
    for (const name of Object.keys(limits)) {
      const p = `${limPath}[${name}]`;
      if (podLevel) validatePodResourceName(name, p, errs);
      else validateContainerResourceName(name, p, errs);
      validateResourceQuantityValue(name, limits[name], p, errs);
      validateHugePageValue(name, limits[name], p, errs);
    }
  }
  if (requests) {
    for (const name of Object.keys(requests)) {
      const p = `${reqPath}[${name}]`;
      const quantity = requests[name];
      if (podLevel) validatePodResourceName(name, p, errs);
      else validateContainerResourceName(name, p, errs);
      validateResourceQuantityValue(name, quantity, p, errs);
      const limit = limits?.[name];
      if (limit !== undefined) {
        const c = cmpQuantity(quantity, limit);
        if (c !== 0 && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, quantity, `must be equal to ${name} limit of ${limit}`));
        } else if (c > 0) {
          errs.push(invalid(reqPath, quantity, `must be less than or equal to ${name} limit of ${limit}`));
        }
      } else if (!isOvercommitAllowed(name)) {
        errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
      }
      validateHugePageValue(name, quantity, p, errs);
    }
  }
  if (!hasCpuOrMemory(limits) && !hasCpuOrMemory(requests) && (hasHugePages(limits) || hasHugePages(requests))) {
    errs.push(forbidden(field, 'HugePages require cpu or memory'));
  }
}

/**
 * validatePodResources: spec.resources is checked like a container's (with pod-level names), then
 * against the containers: the pod requests cover their aggregate, no container limit passes the pod's.
 */
export function validatePodResources(spec: PodSpec, field: string, errs: ErrorList): void {
  const res = (spec as { resources?: ResourceRequirements }).resources;
  if (!res) return;
  validateResourceRequirements(res, field, errs, true);
  for (const [name, ctr] of aggregateContainerRequests(spec)) {
    // validatePodResourceConsistency skips a resource the pod-level requests do not name.
    const podReq = res.requests?.[name];
    if (podReq === undefined) continue;
    if (ctr.nanos > quantityNanos(podReq)) {
      errs.push(invalid(`${field}.requests[${name}]`, podReq, `must be greater than or equal to aggregate container requests of ${amountText(ctr)}`));
    }
  }
  spec.containers?.forEach((c, i) => {
    for (const [name, limit] of Object.entries(c.resources?.limits ?? {})) {
      const podLimit = res.limits?.[name];
      if (podLimit === undefined) continue;
      if (quantityNanos(limit) > quantityNanos(podLimit)) {
        errs.push(invalid(`${field}.containers[${i}][${name}].limits`, limit, `must be less than or equal to pod limits of ${podLimit}`));
      }
    }
  });
}
