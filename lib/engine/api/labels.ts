/**
 * Label and node selectors as apimachinery and component-helpers evaluate them: metav1.LabelSelector
 * (matchLabels + matchExpressions), the set-based string form kubectl takes with `-l`, and the
 * v1.NodeSelector terms of node affinity (Gt/Lt, matchFields on metadata.name).
 */
import type { LabelSelector, Labels, Node, NodeSelectorRequirement, NodeSelectorTerm, Pod } from './types';

export class LabelSelectorError extends Error {}

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Equals' | 'NotEquals';

/** One AND'ed condition of a selector. Equals/NotEquals match exactly like In/NotIn with one value. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export interface Selector {
  /** The AND'ed requirements, sorted by key (empty for "everything" and "nothing"). */
  readonly requirements: readonly Requirement[];
  /** True for the selector a nil metav1.LabelSelector becomes: it matches no object. */
  readonly nothing: boolean;
  matches(labels: Labels | undefined): boolean;
  /** True when it selects every object. */
  empty(): boolean;
  /** labels.Selector.String(): the canonical text, usable as a cache key. */
  toString(): string;
}

const INT_RE = /^[+-]?\d+$/;

function parseInt64(text: string): bigint | undefined {
  if (!INT_RE.test(text)) return undefined;
  const v = BigInt(text);
  // strconv.ParseInt refuses values outside int64.
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

export function requirementMatches(r: Requirement, labels: Labels | undefined): boolean {
  // Label values are strings, so a non-string lookup result (undefined, or an inherited
  // Object.prototype member) means the key is absent.
  const v = labels === undefined ? undefined : labels[r.key];
  const has = typeof v === 'string';
  switch (r.operator) {
    case 'Equals':
      return has && v === r.values[0];
    case 'In':
      return has && r.values.includes(v);
    case 'NotEquals':
      return !has || v !== r.values[0];
    case 'NotIn':
      // A missing key satisfies NotIn, as labels.Requirement does.
      return !has || !r.values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseInt64(v);
      const rv = parseInt64(r.values[0]);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'Gt' ? lv > rv : lv < rv;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'Equals':
      return `${r.key}=${r.values[0]}`;
    case 'NotEquals':
      return `${r.key}!=${r.values[0]}`;
    case 'In':
      return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'Gt':
      return `${r.key}>${r.values[0]}`;
    case 'Lt':
      return `${r.key}<${r.values[0]}`;
  }
}

class RequirementsSelector implements Selector {
  readonly nothing = false;
  private readonly text: string;
  constructor(readonly requirements: readonly Requirement[]) {
    this.text = requirements.map(requirementString).join(',');
  }
  matches(labels: Labels | undefined): boolean {
    const rs = this.requirements;
    for (let i = 0; i < rs.length; i++) if (!requirementMatches(rs[i], labels)) return false;
    return true;
  }
  empty(): boolean {
    return this.requirements.length === 0;
  }
  toString(): string {
    return this.text;
  }
}

class NothingSelector implements Selector {
  readonly requirements: readonly Requirement[] = [];
  readonly nothing = true;
  matches(): boolean {
    return false;
  }
  empty(): boolean {
    return false;
  }
  toString(): string {
    // labels.Nothing() prints as "" too; the marker keeps cache keys apart from Everything.
    return '<nothing>';
  }
}

export const EVERYTHING: Selector = new RequirementsSelector([]);
export const NOTHING: Selector = new NothingSelector();

// Key and value grammar of the API (validation.IsQualifiedName / IsValidLabelValue).
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function validKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && NAME_PART.test(name);
}

function validValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** labels.NewRequirement: validates the key, the operator's value count and each value. */
export function newRequirement(key: string, operator: Operator, values: readonly string[] = []): Requirement {
  if (!validKey(key)) throw new LabelSelectorError(`invalid label key "${key}"`);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) throw new LabelSelectorError('for \'in\', \'notin\' operators, values set can\'t be empty');
      break;
    case 'Equals':
    case 'NotEquals':
      if (values.length !== 1) throw new LabelSelectorError('exact-match compatibility requires one single value');
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) throw new LabelSelectorError('values set must be empty for exists and does not exist');
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) throw new LabelSelectorError('for \'Gt\', \'Lt\' operators, exactly one value is required');
      if (parseInt64(values[0]) === undefined)
        throw new LabelSelectorError('for \'Gt\', \'Lt\' operators, the value must be an integer');
      return { key, operator, values: [...values] };
    default:
      throw new LabelSelectorError(`operator '${String(operator)}' is not recognized`);
  }
  for (const v of values) if (!validValue(v)) throw new LabelSelectorError(`invalid label value: "${v}"`);
  return { key, operator, values: [...values] };
}

function sortedSelector(reqs: Requirement[]): Selector {
  if (reqs.length === 0) return EVERYTHING;
  // Stable sort by key, as labels.internalSelector keeps them.
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return new RequirementsSelector(reqs);
}

/** A selector from already validated requirements (labels.Selector.Add), AND'ed. */
export function selectorFromRequirements(reqs: readonly Requirement[]): Selector {
  return sortedSelector([...reqs]);
}

