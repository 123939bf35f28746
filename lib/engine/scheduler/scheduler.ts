/**
 * kubesim's kube-scheduler: `schedulePod` answers for one pod against a snapshot of the cluster,
 * with the per-node "why" a learner can read; `Scheduler` keeps the cluster view up to date
 * incrementally (nodes and pods added, changed, removed; pods assumed onto nodes) so that many pods
 * can be placed quickly.
 */
import type { LabelSelector, Labels, Node, Pod } from '../api/types';
import { SchedulerCache, type SelectorSources } from './framework/cache';
import type { CycleState } from './framework/cycle_state';
import type { NodeInfo } from './framework/node_info';
import { podInfoOf, podKey, type PodInfo } from './framework/pod_info';
import type { Status } from './framework/status';
import { DEFAULT_SCHEDULER_NAME, defaultFramework } from './profile';
import type { Framework } from './runtime/framework';
import { runCycle, truncateMessage, type CycleOutcome, type Cursor } from './schedule_one';

interface NamedObject {
  metadata: { name?: string; namespace?: string; labels?: Labels };
}

/** The fields of a PersistentVolumeClaim the scheduler reads. */
export interface PersistentVolumeClaimLike {
  metadata: { name?: string; namespace?: string; deletionTimestamp?: string | null };
  spec?: { accessModes?: string[]; volumeName?: string };
  status?: { phase?: string };
}

export interface ClusterSnapshot {
  nodes: Node[];
  /** Every pod bound to a node, terminating ones included (Succeeded/Failed pods are ignored). */
  pods: Pod[];
  /** Pending pods that carry status.nominatedNodeName from an earlier preemption. */
  nominatedPods?: Pod[];
  /** Namespace objects, for namespaceSelector in pod (anti-)affinity. */
  namespaces?: NamedObject[];
  /** The owners behind the system default topology spreading (helper.DefaultSelector). */
  services?: (NamedObject & { spec?: { selector?: Labels | null } })[];
  replicaSets?: (NamedObject & { spec?: { selector?: LabelSelector } })[];
  statefulSets?: (NamedObject & { spec?: { selector?: LabelSelector } })[];
  replicationControllers?: (NamedObject & { spec?: { selector?: Labels | null } })[];
  /** PersistentVolumeClaims; a pod naming a claim that is not here is unschedulable. */
  persistentVolumeClaims?: PersistentVolumeClaimLike[];
}

export interface FilterVerdict {
  plugin: string;
  code: 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';
  reasons: string[];
}

export interface ScoreEntry {
  plugin: string;
  raw: number;
  normalized: number;
  weight: number;
  weighted: number;
}

export interface NodeVerdict {
  node: string;
  filters: FilterVerdict[];
  feasible: boolean;
  /** Present only for nodes the scheduler scored (more than one feasible node found). */
  scores: ScoreEntry[];
  total: number;
}

export interface Preemption {
  /** The node the pod is nominated to (status.nominatedNodeName); "" clears an old nomination. */
  nominatedNodeName: string;
  /** namespace/name of the pods to evict, most important first. */
  victims: string[];
  /** namespace/name of lower-priority pods nominated to that node: clear their nominatedNodeName. */
  clearNominatedNodeName?: string[];
  /**
   * The condition each victim gets before it is deleted (PodDisruptionConditions, GA): the
   * caller writes it into the victim's status, then deletes the victim gracefully.
   */
  victimCondition?: { type: 'DisruptionTarget'; status: 'True'; reason: 'PreemptionByScheduler'; message: string };
}

export interface SchedulingAttempt {
  pod: string;
  nodeName?: string;
  nodes: NodeVerdict[];
  /** The FailedScheduling / PodScheduled=False text, exactly as the scheduler writes it. */
  message?: string;
  /** Plugins that rejected the pod somewhere: the queue retries it on events they care about. */
  unschedulablePlugins?: string[];
  /** Set when PostFilter ran: the nomination to write and the victims to evict. */
  preemption?: Preemption;
}

export interface SchedulingResult {
  pod: string;
  nodeName?: string;
  message?: string;
  unschedulablePlugins: string[];
  preemption?: Preemption;
  /** The victims as objects, for the caller to evict. */
  victims: Pod[];
  feasibleNodes: number;
  evaluatedNodes: number;
  explanation?: NodeVerdict[];
}

export interface SchedulerOptions {
  /** percentageOfNodesToScore; 0 (the default) is the adaptive 50%-down-to-5% rule. */
  percentageOfNodesToScore?: number;
}

