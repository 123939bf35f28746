/**
 * The Pod annotations the API server still validates: the deprecated seccomp and AppArmor ones
 * (ValidateSeccompPodAnnotations, ValidateAppArmorPodAnnotations), their agreement with the
 * securityContext fields on create (validateSeccompAnnotationsAndFields,
 * validateAppArmorAnnotationsAndFieldsMatchOnCreate) and the rules for changing them on update
 * (ValidatePodSpecificAnnotationUpdates).
 */
import type { Container, PodSpec } from '../../api/types';
import { type ErrorList, forbidden, invalid } from './field';
import { validateLocalDescendingPath } from './volumes';

export const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
export const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const MIRROR = 'kubernetes.io/config.mirror';

interface Profile {
  type?: string;
  localhostProfile?: string;
}

type WithSecurity = Container & { securityContext?: { appArmorProfile?: Profile; seccompProfile?: Profile } };

/** podshelper.VisitContainersWithPath: init containers, then containers (ephemeral ones are not created here). */
function visitContainers(spec: PodSpec, specPath: string, fn: (c: WithSecurity, path: string) => void): void {
  spec.initContainers?.forEach((c, i) => fn(c as WithSecurity, `${specPath}.initContainers[${i}]`));
  spec.containers?.forEach((c, i) => fn(c as WithSecurity, `${specPath}.containers[${i}]`));
}

function hasContainer(spec: PodSpec, name: string): boolean {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some((c) => c.name === name);
}

/** ValidateSeccompProfile for an annotation value. */
function validateSeccompAnnotationValue(p: string, field: string, errs: ErrorList): void {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return;
  if (p.startsWith('localhost/')) validateLocalDescendingPath(p.slice('localhost/'.length), field, errs);
  else errs.push(invalid(field, p, 'must be a valid seccomp profile'));
}

/** The seccomp and AppArmor parts of ValidatePodSpecificAnnotations. `field` is the annotations' path. */
export function validateSecurityAnnotations(annotations: Record<string, string>, spec: PodSpec, field: string, errs: ErrorList): void {
  // Upstream names these with Child (a dot), not Key (brackets).
  if (SECCOMP_POD in annotations) validateSeccompAnnotationValue(annotations[SECCOMP_POD], `${field}.${SECCOMP_POD}`, errs);
  for (const [k, v] of Object.entries(annotations)) {
    if (k.startsWith(SECCOMP_CONTAINER_PREFIX)) validateSeccompAnnotationValue(v, `${field}.${k}`, errs);
  }
  for (const [k, v] of Object.entries(annotations)) {
    if (!k.startsWith(APPARMOR_PREFIX)) continue;
    const name = k.slice(APPARMOR_PREFIX.length);
    if (!hasContainer(spec, name)) errs.push(invalid(`${field}[${k}]`, name, 'container not found'));
    if (v !== '' && v !== 'runtime/default' && v !== 'unconfined' && !v.startsWith('localhost/')) {
      errs.push(invalid(`${field}[${k}]`, v, `invalid AppArmor profile name: "${v}"`));
    }
  }
}

function seccompMismatch(annotation: string, profile: Profile, path: string, errs: ErrorList): void {
  switch (profile.type) {
    case 'Unconfined':
      if (annotation !== 'unconfined') errs.push(forbidden(`${path}.type`, 'seccomp type in annotation and field must match'));
      break;
    case 'RuntimeDefault':
      if (annotation !== 'runtime/default' && annotation !== 'docker/default') {
        errs.push(forbidden(`${path}.type`, 'seccomp type in annotation and field must match'));
      }
      break;
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) errs.push(forbidden(`${path}.type`, 'seccomp type in annotation and field must match'));
      else if (profile.localhostProfile === undefined || annotation.slice('localhost/'.length) !== profile.localhostProfile) {
        errs.push(forbidden(`${path}.localhostProfile`, 'seccomp profile in annotation and field must match'));
      }
  }
}

/** validateSeccompAnnotationsAndFields + validateAppArmorAnnotationsAndFieldsMatchOnCreate. */
export function validateSecurityAnnotationsMatchFields(annotations: Record<string, string> | undefined, spec: PodSpec, specPath: string, errs: ErrorList): void {
  const ann = annotations ?? {};
  const podSC = spec.securityContext as { seccompProfile?: Profile; appArmorProfile?: Profile } | undefined;
  if (podSC?.seccompProfile && SECCOMP_POD in ann) seccompMismatch(ann[SECCOMP_POD], podSC.seccompProfile, `${specPath}.securityContext.seccompProfile`, errs);
  visitContainers(spec, specPath, (c, path) => {
    const sp = c.securityContext?.seccompProfile;
    const key = SECCOMP_CONTAINER_PREFIX + c.name;
    if (sp && key in ann) seccompMismatch(ann[key], sp, `${path}.securityContext.seccompProfile`, errs);
  });
  if ((spec as { os?: { name?: string } }).os?.name === 'windows') return;
  visitContainers(spec, specPath, (c, path) => {
    const profile = c.securityContext?.appArmorProfile ?? podSC?.appArmorProfile;
    const key = APPARMOR_PREFIX + c.name;
    if (!profile || !(key in ann)) return;
    const annotation = ann[key];
    const p = `${path}.securityContext.appArmorProfile`;
    switch (profile.type) {
      case 'Unconfined':
        if (annotation !== 'unconfined') errs.push(forbidden(`${p}.type`, 'apparmor type in annotation and field must match'));
        break;
      case 'RuntimeDefault':
        if (annotation !== 'runtime/default') errs.push(forbidden(`${p}.type`, 'apparmor type in annotation and field must match'));
        break;
      case 'Localhost':
        if (!annotation.startsWith('localhost/')) errs.push(forbidden(`${p}.type`, 'apparmor type in annotation and field must match'));
        else if (profile.localhostProfile === undefined || annotation.slice('localhost/'.length) !== profile.localhostProfile) {
          errs.push(forbidden(`${p}.localhostProfile`, 'apparmor profile in annotation and field must match'));
        }
    }
  });
}

/** ValidatePodSpecificAnnotationUpdates (before the annotations themselves are validated again). */
export function validatePodAnnotationUpdates(next: Record<string, string> | undefined, prev: Record<string, string> | undefined, field: string, errs: ErrorList): void {
  const n = next ?? {};
  const o = prev ?? {};
  for (const [k, v] of Object.entries(o)) {
    if (k in n && n[k] === v) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(`${field}[${k}]`, 'may not remove or update AppArmor annotations'));
    if (k === MIRROR) errs.push(forbidden(`${field}[${k}]`, 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(n)) {
    if (k in o) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(`${field}[${k}]`, 'may not add AppArmor annotations'));
    if (k === MIRROR) errs.push(forbidden(`${field}[${k}]`, 'may not add mirror pod annotation'));
  }
}