/** metav1.LabelSelectorAsSelector: nil selects nothing, {} selects everything. Throws on invalid input. */
export function labelSelectorAsSelector(sel: LabelSelector | null | undefined): Selector {
  if (sel === null || sel === undefined) return NOTHING;
  const reqs: Requirement[] = [];
  const ml = sel.matchLabels ?? {};
  for (const k of Object.keys(ml)) reqs.push(newRequirement(k, 'Equals', [ml[k]]));
  for (const expr of sel.matchExpressions ?? []) {
    const op = expr.operator as string;
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist')
      throw new LabelSelectorError(`"${op}" is not a valid label selector operator`);
    reqs.push(newRequirement(expr.key, expr.operator, expr.values ?? []));
  }
  return sortedSelector(reqs);
}

/** labels.SelectorFromSet: every key must carry the value; an empty set selects everything. */
export function selectorFromSet(set: Labels | undefined): Selector {
  if (!set) return EVERYTHING;
  const keys = Object.keys(set);
  if (keys.length === 0) return EVERYTHING;
  return sortedSelector(keys.map((k) => ({ key: k, operator: 'Equals' as const, values: [set[k]] })));
}

/** True when `labels` satisfy `sel` (metav1 semantics); an invalid selector matches nothing. */
export function matchesLabelSelector(sel: LabelSelector | null | undefined, labels: Labels | undefined): boolean {
  try {
    return labelSelectorAsSelector(sel).matches(labels);
  } catch (e) {
    if (e instanceof LabelSelectorError) return false;
    throw e;
  }
}

/** A map selector (Service.spec.selector, nodeSelector): all pairs must be present. */
export function matchesSet(set: Labels | undefined, labels: Labels | undefined): boolean {
  if (!set) return true;
  for (const k in set) {
    if (!labels || labels[k] !== set[k]) return false;
  }
  return true;
}

// ---- the string form (labels.Parse) -----------------------------------------------------

type Token =
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: '(' | ')' | ',' | '!' | 'end' };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const isIdChar = (c: string) => !' \t\n,()!=<>'.includes(c);
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c });
      i++;
    } else if (c === '!') {
      if (text[i + 1] === '=') {
        out.push({ t: 'op', v: '!=' });
        i += 2;
      } else {
        out.push({ t: '!' });
        i++;
      }
    } else if (c === '=') {
      if (text[i + 1] === '=') {
        out.push({ t: 'op', v: '==' });
        i += 2;
      } else {
        out.push({ t: 'op', v: '=' });
        i++;
      }
    } else if (c === '<' || c === '>') {
      out.push({ t: 'op', v: c });
      i++;
    } else {
      let j = i;
      while (j < text.length && isIdChar(text[j])) j++;
      out.push({ t: 'id', v: text.slice(i, j) });
      i = j;
    }
  }
  out.push({ t: 'end' });
  return out;
}

