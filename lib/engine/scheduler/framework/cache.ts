/**
 * The scheduler's view of the cluster (internal/cache plus its Snapshot, which coincide here
 * because kubesim schedules on one thread): NodeInfos in node-tree order, kept current as nodes
 * and pods come and go, and the side data plugins look up (image spread, namespaces, the
 * Services and controllers behind default topology spreading, nominated pods).
 */
import type { LabelSelector, Labels, Node, Pod } from '../../api/types';
import type { Selector } from '../../api/labels';
import { AffinityIndex } from './affinity_index';
import { NodeInfo } from './node_info';
import { NodeTree } from './node_tree';
import { podInfoOf, type PodInfo } from './pod_info';

export interface NamespaceInfo {
  name: string;
  labels?: Labels;
}

interface Owned {
  metadata: { name?: string; namespace?: string };
}

/** The objects helper.DefaultSelector reads to build the system default spread constraints. */
export interface SelectorSources {
  services?: (Owned & { spec?: { selector?: Labels | null } })[];
  replicaSets?: (Owned & { spec?: { selector?: LabelSelector } })[];
  statefulSets?: (Owned & { spec?: { selector?: LabelSelector } })[];
  replicationControllers?: (Owned & { spec?: { selector?: Labels | null } })[];
}

/**
 * What the volume plugins read of a PersistentVolumeClaim (the scheduler's PVC lister). kubesim has
 * no PersistentVolumes or StorageClasses, so a claim that exists counts as bound.
 */
export interface ClaimInfo {
  accessModes: readonly string[];
  phase?: string;
  volumeName?: string;
  deleting: boolean;
}

export class SchedulerCache {
  private readonly tree = new NodeTree();
  private list: NodeInfo[] = [];
  private listDirty = false;
  private readonly infos = new Map<string, NodeInfo>();
  private readonly podNode = new Map<string, string>();
  private readonly imageNodes = new Map<string, number>();
  private affinityList: NodeInfo[] | undefined;
  private antiAffinityList: NodeInfo[] | undefined;
  private readonly nominatedByNode = new Map<string, PodInfo[]>();
  private readonly nominatedNode = new Map<string, string>();
  readonly namespaces = new Map<string, Labels>();
  /** Whether namespaces were given; if not, every namespace a pod lives in is assumed to exist. */
  namespacesKnown = false;
  sources: SelectorSources = {};
  /** namespace/name -> claim; empty unless the cluster stores PersistentVolumeClaims. */
  readonly claims = new Map<string, ClaimInfo>();
  private readonly index = new AffinityIndex(
    () => this.nodeInfos(),
    (sel) => this.podsWithLabelsOf(sel),
  );
  /** label key -> value -> pods carrying it, to find the few pods a selector can match. */
  private readonly byLabel = new Map<string, Map<string, Set<PodInfo>>>();
  private indexBuilt = false;
  /** Pods whose affinity can add to another pod's score: required affinity or preferred terms. */
  private readonly scoringAffinity = new Map<PodInfo, NodeInfo>();
  /** Bumped when any node or pod changes. */
  generation = 0;

