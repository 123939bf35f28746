/**
 * The framework runtime (pkg/scheduler/framework/runtime/framework.go): runs the enabled plugins
 * of a profile at each extension point, in the profile's order, with its score weights.
 */
import type { SchedulerCache } from '../framework/cache';
import { CycleState } from '../framework/cycle_state';
import type {
  FilterPlugin,
  FrameworkRunner,
  Handle,
  Plugin,
  PostFilterPlugin,
  PostFilterResult,
  PreFilterPlugin,
  PreScorePlugin,
  ScorePlugin,
} from '../framework/interface';
import type { NodeInfo } from '../framework/node_info';
import type { NodeToStatus } from '../framework/node_to_status';
import type { PodInfo } from '../framework/pod_info';
import { Status } from '../framework/status';

export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

export interface PreFilterRun {
  /** null when every PreFilter passed (or skipped). */
  status: Status | null;
  /** The nodes a PreFilterResult narrowed the search to, if any plugin did. */
  nodeNames?: Set<string>;
  /** Names of the plugins that returned a node list. */
  pluginsWithNodes: string[];
}

export interface PluginScores {
  plugin: string;
  weight: number;
  /** Raw and normalized score per node of the scored list. */
  raw: number[];
  normalized: number[];
}

export interface ScoreRun {
  totals: number[];
  plugins: PluginScores[];
}

const ACTIVE_FILTERS_KEY = 'framework/activeFilterPlugins';
const ACTIVE_FILTERS_SKIPS_KEY = 'framework/activeFilterPluginsSkips';

function has<K extends keyof P, P>(p: P, k: K): boolean {
  return typeof (p as Record<K, unknown>)[k] === 'function';
}

