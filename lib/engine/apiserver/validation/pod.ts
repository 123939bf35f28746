/**
 * Pods and pod templates: ValidatePodSpec, ValidatePodCreate, ValidatePodUpdate and
 * ValidatePodTemplateSpec (pkg/apis/core/validation), checked in upstream's order.
 */
import type { ObjectMeta, Pod, PodSpec, Toleration } from '../../api/types';
import { deepEqual } from '../json';
import {
  validateAppArmorProfile,
  validateContainers,
  validateDNS1123Label,
  validateIdRange,
  validateImageWhitespace,
  validateInitContainers,
  validateSeccompProfile,
} from './container';
import { duplicate, type ErrorList, forbidden, invalid, notSupported, required } from './field';
import { goSlice, marshalled } from './gomarshal';
import { utf8Length, validateAnnotations, validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isDNS1123Subdomain, isDNS1123SubdomainWithUnderscore, isQualifiedName, nameIsDNSSubdomain } from './names';
import { podSpecDiff } from './poddiff';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling';
import { validateVolumes } from './volumes';
import { validatePodResources } from './resources';
import { IP_ERROR, isValidIP } from './ip';
import { mungeGatedPodScheduling } from './gated';
import { validatePodAnnotationUpdates, validateSecurityAnnotations, validateSecurityAnnotationsMatchFields } from './annotations';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];
const MAX_INT32 = 2147483647;

interface PodSecurityContext {
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
  supplementalGroupsPolicy?: string;
  fsGroupChangePolicy?: string;
  seLinuxChangePolicy?: string;
  sysctls?: { name?: string; value?: string }[];
  seccompProfile?: { type?: string; localhostProfile?: string };
  appArmorProfile?: { type?: string; localhostProfile?: string };
}

interface FullPodSpec extends PodSpec {
  dnsConfig?: { nameservers?: string[]; searches?: string[]; options?: { name?: string }[] };
  imagePullSecrets?: { name?: string }[];
  hostUsers?: boolean;
  os?: { name?: string };
  runtimeClassName?: string;
  hostAliases?: { ip?: string; hostnames?: string[] }[];
}

const SYSCTL_RE = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
/** The Go regexp as the message prints it (its String(), with Go's escaped dot). */
const SYSCTL_REGEX_TEXT = '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$';

/** utilsysctl.GetNamespace: which kernel namespace a sysctl lives in ('/' separators count as '.'). */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n === 'kernel.sem' || n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

