/**
 * framework.NodeInfo: a node with the aggregate of the pods assigned (or assumed) to it, kept up to
 * date pod by pod so that filters and scores read sums instead of walking pods.
 */
import type { Node } from '../../api/types';
import { allocatableResource, addResource, cloneResource, emptyResource, type Resource } from './resource';
import { HostPortInfo } from './host_ports';
import type { PodInfo } from './pod_info';

export class NodeInfo {
  node!: Node;
  name = '';
  pods: PodInfo[] = [];
  /** Pods with any pod affinity or anti-affinity (NodeInfo.PodsWithAffinity). */
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts = new HostPortInfo();
  /** Sum of the pods' effective requests. */
  requested: Resource = emptyResource();
  /** cpu and memory with the 100m / 200Mi default for containers that request nothing. */
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  allocatable: Resource = emptyResource();
  /** Image names on the node, with their size in bytes. */
  images = new Map<string, number>();
  /** Bumped on every change, so caches keyed on a node can tell they are stale. */
  generation = 0;
  private readonly index = new Map<string, number>();

  constructor(node?: Node) {
    if (node) this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata.name ?? '';
    const parsed = parsedStatus(node);
    this.allocatable = parsed.allocatable;
    this.images = parsed.images;
    this.generation++;
  }

  get labels(): Record<string, string> {
    return this.node.metadata.labels ?? EMPTY_LABELS;
  }

  hasPod(key: string): boolean {
    return this.index.has(key);
  }

  getPod(key: string): PodInfo | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.pods[i];
  }

  addPod(pi: PodInfo): void {
    if (this.index.has(pi.key)) this.removePod(pi.key);
    this.index.set(pi.key, this.pods.length);
    this.pods.push(pi);
    if (pi.hasAffinity) this.podsWithAffinity.push(pi);
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
  }

  /** Removes the pod with that key; returns it, or undefined when it is not here. */
  removePod(key: string): PodInfo | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const pi = this.pods[i];
    // Swap with the last element, as upstream does, so removal is O(1).
    const last = this.pods.pop()!;
    if (i < this.pods.length) {
      this.pods[i] = last;
      this.index.set(last.key, i);
    }
    this.index.delete(key);
    if (pi.hasAffinity) this.podsWithAffinity = this.podsWithAffinity.filter((p) => p !== pi);
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((p) => p !== pi);
    this.update(pi, -1);
    return pi;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    addResource(this.requested, pi.request, sign);
    const nz = pi.nonZero;
    this.nonZeroMilliCPU += sign * nz.milliCPU;
    this.nonZeroMemory += sign * nz.memory;
    for (const p of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(p);
      else this.usedPorts.remove(p);
    }
    this.generation++;
  }

  /** A copy whose pod list and sums can be changed without touching this one (preemption dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo();
    c.node = this.node;
    c.name = this.name;
    c.pods = this.pods.slice();
    for (const [k, v] of this.index) c.index.set(k, v);
    c.podsWithAffinity = this.podsWithAffinity.slice();
    c.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.slice();
    c.usedPorts = this.usedPorts.clone();
    c.requested = cloneResource(this.requested);
    c.nonZeroMilliCPU = this.nonZeroMilliCPU;
    c.nonZeroMemory = this.nonZeroMemory;
    c.allocatable = this.allocatable;
    c.images = this.images;
    c.generation = this.generation;
    return c;
  }
}

/** Parsed allocatable and image list per Node object (both are only read afterwards). */
const statusCache = new WeakMap<Node, { allocatable: Resource; images: Map<string, number> }>();

function parsedStatus(node: Node): { allocatable: Resource; images: Map<string, number> } {
  let p = statusCache.get(node);
  if (!p) {
    const st = node.status ?? {};
    const images = new Map<string, number>();
    for (const img of st.images ?? []) {
      for (const n of img.names ?? []) if (!images.has(n)) images.set(n, img.sizeBytes ?? 0);
    }
    p = { allocatable: allocatableResource(st.allocatable ?? st.capacity), images };
    statusCache.set(node, p);
  }
  return p;
}

const EMPTY_LABELS: Record<string, string> = Object.freeze({}) as Record<string, string>;