  // ---- nodes ------------------------------------------------------------------------------

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const existing = this.infos.get(name);
    if (existing) {
      this.updateNode(node);
      return;
    }
    const ni = new NodeInfo(node);
    this.infos.set(name, ni);
    this.tree.add(node);
    this.addImages(ni, 1);
    this.listDirty = true;
    this.touch();
  }

  updateNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const ni = this.infos.get(name);
    if (!ni) {
      this.addNode(node);
      return;
    }
    this.addImages(ni, -1);
    ni.setNode(node);
    this.addImages(ni, 1);
    this.tree.update(node);
    // Pods may have changed domains; the counts are rebuilt when next needed.
    this.indexBuilt = false;
    this.listDirty = true;
    this.touch();
  }

  removeNode(name: string): void {
    const ni = this.infos.get(name);
    if (!ni) return;
    this.addImages(ni, -1);
    for (const p of ni.pods) {
      this.podNode.delete(p.key);
      this.scoringAffinity.delete(p);
      this.indexLabels(p, false);
    }
    this.infos.delete(name);
    this.indexBuilt = false;
    this.affinityList = this.antiAffinityList = undefined;
    this.tree.remove(name);
    this.listDirty = true;
    this.touch();
  }

  private addImages(ni: NodeInfo, sign: 1 | -1): void {
    for (const name of ni.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n > 0) this.imageNodes.set(name, n);
      else this.imageNodes.delete(name);
    }
  }

  // ---- pods -------------------------------------------------------------------------------

  /** Adds (or moves) a pod bound to, or assumed on, `nodeName` (defaults to spec.nodeName). */
  addPod(pod: Pod, nodeName = pod.spec.nodeName ?? ''): void {
    const pi = podInfoOf(pod);
    if (this.podNode.has(pi.key)) this.removePod(pi.key);
    const ni = this.infos.get(nodeName);
    if (!ni) return;
    ni.addPod(pi);
    this.podNode.set(pi.key, nodeName);
    this.indexLabels(pi, true);
    if (pi.hasAffinity) {
      this.affinityList = this.antiAffinityList = undefined;
      if (hasScoringAffinity(pi)) this.scoringAffinity.set(pi, ni);
    }
    if (this.indexBuilt) this.index.podAdded(pi, ni);
    this.touch();
  }

  removePod(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    const ni = this.infos.get(nodeName);
    const pi = ni?.removePod(key);
    this.podNode.delete(key);
    if (pi) this.indexLabels(pi, false);
    if (pi && ni) {
      if (pi.hasAffinity) {
        this.affinityList = this.antiAffinityList = undefined;
        this.scoringAffinity.delete(pi);
      }
      if (this.indexBuilt) this.index.podRemoved(pi, ni);
    }
    this.touch();
  }

  nodeOfPod(key: string): string | undefined {
    return this.podNode.get(key);
  }

  // ---- nominated pods ---------------------------------------------------------------------

  /** Records (or clears, with undefined) the node a pending pod was nominated to by preemption. */
  setNominated(pod: Pod, nodeName: string | undefined): void {
    const pi = podInfoOf(pod);
    const prev = this.nominatedNode.get(pi.key);
    if (prev !== undefined) {
      const list = this.nominatedByNode.get(prev)!.filter((p) => p.key !== pi.key);
      if (list.length) this.nominatedByNode.set(prev, list);
      else this.nominatedByNode.delete(prev);
      this.nominatedNode.delete(pi.key);
    }
    if (nodeName) {
      this.nominatedNode.set(pi.key, nodeName);
      const list = this.nominatedByNode.get(nodeName) ?? [];
      list.push(pi);
      this.nominatedByNode.set(nodeName, list);
    }
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.nominatedByNode.get(nodeName) ?? EMPTY;
  }

  get hasNominatedPods(): boolean {
    return this.nominatedByNode.size > 0;
  }

  // ---- listers ----------------------------------------------------------------------------

  /** NodeInfos in node-tree order (zones interleaved). */
  nodeInfos(): NodeInfo[] {
    if (this.listDirty) {
      this.list = this.tree.list().map((n) => this.infos.get(n)!);
      this.listDirty = false;
    }
    return this.list;
  }

  get(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }

  get numNodes(): number {
    return this.infos.size;
  }

  havePodsWithAffinityList(): NodeInfo[] {
    return (this.affinityList ??= this.nodeInfos().filter((n) => n.podsWithAffinity.length > 0));
  }

  havePodsWithRequiredAntiAffinityList(): NodeInfo[] {
    return (this.antiAffinityList ??= this.nodeInfos().filter((n) => n.podsWithRequiredAntiAffinity.length > 0));
  }

  private indexLabels(pi: PodInfo, add: boolean): void {
    const labels = pi.pod.metadata.labels;
    if (!labels) return;
    for (const k in labels) {
      let byValue = this.byLabel.get(k);
      if (!byValue) {
        if (!add) continue;
        this.byLabel.set(k, (byValue = new Map()));
      }
      let set = byValue.get(labels[k]);
      if (!set) {
        if (!add) continue;
        byValue.set(labels[k], (set = new Set()));
      }
      if (add) set.add(pi);
      else set.delete(pi);
    }
  }

  /**
   * The pods that can match `sel` because they carry a label value it requires (the first
   * Equals/In requirement), with their nodes; undefined when the selector requires no value.
   */
  podsWithLabelsOf(sel: Selector): [PodInfo, NodeInfo][] | undefined {
    const r = sel.requirements.find((q) => q.operator === 'Equals' || q.operator === 'In');
    if (!r || sel.nothing) return undefined;
    const out: [PodInfo, NodeInfo][] = [];
    const byValue = this.byLabel.get(r.key);
    if (!byValue) return out;
    for (const v of new Set(r.values)) {
      for (const pi of byValue.get(v) ?? []) {
        const ni = this.infos.get(this.podNode.get(pi.key) ?? '');
        if (ni) out.push([pi, ni]);
      }
    }
    return out;
  }

  /** The incrementally kept InterPodAffinity counts. */
  affinityIndex(): AffinityIndex {
    if (!this.indexBuilt) {
      this.index.reset();
      this.indexBuilt = true;
    }
    return this.index;
  }

  /** Existing pods with required affinity or preferred (anti-)affinity terms, with their node. */
  scoringAffinityPods(): ReadonlyMap<PodInfo, NodeInfo> {
    return this.scoringAffinity;
  }

  /** How many nodes report an image of that name (ImageStateSummary.NumNodes). */
  imageNumNodes(name: string): number {
    return this.imageNodes.get(name) ?? 0;
  }

  /** The labels of a namespace; every namespace carries kubernetes.io/metadata.name. */
  namespaceLabels(ns: string): Labels | undefined {
    const l = this.namespaces.get(ns);
    if (l) return l;
    return this.namespacesKnown ? undefined : { 'kubernetes.io/metadata.name': ns };
  }

  /** Names of the namespaces whose labels `sel` selects. */
  listNamespaces(sel: Selector): string[] {
    const names = new Set<string>(this.namespaces.keys());
    if (!this.namespacesKnown) for (const key of this.podNode.keys()) names.add(key.slice(0, key.indexOf('/')));
    const out: string[] = [];
    for (const n of names) if (sel.matches(this.namespaceLabels(n))) out.push(n);
    return out;
  }

  setNamespaces(list: readonly NamespaceInfo[]): void {
    this.namespaces.clear();
    for (const ns of list) {
      this.namespaces.set(ns.name, { 'kubernetes.io/metadata.name': ns.name, ...(ns.labels ?? {}) });
    }
    this.namespacesKnown = true;
    this.touch();
  }

  /** PVCLister.PersistentVolumeClaims(namespace).Get(name). */
  claim(namespace: string, name: string): ClaimInfo | undefined {
    return this.claims.get(`${namespace}/${name}`);
  }

  private touch(): void {
    this.generation++;
  }
}

const EMPTY: readonly PodInfo[] = [];

function hasScoringAffinity(pi: PodInfo): boolean {
  return pi.requiredAffinityTerms.length > 0 || pi.preferredAffinityTerms.length > 0 || pi.preferredAntiAffinityTerms.length > 0;
}