function isTerminal(pod: Pod): boolean {
  // The scheduler's pod informer excludes Succeeded and Failed pods (field selector).
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export class Scheduler {
  readonly cache = new SchedulerCache();
  readonly framework: Framework;
  private readonly cursor: Cursor = { nextStartNodeIndex: 0 };
  private readonly percentage: number;
  private readonly nodeOrder: string[] = [];

  constructor(opts: SchedulerOptions = {}) {
    this.framework = defaultFramework(this.cache);
    this.percentage = opts.percentageOfNodesToScore ?? 0;
  }

  /** Builds a scheduler holding exactly what the snapshot describes. */
  static fromSnapshot(snapshot: ClusterSnapshot, opts?: SchedulerOptions): Scheduler {
    const s = new Scheduler(opts);
    for (const n of snapshot.nodes) s.addNode(n);
    if (snapshot.namespaces) s.setNamespaces(snapshot.namespaces);
    s.setSelectorSources(snapshot);
    if (snapshot.persistentVolumeClaims) s.setPersistentVolumeClaims(snapshot.persistentVolumeClaims);
    for (const p of snapshot.pods) s.addPod(p);
    for (const p of snapshot.nominatedPods ?? []) s.updatePod(p);
    return s;
  }

  // ---- what the cluster tells the scheduler -------------------------------------------------

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    if (!this.cache.get(name)) this.nodeOrder.push(name);
    this.cache.addNode(node);
  }

  updateNode(node: Node): void {
    this.addNode(node);
  }

  removeNode(name: string): void {
    const i = this.nodeOrder.indexOf(name);
    if (i >= 0) this.nodeOrder.splice(i, 1);
    this.cache.removeNode(name);
  }

  /** A pod was created or changed: bound pods count on their node, nominated ones are noted. */
  addPod(pod: Pod): void {
    this.updatePod(pod);
  }

  updatePod(pod: Pod): void {
    const key = podKey(pod);
    if (isTerminal(pod)) {
      this.cache.removePod(key);
      this.cache.setNominated(pod, undefined);
      return;
    }
    if (pod.spec.nodeName) {
      this.cache.addPod(pod);
      this.cache.setNominated(pod, undefined);
    } else {
      this.cache.removePod(key);
      this.cache.setNominated(pod, pod.status?.nominatedNodeName || undefined);
    }
  }

  removePod(pod: Pod | string): void {
    if (typeof pod === 'string') {
      this.cache.removePod(pod);
      return;
    }
    this.cache.removePod(podKey(pod));
    this.cache.setNominated(pod, undefined);
  }

  /** The scheduler's own assumption that `pod` now runs on `nodeName`, before the binding lands. */
  assume(pod: Pod, nodeName: string): void {
    this.cache.addPod(pod, nodeName);
    this.cache.setNominated(pod, undefined);
  }

  /** Records a nomination (after preemption) so lower-priority pods leave room for it. */
  setNominatedNode(pod: Pod, nodeName: string | undefined): void {
    this.cache.setNominated(pod, nodeName || undefined);
  }

  setNamespaces(namespaces: readonly NamedObject[]): void {
    this.cache.setNamespaces(namespaces.map((n) => ({ name: n.metadata.name ?? '', labels: n.metadata.labels })));
  }

  /** The PersistentVolumeClaims the volume plugins look up (the PVC informer). */
  setPersistentVolumeClaims(claims: readonly PersistentVolumeClaimLike[]): void {
    this.cache.claims.clear();
    for (const c of claims) {
      this.cache.claims.set(`${c.metadata.namespace ?? 'default'}/${c.metadata.name ?? ''}`, {
        accessModes: c.spec?.accessModes ?? [],
        phase: c.status?.phase,
        volumeName: c.spec?.volumeName,
        deleting: c.metadata.deletionTimestamp != null,
      });
    }
    this.cache.generation++;
  }

  setSelectorSources(src: SelectorSources): void {
    this.cache.sources = {
      services: src.services,
      replicaSets: src.replicaSets,
      statefulSets: src.statefulSets,
      replicationControllers: src.replicationControllers,
    };
  }

  // ---- scheduling -------------------------------------------------------------------------

  /** One scheduling cycle for `pod`. Nothing is assumed: call assume() with the chosen node. */
  schedule(pod: Pod, opts: { explain?: boolean } = {}): SchedulingResult {
    const out = runCycle(this.framework, pod, this.cursor, this.percentage);
    const result: SchedulingResult = {
      pod: out.pod.key,
      unschedulablePlugins: out.diagnosis ? [...out.diagnosis.unschedulablePlugins].sort() : [],
      victims: [],
      feasibleNodes: out.feasible.length,
      evaluatedNodes: out.evaluatedNodes,
    };
    if (out.nodeName !== undefined) result.nodeName = out.nodeName;
    else if (out.error !== undefined) result.message = truncateMessage(out.error);
    if (out.postFilter) {
      const victims = out.postFilter.victims ?? [];
      result.preemption = { nominatedNodeName: out.postFilter.nominatedNodeName, victims: victims.map((v) => v.key) };
      if (victims.length > 0) result.preemption.victimCondition = disruptionTarget(pod);
      const clear = out.postFilter.clearNominationOf ?? [];
      if (clear.length > 0) result.preemption.clearNominatedNodeName = clear.map((p) => p.key);
      result.victims = victims.map((v) => v.pod);
    }
    if (opts.explain) result.explanation = this.explain(out);
    return result;
  }

  private explain(out: CycleOutcome): NodeVerdict[] {
    const scoredIndex = new Map<string, number>();
    if (out.scores) out.feasible.forEach((ni, i) => scoredIndex.set(ni.name, i));
    const verdicts: NodeVerdict[] = [];
    for (const name of this.nodeOrder) {
      const ni = this.cache.get(name);
      if (!ni) continue;
      const filters = this.explainFilters(out, ni);
      const feasible = filters.every((f) => f.code === 'Success' || f.code === 'Skip');
      const v: NodeVerdict = { node: name, filters, feasible, scores: [], total: 0 };
      const i = scoredIndex.get(name);
      if (i !== undefined && out.scores) {
        for (const p of out.scores.plugins) {
          v.scores.push({ plugin: p.plugin, raw: p.raw[i], normalized: p.normalized[i], weight: p.weight, weighted: p.normalized[i] * p.weight });
        }
        v.total = out.scores.totals[i];
      }
      verdicts.push(v);
    }
    return verdicts;
  }

  /** Every filter's own verdict on the node (upstream stops at the first rejection). */
  private explainFilters(out: CycleOutcome, ni: NodeInfo): FilterVerdict[] {
    const pre = out.preFilterStatus;
    if (pre !== null) return [verdict(pre.plugin || 'PreFilter', pre)];
    if (out.preFilterNodeNames && !out.preFilterNodeNames.has(ni.name) && out.preFilterAbsent) {
      return [verdict(out.preFilterAbsent.plugin || 'PreFilter', out.preFilterAbsent)];
    }
    const fw = this.framework;
    const state = out.state;
    const pod = out.pod;
    const withNominated = nodeWithNominated(fw, state, pod, ni);
    const verdicts: FilterVerdict[] = [];
    for (const pl of fw.filterPlugins) {
      if (state.skipFilterPlugins.has(pl.name)) {
        verdicts.push({ plugin: pl.name, code: 'Skip', reasons: [] });
        continue;
      }
      let s = withNominated ? pl.filter(withNominated.state, pod, withNominated.node, fw) : null;
      if (s === null) s = pl.filter(state, pod, ni, fw);
      verdicts.push(s === null ? { plugin: pl.name, code: 'Success', reasons: [] } : verdict(pl.name, s));
    }
    return verdicts;
  }
}

