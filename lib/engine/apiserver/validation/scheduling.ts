/**
 * The scheduling constraints of a PodSpec: affinity, tolerations, topology spread constraints.
 */
import type { Affinity, LabelSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, Toleration, TopologySpreadConstraint } from '../../api/types';
import { duplicate, type ErrorList, forbidden, invalid, NOT_POSITIVE, notSupported, required } from './field';
import { validateLabelName, validateLabelSelector } from './meta';
import { isValidLabelValue, nameIsDNSLabel, nameIsDNSSubdomain } from './names';

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, checkValues: boolean, field: string, errs: ErrorList): void {
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(`${field}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(`${field}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(`${field}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(`${field}.operator`, rq.operator ?? '', 'not a valid selector operator'));
  }
  validateLabelName(rq.key ?? '', `${field}.key`, errs);
  if (checkValues) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(invalid(`${field}.values[${i}]`, v, m));
    });
  }
}

function validateNodeFieldSelectorRequirement(rq: NodeSelectorRequirement, field: string, errs: ErrorList): void {
  const values = rq.values ?? [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) {
      errs.push(required(`${field}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(invalid(`${field}.operator`, rq.operator ?? '', 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') {
    errs.push(invalid(`${field}.key`, rq.key ?? '', 'not a valid field selector key'));
  } else {
    values.forEach((v, i) => {
      for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(`${field}.values[${i}]`, v, m));
    });
  }
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, checkValues: boolean, field: string, errs: ErrorList): void {
  term.matchExpressions?.forEach((r, j) => validateNodeSelectorRequirement(r, checkValues, `${field}.matchExpressions[${j}]`, errs));
  term.matchFields?.forEach((r, j) => validateNodeFieldSelectorRequirement(r, `${field}.matchFields[${j}]`, errs));
}

function validatePodAffinityTerm(term: PodAffinityTerm, field: string, errs: ErrorList): void {
  validateLabelSelector(term.labelSelector, `${field}.labelSelector`, errs);
  validateLabelSelector(term.namespaceSelector, `${field}.namespaceSelector`, errs);
  for (const ns of term.namespaces ?? []) {
    // Upstream names the field "namespace", singular.
    for (const m of nameIsDNSLabel(ns, false)) errs.push(invalid(`${field}.namespace`, ns, m));
  }
  validateMatchLabelKeysAndMismatchLabelKeys(term.matchLabelKeys, term.mismatchLabelKeys, term.labelSelector, field, errs);
  if (!term.topologyKey) errs.push(required(`${field}.topologyKey`, 'can not be empty'));
  validateLabelName(term.topologyKey ?? '', `${field}.topologyKey`, errs);
}

/**
 * ValidateMatchLabelKeysAndMismatchLabelKeys. It runs after PrepareForCreate merged the keys into
 * the selector (labelkeys.ts), so a key also named in the user's own selector shows up as a second
 * requirement on it: that is what it flags, on the path `<term>[i]` (upstream indexes the term's
 * own path, not matchLabelKeys).
 */
function validateMatchLabelKeysAndMismatchLabelKeys(
  matchKeys: readonly string[] | undefined,
  mismatchKeys: readonly string[] | undefined,
  selector: LabelSelector | undefined,
  field: string,
  errs: ErrorList,
): void {
  const lists = [
    ['matchLabelKeys', matchKeys],
    ['mismatchLabelKeys', mismatchKeys],
  ] as const;
  for (const [name, keys] of lists) {
    if (!keys?.length) continue;
    if (!selector) {
      errs.push(forbidden(`${field}.${name}`, 'must not be specified when labelSelector is not set'));
      continue;
    }
    keys.forEach((k, i) => validateLabelName(k, `${field}.${name}[${i}]`, errs));
  }
  if (selector) {
    const index = new Map<string, number>();
    matchKeys?.forEach((k, i) => index.set(k, i));
    const seen = new Set(Object.keys(selector.matchLabels ?? {}));
    for (const e of selector.matchExpressions ?? []) {
      const i = index.get(e.key);
      if (i !== undefined && seen.has(e.key)) errs.push(invalid(`${field}[${i}]`, e.key, 'exists in both matchLabelKeys and labelSelector'));
      seen.add(e.key);
    }
  }
  const mismatch = new Set(mismatchKeys ?? []);
  matchKeys?.forEach((k, i) => {
    if (mismatch.has(k)) errs.push(invalid(`${field}.matchLabelKeys[${i}]`, k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
}

function validateWeight(weight: number | undefined, field: string, errs: ErrorList): void {
  const w = weight ?? 0;
  if (w <= 0 || w > 100) errs.push(invalid(field, w, 'must be in the range 1-100'));
}

export function validateAffinity(affinity: Affinity | undefined, field: string, errs: ErrorList): void {
  if (!affinity) return;
  const na = affinity.nodeAffinity;
  if (na) {
    const np = `${field}.nodeAffinity`;
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = `${np}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      if (!req.nodeSelectorTerms?.length) errs.push(required(tp, 'must have at least one node selector term'));
      else req.nodeSelectorTerms.forEach((t, i) => validateNodeSelectorTerm(t, true, `${tp}[${i}]`, errs));
    }
    na.preferredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) => {
      const p = `${np}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      validateWeight(t.weight, `${p}.weight`, errs);
      // Invalid label values are allowed in preferences: they can still match on some cluster.
      validateNodeSelectorTerm(t.preference ?? {}, false, `${p}.preference`, errs);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = affinity[kind];
    if (!pa) continue;
    const p = `${field}.${kind}`;
    pa.requiredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) =>
      validatePodAffinityTerm(t, `${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, errs),
    );
    pa.preferredDuringSchedulingIgnoredDuringExecution?.forEach((t, i) => {
      const wp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      validateWeight(t.weight, `${wp}.weight`, errs);
      validatePodAffinityTerm(t.podAffinityTerm ?? ({} as PodAffinityTerm), `${wp}.podAffinityTerm`, errs);
    });
  }
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, field: string, errs: ErrorList): void {
  if (!allowEmpty && !effect) {
    errs.push(required(field));
    return;
  }
  if (!TAINT_EFFECTS.includes(effect ?? '')) errs.push(notSupported(field, effect ?? '', TAINT_EFFECTS));
}

export function validateTolerations(tolerations: Toleration[] | undefined, field: string, errs: ErrorList): void {
  tolerations?.forEach((t, i) => {
    const p = `${field}[${i}]`;
    const op = t.operator ?? '';
    if (t.key) validateLabelName(t.key, `${p}.key`, errs);
    if (!t.key && op !== 'Exists') {
      errs.push(invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        // Upstream reports a bad value on the operator's path.
        const msgs = isValidLabelValue(t.value ?? '');
        if (msgs.length) errs.push(invalid(`${p}.operator`, t.value ?? '', msgs.join(';')));
        break;
      }
      case 'Exists':
        // v1.34 reports the value itself (earlier releases reported the whole toleration).
        if (t.value) errs.push(invalid(`${p}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (t.effect) validateTaintEffect(t.effect, true, `${p}.effect`, errs);
  });
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];
const INCLUSION_POLICIES = ['Honor', 'Ignore'];

export function validateTopologySpreadConstraints(constraints: TopologySpreadConstraint[] | undefined, field: string, errs: ErrorList): void {
  constraints?.forEach((c, i) => {
    const p = `${field}[${i}]`;
    if ((c.maxSkew ?? 0) <= 0) errs.push(invalid(`${p}.maxSkew`, c.maxSkew ?? 0, NOT_POSITIVE));
    if (!c.topologyKey) errs.push(required(`${p}.topologyKey`, 'can not be empty'));
    const when = (c.whenUnsatisfiable as string | undefined) ?? '';
    if (!WHEN_UNSATISFIABLE.includes(when)) errs.push(notSupported(`${p}.whenUnsatisfiable`, when, WHEN_UNSATISFIABLE));
    const repeat = constraints.slice(i + 1).find((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeat) errs.push(duplicate(`${p}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey ?? ''}, ${when}}`));
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(invalid(`${p}.minDomains`, c.minDomains, NOT_POSITIVE));
      if (when !== 'DoNotSchedule') {
        errs.push(invalid(`${p}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`));
      }
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[key] as string | undefined;
      if (v !== undefined && !INCLUSION_POLICIES.includes(v)) errs.push(notSupported(`${p}.${key}`, v, INCLUSION_POLICIES));
    }
    // With MatchLabelKeysInPodTopologySpreadSelectorMerge (on in v1.34) the constraint gets the
    // affinity terms' check (validateTopologySpreadConstraints), run on the merged selector.
    validateMatchLabelKeysAndMismatchLabelKeys(c.matchLabelKeys, undefined, c.labelSelector, p, errs);
    validateLabelSelector(c.labelSelector, `${p}.labelSelector`, errs);
  });
}
