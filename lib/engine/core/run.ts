/**
 * runScenario: a scenario in, the contract's result line out. It drives a Cluster: seeds the
 * `pods`, applies `apply` at t=0, performs each action at its virtual second, takes the observed
 * snapshots, and reports the final state with `kubectl describe` text, the events, and (beyond
 * the contract) every scheduling attempt, per-container timelines and logs.
 */
import type { KubeEvent, KubeObject, Pod } from '../api/types';
import { Cluster, type AppliedEntry, type RejectedEntry, type SchedulingRecord, type Snapshot } from './cluster';
import { LoopCapExceeded } from './loop';
import type { Action, Scenario } from './scenario';
import type { Controller } from './controller';
import type { ContainerLogs, PodTimeline } from '../kubelet/journal';
import { defaultControllers } from './controllers';

export interface ActionRejection {
  at: number;
  kind: string;
  name: string;
  reason?: string;
  message: string;
}

export interface ScenarioResult {
  accepted: AppliedEntry[];
  rejected: (RejectedEntry | ActionRejection)[];
  snapshots: Snapshot[];
  final: Snapshot & { describe: Record<string, string> };
  events: KubeEvent[];
  scheduling: SchedulingRecord[];
  timeline: PodTimeline[];
  logs: ContainerLogs[];
  /** Set when the simulation hit a cap and stopped early. */
  truncated?: string;
}

export interface RunOptions {
  controllers?: Controller[];
}

function perform(cluster: Cluster, a: Action, result: ScenarioResult): void {
  let outcome;
  if ('apply' in a) {
    const r = cluster.apply(a.apply, a.at);
    result.accepted.push(...r.accepted);
    result.rejected.push(...r.rejected);
    return;
  }
  if ('delete' in a) outcome = cluster.delete(a.delete);
  else if ('taint' in a) outcome = cluster.taint(a.taint);
  else if ('label' in a) outcome = cluster.label(a.label.node, a.label.labels);
  else if ('cordon' in a) outcome = cluster.cordon(a.cordon.node, true);
  else if ('uncordon' in a) outcome = cluster.cordon(a.uncordon.node, false);
  else if ('scale' in a) outcome = cluster.scale(a.scale.kind, a.scale.name, a.scale.replicas, a.scale.namespace);
  else if ('rollout' in a) outcome = cluster.rollout(a.rollout.kind, a.rollout.name, a.rollout.do, a.rollout.namespace);
  else outcome = cluster.nodeCondition(a.nodeCondition.node, a.nodeCondition.ready);
  if (!outcome.ok) {
    const rej: ActionRejection = { at: a.at, kind: outcome.kind, name: outcome.name, message: outcome.message };
    if (outcome.reason) rej.reason = outcome.reason;
    result.rejected.push(rej);
  }
}

export function runScenario(scenario: Scenario, opts: RunOptions = {}): ScenarioResult {
  // The node controller asks the cluster about silent kubelets; the cluster is made after it.
  const ref: { cluster?: Cluster } = {};
  const pendingWakes: (() => void)[] = [];
  const controllers = opts.controllers ?? defaultControllers((n) => ref.cluster?.silentSince.get(n), (wake) => (ref.cluster ? ref.cluster.onSilence(wake) : pendingWakes.push(wake)));
  const cluster: Cluster = new Cluster({ nodes: scenario.nodes, controllers });
  ref.cluster = cluster;
  for (const w of pendingWakes) cluster.onSilence(w);
  const result: ScenarioResult = {
    accepted: [],
    rejected: [],
    snapshots: [],
    final: undefined as never,
    events: [],
    scheduling: [],
    timeline: [],
    logs: [],
  };
  // The `pods` go through defaulting and admission as if applied just before t=0: a refused one
  // is reported, with its position in `pods`, ahead of the apply's own entries.
  result.rejected.push(...cluster.seed(scenario.pods).rejected);
  // Each kubelet reads its static pod manifests as it starts (the `staticPods` extension).
  for (const [node, manifests] of Object.entries(scenario.staticPods ?? {})) cluster.addStaticPods(node, manifests);
  // The kubelets start the seeded pods before the t=0 apply, so the scheduler's first cycle
  // (and any preemption it does) finds them running.
  cluster.advanceTo(0);
  const applied = cluster.apply(scenario.apply);
  result.accepted.push(...applied.accepted);
  result.rejected.push(...applied.rejected);

  // Actions in time order (stable for equal times), then the observations at each instant.
  const actions = scenario.actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  const times = [...new Set([...actions.map((x) => x.a.at), ...scenario.observe])].filter((t) => t <= scenario.until).sort((a, b) => a - b);
  const observed = new Set<number>();
  try {
    for (const t of times) {
      cluster.advanceTo(t);
      for (const { a } of actions) if (a.at === t) perform(cluster, a, result);
      if (scenario.observe.includes(t) && !observed.has(t)) {
        observed.add(t);
        result.snapshots.push(cluster.snapshot());
      }
    }
    cluster.advanceTo(scenario.until);
  } catch (e) {
    if (!(e instanceof LoopCapExceeded)) throw e;
    result.truncated = `simulation stopped at ${cluster.now}s: ${e.message}`;
    for (const t of scenario.observe) if (!observed.has(t)) result.snapshots.push(cluster.snapshot());
  }
  result.snapshots.sort((a, b) => a.at - b.at);
  const final = cluster.snapshot(false);
  result.final = { ...final, at: scenario.until, describe: cluster.describeAll() };
  result.events = cluster.events();
  result.scheduling = cluster.scheduling;
  result.timeline = cluster.journal.timeline();
  result.logs = cluster.journal.allLogs();
  return result;
}

export type { KubeObject, Pod };
