/**
 * Test support: the controllers on the real ObjectStore, EventLoop and EventRecorder, with the API
 * server's create path (defaults, admission, validation) and the API's delete semantics (a bound
 * pod is deleted gracefully), but no scheduler or kubelet: tests play those parts by hand.
 */
import type { KubeEvent, KubeObject, Pod } from '../api/types';
import type { Controller, ControllerContext } from '../core/controller';
import { EventLoop } from '../core/loop';
import { ObjectStore } from '../core/store';
import { EventRecorder } from '../core/events';
import { Sequence } from '../core/ids';
import { rfc3339, SECOND } from '../core/time';
import { prepareApply, prepareCreate, type AdmissionContext } from '../apiserver/pipeline';

export interface Harness {
  ctx: ControllerContext;
  store: ObjectStore;
  loop: EventLoop;
  recorder: EventRecorder;
  /** kubectl apply of a manifest (through the API server); throws when refused. */
  apply<T = KubeObject>(manifest: object): T;
  /** Runs the loop until virtual second `t`. */
  runTo(t: number): void;
  events(reason?: string): KubeEvent[];
  pods(namespace?: string): Pod[];
  /** Plays the scheduler and kubelet: bound, Running with an IP, Ready since now. */
  runPod(pod: Pod, node?: string, ready?: boolean): void;
  /** Plays the kubelet finishing a graceful deletion. */
  finishDeletion(pod: Pod): void;
}

export function harness(controllers: Controller[]): Harness {
  const ids = new Sequence(7);
  const loop = new EventLoop();
  const store = new ObjectStore(ids, () => loop.now);
  const recorder = new EventRecorder(() => loop.now);
  for (const ns of ['default', 'kube-system']) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  for (const n of ['node01', 'node02']) store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: n, labels: { 'kubernetes.io/hostname': n } } });
  const admission: AdmissionContext = {
    namespaceExists: (ns) => !!store.get('Namespace', undefined, ns),
    serviceAccountExists: (ns, name) => !!store.get('ServiceAccount', ns, name),
    priorityClassValue: () => undefined,
    get: (kind, ns, name) => store.get(kind, ns, name),
    generateName: (kind, ns, prefix) => store.generateName(kind, ns, prefix),
  };
  const queued = new Set<string>();
  const ctx: ControllerContext = {
    store,
    loop,
    now: () => loop.now,
    after: (ms, fn) => loop.after(ms, fn),
    enqueue: (key, fn) => {
      if (queued.has(key)) return;
      queued.add(key);
      loop.after(0, () => {
        queued.delete(key);
        fn();
      });
    },
    create: (obj) => {
      const r = prepareCreate(obj, admission);
      return r.ok ? { ok: true, object: store.create(r.object) } : r;
    },
    update: (obj, opts) => {
      store.update(obj, opts);
    },
    delete: (kind, ns, name, opts = {}) => {
      const obj = store.get(kind, ns, name);
      if (!obj || (opts.uid && obj.metadata?.uid !== opts.uid)) return false;
      if (kind === 'Pod') {
        const pod = obj as unknown as Pod;
        const grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
        if (pod.spec.nodeName && grace > 0 && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
          if (!pod.metadata.deletionTimestamp) {
            pod.metadata.deletionTimestamp = rfc3339(loop.now + grace * SECOND);
            pod.metadata.deletionGracePeriodSeconds = grace;
            store.update(pod);
          }
          return true;
        }
      }
      store.remove(kind, ns, name);
      return true;
    },
    event: (component, involved, type, reason, message) => recorder.record({ component }, involved, type, reason, message),
  };
  for (const c of controllers) c.start(ctx);
  let ip = 10;
  return {
    ctx,
    store,
    loop,
    recorder,
    apply<T>(manifest: object): T {
      const r = prepareApply(manifest, admission);
      if (!r.ok) throw new Error(r.rejection.message);
      if (r.unchanged) return r.object as T;
      const md = r.object.metadata!;
      return (store.get(r.object.kind!, md.namespace, md.name!) ? store.update(r.object) : store.create(r.object)) as T;
    },
    runTo(t: number) {
      loop.runUntil(Math.round(t * SECOND));
    },
    events(reason?: string) {
      return recorder.all().filter((e) => reason === undefined || e.reason === reason);
    },
    pods(namespace = 'default') {
      return store.list<Pod>('Pod', namespace);
    },
    runPod(pod: Pod, node = 'node01', ready = true) {
      const at = rfc3339(loop.now);
      pod.spec.nodeName = node;
      const podIP = `10.244.1.${ip++}`;
      pod.status = {
        ...(pod.status ?? {}),
        phase: 'Running',
        podIP,
        podIPs: [{ ip: podIP }],
        conditions: [
          { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at },
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
        ],
      };
      store.update(pod);
    },
    finishDeletion(pod: Pod) {
      store.remove('Pod', pod.metadata.namespace, pod.metadata.name!);
    },
  };
}

/** Sets a pod's Ready condition as the kubelet's status manager does. */
export function setReady(h: Harness, pod: Pod, ready: boolean): void {
  const cond = pod.status!.conditions!.find((c) => c.type === 'Ready')!;
  cond.status = ready ? 'True' : 'False';
  cond.lastTransitionTime = rfc3339(h.loop.now);
  h.store.update(pod);
}

export const podManifest = (name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'nginx:1.25' }], ...extra },
});

export const replicaSetManifest = (name: string, replicas: number, labels: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } }, ...extra },
});

export const deploymentManifest = (name: string, replicas: number, spec: Record<string, unknown> = {}, image = 'nginx:1.25') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
    ...spec,
  },
});
