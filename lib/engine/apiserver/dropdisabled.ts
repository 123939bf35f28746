/**
 * pkg/api/pod dropDisabledFields (DropDisabledPodFields / DropDisabledTemplateFields): before a pod
 * or a pod template is validated, the registry strategy clears the fields whose feature gate is off,
 * unless the old object already uses them. Only the gates that are off by default in v1.34 and
 * touch fields kubesim reads are handled (pkg/features/kube_features.go, v1.34.1):
 *   ContainerRestartRules (alpha, off)  container restartPolicy other than an init container's Always,
 *                                       and restartPolicyRules
 *   ImageVolume (beta, off)             image volumes and the mounts of them
 *   ContainerStopSignals (alpha, off)   lifecycle.stopSignal (an emptied lifecycle goes too)
 *   HostnameOverride (alpha, off)       spec.hostnameOverride
 *   EnvFiles (alpha, off)               env[].valueFrom.fileKeyRef
 * The fields disappear without a word: `kubectl apply` succeeds and the stored object lacks them.
 */
import type { Container, PodSpec } from '../api/types';

type Ctr = Container & {
  restartPolicy?: string;
  restartPolicyRules?: unknown[];
  lifecycle?: Record<string, unknown>;
};

interface GatedSpec extends PodSpec {
  hostnameOverride?: string;
}

function allContainers(spec: PodSpec | undefined): Ctr[] {
  if (!spec) return [];
  const eph = ((spec as { ephemeralContainers?: Ctr[] }).ephemeralContainers ?? []) as Ctr[];
  return [...((spec.initContainers ?? []) as Ctr[]), ...((spec.containers ?? []) as Ctr[]), ...eph];
}

/** containerRestartRulesInUse. */
function restartRulesInUse(old: PodSpec | undefined): boolean {
  if (!old) return false;
  for (const c of (old.initContainers ?? []) as Ctr[]) {
    if ((c.restartPolicy !== undefined && c.restartPolicy !== 'Always') || c.restartPolicyRules?.length) return true;
  }
  return ((old.containers ?? []) as Ctr[]).some((c) => c.restartPolicy !== undefined);
}

/** dropContainerRestartRules: only a sidecar's `restartPolicy: Always` survives. */
function dropContainerRestartRules(spec: PodSpec): void {
  for (const c of (spec.initContainers ?? []) as Ctr[]) {
    if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') delete c.restartPolicy;
    delete c.restartPolicyRules;
  }
  const eph = ((spec as { ephemeralContainers?: Ctr[] }).ephemeralContainers ?? []) as Ctr[];
  for (const c of [...((spec.containers ?? []) as Ctr[]), ...eph]) {
    delete c.restartPolicy;
    delete c.restartPolicyRules;
  }
}

function imageVolumesInUse(spec: PodSpec | undefined): boolean {
  return !!spec?.volumes?.some((v) => (v as { image?: unknown }).image !== undefined);
}

/** dropImageVolumes: the volumes go, and so do the mounts that name them. */
function dropImageVolumes(spec: PodSpec): void {
  if (!spec.volumes) return;
  const names = new Set<string>();
  const kept = spec.volumes.filter((v) => {
    if ((v as { image?: unknown }).image === undefined) return true;
    names.add(v.name);
    return false;
  });
  if (names.size === 0) return;
  // Go leaves a nil slice when nothing is kept: the field is then omitted.
  if (kept.length) spec.volumes = kept;
  else delete spec.volumes;
  for (const c of allContainers(spec)) {
    if (!c.volumeMounts) continue;
    const mounts = c.volumeMounts.filter((m) => !names.has(m.name ?? ''));
    if (mounts.length) c.volumeMounts = mounts;
    else delete c.volumeMounts;
  }
}

function stopSignalsInUse(spec: PodSpec | undefined): boolean {
  return allContainers(spec).some((c) => c.lifecycle?.stopSignal !== undefined);
}

function dropStopSignals(spec: PodSpec): void {
  for (const c of allContainers(spec)) {
    if (c.lifecycle?.stopSignal === undefined) continue;
    delete c.lifecycle.stopSignal;
    if (Object.keys(c.lifecycle).length === 0) delete c.lifecycle;
  }
}

type EnvSource = { valueFrom?: Record<string, unknown> };

function fileKeyRefInUse(spec: PodSpec | undefined): boolean {
  return allContainers(spec).some((c) => (c.env as EnvSource[] | undefined)?.some((e) => e.valueFrom?.fileKeyRef !== undefined));
}

function dropFileKeyRefs(spec: PodSpec): void {
  for (const c of allContainers(spec)) {
    for (const e of (c.env as EnvSource[] | undefined) ?? []) {
      if (e.valueFrom?.fileKeyRef !== undefined) delete e.valueFrom.fileKeyRef;
    }
  }
}

/** dropDisabledFields for a pod's or a template's spec; `old` is the stored spec on an update. */
export function dropDisabledPodSpecFields(spec: PodSpec | undefined, old?: PodSpec): void {
  if (!spec) return;
  if (!restartRulesInUse(old)) dropContainerRestartRules(spec);
  const gated = spec as GatedSpec;
  if (gated.hostnameOverride !== undefined && (old as GatedSpec | undefined)?.hostnameOverride === undefined) delete gated.hostnameOverride;
  if (!fileKeyRefInUse(old)) dropFileKeyRefs(spec);
  if (!imageVolumesInUse(old)) dropImageVolumes(spec);
  if (!stopSignalsInUse(old)) dropStopSignals(spec);
}