export class Framework implements FrameworkRunner, Handle {
  readonly preFilterPlugins: PreFilterPlugin[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: WeightedScorePlugin[] = [];
  readonly framework: FrameworkRunner = this;

  /** `plugins` in multi-point order; each joins the extension points it implements. */
  constructor(
    readonly cache: SchedulerCache,
    plugins: readonly Plugin[],
    weights: Readonly<Record<string, number>>,
  ) {
    for (const p of plugins) {
      if (has(p as PreFilterPlugin, 'preFilter')) this.preFilterPlugins.push(p as PreFilterPlugin);
      if (has(p as FilterPlugin, 'filter')) this.filterPlugins.push(p as FilterPlugin);
      if (has(p as PostFilterPlugin, 'postFilter')) this.postFilterPlugins.push(p as PostFilterPlugin);
      if (has(p as PreScorePlugin, 'preScore')) this.preScorePlugins.push(p as PreScorePlugin);
      if (has(p as ScorePlugin, 'score')) this.scorePlugins.push({ plugin: p as ScorePlugin, weight: weights[p.name] ?? 1 });
    }
  }

  newCycleState(): CycleState {
    return new CycleState();
  }

  /**
   * RunPreFilterPlugins: Skip disables the plugin's Filter; UnschedulableAndUnresolvable stops at
   * once; Unschedulable is remembered while the rest still run (so preemption can use their state).
   */
  runPreFilterPlugins(state: CycleState, pod: PodInfo): PreFilterRun {
    let returnStatus: Status | null = null;
    let nodeNames: Set<string> | undefined;
    const pluginsWithNodes: string[] = [];
    for (const pl of this.preFilterPlugins) {
      const out = pl.preFilter(state, pod, this);
      const s = out?.status;
      if (s && s.code === 'Skip') {
        state.skipFilterPlugins.add(pl.name);
        continue;
      }
      if (s && !s.isSuccess()) {
        const stamped = s.withPlugin(pl.name);
        if (s.code === 'UnschedulableAndUnresolvable') return { status: stamped, pluginsWithNodes: [] };
        if (s.code === 'Unschedulable') {
          returnStatus = stamped;
          continue;
        }
        return { status: new Status('Error', [`running PreFilter plugin "${pl.name}": ${s.message()}`], pl.name), pluginsWithNodes: [] };
      }
      if (out?.nodeNames) {
        pluginsWithNodes.push(pl.name);
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => out.nodeNames!.has(n))) : new Set(out.nodeNames);
        if (nodeNames.size === 0) {
          const sorted = [...pluginsWithNodes].sort();
          const msg =
            sorted.length === 1
              ? `node(s) didn't satisfy plugin ${sorted[0]}`
              : `node(s) didn't satisfy plugin(s) [${sorted.join(' ')}] simultaneously`;
          return { status: new Status('UnschedulableAndUnresolvable', [msg]), nodeNames, pluginsWithNodes };
        }
      }
    }
    return { status: returnStatus, nodeNames, pluginsWithNodes };
  }

  /** RunFilterPlugins: the first rejecting plugin decides, stamped with its name. */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const plugins = this.activeFilterPlugins(state);
    for (let i = 0; i < plugins.length; i++) {
      const pl = plugins[i];
      const s = pl.filter(state, pod, nodeInfo, this);
      if (s !== null && !s.isSuccess()) return s.plugin === pl.name ? s : s.withPlugin(pl.name);
    }
    return null;
  }

  /** The filter plugins not skipped by their PreFilter, computed once per cycle state. */
  private activeFilterPlugins(state: CycleState): FilterPlugin[] {
    let list = state.read<FilterPlugin[]>(ACTIVE_FILTERS_KEY);
    if (!list || state.read<number>(ACTIVE_FILTERS_SKIPS_KEY) !== state.skipFilterPlugins.size) {
      list = this.filterPlugins.filter((p) => !state.skipFilterPlugins.has(p.name));
      state.write(ACTIVE_FILTERS_KEY, list);
      state.write(ACTIVE_FILTERS_SKIPS_KEY, state.skipFilterPlugins.size);
    }
    return list;
  }

  /**
   * RunFilterPluginsWithNominatedPods: when pods of equal or higher priority are nominated to
   * the node, filters run once with them added (and again without them, since some filters, like
   * pod affinity, may only pass without them).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const nominated = this.cache.hasNominatedPods ? this.cache.nominatedPodsForNode(nodeInfo.name) : [];
    const ge = nominated.filter((p) => p.key !== pod.key && p.priority >= pod.priority);
    if (ge.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const stateWith = state.clone();
    const nodeWith = nodeInfo.clone();
    for (const p of ge) {
      nodeWith.addPod(p);
      this.runPreFilterExtensionAddPod(stateWith, pod, p, nodeWith);
    }
    const first = this.runFilterPlugins(stateWith, pod, nodeWith);
    if (first !== null) return first;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): void {
    for (const pl of this.preFilterPlugins) {
      if (state.skipFilterPlugins.has(pl.name) || !pl.addPod) continue;
      pl.addPod(state, pod, podToAdd, nodeInfo, this);
    }
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): void {
    for (const pl of this.preFilterPlugins) {
      if (state.skipFilterPlugins.has(pl.name) || !pl.removePod) continue;
      pl.removePod(state, pod, podToRemove, nodeInfo, this);
    }
  }

  /**
   * RunPostFilterPlugins: the first success wins (its result and an empty message); rejections
   * accumulate their reasons, which become the FitError's postfilter message.
   */
  runPostFilterPlugins(state: CycleState, pod: PodInfo, m: NodeToStatus): { result?: PostFilterResult; status: Status } {
    let result: PostFilterResult | undefined;
    const reasons: string[] = [];
    let rejector = '';
    for (const pl of this.postFilterPlugins) {
      const out = pl.postFilter(state, pod, m, this);
      const s = out.status;
      if (s.isSuccess()) return out;
      if (s.code === 'UnschedulableAndUnresolvable') return { result: out.result, status: s.withPlugin(pl.name) };
      if (!s.isRejected()) return { status: new Status('Error', s.reasons, pl.name) };
      if (out.result) result = out.result;
      reasons.push(...s.reasons);
      if (rejector === '') rejector = pl.name;
    }
    return { result, status: new Status('Unschedulable', reasons, rejector) };
  }

  /** RunPreScorePlugins: a Skip leaves the plugin's Score out of this cycle. */
  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): Status | null {
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes, this);
      if (s === null || s.isSuccess()) continue;
      if (s.code === 'Skip') {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      return s.withPlugin(pl.name);
    }
    return null;
  }

  /** RunScorePlugins: score, normalize, weight; the node's total is the sum over plugins. */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: NodeInfo[]): ScoreRun {
    const totals = new Array<number>(nodes.length).fill(0);
    const plugins: PluginScores[] = [];
    for (const { plugin, weight } of this.scorePlugins) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      const raw = new Array<number>(nodes.length);
      for (let i = 0; i < nodes.length; i++) raw[i] = plugin.score(state, pod, nodes[i], this);
      const normalized = raw.slice();
      plugin.normalizeScore?.(state, pod, normalized, nodes, this);
      for (let i = 0; i < nodes.length; i++) totals[i] += normalized[i] * weight;
      plugins.push({ plugin: plugin.name, weight, raw, normalized });
    }
    return { totals, plugins };
  }
}
