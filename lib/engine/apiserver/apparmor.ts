/**
 * The pod strategy's applyAppArmorVersionSkew (pkg/registry/core/pod/strategy.go), run on create:
 * the deprecated per-container AppArmor annotation and the securityContext.appArmorProfile field
 * are kept in step, each filled in from the other when only one is given.
 */
import type { Container, PodSpec } from '../api/types';
import { APPARMOR_PREFIX } from './validation/annotations';

interface Profile {
  type?: string;
  localhostProfile?: string;
}

function annotationForField(p: Profile): string {
  switch (p.type) {
    case 'RuntimeDefault':
      return 'runtime/default';
    case 'Unconfined':
      return 'unconfined';
    case 'Localhost':
      return p.localhostProfile !== undefined ? 'localhost/' + p.localhostProfile : '';
    default:
      return '';
  }
}

/** apparmorFieldForAnnotation, keeping only values the field validation would accept. */
function fieldForAnnotation(annotation: string): Profile | undefined {
  if (annotation === 'unconfined') return { type: 'Unconfined' };
  if (annotation === 'runtime/default') return { type: 'RuntimeDefault' };
  if (annotation.startsWith('localhost/')) {
    const profile = annotation.slice('localhost/'.length);
    if (profile !== '' && profile.trim() === profile && profile.length <= 4095) return { type: 'Localhost', localhostProfile: profile };
  }
  return undefined;
}

function sameProfile(a: Profile | undefined, b: Profile | undefined): boolean {
  return (a?.type ?? '') === (b?.type ?? '') && a?.localhostProfile === b?.localhostProfile && !!a === !!b;
}

export function applyAppArmorVersionSkew(pod: { metadata?: { annotations?: Record<string, string> }; spec?: PodSpec }): void {
  const spec = pod.spec;
  if (!spec || (spec as { os?: { name?: string } }).os?.name === 'windows') return;
  const podProfile = (spec.securityContext as { appArmorProfile?: Profile } | undefined)?.appArmorProfile;
  const md = (pod.metadata ??= {});
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as (Container & { securityContext?: Record<string, unknown> })[]) {
    const key = APPARMOR_PREFIX + c.name;
    const annotation = md.annotations?.[key];
    const containerProfile = c.securityContext?.appArmorProfile as Profile | undefined;
    if (annotation === undefined) {
      const value = containerProfile ? annotationForField(containerProfile) : podProfile ? annotationForField(podProfile) : '';
      if (value) md.annotations = { ...(md.annotations ?? {}), [key]: value };
    } else if (!containerProfile) {
      const profile = fieldForAnnotation(annotation);
      if (profile && !sameProfile(profile, podProfile)) c.securityContext = { ...(c.securityContext ?? {}), appArmorProfile: profile };
    }
  }
}
