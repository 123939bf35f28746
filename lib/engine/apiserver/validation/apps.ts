/**
 * apps/v1 Deployments and ReplicaSets (pkg/apis/apps/validation), plus the selector immutability
 * the apps/v1 registry strategies add on update.
 */
import type { LabelSelector, ObjectMeta, PodSpec } from '../../api/types';
import { labelSelectorAsSelector } from '../../api/labels';
import { deepEqual } from '../json';
import { type ErrorList, forbidden, IMMUTABLE, invalid, nonNegative, notSupported, required } from './field';
import { goMap, marshalled } from './gomarshal';
import { deploymentStrategyValue, intOrStringValue, labelSelectorValue } from './internal';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { isValidPercent, nameIsDNSSubdomain } from './names';
import { validatePodTemplateSpec } from './pod';

interface Template {
  metadata?: ObjectMeta;
  spec?: PodSpec;
}

export interface WorkloadSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector?: LabelSelector;
  template?: Template;
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

export interface Workload {
  kind?: string;
  metadata: ObjectMeta;
  spec?: WorkloadSpec;
}

function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): { ok: boolean; empty: boolean; valid: boolean } {
  try {
    // A missing selector selects nothing, so it never matches the template either.
    const s = labelSelectorAsSelector(sel);
    return { ok: s.matches(labels ?? {}), empty: s.empty(), valid: true };
  } catch {
    return { ok: false, empty: false, valid: false };
  }
}

/** ValidatePodTemplateSpecForReplicaSet. */
function validateTemplate(spec: WorkloadSpec, kindWord: string, field: string, errs: ErrorList): void {
  const template = spec.template ?? {};
  const m = selectorMatches(spec.selector, template.metadata?.labels);
  if (!m.valid) {
    errs.push(invalid('spec.selector', marshalled(labelSelectorValue(spec.selector)), 'invalid label selector'));
    return;
  }
  if (!m.empty && !m.ok) {
    errs.push(invalid(`${field}.metadata.labels`, marshalled(goMap(template.metadata?.labels)), '`selector` does not match template `labels`'));
  }
  validatePodTemplateSpec(template, field, errs);
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(`${field}.spec.restartPolicy`, restart, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(`${field}.spec.activeDeadlineSeconds`, `activeDeadlineSeconds in ${kindWord} is not Supported`));
  }
}

function validateSelector(spec: WorkloadSpec, errs: ErrorList): void {
  if (!spec.selector) {
    errs.push(required('spec.selector'));
    return;
  }
  validateLabelSelector(spec.selector, 'spec.selector', errs);
  const n = Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions?.length ?? 0);
  // ReplicaSets share the Deployment wording upstream.
  if (n === 0) errs.push(invalid('spec.selector', marshalled(labelSelectorValue(spec.selector)), 'empty selector is invalid for deployment'));
}

function percentValue(v: number | string | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return Number(v.slice(0, -1));
}

function intOrPercent(v: number | string | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  return typeof v === 'number' ? v : 0;
}

function validatePositiveIntOrPercent(v: number | string | undefined, field: string, errs: ErrorList): void {
  if (typeof v === 'string') {
    for (const m of isValidPercent(v)) errs.push(invalid(field, marshalled(intOrStringValue(v)), m));
  } else nonNegative(v, field, errs);
}

function validateStrategy(spec: WorkloadSpec, errs: ErrorList): void {
  const s = spec.strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      if (s.rollingUpdate) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
      break;
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) {
        errs.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
        break;
      }
      const p = 'spec.strategy.rollingUpdate';
      validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.maxUnavailable`, errs);
      validatePositiveIntOrPercent(ru.maxSurge, `${p}.maxSurge`, errs);
      if (intOrPercent(ru.maxUnavailable) === 0 && intOrPercent(ru.maxSurge) === 0) {
        errs.push(invalid(`${p}.maxUnavailable`, marshalled(intOrStringValue(ru.maxUnavailable)), 'may not be 0 when `maxSurge` is 0'));
      }
      const pu = percentValue(ru.maxUnavailable);
      if (pu !== undefined && pu > 100) {
        errs.push(invalid(`${p}.maxUnavailable`, marshalled(intOrStringValue(ru.maxUnavailable)), 'must not be greater than 100%'));
      }
      break;
    }
    default: {
      // The whole strategy (*apps.DeploymentStrategy) is the bad value.
      const lit = marshalled(deploymentStrategyValue(s));
      errs.push(notSupported('spec.strategy', lit, ['Recreate', 'RollingUpdate']));
    }
  }
}

export function validateDeploymentSpec(spec: WorkloadSpec, errs: ErrorList): void {
  nonNegative(spec.replicas, 'spec.replicas', errs);
  validateSelector(spec, errs);
  validateTemplate(spec, 'ReplicaSet', 'spec.template', errs);
  validateStrategy(spec, errs);
  nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', errs);
  nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit', errs);
  if (spec.progressDeadlineSeconds !== undefined) {
    nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds', errs);
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
}

export function validateReplicaSetSpec(spec: WorkloadSpec, errs: ErrorList): void {
  nonNegative(spec.replicas, 'spec.replicas', errs);
  nonNegative(spec.minReadySeconds, 'spec.minReadySeconds', errs);
  validateSelector(spec, errs);
  validateTemplate(spec, 'ReplicaSet', 'spec.template', errs);
}

export function validateWorkloadCreate(obj: Workload): ErrorList {
  const errs: ErrorList = [];
  validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain, 'metadata', errs);
  if (obj.kind === 'Deployment') validateDeploymentSpec(obj.spec ?? {}, errs);
  else validateReplicaSetSpec(obj.spec ?? {}, errs);
  return errs;
}

export function validateWorkloadUpdate(obj: Workload, old: Workload): ErrorList {
  const errs: ErrorList = [];
  validateObjectMetaUpdate(obj.metadata, old.metadata, 'metadata', errs);
  if (obj.kind === 'Deployment') validateDeploymentSpec(obj.spec ?? {}, errs);
  else validateReplicaSetSpec(obj.spec ?? {}, errs);
  if (!deepEqual(obj.spec?.selector, old.spec?.selector)) {
    errs.push(invalid('spec.selector', marshalled(labelSelectorValue(obj.spec?.selector)), IMMUTABLE));
  }
  return errs;
}


