/**
 * ObjectMeta, labels, annotations and label selectors, as apimachinery validates them
 * (api/validation/objectmeta.go, apis/meta/v1/validation).
 */
import type { LabelSelector, ObjectMeta } from '../../api/types';
import {
  type ErrorList,
  forbidden,
  IMMUTABLE,
  invalid,
  nonNegative,
  required,
  tooLong,
} from './field';
import { marshalled } from './gomarshal';
import { ownerReferencesValue, ownerReferenceValue } from './internal';
import { isQualifiedName, isValidLabelValue, type NameFn, nameIsDNSLabel } from './names';

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateLabelName(name: string, field: string, errs: ErrorList): void {
  for (const msg of isQualifiedName(name)) errs.push(invalid(field, name, msg));
}

/** Both the key and the value errors are reported on the map's own path, as upstream does. */
export function validateLabels(labels: Record<string, string> | undefined, field: string, errs: ErrorList): void {
  if (!labels) return;
  for (const k of Object.keys(labels)) {
    validateLabelName(k, field, errs);
    for (const msg of isValidLabelValue(labels[k])) errs.push(invalid(field, labels[k], msg));
  }
}

/** len() of a Go string: its UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string, errs: ErrorList): void {
  if (!annotations) return;
  let total = 0;
  for (const k of Object.keys(annotations)) {
    // Annotation keys are qualified names whose case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, k, msg));
    total += utf8Length(k) + utf8Length(annotations[k]);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
}

function validateFinalizers(finalizers: string[] | undefined, field: string, errs: ErrorList): void {
  if (!finalizers) return;
  let orphan = false;
  let del = false;
  for (const f of finalizers) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(field, f, msg));
    if (f === 'orphan') orphan = true;
    if (f === 'foregroundDeletion') del = true;
  }
  if (orphan && del) {
    errs.push(invalid(field, marshalled(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
}

/** core's extra rule: a finalizer without a '/' must be one of the standard ones. */
function validateKubeFinalizerNames(finalizers: string[] | undefined, field: string, errs: ErrorList): void {
  finalizers?.forEach((f, i) => {
    if (!f.includes('/') && f !== 'kubernetes' && f !== 'orphan' && f !== 'foregroundDeletion') {
      errs.push(invalid(`${field}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
}

/** schema.ParseGroupVersion, as FromAPIVersionAndKind uses it: more than one '/' gives nothing. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

function validateOwnerReferences(md: ObjectMeta, field: string, errs: ErrorList): void {
  let firstController = '';
  for (const ref of md.ownerReferences ?? []) {
    const gv = parseGroupVersion(ref.apiVersion ?? '');
    if (!gv.version) errs.push(invalid(`${field}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(`${field}.kind`, ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(`${field}.name`, ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(`${field}.uid`, ref.uid ?? '', 'must not be empty'));
    // BannedOwners: core/v1 Events may not own anything; the bad value is the whole reference.
    if (gv.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
      errs.push(invalid(field, marshalled(ownerReferenceValue(ref)), `/v1, Kind=Event is disallowed from being an owner`));
    }
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          invalid(
            field,
            marshalled(ownerReferencesValue(md.ownerReferences)),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
          ),
        );
      } else firstController = cur;
    }
  }
}

/** ValidateObjectMeta (create), with core's finalizer rule added. Name generation has happened. */
export function validateObjectMeta(md: ObjectMeta, namespaced: boolean, nameFn: NameFn, field: string, errs: ErrorList): void {
  if (md.generateName) {
    for (const msg of nameFn(md.generateName, true)) errs.push(invalid(`${field}.generateName`, md.generateName, msg));
  }
  if (!md.name) errs.push(required(`${field}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(md.name, false)) errs.push(invalid(`${field}.name`, md.name, msg));
  validateMetaCommon(md, namespaced, field, errs);
  validateKubeFinalizerNames(md.finalizers, `${field}.finalizers`, errs);
}

function validateMetaCommon(md: ObjectMeta, namespaced: boolean, field: string, errs: ErrorList): void {
  if (namespaced) {
    if (!md.namespace) errs.push(required(`${field}.namespace`));
    else for (const msg of nameIsDNSLabel(md.namespace, false)) errs.push(invalid(`${field}.namespace`, md.namespace, msg));
  } else if (md.namespace) {
    errs.push(forbidden(`${field}.namespace`, 'not allowed on this type'));
  }
  nonNegative(md.generation, `${field}.generation`, errs);
  validateLabels(md.labels, `${field}.labels`, errs);
  validateAnnotations(md.annotations, `${field}.annotations`, errs);
  validateOwnerReferences(md, `${field}.ownerReferences`, errs);
  validateFinalizers(md.finalizers, `${field}.finalizers`, errs);
}

function immutable(newVal: string | undefined, oldVal: string | undefined, field: string, errs: ErrorList): void {
  if ((newVal ?? '') !== (oldVal ?? '')) errs.push(invalid(field, newVal ?? '', IMMUTABLE));
}

/**
 * ValidateObjectMetaUpdate. The resourceVersion check is left out: kubectl apply patches, and the
 * API server fills in the stored version before validating.
 */
export function validateObjectMetaUpdate(md: ObjectMeta, old: ObjectMeta, field: string, errs: ErrorList): void {
  if ((md.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(`${field}.generation`, md.generation ?? 0, 'must not be decremented'));
  immutable(md.name, old.name, `${field}.name`, errs);
  immutable(md.namespace, old.namespace, `${field}.namespace`, errs);
  immutable(md.uid, old.uid, `${field}.uid`, errs);
  validateLabels(md.labels, `${field}.labels`, errs);
  validateAnnotations(md.annotations, `${field}.annotations`, errs);
  validateOwnerReferences(md, `${field}.ownerReferences`, errs);
  // apimachinery v0.34's ValidateObjectMetaAccessorUpdate does not run ValidateFinalizers (no
  // qualified-name or orphan/foregroundDeletion check on update); only core's name rule follows.
  validateKubeFinalizerNames(md.finalizers, `${field}.finalizers`, errs);
}

/** ValidateLabelSelector with AllowInvalidLabelValueInSelector off, as for every new object. */
export function validateLabelSelector(sel: LabelSelector | undefined, field: string, errs: ErrorList): void {
  if (!sel) return;
  validateLabels(sel.matchLabels, `${field}.matchLabels`, errs);
  sel.matchExpressions?.forEach((expr, i) => {
    const p = `${field}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${p}.operator`, expr.operator ?? '', 'not a valid selector operator'));
    }
    validateLabelName(expr.key ?? '', `${p}.key`, errs);
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(`${p}.values[${j}]`, v, msg));
    });
  });
}
