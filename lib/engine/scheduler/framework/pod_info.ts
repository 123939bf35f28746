/**
 * framework.PodInfo: a pod with what the scheduler derives from its spec computed once (affinity
 * terms, resource requests, host ports). The spec of a pod does not change once it is stored, so
 * the derivation is cached per Pod object; labels and deletionTimestamp are read live.
 */
import type { Pod } from '../../api/types';
import { LabelSelectorError } from '../../api/labels';
import { affinityTerms, weightedAffinityTerms, type AffinityTerm, type WeightedAffinityTerm } from './affinity_term';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, podRequests, resourceFromAmounts, type Resource } from './resource';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export class PodInfo {
  readonly key: string;
  readonly namespace: string;
  readonly requiredAffinityTerms: AffinityTerm[] = [];
  readonly requiredAntiAffinityTerms: AffinityTerm[] = [];
  readonly preferredAffinityTerms: WeightedAffinityTerm[] = [];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[] = [];
  /** Set when an affinity term does not parse; the pod is then unschedulable (PreFilter). */
  readonly parseError?: string;
  private cachedRequest?: Resource;
  private cachedNonZero?: { milliCPU: number; memory: number };
  private cachedPorts?: HostPort[];
  private cachedImages?: string[];

  constructor(readonly pod: Pod) {
    this.namespace = pod.metadata.namespace ?? 'default';
    this.key = `${this.namespace}/${pod.metadata.name ?? ''}`;
    const a = pod.spec.affinity;
    try {
      this.requiredAffinityTerms = affinityTerms(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
      this.requiredAntiAffinityTerms = affinityTerms(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
      this.preferredAffinityTerms = weightedAffinityTerms(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
      this.preferredAntiAffinityTerms = weightedAffinityTerms(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    } catch (e) {
      if (!(e instanceof LabelSelectorError)) throw e;
      this.parseError = e.message;
    }
  }

  get name(): string {
    return this.pod.metadata.name ?? '';
  }

  /** corev1helpers.PodPriority: spec.priority, 0 when unset. */
  get priority(): number {
    return this.pod.spec.priority ?? 0;
  }

  get terminating(): boolean {
    return this.pod.metadata.deletionTimestamp != null;
  }

  /** Any pod (anti-)affinity at all: the pod is listed in NodeInfo.PodsWithAffinity. */
  get hasAffinity(): boolean {
    const a = this.pod.spec.affinity;
    return a != null && (a.podAffinity != null || a.podAntiAffinity != null);
  }

  get hasRequiredAntiAffinity(): boolean {
    return this.requiredAntiAffinityTerms.length > 0;
  }

  /** The effective request (PodRequests without defaults), as NodeResourcesFit checks it. */
  get request(): Resource {
    return (this.cachedRequest ??= resourceFromAmounts(podRequests(this.pod)));
  }

  /** cpu and memory with the 100m / 200Mi default for every container that requests none. */
  get nonZero(): { milliCPU: number; memory: number } {
    if (!this.cachedNonZero) {
      const a = podRequests(this.pod, true);
      this.cachedNonZero = { milliCPU: a.get('cpu') ?? DEFAULT_MILLI_CPU_REQUEST, memory: a.get('memory') ?? DEFAULT_MEMORY_REQUEST };
    }
    return this.cachedNonZero;
  }

  /** The images of init and app containers, as the runtime names them (untagged means :latest). */
  get images(): string[] {
    if (!this.cachedImages) {
      const out: string[] = [];
      for (const c of this.pod.spec.initContainers ?? []) out.push(normalizedImageName(c.image ?? ''));
      for (const c of this.pod.spec.containers ?? []) out.push(normalizedImageName(c.image ?? ''));
      this.cachedImages = out;
    }
    return this.cachedImages;
  }

  /** schedutil.GetHostPorts: host ports of the app containers and of sidecars. */
  get hostPorts(): HostPort[] {
    if (!this.cachedPorts) {
      const ports: HostPort[] = [];
      const collect = (list: typeof this.pod.spec.containers | undefined, sidecarsOnly: boolean) => {
        for (const c of list ?? []) {
          if (sidecarsOnly && c.restartPolicy !== 'Always') continue;
          for (const p of c.ports ?? []) {
            if ((p.hostPort ?? 0) > 0) ports.push({ ip: p.hostIP ?? '', protocol: p.protocol ?? '', port: p.hostPort! });
          }
        }
      };
      collect(this.pod.spec.initContainers, true);
      collect(this.pod.spec.containers, false);
      this.cachedPorts = ports;
    }
    return this.cachedPorts;
  }
}

/** The CRI name for an image reference: an untagged name means :latest. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest';
  return name;
}

const cache = new WeakMap<Pod, PodInfo>();

/** The PodInfo of a pod object, built once per object. */
export function podInfoOf(pod: Pod): PodInfo {
  let pi = cache.get(pod);
  if (!pi) {
    pi = new PodInfo(pod);
    cache.set(pod, pi);
  }
  return pi;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}