/** labels.Parse: "a=b,c!=d,e in (f,g),h notin (i),j,!k,l>3". Throws LabelSelectorError. */
export function parseSelector(text: string): Selector {
  const toks = tokenize(text);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const reqs: Requirement[] = [];
  if (peek().t === 'end') return EVERYTHING;
  for (;;) {
    let tok = next();
    if (tok.t === '!') {
      const key = next();
      if (key.t !== 'id') throw new LabelSelectorError(`found '${tokText(key)}', expected: identifier after '!'`);
      reqs.push(newRequirement(key.v, 'DoesNotExist'));
    } else if (tok.t === 'id') {
      const key = tok.v;
      const opTok = peek();
      if (opTok.t === ',' || opTok.t === 'end') {
        reqs.push(newRequirement(key, 'Exists'));
      } else if (opTok.t === 'op') {
        next();
        const val = peek();
        let value = '';
        if (val.t === 'id') {
          value = val.v;
          next();
        }
        const op: Operator =
          opTok.v === '!=' ? 'NotEquals' : opTok.v === '>' ? 'Gt' : opTok.v === '<' ? 'Lt' : 'Equals';
        reqs.push(newRequirement(key, op, [value]));
      } else if (opTok.t === 'id' && (opTok.v === 'in' || opTok.v === 'notin')) {
        next();
        if (next().t !== '(') throw new LabelSelectorError(`found '${tokText(toks[p - 1])}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          tok = next();
          if (tok.t === 'id') {
            values.push(tok.v);
            tok = next();
          } else {
            values.push('');
          }
          if (tok.t === ')') break;
          if (tok.t !== ',') throw new LabelSelectorError(`found '${tokText(tok)}', expected: ',' or ')'`);
        }
        reqs.push(newRequirement(key, opTok.v === 'in' ? 'In' : 'NotIn', values));
      } else {
        throw new LabelSelectorError(`found '${tokText(opTok)}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    } else {
      throw new LabelSelectorError(`found '${tokText(tok)}', expected: !, identifier, or 'end of string'`);
    }
    const sep = next();
    if (sep.t === 'end') break;
    if (sep.t !== ',') throw new LabelSelectorError(`found '${tokText(sep)}', expected: ',' or 'end of string'`);
  }
  return sortedSelector(reqs);
}

function tokText(t: Token): string {
  if (t.t === 'id' || t.t === 'op') return t.v;
  return t.t === 'end' ? '' : t.t;
}

// ---- node selectors (component-helpers/scheduling/corev1/nodeaffinity) ------------------

interface CompiledTerm {
  labels?: Selector;
  fields?: { key: string; negate: boolean; value: string }[];
  /** A term that failed to parse never matches (LazyErrorNodeSelector skips it). */
  invalid: boolean;
}

function nodeSelectorRequirementsAsSelector(reqs: NodeSelectorRequirement[]): Selector {
  if (reqs.length === 0) return NOTHING;
  const out: Requirement[] = [];
  for (const r of reqs) {
    const op = r.operator as string;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'].includes(op))
      throw new LabelSelectorError(`"${op}" is not a valid node selector operator`);
    out.push(newRequirement(r.key, r.operator, r.values ?? []));
  }
  return sortedSelector(out);
}

function compileTerm(term: NodeSelectorTerm): CompiledTerm {
  const compiled: CompiledTerm = { invalid: false };
  try {
    if (term.matchExpressions && term.matchExpressions.length > 0) {
      compiled.labels = nodeSelectorRequirementsAsSelector(term.matchExpressions);
    }
    if (term.matchFields && term.matchFields.length > 0) {
      compiled.fields = term.matchFields.map((f) => {
        if ((f.operator !== 'In' && f.operator !== 'NotIn') || (f.values ?? []).length !== 1)
          throw new LabelSelectorError('invalid node field selector');
        return { key: f.key, negate: f.operator === 'NotIn', value: f.values![0] };
      });
    }
  } catch (e) {
    if (!(e instanceof LabelSelectorError)) throw e;
    compiled.invalid = true;
  }
  return compiled;
}

function isEmptyTerm(term: NodeSelectorTerm): boolean {
  return (term.matchExpressions?.length ?? 0) === 0 && (term.matchFields?.length ?? 0) === 0;
}

function nodeField(node: Node, key: string): string {
  return key === 'metadata.name' ? node.metadata?.name ?? '' : '';
}

function termMatches(t: CompiledTerm, node: Node): boolean {
  if (t.invalid) return false;
  if (t.labels && !t.labels.matches(node.metadata?.labels)) return false;
  if (t.fields && node.metadata?.name) {
    for (const f of t.fields) {
      const equal = nodeField(node, f.key) === f.value;
      if (equal === f.negate) return false;
    }
  }
  return true;
}

/** A v1.NodeSelector: its terms are OR'ed, the requirements inside a term AND'ed. */
export class NodeSelectorMatcher {
  private readonly terms: CompiledTerm[];
  constructor(terms: readonly NodeSelectorTerm[]) {
    // A nil or empty term selects no node.
    this.terms = terms.filter((t) => !isEmptyTerm(t)).map(compileTerm);
  }
  matches(node: Node): boolean {
    for (const t of this.terms) if (termMatches(t, node)) return true;
    return false;
  }
}

/** True when the node satisfies one term alone (used by the preferred terms and by tests). */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  if (isEmptyTerm(term)) return false;
  return termMatches(compileTerm(term), node);
}

/**
 * nodeaffinity.RequiredNodeAffinity: spec.nodeSelector and
 * requiredDuringSchedulingIgnoredDuringExecution must both match.
 */
export class RequiredNodeAffinity {
  private readonly labelSelector?: Selector;
  private readonly nodeSelector?: NodeSelectorMatcher;
  constructor(pod: Pod) {
    const ns = pod.spec.nodeSelector;
    if (ns && Object.keys(ns).length > 0) this.labelSelector = selectorFromSet(ns);
    const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) this.nodeSelector = new NodeSelectorMatcher(req.nodeSelectorTerms ?? []);
  }
  /** True when neither a nodeSelector nor required node affinity constrains the pod. */
  get unconstrained(): boolean {
    return !this.labelSelector && !this.nodeSelector;
  }
  matches(node: Node): boolean {
    if (this.labelSelector && !this.labelSelector.matches(node.metadata?.labels)) return false;
    if (this.nodeSelector && !this.nodeSelector.matches(node)) return false;
    return true;
  }
}

/** nodeaffinity.PreferredSchedulingTerms: the score is the sum of the weights of matching terms. */
export class PreferredSchedulingTerms {
  private readonly terms: { weight: number; term: CompiledTerm }[];
  constructor(terms: readonly { weight: number; preference: NodeSelectorTerm }[]) {
    this.terms = terms
      .filter((t) => t.weight !== 0 && !isEmptyTerm(t.preference))
      .map((t) => ({ weight: t.weight, term: compileTerm(t.preference) }));
  }
  get length(): number {
    return this.terms.length;
  }
  score(node: Node): number {
    let s = 0;
    for (const t of this.terms) if (termMatches(t.term, node)) s += t.weight;
    return s;
  }
}