/** The DisruptionTarget condition PreemptPod writes on each victim, naming the preemptor's scheduler. */
function disruptionTarget(preemptor: Pod): NonNullable<Preemption['victimCondition']> {
  const scheduler = preemptor.spec.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  return { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${scheduler}: preempting to accommodate a higher priority pod` };
}

function verdict(plugin: string, s: Status): FilterVerdict {
  const code = s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable' || s.code === 'Skip' ? s.code : 'UnschedulableAndUnresolvable';
  return { plugin, code, reasons: [...s.reasons] };
}

function nodeWithNominated(fw: Framework, state: CycleState, pod: PodInfo, ni: NodeInfo): { state: CycleState; node: NodeInfo } | undefined {
  const ge = fw.cache.nominatedPodsForNode(ni.name).filter((p) => p.key !== pod.key && p.priority >= pod.priority);
  if (ge.length === 0) return undefined;
  const s = state.clone();
  const n = ni.clone();
  for (const p of ge) {
    n.addPod(p);
    fw.runPreFilterExtensionAddPod(s, pod, p, n);
  }
  return { state: s, node: n };
}

/**
 * One scheduling attempt for `pod` against `snapshot`, explained node by node. The nodes are
 * listed in snapshot order; ties between equal best totals go to the first node scanned.
 */
export function schedulePod(pod: Pod, snapshot: ClusterSnapshot): SchedulingAttempt {
  const s = Scheduler.fromSnapshot(snapshot);
  const r = s.schedule(pod, { explain: true });
  const attempt: SchedulingAttempt = { pod: r.pod, nodes: r.explanation ?? [] };
  if (r.nodeName !== undefined) attempt.nodeName = r.nodeName;
  if (r.message !== undefined) attempt.message = r.message;
  if (r.unschedulablePlugins.length > 0) attempt.unschedulablePlugins = r.unschedulablePlugins;
  if (r.preemption) attempt.preemption = r.preemption;
  return attempt;
}

export { podInfoOf, podKey };