function validatePodSecurityContext(spec: FullPodSpec, field: string, errs: ErrorList): void {
  const sc = spec.securityContext as PodSecurityContext | undefined;
  if (!sc) return;
  validateIdRange(sc.fsGroup, `${field}.fsGroup`, errs);
  validateIdRange(sc.runAsUser, `${field}.runAsUser`, errs);
  validateIdRange(sc.runAsGroup, `${field}.runAsGroup`, errs);
  sc.supplementalGroups?.forEach((g, i) => validateIdRange(g, `${field}.supplementalGroups[${i}]`, errs));
  if (spec.shareProcessNamespace && spec.hostPID) {
    errs.push(invalid(`${field}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const names = new Set<string>();
  const hostNetwork = (spec as { hostNetwork?: boolean }).hostNetwork === true;
  const hostIPC = (spec as { hostIPC?: boolean }).hostIPC === true;
  sc.sysctls?.forEach((s, i) => {
    const p = `${field}.sysctls[${i}].name`;
    const name = s.name ?? '';
    if (!name) errs.push(required(p));
    else if (name.length > 253 || !SYSCTL_RE.test(name)) {
      errs.push(invalid(p, name, `must have at most 253 characters and match regex ${SYSCTL_REGEX_TEXT}`));
    } else if (names.has(name)) errs.push(duplicate(p, name));
    // ValidateHostSysctl: a namespaced sysctl cannot be set in a namespace shared with the host.
    const ns = sysctlNamespace(name);
    if (hostNetwork && ns === 'net') errs.push(invalid(p, name, "may not be specified when 'hostNetwork' is true"));
    else if (hostIPC && ns === 'ipc') errs.push(invalid(p, name, "may not be specified when 'hostIPC' is true"));
    names.add(name);
  });
  if (sc.fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(`${field}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  validateSeccompProfile(sc.seccompProfile, `${field}.seccompProfile`, errs);
  validateAppArmorProfile(sc.appArmorProfile, `${field}.appArmorProfile`, errs);
  if (sc.supplementalGroupsPolicy !== undefined && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(notSupported(`${field}.supplementalGroupsPolicy`, sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  // SELinuxChangePolicy is on but SELinuxMount is off (beta, default false) in v1.34, so a new pod
  // may only ask for Recursive (pkg/api/pod useOnlyRecursiveSELinuxChangePolicy).
  if (sc.seLinuxChangePolicy !== undefined && sc.seLinuxChangePolicy !== 'Recursive') {
    errs.push(notSupported(`${field}.seLinuxChangePolicy`, sc.seLinuxChangePolicy, ['Recursive']));
  }
}

function validateDNSConfig(spec: FullPodSpec, field: string, errs: ErrorList): void {
  const cfg = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!cfg) {
      errs.push(required(field, 'must provide `dnsConfig` when `dnsPolicy` is None'));
      return;
    }
    if (!cfg.nameservers?.length) {
      errs.push(required(`${field}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
      return;
    }
  }
  if (!cfg) return;
  if ((cfg.nameservers?.length ?? 0) > 3) {
    errs.push(invalid(`${field}.nameservers`, marshalled(goSlice(cfg.nameservers)), 'must not have more than 3 nameservers'));
  }
  cfg.nameservers?.forEach((ns, i) => {
    if (!isValidIP(ns)) errs.push(invalid(`${field}.nameservers[${i}]`, ns, IP_ERROR));
  });
  if ((cfg.searches?.length ?? 0) > 32) {
    errs.push(invalid(`${field}.searches`, marshalled(goSlice(cfg.searches)), 'must not have more than 32 search paths'));
  }
  // MaxDNSSearchListChars (2048 since ExpandedDNSConfig): bytes of the list joined by spaces.
  if (cfg.searches && utf8Length(cfg.searches.join(' ')) > 2048) {
    errs.push(invalid(`${field}.searches`, marshalled(cfg.searches), 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  cfg.searches?.forEach((s, i) => {
    if (s === '.') return;
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    // RelaxedDNSSearchValidation (on in v1.34) also lets a search domain contain '_'.
    for (const m of isDNS1123SubdomainWithUnderscore(trimmed)) errs.push(invalid(`${field}.searches[${i}]`, trimmed, m));
  });
  cfg.options?.forEach((o, i) => {
    if (!o.name) errs.push(required(`${field}.options[${i}]`, 'must not be empty'));
  });
}

/** ValidatePodSpec. `isPod` is ResourceIsPod: false for the templates of Deployments and ReplicaSets. */
export function validatePodSpec(specIn: PodSpec, isPod: boolean, field: string, errs: ErrorList): void {
  const spec = specIn as FullPodSpec;
  if (spec.terminationGracePeriodSeconds === undefined) errs.push(required(`${field}.terminationGracePeriodSeconds`));
  const grace = spec.terminationGracePeriodSeconds;
  const volumes = validateVolumes(spec.volumes, `${field}.volumes`, errs);
  const facts = { volumes, gracePeriod: grace, restartPolicy: spec.restartPolicy ?? '', hostUsers: spec.hostUsers !== false };
  validateContainers(spec.containers, facts, `${field}.containers`, errs);
  validateInitContainers(spec.initContainers, spec.containers, facts, `${field}.initContainers`, errs);
  validatePodResources(spec, `${field}.resources`, errs);
  if (spec.hostNetwork) {
    spec.containers?.forEach((c, i) => {
      c.ports?.forEach((port, j) => {
        const hp = port.hostPort ?? 0;
        if ((isPod || hp !== 0) && hp !== port.containerPort) {
          errs.push(invalid(`${field}.containers[${i}].ports[${j}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  const restart = spec.restartPolicy ?? '';
  if (restart === '') errs.push(required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(`${field}.restartPolicy`, restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy ?? '';
  if (dns === '') errs.push(required(`${field}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(`${field}.dnsPolicy`, dns, DNS_POLICIES));
  validateLabels(spec.nodeSelector, `${field}.nodeSelector`, errs);
  validatePodSecurityContext(spec, `${field}.securityContext`, errs);
  validateAffinity(spec.affinity, `${field}.affinity`, errs);
  validateDNSConfig(spec, `${field}.dnsConfig`, errs);
  spec.readinessGates?.forEach((g, i) => {
    for (const m of isQualifiedName(g.conditionType ?? '')) errs.push(invalid(`${field}.readinessGates[${i}].conditionType`, g.conditionType ?? '', m));
  });
  const gates = new Set<string>();
  spec.schedulingGates?.forEach((g, i) => {
    const p = `${field}.schedulingGates[${i}]`;
    for (const m of isQualifiedName(g.name ?? '')) errs.push(invalid(p, g.name ?? '', m));
    if (gates.has(g.name ?? '')) errs.push(duplicate(p, g.name ?? ''));
    gates.add(g.name ?? '');
  });
  validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${field}.topologySpreadConstraints`, errs);
  // validateHostUsers (v1.34 wording: "when `hostUsers` is false"); the internal pod always has a
  // securityContext, which carries hostUsers and the host namespaces.
  if (spec.hostUsers === false) {
    if (spec.hostNetwork) errs.push(forbidden(`${field}.hostNetwork`, 'when `hostUsers` is false'));
    if (spec.hostPID) errs.push(forbidden(`${field}.HostPID`, 'when `hostUsers` is false'));
    if (spec.hostIPC) errs.push(forbidden(`${field}.HostIPC`, 'when `hostUsers` is false'));
  }
  if (spec.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(spec.serviceAccountName, false)) errs.push(invalid(`${field}.serviceAccountName`, spec.serviceAccountName, m));
  }
  if (spec.nodeName) {
    for (const m of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(invalid(`${field}.nodeName`, spec.nodeName, m));
  }
  if (spec.activeDeadlineSeconds !== undefined) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(invalid(`${field}.activeDeadlineSeconds`, v, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  if (spec.hostname) validateDNS1123Label(spec.hostname, `${field}.hostname`, errs);
  if (spec.subdomain) validateDNS1123Label(spec.subdomain, `${field}.subdomain`, errs);
  validateTolerations(spec.tolerations, `${field}.tolerations`, errs);
  spec.hostAliases?.forEach((alias, i) => {
    const p = `${field}.hostAliases[${i}]`;
    if (!isValidIP(alias.ip ?? '')) errs.push(invalid(`${p}.ip`, alias.ip ?? '', IP_ERROR));
    alias.hostnames?.forEach((h, j) => {
      for (const m of isDNS1123Subdomain(h)) errs.push(invalid(`${p}.hostnames[${j}]`, h, m));
    });
  });
  if (spec.priorityClassName) {
    for (const m of nameIsDNSSubdomain(spec.priorityClassName, false)) errs.push(invalid(`${field}.priorityClassName`, spec.priorityClassName, m));
  }
  if (spec.runtimeClassName !== undefined) {
    for (const m of nameIsDNSSubdomain(spec.runtimeClassName, false)) errs.push(invalid(`${field}.runtimeClassName`, spec.runtimeClassName, m));
  }
  if (spec.preemptionPolicy !== undefined) {
    const pp = spec.preemptionPolicy as string;
    if (pp === '') errs.push(required(`${field}.preemptionPolicy`));
    else if (!PREEMPTION_POLICIES.includes(pp)) errs.push(notSupported(`${field}.preemptionPolicy`, pp, PREEMPTION_POLICIES));
  }
  if (spec.os) {
    if (!spec.os.name) errs.push(required(`${field}.os.name`));
    else if (spec.os.name !== 'linux' && spec.os.name !== 'windows') errs.push(notSupported(`${field}.os`, spec.os.name, ['linux', 'windows']));
  }
}

const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: PodSpec, field: string, errs: ErrorList): void {
  if (!annotations) return;
  const mirror = annotations['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(invalid(`${field}[kubernetes.io/config.mirror]`, mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = annotations[DELETION_COST];
  if (cost !== undefined) {
    const n = Number(cost);
    if (!/^[+-]?\d+$/.test(cost) || n < -2147483648 || n > MAX_INT32) {
      errs.push(invalid(`${field}[${DELETION_COST}]`, cost, 'must be a 32bit integer'));
    }
  }
  validateSecurityAnnotations(annotations, spec, field, errs);
}

/** validatePodMetadataAndSpec. */
function validatePodMetadataAndSpec(pod: Pod, errs: ErrorList): void {
  validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, 'metadata', errs);
  validatePodSpecificAnnotations(pod.metadata.annotations, pod.spec, 'metadata.annotations', errs);
  validatePodSpec(pod.spec, true, 'spec', errs);
  validateImageWhitespace(pod.spec.containers, 'spec.containers', errs);
  validateImageWhitespace(pod.spec.initContainers, 'spec.initContainers', errs);
}

export function validatePodCreate(pod: Pod): ErrorList {
  const errs: ErrorList = [];
  validatePodMetadataAndSpec(pod, errs);
  if (pod.spec.ephemeralContainers?.length) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (pod.spec.nodeName && pod.spec.schedulingGates?.length) {
    errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  validateSecurityAnnotationsMatchFields(pod.metadata.annotations, pod.spec, 'spec', errs);
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(
  next: PodSpec['containers'] | undefined,
  prev: PodSpec['containers'] | undefined,
  field: string,
  errs: ErrorList,
): boolean {
  if ((next?.length ?? 0) !== (prev?.length ?? 0)) {
    errs.push(forbidden(field, 'pod updates may not add or remove containers'));
    return true;
  }
  next?.forEach((c, i) => {
    if (!c.image) errs.push(required(`${field}[${i}].image`));
    if (c.image !== undefined && c.image.trim().length !== c.image.length) {
      errs.push(invalid(`${field}[${i}].image`, c.image, 'must not have leading or trailing whitespace'));
    }
  });
  return false;
}

/** validateOnlyAddedTolerations: every old toleration must still be there, bar its tolerationSeconds. */
function validateOnlyAddedTolerations(next: Toleration[] | undefined, prev: Toleration[] | undefined, field: string, errs: ErrorList): void {
  for (const old of prev ?? []) {
    const found = (next ?? []).some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) {
      errs.push(forbidden(field, 'existing toleration can not be modified except its tolerationSeconds'));
      return;
    }
  }
  validateTolerations(next, field, errs);
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, new tolerations and gate removals may change. */
export function validatePodUpdate(pod: Pod, old: Pod): ErrorList {
  const errs: ErrorList = [];
  validateObjectMetaUpdate(pod.metadata, old.metadata, 'metadata', errs);
  validatePodMetadataAndSpec(pod, errs);
  // ValidatePodSpecificAnnotationUpdates, which validates the annotations once more.
  validatePodAnnotationUpdates(pod.metadata.annotations, old.metadata.annotations, 'metadata.annotations', errs);
  validatePodSpecificAnnotations(pod.metadata.annotations, pod.spec, 'metadata.annotations', errs);
  if (validateContainerUpdates(pod.spec.containers, old.spec.containers, 'spec.containers', errs)) return errs;
  if (validateContainerUpdates(pod.spec.initContainers, old.spec.initContainers, 'spec.initContainers', errs)) return errs;
  const next = pod.spec.activeDeadlineSeconds;
  const prev = old.spec.activeDeadlineSeconds;
  if (next !== undefined) {
    if (next < 0 || next > MAX_INT32) {
      errs.push(invalid('spec.activeDeadlineSeconds', next, `must be between 0 and ${MAX_INT32}, inclusive`));
      return errs;
    }
    if (prev !== undefined && prev < next) {
      errs.push(invalid('spec.activeDeadlineSeconds', next, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (prev !== undefined) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  validateOnlyAddedTolerations(pod.spec.tolerations, old.spec.tolerations, 'spec.tolerations', errs);
  const oldGates = new Set((old.spec.schedulingGates ?? []).map((g) => g.name));
  pod.spec.schedulingGates?.forEach((g, i) => {
    if (!oldGates.has(g.name)) {
      errs.push(forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g.name}'`));
    }
  });
  if (deepEqual(pod.spec, old.spec)) return errs;
  const munged: PodSpec = {
    ...pod.spec,
    containers: pod.spec.containers.map((c, i) => withImage(c, old.spec.containers[i].image)),
    tolerations: old.spec.tolerations,
    schedulingGates: old.spec.schedulingGates,
    activeDeadlineSeconds: old.spec.activeDeadlineSeconds,
  };
  if (pod.spec.initContainers) munged.initContainers = pod.spec.initContainers.map((c, i) => withImage(c, old.spec.initContainers![i].image));
  const oldGrace = old.spec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  if (old.spec.schedulingGates?.length) mungeGatedPodScheduling(munged, old.spec, errs);
  dropUndefined(munged);
  if (!deepEqual(munged, old.spec)) {
    const detail = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${podSpecDiff(old.spec, munged)}`;
    errs.push(forbidden('spec', detail));
  }
  return errs;
}

function withImage<T extends { image?: string }>(c: T, image: string | undefined): T {
  const out = { ...c };
  if (image === undefined) delete out.image;
  else out.image = image;
  return out;
}

function dropUndefined(o: Record<string, unknown> | PodSpec): void {
  const rec = o as Record<string, unknown>;
  for (const k of Object.keys(rec)) if (rec[k] === undefined) delete rec[k];
}

/** ValidatePodTemplateSpec (the template of a Deployment or ReplicaSet). */
export function validatePodTemplateSpec(template: { metadata?: ObjectMeta; spec?: PodSpec }, field: string, errs: ErrorList): void {
  const md = template.metadata ?? {};
  validateLabels(md.labels, `${field}.labels`, errs);
  validateAnnotations(md.annotations, `${field}.annotations`, errs);
  validatePodSpecificAnnotations(md.annotations, template.spec ?? ({} as PodSpec), `${field}.annotations`, errs);
  validatePodSpec(template.spec ?? ({} as PodSpec), false, `${field}.spec`, errs);
  validateSecurityAnnotationsMatchFields(md.annotations, template.spec ?? ({} as PodSpec), `${field}.spec`, errs);
  if (template.spec?.ephemeralContainers?.length) {
    errs.push(forbidden(`${field}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
}
