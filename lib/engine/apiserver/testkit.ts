/**
 * Test helpers for the API server layer: a tiny in-memory cluster to apply manifests to, and
 * builders for the manifests the tables vary.
 */
import type { KubeObject } from '../api/types';
import { type AdmissionContext, prepareApply, type PrepareResult } from './pipeline';

export interface FakeCluster extends AdmissionContext {
  objects: Map<string, KubeObject>;
  /** kubectl apply; stores what was accepted. */
  apply(doc: unknown): PrepareResult;
}

export function fakeCluster(opts: { namespaces?: string[]; serviceAccounts?: string[]; priorityClasses?: Record<string, number> } = {}): FakeCluster {
  const namespaces = new Set(opts.namespaces ?? ['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  const accounts = new Set(opts.serviceAccounts ?? []);
  const objects = new Map<string, KubeObject>();
  const key = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;
  const cluster: FakeCluster = {
    objects,
    namespaceExists: (ns) => namespaces.has(ns) || objects.has(key('Namespace', undefined, ns)),
    serviceAccountExists: (ns, name) => name === 'default' || accounts.has(`${ns}/${name}`) || objects.has(key('ServiceAccount', ns, name)),
    priorityClassValue: (name) => opts.priorityClasses?.[name] ?? (objects.get(key('PriorityClass', undefined, name)) as { value?: number } | undefined)?.value,
    priorityClasses: () =>
      [...objects.values()]
        .filter((o) => o.kind === 'PriorityClass')
        .map((o) => {
          const c = o as { value?: number; preemptionPolicy?: string; globalDefault?: boolean };
          return { name: o.metadata?.name ?? '', value: c.value ?? 0, preemptionPolicy: c.preemptionPolicy, globalDefault: c.globalDefault };
        }),
    get: (kind, ns, name) => objects.get(key(kind, ns, name)),
    clusterIPInUse: (ip) => [...objects.values()].some((o) => o.kind === 'Service' && (o.spec as { clusterIP?: string } | undefined)?.clusterIP === ip),
    nodePortInUse: (port) =>
      [...objects.values()].some(
        (o) => o.kind === 'Service' && ((o.spec as { ports?: { nodePort?: number }[] } | undefined)?.ports ?? []).some((p) => p.nodePort === port),
      ),
    apply(doc) {
      const r = prepareApply(doc, cluster);
      if (r.ok) objects.set(key(r.object.kind!, r.object.metadata?.namespace, r.object.metadata!.name!), r.object);
      return r;
    },
  };
  return cluster;
}

// Manifests under test are loosely typed on purpose: the tables put wrong values in them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

/** A valid Pod manifest; `edit` changes it in place. */
export function podManifest(name = 'web', edit?: (pod: Json) => void): Json {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name } as Json,
    spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }] } as Json,
  };
  edit?.(pod);
  return pod;
}

/** A valid Deployment (or ReplicaSet) manifest selecting app=<name>. */
export function workloadManifest(kind: 'Deployment' | 'ReplicaSet', name = 'web', edit?: (obj: Json) => void): Json {
  const obj = {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name } as Json,
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
    } as Json,
  };
  edit?.(obj);
  return obj;
}

/** The causes of a refusal, or the reason it was accepted (for readable test failures). */
export function causesOf(r: PrepareResult): { field: string; reason: string; message: string }[] | string {
  if (r.ok) return 'accepted';
  return r.rejection.causes ?? r.rejection.message;
}
