/**
 * One pod on one node (the kubelet's pod worker and kuberuntime's SyncPod): volumes, the sandbox,
 * init containers one at a time (sidecars kept running), then the app containers together; image
 * pulls by policy with their back-off; the crash back-off; probes; hooks; graceful termination;
 * and the pod status the kubelet writes.
 *
 * A sync runs as a generator: where the real kubelet blocks (pulling, waiting for a container to
 * stop), it yields and resumes later in virtual time. Sync requests that arrive meanwhile are
 * folded into one more sync afterwards, as the pod worker does.
 */
import type { Container, ContainerStatus, LifecycleHandler, Pod, PodCondition, Probe, VolumeMountStatus } from '../api/types';
import type { Kubelet } from './kubelet';
import { Backoff } from './backoff';
import { ContainerFs, VolumeData, type Mount } from './fs';
import { imageExists, imageId, lookupImage, parseImageRef, pullError, imageSize, InvalidImageName, type ImageInfo, type ImageRef } from './images';
import { containerArgv, hasCommand, startProgram } from './programs';
import type { Listener, ProcessHost } from './process';
import { RunningProcess, type ExitInfo } from './runtime';
import { containerEnv, EnvError } from './env';
import { processIdentity, verifyRunAsNonRoot } from './security';
import type { Identity } from './security';
import { setUpVolume, MountError, VolumeSpecError } from './volumes';
import { execInContainer } from './exec';
import { ProbeWorker, probeEventMessage, type ProbeKind, type ProbeOutcome, type ProbeResult } from './prober';
import { getPhase, initializedCondition, containersReadyCondition, readyCondition } from './status';
import { memoryCeiling, qosClass } from './resources';
import { goDuration, rfc3339 } from '../core/time';
import { goQuote } from '../apiserver/validation/gofmt';
import { digest64 } from '../core/ids';

/** Virtual ms for the kubelet to set up a pod sandbox (network namespace, pause container). */
export const SANDBOX_MS = 800;
/** Virtual ms between PLEG relists: how soon the kubelet notices a container exit. */
export const PLEG_MS = 1000;
/** The pod worker's requeue delay after a sync error (back-off, failed pull, ...). */
export const WORKER_BACKOFF_MS = 10_000;
/** The smallest grace a container gets when stopped (kuberuntime minimumGracePeriodInSeconds). */
export const MIN_GRACE_MS = 2000;
const MAX_LOG = 64 * 1024;
/** Start failures that only wait out a back-off; they are not sync errors (kubelet.go SyncPod). */
const BACKOFF_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff']);

type Wake = (resume: () => void) => void;
type Sync = Generator<Wake, void, void>;

interface Instance {
  id: string;
  restartCount: number;
  state: 'running' | 'exited';
  startedAt: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  signal?: number;
  imageRef: ImageRef;
  /** The image as the spec named it when this instance was created. */
  specImage: string;
  /** The user its processes (and exec'd commands) run as. */
  identity: Identity;
  imageID: string;
  image?: ImageInfo;
  proc?: RunningProcess;
  fs: ContainerFs;
  env: Map<string, string>;
  listeners: Listener[];
  log: string;
  /** Set while a kill is under way, so a second kill is not started. */
  killing?: boolean;
  exitWaiters: (() => void)[];
}

interface ContainerSlot {
  spec: Container;
  init: boolean;
  sidecar: boolean;
  current?: Instance;
  previous?: Instance;
  /** Why the last start failed (the kubelet's reasonCache). */
  waiting?: { reason: string; message?: string };
  probes: Partial<Record<ProbeKind, ProbeWorker>>;
  /** The last outcome of each probe (for the timeline). */
  lastProbe: Partial<Record<ProbeKind, 'Success' | 'Failure'>>;
  /** Startup probe passed (or none). */
  started: boolean;
  /** The volume mounts its status reports (null: none), computed once. */
  mountStatus?: VolumeMountStatus[] | null;
  fieldPath: string;
}

export class PodWorker {
  readonly slots: ContainerSlot[] = [];
  private busy = false;
  private pending = false;
  private resyncAt = Infinity;
  private crashBackoff = new Backoff();
  private imageBackoff = new Backoff();
  /** The error of the last failed pull per back-off key (image_manager prevPullErrMsg). */
  private pullErrors = new Map<string, string>();
  private mountBackoff = 500;
  /** A WaitForAttachAndMount timeout is pending; the volumes that failed last. */
  private emptyDirs = new Map<string, VolumeData>();
  private volumes?: Map<string, VolumeData>;
  sandbox?: { ip: string };
  /** The pod's containers can no longer run (Succeeded / Failed decided, or killed for deletion). */
  terminal = false;
  /** Deleted from the API while containers may still run. */
  removed = false;
  /** Every container has stopped after the pod was deleted. */
  terminated = false;
  private initializedOnce = false;
  private startTime: string;
  private failureReason?: { reason: string; message: string };
  private lastStatusJson = '';
  private probesStarted = false;
  private deadlineTimer = false;
  private seenDeletion?: string;
  /** When a back-off this sync ran into is over (virtual ms). */
  private wakeAt = Infinity;
  private net?: ReturnType<Kubelet['networkFor']>;
  private seenGeneration?: number;

  constructor(
    readonly kubelet: Kubelet,
    public pod: Pod,
    private readonly preexisting = false,
  ) {
    this.startTime = rfc3339(kubelet.now());
    this.seenDeletion = pod.metadata.deletionTimestamp;
    this.seenGeneration = pod.metadata.generation;
    const add = (c: Container, init: boolean) =>
      this.slots.push({
        spec: c,
        init,
        sidecar: init && c.restartPolicy === 'Always',
        probes: {},
        lastProbe: {},
        started: false,
        fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${c.name}}`,
      });
    for (const c of pod.spec.initContainers ?? []) add(c, true);
    for (const c of pod.spec.containers) add(c, false);
  }

  get key(): string {
    return `${this.pod.metadata.namespace}/${this.pod.metadata.name}`;
  }
  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }
  private get now(): number {
    return this.kubelet.now();
  }
  private get policy(): 'Always' | 'OnFailure' | 'Never' {
    return this.pod.spec.restartPolicy ?? 'Always';
  }

  // ---- scheduling of syncs --------------------------------------------------------------

  requestSync(delay = 0): void {
    const at = this.now + delay;
    if (delay > 0) {
      if (at >= this.resyncAt) return;
      this.resyncAt = at;
      this.kubelet.loop.at(at, () => {
        if (this.resyncAt === at) this.resyncAt = Infinity;
        this.requestSync(0);
      });
      return;
    }
    if (this.kubelet.frozen) {
      this.pending = true;
      return;
    }
    if (this.busy) {
      this.pending = true;
      return;
    }
    this.busy = true;
    this.pending = false;
    this.kubelet.loop.after(0, () => this.drive(this.sync()));
  }

  private drive(gen: Sync): void {
    let r: IteratorResult<Wake, void>;
    try {
      r = gen.next();
    } catch (e) {
      this.busy = false;
      throw e;
    }
    if (r.done) {
      this.busy = false;
      if (this.pending && !this.kubelet.frozen) this.requestSync(0);
      return;
    }
    let resumed = false;
    r.value(() => {
      if (resumed) return;
      resumed = true;
      this.drive(gen);
    });
  }

  private sleep(ms: number): Wake {
    return (resume) => {
      this.kubelet.loop.after(ms, resume);
    };
  }

  /** Resumes once every instance has exited. */
  private allExited(list: Instance[]): Wake {
    return (resume) => {
      const pending = list.filter((i) => i.state === 'running');
      if (pending.length === 0) {
        this.kubelet.loop.after(0, resume);
        return;
      }
      let left = pending.length;
      for (const i of pending)
        i.exitWaiters.push(() => {
          if (--left === 0) resume();
        });
    };
  }

  // ---- the sync -------------------------------------------------------------------------

  private *sync(): Sync {
    this.kubelet.beforeSync(this.pod);
    if (this.removed || this.pod.metadata.deletionTimestamp) {
      yield* this.terminate();
      return;
    }
    if (this.terminal) {
      this.updateStatus();
      return;
    }
    this.checkDeadline();
    if (!this.volumes) {
      if (!this.mountVolumes()) return;
    }
    if (!this.sandbox) {
      // The runtime's SyncPod (sandbox, pulls, container starts) runs on a context without
      // cancellation (kubelet.go SyncPod: context.WithoutCancel): a deletion meanwhile is acted on
      // once it returns, by killing what it started.
      if (!this.preexisting) yield this.sleep(SANDBOX_MS);
      this.sandbox = { ip: this.kubelet.allocateIP(this.pod) };
      this.kubelet.announceIP(this);
      this.startProbes();
      this.updateStatus();
    }

    const kills: [ContainerSlot, string, number | undefined][] = [];
    const starts: ContainerSlot[] = [];
    const restartAfterKill = new Set<ContainerSlot>();

    for (const s of this.slots) {
      const cur = s.current;
      if (!cur || cur.state !== 'running' || cur.killing) continue;
      if (s.init && !s.sidecar) continue;
      // computePodActions: a changed definition restarts whatever the policy; a failed probe
      // restarts unless the policy is Never.
      let restart = s.sidecar || this.policy !== 'Never';
      let message: string;
      let grace: number | undefined;
      if (cur.specImage !== (s.spec.image ?? '')) {
        message = `Container ${s.spec.name} definition changed`;
        restart = true;
      } else if (s.probes.startup?.result === 'Failure') {
        message = `${s.sidecar ? 'Init container' : 'Container'} ${s.spec.name} failed startup probe`;
        grace = s.spec.startupProbe?.terminationGracePeriodSeconds;
      } else if (s.probes.liveness?.result === 'Failure') {
        message = `${s.sidecar ? 'Init container' : 'Container'} ${s.spec.name} failed liveness probe`;
        grace = s.spec.livenessProbe?.terminationGracePeriodSeconds;
      } else continue;
      // computeInitContainerActions kills a failing sidecar with its bare message: no ", will be restarted".
      const probeKillOfSidecar = s.sidecar && !message.endsWith('definition changed');
      kills.push([s, restart && !probeKillOfSidecar ? `${message}, will be restarted` : message, grace]);
      if (restart) restartAfterKill.add(s);
    }

    const appSlots = this.slots.filter((s) => !s.init);
    const initialized = this.initializedOnce || appSlots.some((s) => s.current);
    let initDone = initialized;
    if (!initialized) {
      initDone = true;
      for (const s of this.slots.filter((x) => x.init)) {
        const cur = s.current;
        if (s.sidecar) {
          if (!cur) {
            starts.push(s);
            initDone = false;
            break;
          }
          if (cur.state === 'running') {
            if (s.started) continue;
            initDone = false;
            break;
          }
          starts.push(s);
          initDone = false;
          break;
        }
        if (!cur) {
          starts.push(s);
          initDone = false;
          break;
        }
        if (cur.state === 'running') {
          initDone = false;
          break;
        }
        if (cur.exitCode === 0) continue;
        initDone = false;
        if (this.policy === 'Never') {
          this.terminal = true;
        } else starts.push(s);
        break;
      }
    } else {
      for (const s of this.slots) if (s.sidecar && s.current?.state === 'exited' && !kills.some((k) => k[0] === s)) starts.push(s);
    }
    if (initDone) {
      this.initializedOnce = true;
      for (const s of appSlots) {
        if (kills.some((k) => k[0] === s)) continue;
        if (!s.current) starts.push(s);
        else if (s.current.state === 'exited' && this.shouldRestart(s)) starts.push(s);
      }
    }

    if (kills.length > 0) {
      // computePodActions: when no regular container is kept and none is to start, the whole pod
      // is killed (KillPod), and killContainer gives each container the generic message and the
      // pod's grace period rather than the probe's reason.
      const kept = appSlots.some((s) => s.current?.state === 'running' && !s.current.killing && !kills.some((k) => k[0] === s));
      if (!kept && starts.length === 0 && restartAfterKill.size === 0) {
        for (const k of kills) {
          k[1] = `Stopping container ${k[0].spec.name}`;
          k[2] = undefined;
        }
      }
      yield* this.killContainers(kills.map(([s, msg, g]) => [s, msg, g]));
      for (const s of restartAfterKill) if (!starts.includes(s)) starts.push(s);
      // Sidecars restart before app containers, in spec order.
      starts.sort((a, b) => this.slots.indexOf(a) - this.slots.indexOf(b));
    }

    let failed = false;
    let sidecarStarted = false;
    this.wakeAt = Infinity;
    for (const s of starts) {
      const ok = yield* this.startContainer(s, restartAfterKill.has(s));
      if (!ok && !BACKOFF_REASONS.has(s.waiting?.reason ?? '')) failed = true;
      if (ok && s.sidecar && !initDone) sidecarStarted = true;
      this.updateStatus();
      // Init containers run one at a time: the next is decided at the next sync.
      if (s.init && !s.sidecar) break;
    }
    if (this.removed || this.pod.metadata.deletionTimestamp) {
      yield* this.terminate();
      return;
    }
    if (!this.terminal) this.terminal = this.isTerminal();
    if (this.terminal) yield* this.stopForTerminal();
    this.updateStatus();
    if (!this.terminal) {
      if (failed) this.requestSync(WORKER_BACKOFF_MS);
      // The next init container (or the app containers) follow a started sidecar once the PLEG
      // reports it running, at its next relist.
      if (sidecarStarted) this.requestSync(Math.ceil((this.now + 1) / PLEG_MS) * PLEG_MS - this.now);
      if (this.wakeAt !== Infinity) this.requestSync(Math.max(0, this.wakeAt - this.now));
    }
  }

  /** ShouldContainerBeRestarted for an exited container. */
  private shouldRestart(s: ContainerSlot): boolean {
    if (this.pod.metadata.deletionTimestamp || this.removed) return false;
    const cur = s.current;
    if (!cur || cur.state === 'running') return !cur;
    if (s.sidecar) return true;
    if (this.policy === 'Never') return false;
    if (this.policy === 'OnFailure') return cur.exitCode !== 0;
    return true;
  }

  private isTerminal(): boolean {
    const apps = this.slots.filter((s) => !s.init);
    if (this.policy === 'Always') return false;
    if (!apps.every((s) => s.current?.state === 'exited')) return false;
    if (this.policy === 'Never') return true;
    return apps.every((s) => s.current?.exitCode === 0);
  }

  /** After the main containers are done for good, sidecars are stopped and the sandbox goes. */
  private *stopForTerminal(): Sync {
    const sidecars = this.slots.filter((s) => s.sidecar && s.current?.state === 'running' && !s.current.killing);
    if (sidecars.length > 0) yield* this.killContainers(sidecars.map((s) => [s, '', undefined]));
    this.stopProbes();
    this.sandbox = undefined;
    this.kubelet.releaseIP(this);
  }

  private checkDeadline(): void {
    const deadline = this.pod.spec.activeDeadlineSeconds;
    if (deadline === undefined || this.deadlineTimer) return;
    this.deadlineTimer = true;
    const startedMs = this.kubelet.parseTime(this.startTime);
    this.kubelet.loop.at(startedMs + deadline * 1000, () => {
      if (this.terminal || this.removed || this.pod.metadata.deletionTimestamp) return;
      this.kubelet.event(this.pod, undefined, 'Normal', 'DeadlineExceeded', 'Pod was active on the node longer than the specified deadline');
      this.failureReason = { reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' };
      this.terminal = true;
      this.updateStatus();
      this.runDetached(this.stopAll());
    });
  }

  private *stopAll(): Sync {
    const running = this.slots.filter((s) => s.current?.state === 'running' && !s.current.killing);
    yield* this.killContainers(running.map((s) => [s, '', undefined]));
    yield* this.stopForTerminal();
    this.updateStatus();
  }

  private runDetached(gen: Sync): void {
    if (this.busy) {
      // Wait for the current sync to finish, then run.
      this.kubelet.loop.after(100, () => this.runDetached(gen));
      return;
    }
    this.busy = true;
    this.drive(gen);
  }

  // ---- volumes --------------------------------------------------------------------------

  /**
   * The volume manager: the desired-state populator turns each volume into a spec (a PVC must be
   * fetched and bound; failing that, the pod gets an error and nothing is mounted for it), the
   * reconciler sets volumes up (each failure is a FailedMount event, retried with back-off), and
   * WaitForAttachAndMount holds the sync until every volume a container mounts is set up.
   */
  private mountVolumes(): boolean {
    // The populator skips a volume no container mounts or maps as a device ("Skipping unused
    // volume", desired_state_of_world_populator.go processPodVolumes): it is never set up.
    const used = new Set<string>();
    for (const c of [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers]) {
      for (const m of c.volumeMounts ?? []) used.add(m.name);
      for (const d of (c as { volumeDevices?: { name: string }[] }).volumeDevices ?? []) used.add(d.name);
    }
    const vols = new Map<string, VolumeData>();
    const failed: string[] = [];
    const processErrors: string[] = [];
    const notProcessed: string[] = [];
    for (const v of this.pod.spec.volumes ?? []) {
      if (!used.has(v.name)) continue;
      try {
        vols.set(v.name, setUpVolume(this.pod, v, this.kubelet.volumeSources(), this.emptyDirs));
      } catch (e) {
        if (e instanceof VolumeSpecError) {
          processErrors.push(e.message);
          notProcessed.push(v.name);
        } else if (e instanceof MountError) {
          // The volume manager's reconciler reports each volume that fails to set up.
          this.kubelet.event(this.pod, undefined, 'Warning', 'FailedMount', e.message);
        } else throw e;
        failed.push(v.name);
      }
    }
    const unmounted = failed.sort();
    if (unmounted.length === 0) {
      this.volumes = vols;
      return true;
    }
    this.updateStatus();
    if (processErrors.length > 0) {
      // verifyVolumesMountedFunc returns the populator's errors at once: the sync fails with them
      // (kubelet.go SyncPod) and the pod worker retries after its back-off.
      const msg = `unmounted volumes=[${unmounted.join(' ')}], unattached volumes=[], failed to process volumes=[${notProcessed.sort().join(' ')}]: ${processErrors.sort().join('; ')}`;
      this.kubelet.event(this.pod, undefined, 'Warning', 'FailedMount', `Unable to attach or mount volumes: ${msg}`);
      this.requestSync(WORKER_BACKOFF_MS);
      return false;
    }
    // Otherwise WaitForAttachAndMount runs out after podAttachAndMountTimeout (2m3s) and the sync
    // fails quietly: v1.34's SyncPod records no event for a wait.Interrupted error. The pod is synced
    // again as the reconciler's retries (500 ms doubling to 2m2s) would find the volumes.
    this.requestSync(this.mountBackoff);
    this.mountBackoff = Math.min(this.mountBackoff * 2, 122_000);
    return false;
  }

  private mountsFor(c: Container): Mount[] {
    const out: Mount[] = [];
    for (const m of c.volumeMounts ?? []) {
      const vol = this.volumes?.get(m.name);
      if (!vol) continue;
      out.push({ path: m.mountPath.replace(/\/+$/, '') || '/', volume: vol, readOnly: m.readOnly ?? false, subPath: m.subPath || undefined });
    }
    return out;
  }

  // ---- starting containers --------------------------------------------------------------

  private backoffKey(s: ContainerSlot): string {
    // getStableKey ends with the container's hash: a changed image starts a fresh back-off.
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}_${this.uid}_${s.spec.name}_${s.spec.image ?? ''}`;
  }

  private podRef(): string {
    return `${this.pod.metadata.name}_${this.pod.metadata.namespace}(${this.uid})`;
  }

  /**
   * `afterKill`: the container was killed earlier in this same sync (a failed probe, a changed
   * definition). doBackOff then still sees the pod status from before the kill, so the back-off is
   * measured from the instance that died before this one, if any.
   */
  private *startContainer(s: ContainerSlot, afterKill = false): Generator<Wake, boolean, void> {
    const c = s.spec;
    const prev = s.current;
    const dead = afterKill ? s.previous : prev;
    if (prev && prev.state === 'exited' && dead?.state === 'exited' && !this.preexisting) {
      const key = this.backoffKey(s);
      if (this.crashBackoff.isInBackOffSince(key, dead.finishedAt!, this.now)) {
        this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${this.podRef()}`);
        s.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(this.crashBackoff.get(key))} restarting failed container=${c.name} pod=${this.podRef()}` };
        // A back-off is not a sync error: the worker comes back when the back-off (counted from
        // the latest death) is over.
        this.wakeAt = Math.min(this.wakeAt, prev.finishedAt! + this.crashBackoff.get(key));
        return false;
      }
      this.crashBackoff.next(key, dead.finishedAt!, this.now);
    }

    // A deletion during the pull does not stop it, nor the container's creation after it: the
    // runtime's SyncPod is not cancelled (see sync), and the pod is killed when it returns.
    const pulled = yield* this.ensureImage(s);
    if (!pulled.ok) {
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'Failed', `Error: ${pulled.reason}`);
      s.waiting = { reason: pulled.reason, message: pulled.message };
      return false;
    }
    const ref = pulled.ref;
    const image = lookupImage(ref);

    let env: Map<string, string>;
    try {
      env = containerEnv(this.pod, c, image?.env ?? {}, this.kubelet.envSources());
    } catch (e) {
      if (!(e instanceof EnvError)) throw e;
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'Failed', `Error: ${e.message}`);
      s.waiting = { reason: 'CreateContainerConfigError', message: e.message };
      return false;
    }
    const nonRoot = verifyRunAsNonRoot(this.pod, c, image, this.podRef());
    if (nonRoot) {
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'Failed', `Error: ${nonRoot}`);
      s.waiting = { reason: 'CreateContainerConfigError', message: nonRoot };
      return false;
    }
    if (c.workingDir) env.set('PWD', c.workingDir);
    else if (image?.workingDir) env.set('PWD', image.workingDir);

    const restartCount = prev ? prev.restartCount + 1 : 0;
    const id = digest64(`${this.uid}/${c.name}/${restartCount}/${this.kubelet.nodeName}`);
    const rootReadOnly = (c.securityContext as { readOnlyRootFilesystem?: unknown } | undefined)?.readOnlyRootFilesystem === true;
    const fs = new ContainerFs(image ? imageFiles(image) : new Map(), this.mountsFor(c), this.specialFiles(), rootReadOnly);
    const inst: Instance = {
      id, restartCount, state: 'running', startedAt: this.now, imageRef: ref, specImage: c.image ?? '', imageID: imageId(ref), image, fs, env, listeners: [], log: '', exitWaiters: [],
      identity: processIdentity(this.pod, c, image),
    };
    if (!this.preexisting) this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Created', `Created container: ${c.name}`);

    const expandedArgv = this.kubelet.expandArgv(c, env);
    const argv = containerArgv(image, expandedArgv.command, expandedArgv.args);
    const host = this.processHost(inst);
    const started = image ? startProgram(image, argv, host, { stdin: c.stdin, tty: c.tty }) : startProgram(PAUSE_LIKE, argv, host);
    s.previous = prev;
    s.current = inst;
    s.started = false;
    if (!started.ok) {
      inst.state = 'exited';
      inst.exitCode = 128;
      inst.reason = 'StartError';
      inst.message = started.message;
      inst.finishedAt = this.now;
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'Failed', `Error: ${started.message}`);
      s.waiting = { reason: 'RunContainerError', message: started.message };
      this.saveLogs(s);
      return false;
    }
    if (!this.preexisting) this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Started', `Started container ${c.name}`);
    inst.proc = new RunningProcess(started.process, this.kubelet.loop, memoryCeiling(this.pod, c, this.kubelet.node), (info) => this.onExit(s, inst, info));
    if (!c.startupProbe) s.started = true;
    s.waiting = undefined;
    inst.proc.start();
    // The PLEG reports the start at its next relist, and that sync generates the status again.
    if (c.readinessProbe && !this.preexisting) this.kubelet.loop.at(Math.ceil((this.now + 1) / PLEG_MS) * PLEG_MS, () => this.plegStarted());

    const postStart = c.lifecycle?.postStart;
    if (postStart && inst.state === 'running') {
      const r = this.runHook(inst, postStart, (c.lifecycle?.postStart as { timeoutSeconds?: number })?.timeoutSeconds ?? 3600);
      if (r.elapsed > 0) yield this.sleep(r.elapsed);
      if (!r.ok) {
        this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
        yield* this.killContainers([[s, 'FailedPostStartHook', undefined]]);
        s.waiting = { reason: 'PostStartHookError', message: r.message };
        // The PLEG sees the container die at its next relist and that event brings the next sync
        // (which restarts it at once the first time, then waits out the crash back-off).
        const relist = Math.ceil((this.now + 1) / PLEG_MS) * PLEG_MS;
        this.kubelet.loop.at(relist, () => {
          this.updateStatus();
          this.requestSync(0);
        });
        return false;
      }
    }
    return true;
  }

  private *ensureImage(s: ContainerSlot): Generator<Wake, { ok: true; ref: ImageRef } | { ok: false; reason: string; message: string }, void> {
    const name = s.spec.image ?? '';
    let ref: ImageRef;
    try {
      ref = parseImageRef(name);
    } catch (e) {
      if (!(e instanceof InvalidImageName)) throw e;
      const msg = `Failed to apply default image tag "${name}": ${e.message}`;
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'InspectFailed', msg);
      return { ok: false, reason: 'InvalidImageName', message: msg };
    }
    if (this.preexisting) {
      this.kubelet.addImage(ref);
      return { ok: true, ref };
    }
    const present = this.kubelet.hasImage(ref);
    const policy = s.spec.imagePullPolicy ?? (ref.tag === 'latest' ? 'Always' : 'IfNotPresent');
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Pulled', `Container image "${name}" already present on machine`);
        return { ok: true, ref };
      }
      const msg = `Container image "${name}" is not present with pull policy of Never`;
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'ErrImageNeverPull', msg);
      return { ok: false, reason: 'ErrImageNeverPull', message: msg };
    }
    const key = `${this.uid}_${name}`;
    if (this.imageBackoff.isInBackOffSinceUpdate(key, this.now)) {
      const msg = `Back-off pulling image "${name}"`;
      this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'BackOff', msg);
      this.wakeAt = Math.min(this.wakeAt, this.imageBackoff.expiry(key));
      // The container's waiting message carries the last pull's error (the event does not).
      const prev = this.pullErrors.get(key);
      return { ok: false, reason: 'ImagePullBackOff', message: prev ? `${msg}: ${prev}` : msg };
    }
    this.pullErrors.delete(key);
    this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Pulling', `Pulling image "${name}"`);
    const requested = this.now;
    const slot = this.kubelet.reservePull(ref, present);
    yield this.sleep(slot.end - this.now);
    if (!imageExists(ref)) {
      const err = pullError(ref);
      this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'Failed', `Failed to pull image "${name}": ${err}`);
      this.imageBackoff.next(key, this.now, this.now);
      this.pullErrors.set(key, `ErrImagePull: ${err}`);
      return { ok: false, reason: 'ErrImagePull', message: err };
    }
    this.kubelet.addImage(ref);
    const pullMs = slot.end - slot.start;
    const totalMs = slot.end - requested;
    this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Pulled', `Successfully pulled image "${name}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${imageSize(ref)} bytes.`);
    return { ok: true, ref };
  }

  private specialFiles(): Map<string, string> {
    const ip = this.sandbox?.ip ?? '';
    const name = this.pod.spec.hostname ?? this.pod.metadata.name ?? '';
    const ns = this.pod.metadata.namespace ?? 'default';
    return new Map([
      ['/etc/hostname', name + '\n'],
      ['/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`],
      ['/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`],
    ]);
  }

  private processHost(inst: Instance): ProcessHost {
    return {
      fs: inst.fs,
      env: inst.env,
      hostname: this.pod.spec.hostname ?? this.pod.metadata.name ?? '',
      now: () => this.now,
      out: (text) => {
        if (inst.log.length < MAX_LOG) inst.log += text;
      },
      has: (cmd) => (inst.image ? hasCommand(inst.image, cmd) : false),
      exec: (argv) => {
        if (!inst.image) return undefined;
        const name = argv[0];
        const base = name.slice(name.lastIndexOf('/') + 1);
        if (!inst.image.programs.includes(base) && !inst.image.programs.includes(name)) return undefined;
        const r = startProgram(inst.image, argv, this.processHost(inst));
        return r.ok ? r.process : undefined;
      },
      listen: (l) => {
        inst.listeners.push(l);
      },
      network: this.network(),
      pid1: !this.pod.spec.shareProcessNamespace,
      identity: inst.identity,
    };
  }

  private onExit(s: ContainerSlot, inst: Instance, info: ExitInfo): void {
    inst.state = 'exited';
    inst.finishedAt = this.now;
    inst.exitCode = info.exitCode;
    inst.reason = info.reason;
    inst.signal = info.signal;
    inst.listeners = [];
    const termPath = s.spec.terminationMessagePath ?? '/dev/termination-log';
    const msg = inst.fs.read(termPath);
    if (msg) inst.message = msg.slice(0, 4096);
    else if (s.spec.terminationMessagePolicy === 'FallbackToLogsOnError' && info.exitCode !== 0 && inst.log) {
      inst.message = inst.log.split('\n').slice(-81).join('\n').slice(-2048);
    }
    this.saveLogs(s);
    const waiters = inst.exitWaiters.splice(0);
    for (const w of waiters) w();
    if (inst.killing) return;
    // The PLEG notices at its next relist.
    const next = Math.ceil((this.now + 1) / PLEG_MS) * PLEG_MS;
    this.kubelet.loop.at(next, () => {
      this.updateStatus();
      this.requestSync(0);
    });
  }

  private saveLogs(s: ContainerSlot): void {
    const cur = s.current;
    if (!cur) return;
    this.kubelet.journal.setLogs(this.key, this.uid, s.spec.name, cur.log, s.previous?.log);
  }

  // ---- hooks ----------------------------------------------------------------------------

  private runHook(inst: Instance, handler: LifecycleHandler, timeoutS: number): { ok: boolean; elapsed: number; message: string } {
    if (handler.sleep) return { ok: true, elapsed: handler.sleep.seconds * 1000, message: '' };
    if (handler.exec) {
      const argv = handler.exec.command ?? [];
      const r = execInContainer({ image: inst.image ?? PAUSE_LIKE, fs: inst.fs, env: inst.env, hostname: this.pod.metadata.name ?? '', network: this.network(), now: this.now, identity: inst.identity }, argv, timeoutS * 1000);
      if (r.startError) return { ok: false, elapsed: 0, message: r.startError };
      if (r.exitCode !== 0) {
        return {
          ok: false,
          elapsed: r.elapsed,
          // handlers.go: the CRI's error carries stderr only; the message quotes stdout + stderr.
          message: `Exec lifecycle hook ([${argv.join(' ')}]) for Container "${this.containerNameOf(inst)}" in Pod "${this.podRef()}" failed - error: command '${argv.join(' ')}' exited with ${r.timedOut ? 137 : r.exitCode}: ${r.stderr}, message: ${goQuote(r.output)}`,
        };
      }
      return { ok: true, elapsed: r.elapsed, message: '' };
    }
    if (handler.httpGet) {
      const port = this.resolvePort(handler.httpGet.port);
      const res = this.httpToPod(port, handler.httpGet.path ?? '/');
      // handlers.go runHTTPHandler: any HTTP response is a success (the status code is not looked
      // at); only a request that fails is an error. An HTTPS hook that gets a plain HTTP answer is
      // retried over HTTP, with a LifecycleHTTPFallback warning.
      if (res.ok) {
        if (handler.httpGet.scheme === 'HTTPS') this.kubelet.event(this.pod, undefined, 'Warning', 'LifecycleHTTPFallback', `request to HTTPS lifecycle hook ${this.sandbox?.ip ?? ''}:${port} got HTTP response, retry with HTTP succeeded`);
        return { ok: true, elapsed: 0, message: '' };
      }
      const path = handler.httpGet.path ?? '';
      const url = `http://${this.sandbox?.ip ?? ''}:${port}${path.startsWith('/') ? path : '/' + path}`;
      return { ok: false, elapsed: 0, message: `HTTP lifecycle hook (${path}) for Container "${this.containerNameOf(inst)}" in Pod "${this.podRef()}" failed - error: Get "${url}": dial tcp ${this.sandbox?.ip ?? ''}:${port}: connect: connection refused` };
    }
    return { ok: true, elapsed: 0, message: '' };
  }

  private containerNameOf(inst: Instance): string {
    return this.slots.find((s) => s.current === inst)?.spec.name ?? '';
  }

  // ---- stopping containers --------------------------------------------------------------

  private graceFor(override: number | undefined): number {
    if (override !== undefined) return override;
    const md = this.pod.metadata;
    if (md.deletionTimestamp && md.deletionGracePeriodSeconds !== undefined) return md.deletionGracePeriodSeconds;
    return this.pod.spec.terminationGracePeriodSeconds ?? 30;
  }

  /** killContainer for each: Killing event, preStop, the stop signal, then SIGKILL after the grace. */
  private *killContainers(list: [ContainerSlot, string, number | undefined][], announced = false): Sync {
    const insts: Instance[] = [];
    for (const [s, message, override] of list) {
      const inst = s.current;
      if (!inst || inst.state !== 'running' || inst.killing) continue;
      inst.killing = true;
      insts.push(inst);
      if (!announced) this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Killing', message || `Stopping container ${s.spec.name}`);
      let grace = this.graceFor(override) * 1000;
      const preStop = s.spec.lifecycle?.preStop;
      let hookMs = 0;
      if (preStop && grace > 0) {
        const r = this.runHook(inst, preStop, grace / 1000);
        hookMs = Math.min(r.elapsed, grace);
        if (!r.ok) this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
      }
      grace = Math.max(grace - hookMs, MIN_GRACE_MS);
      const stopSignal = inst.image?.stopSignal ?? 'TERM';
      this.kubelet.loop.after(hookMs, () => {
        if (inst.state !== 'running') return;
        inst.proc?.signal(stopSignal);
        if (inst.state !== 'running') return;
        this.kubelet.loop.after(grace, () => inst.proc?.signal('KILL'));
      });
    }
    if (insts.length > 0) yield this.allExited(insts);
    for (const [s] of list) this.saveLogs(s);
  }

  /** The pod was deleted: stop everything (app containers first, then sidecars), then report. */
  private *terminate(): Sync {
    // Liveness and startup probes stop at once; readiness goes on while containers stop, so
    // endpoints see a pod that stops serving (worker.go doProbe on a deletion timestamp).
    for (const s of this.slots) {
      if (s.probes.liveness) s.probes.liveness.stopped = true;
      if (s.probes.startup) s.probes.startup.stopped = true;
    }
    if (this.removed) this.stopProbes();
    const start = this.now;
    const grace = this.removed ? 0 : this.graceFor(undefined);
    const apps = this.slots.filter((s) => !s.sidecar && s.current?.state === 'running');
    const side = this.slots.filter((s) => s.sidecar && s.current?.state === 'running' && !s.current.killing).reverse();
    // Every container is told at once (killContainer records Killing before waiting for its turn).
    for (const s of side) this.kubelet.event(this.pod, s.fieldPath, 'Normal', 'Killing', `Stopping container ${s.spec.name}`);
    if (apps.length > 0) yield* this.killContainers(apps.map((s) => [s, '', grace]));
    // Sidecars wait for the main containers, and then get what is left of the same grace period
    // (terminationOrdering.waitForTurn; whole seconds, truncated).
    const left = Math.max(0, grace - Math.floor((this.now - start) / 1000));
    if (side.length > 0) yield* this.killContainers(side.map((s) => [s, '', left]), true);
    const still = this.slots.map((s) => s.current).filter((i): i is Instance => !!i && i.state === 'running');
    if (still.length > 0) yield this.allExited(still);
    this.stopProbes();
    if (this.terminated) return;
    this.terminated = true;
    this.terminal = true;
    this.sandbox = undefined;
    this.updateStatus();
    yield this.sleep(PLEG_MS);
    this.kubelet.podTerminated(this);
  }

  /** Called by the kubelet when the pod object changed (or vanished). */
  podChanged(pod: Pod | undefined): void {
    if (!pod) {
      this.removed = true;
      this.requestSync(0);
      return;
    }
    // The kubelet's own status writes come back as updates; only a new spec or a deletion needs a sync.
    const relevant = pod !== this.pod || pod.metadata.deletionTimestamp !== this.seenDeletion || pod.metadata.generation !== this.seenGeneration;
    this.pod = pod;
    // A pod update may change containers' images (the only container field an update may change).
    for (const s of this.slots) {
      const list = s.init ? pod.spec.initContainers ?? [] : pod.spec.containers;
      const c = list.find((x) => x.name === s.spec.name);
      if (c) s.spec = c;
    }
    this.seenDeletion = pod.metadata.deletionTimestamp;
    this.seenGeneration = pod.metadata.generation;
    if (relevant) this.requestSync(0);
  }

  // ---- probes ---------------------------------------------------------------------------

  private startProbes(): void {
    if (this.probesStarted) return;
    this.probesStarted = true;
    const kinds: [ProbeKind, keyof Container][] = [['startup', 'startupProbe'], ['liveness', 'livenessProbe'], ['readiness', 'readinessProbe']];
    for (const s of this.slots) {
      if (s.init && !s.sidecar) continue;
      for (const [kind, field] of kinds) {
        const probe = s.spec[field] as Probe | undefined;
        if (!probe) continue;
        const worker = new ProbeWorker(kind, probe, this.probeTarget(s));
        s.probes[kind] = worker;
        if (this.preexisting && kind === 'readiness') worker.result = 'Success';
        worker.fire = () => {
          worker.timer = undefined;
          if (worker.tick(this.now)) worker.timer = this.kubelet.loop.after(worker.periodMs, worker.fire!);
        };
        worker.timer = this.kubelet.loop.after(0, worker.fire);
      }
    }
  }

  /** The sync the PLEG's ContainerStarted brings: its status is unchanged, but it runs readiness probes. */
  private plegStarted(): void {
    if (this.probesStarted && !this.removed && !this.kubelet.frozen) this.triggerReadiness();
  }

  /**
   * prober_manager UpdatePodStatus: each status the kubelet generates runs a readiness probe that has
   * not yet succeeded at once (for a container that has started), and its ticker starts over from then.
   */
  private triggerReadiness(): void {
    const now = this.now;
    for (const s of this.slots) {
      const w = s.probes.readiness;
      if (!w || w.result === 'Success' || w.lastRunAt === now || !s.started) continue;
      const cur = s.current;
      // The kubelet learns of a start from the PLEG, after the start itself.
      if (!cur || cur.state !== 'running' || cur.startedAt >= now) continue;
      w.timer?.cancel();
      w.timer = undefined;
      if (w.tick(now)) w.timer = this.kubelet.loop.after(w.periodMs, w.fire!);
    }
  }

  private stopProbes(): void {
    this.probesStarted = false;
    for (const s of this.slots) {
      for (const w of Object.values(s.probes)) w.stopped = true;
      s.probes = {};
    }
  }

  private probeTarget(s: ContainerSlot) {
    return {
      runningId: () => (s.current?.state === 'running' ? s.current.id : undefined),
      startedAt: () => s.current?.startedAt ?? 0,
      started: () => s.started,
      active: () => this.probesStarted && !this.terminal && !this.removed && !this.kubelet.frozen,
      run: (probe: Probe, kind: ProbeKind) => this.runProbe(s, probe, kind),
      unhealthy: (kind: ProbeKind, outcome: ProbeOutcome) => {
        this.kubelet.event(this.pod, s.fieldPath, 'Warning', 'Unhealthy', probeEventMessage(kind, outcome));
      },
      changed: (kind: ProbeKind, result: ProbeResult) => {
        if (kind === 'startup' && result === 'Success') s.started = true;
        this.updateStatus();
        if ((kind === 'liveness' || kind === 'startup') && result === 'Failure') this.requestSync(0);
        if (kind === 'startup' && result === 'Success') this.requestSync(0);
      },
    };
  }

  private runProbe(s: ContainerSlot, probe: Probe, kind: ProbeKind): ProbeOutcome {
    const inst = s.current!;
    const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
    let outcome: ProbeOutcome;
    if (probe.exec) {
      const argv = probe.exec.command ?? [];
      const r = execInContainer({ image: inst.image ?? PAUSE_LIKE, fs: inst.fs, env: inst.env, hostname: this.pod.metadata.name ?? '', network: this.network(), now: this.now, identity: inst.identity }, argv, timeoutMs);
      // The runtime's ExecSync fails outright (no exit code): the probe errored, and its result is dropped.
      if (r.startError) outcome = { result: 'Failure', errored: true, output: `rpc error: code = Unknown desc = failed to exec in container: failed to start exec ${JSON.stringify(digest64(`${inst.id}/exec/${argv.join(' ')}`))}: ${r.startError}` };
      else if (r.timedOut) outcome = { result: 'Failure', output: `command ${JSON.stringify(argv.join(' '))} timed out` };
      else outcome = r.exitCode === 0 ? { result: 'Success', output: r.output } : { result: 'Failure', output: r.output };
    } else if (probe.httpGet) {
      const port = this.resolvePort(probe.httpGet.port, s.spec);
      const path = probe.httpGet.path ?? '/';
      const res = this.httpToPod(port, path);
      if (!res.ok) {
        const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
        const host = probe.httpGet.host ?? this.sandbox?.ip ?? '';
        const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : '/' + path}`;
        outcome = { result: 'Failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
      }
      // No image in the catalogue serves TLS: an HTTPS probe gets Go's transport error.
      else if ((probe.httpGet.scheme ?? 'HTTP') === 'HTTPS') {
        const host = probe.httpGet.host ?? this.sandbox?.ip ?? '';
        outcome = { result: 'Failure', output: `Get "https://${host}:${port}${path.startsWith('/') ? path : '/' + path}": http: server gave HTTP response to HTTPS client` };
      } else if (res.status >= 200 && res.status < 400) outcome = { result: 'Success', output: '' };
      else outcome = { result: 'Failure', output: `HTTP probe failed with statuscode: ${res.status}` };
    } else if (probe.tcpSocket) {
      const port = this.resolvePort(probe.tcpSocket.port, s.spec);
      const host = probe.tcpSocket.host ?? this.sandbox?.ip ?? '';
      outcome = this.listenerOn(port) ? { result: 'Success', output: '' } : { result: 'Failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
    } else if (probe.grpc) {
      const l = this.listenerOn(probe.grpc.port);
      outcome = l?.grpc ? { result: 'Success', output: '' } : { result: 'Failure', output: `timeout: failed to connect service "${this.sandbox?.ip ?? ''}:${probe.grpc.port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
    } else outcome = { result: 'Success', output: '' };
    // The timeline keeps failures and the first success after a failure (or the first at all).
    const last = s.lastProbe[kind];
    if (outcome.result === 'Failure' || last !== 'Success') {
      this.kubelet.journal.probe(this.key, this.uid, s.spec.name, s.init, outcome.result === 'Failure' ? { at: this.now / 1000, probe: kind, result: 'Failure', message: outcome.output } : { at: this.now / 1000, probe: kind, result: 'Success' });
    }
    s.lastProbe[kind] = outcome.result;
    return outcome;
  }

  resolvePort(port: number | string, container?: Container): number {
    if (typeof port === 'number') return port;
    if (/^\d+$/.test(port)) return Number(port);
    const all = container ? [container, ...this.pod.spec.containers] : this.pod.spec.containers;
    for (const c of all) for (const p of c.ports ?? []) if (p.name === port) return p.containerPort;
    return 0;
  }

  /** Any container of the pod listening on the port (they share the network namespace). */
  listenerOn(port: number): Listener | undefined {
    for (const s of this.slots) {
      const cur = s.current;
      if (!cur || cur.state !== 'running') continue;
      const l = cur.listeners.find((x) => x.port === port);
      if (l) return l;
    }
    return undefined;
  }

  httpToPod(port: number, path: string): { ok: true; status: number; body: string } | { ok: false } {
    const l = this.listenerOn(port);
    if (!l) return { ok: false };
    if (!l.http) return { ok: true, status: 200, body: '' };
    const r = l.http(path, 'GET');
    return { ok: true, status: r.status, body: r.body };
  }

  // ---- status ---------------------------------------------------------------------------

  private containerStatus(s: ContainerSlot, hasInit: boolean): ContainerStatus {
    const cur = s.current;
    const prev = s.previous;
    const st: ContainerStatus = {
      name: s.spec.name,
      state: {},
      lastState: {},
      ready: false,
      restartCount: cur?.restartCount ?? 0,
      image: s.spec.image ?? '',
      imageID: '',
      started: false,
    };
    // Every container's status lists its volume mounts (RecursiveReadOnlyMounts); a read-only one
    // says whether it is recursively read-only.
    if (s.mountStatus === undefined) {
      const mounts = s.spec.volumeMounts ?? [];
      s.mountStatus = mounts.length === 0 ? null : mounts.map((m) => (m.readOnly ? { name: m.name, mountPath: m.mountPath, readOnly: true, recursiveReadOnly: 'Disabled' as const } : { name: m.name, mountPath: m.mountPath }));
    }
    if (s.mountStatus) st.volumeMounts = s.mountStatus;
    const terminated = (i: Instance) => {
      const t: NonNullable<NonNullable<ContainerStatus['state']>['terminated']> = {
        exitCode: i.exitCode ?? 0,
        reason: i.reason,
        startedAt: rfc3339(i.startedAt),
        finishedAt: rfc3339(i.finishedAt ?? i.startedAt),
        containerID: `containerd://${i.id}`,
      };
      // convertToAPIContainerStatuses never fills terminated.signal: the CRI reports no signal.
      if (i.message) t.message = i.message;
      return { terminated: t };
    };
    if (cur) {
      st.image = cur.imageRef.canonical;
      st.imageID = cur.imageID;
      st.containerID = `containerd://${cur.id}`;

      if (cur.state === 'running') {
        st.state = { running: { startedAt: rfc3339(cur.startedAt) } };
        if (prev) st.lastState = terminated(prev);
        st.started = s.init && !s.sidecar ? true : s.started;
        if (!s.init || s.sidecar) {
          const readiness = s.probes.readiness;
          st.ready = s.started && (readiness ? readiness.result === 'Success' : true);
        }
      } else {
        st.state = terminated(cur);
        if (prev) st.lastState = terminated(prev);
        if (s.init && !s.sidecar && cur.exitCode === 0) st.ready = true;
      }
    } else {
      st.state = { waiting: { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' } };
    }
    // A container that failed to start, or waits out its back-off, is Waiting with the reason.
    const completedInit = s.init && !s.sidecar && cur?.state === 'exited' && cur.exitCode === 0;
    if (!completedInit && s.waiting && (!cur || cur.state === 'exited') && this.wouldRestart(s)) {
      if (st.state?.terminated) st.lastState = st.state;
      st.state = { waiting: s.waiting.message ? { reason: s.waiting.reason, message: s.waiting.message } : { reason: s.waiting.reason } };
    }
    return st;
  }

  private wouldRestart(s: ContainerSlot): boolean {
    if (this.pod.metadata.deletionTimestamp || this.removed || this.terminal) return false;
    return !s.current || s.current.state !== 'exited' || this.shouldRestart(s) || (s.init && !s.sidecar && this.policy !== 'Never');
  }

  /** Writes the pod status the kubelet would report now (if anything changed). */
  updateStatus(): void {
    if (this.removed || this.kubelet.frozen) return;
    const pod = this.pod;
    if (!this.kubelet.stillStored(pod)) return;
    const hasInit = (pod.spec.initContainers ?? []).length > 0;
    const initStatuses = this.slots.filter((s) => s.init).map((s) => this.containerStatus(s, hasInit));
    // convertToAPIContainerStatuses sorts the app containers' statuses by name (SortedContainerStatuses);
    // init containers keep spec order. printPod's STATUS depends on that order.
    const statuses = this.slots.filter((s) => !s.init).map((s) => this.containerStatus(s, hasInit)).sort(byName);
    const podIsTerminal = this.terminal;
    let phase = getPhase(pod, initStatuses, statuses, podIsTerminal, this.initializedOnce);
    const old = pod.status ?? {};
    if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;
    if (this.failureReason) phase = 'Failed';

    const existing = old.conditions ?? [];
    const now = rfc3339(this.now);
    const keep = (c: PodCondition): PodCondition => {
      const prev = existing.find((x) => x.type === c.type);
      const gen = pod.metadata.generation;
      const out: PodCondition = { type: c.type, status: c.status };
      if (gen !== undefined) out.observedGeneration = gen;
      out.lastProbeTime = null;
      out.lastTransitionTime = prev && prev.status === c.status ? prev.lastTransitionTime : now;
      if (c.reason) out.reason = c.reason;
      if (c.message) out.message = c.message;
      return out;
    };
    const sandboxReady: PodCondition = { type: 'PodReadyToStartContainers', status: this.sandbox ? 'True' : 'False' };
    const initialized = initializedCondition(pod, initStatuses, phase, statuses);
    const containersReady = containersReadyCondition(pod, initStatuses, statuses, phase);
    const ready = readyCondition(pod, containersReady, existing);
    const owned = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);
    const conditions = [keep(sandboxReady), keep(initialized), keep(ready), keep(containersReady), ...existing.filter((c) => !owned.has(c.type))];
    // generateAPIPodStatus always adds PodScheduled=True: a pod the scheduler never saw (a static
    // pod, one created with spec.nodeName) gets it from the kubelet.
    if (!existing.some((c) => c.type === 'PodScheduled')) conditions.push(keep({ type: 'PodScheduled', status: 'True' }));

    const status: NonNullable<Pod['status']> = {};
    if (pod.metadata.generation !== undefined) (status as Record<string, unknown>).observedGeneration = pod.metadata.generation;
    status.phase = phase;
    status.conditions = conditions;
    if (this.failureReason) {
      status.message = this.failureReason.message;
      status.reason = this.failureReason.reason;
    }
    // status_manager.go mergePodStatus: a pod that could still have running containers does not
    // go terminal yet; it keeps its old phase, reason and message (the conditions are the new ones).
    const oldTerminal = old.phase === 'Succeeded' || old.phase === 'Failed';
    if (!oldTerminal && (phase === 'Succeeded' || phase === 'Failed') && this.slots.some((s) => s.current?.state === 'running')) {
      status.phase = old.phase ?? 'Pending';
      if (old.reason) status.reason = old.reason;
      else delete status.reason;
      if (old.message) status.message = old.message;
      else delete status.message;
    }
    if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
    const hostIP = this.kubelet.nodeIP;
    status.hostIP = hostIP;
    status.hostIPs = [{ ip: hostIP }];
    const podIP = this.sandbox?.ip ?? (this.terminal ? old.podIP : undefined);
    if (podIP) {
      status.podIP = podIP;
      status.podIPs = [{ ip: podIP }];
    }
    status.startTime = this.startTime;
    if (hasInit) status.initContainerStatuses = initStatuses;
    status.containerStatuses = statuses;
    status.qosClass = old.qosClass ?? qosClass(pod);
    const sig = statusSignature(status);
    if (sig !== this.lastStatusJson) {
      this.lastStatusJson = sig;
      this.journalStates(initStatuses, statuses);
      pod.status = status;
      this.kubelet.writeStatus(pod);
    }
    if (this.probesStarted) this.triggerReadiness();
  }

  private journalStates(initStatuses: ContainerStatus[], statuses: ContainerStatus[]): void {
    const at = this.now / 1000;
    const record = (st: ContainerStatus, init: boolean) => {
      const s = st.state ?? {};
      if (s.running) this.kubelet.journal.state(this.key, this.uid, st.name, init, at, 'Running', undefined, undefined, st.restartCount);
      else if (s.terminated) this.kubelet.journal.state(this.key, this.uid, st.name, init, at, 'Terminated', s.terminated.reason, s.terminated.exitCode, st.restartCount);
      else this.kubelet.journal.state(this.key, this.uid, st.name, init, at, 'Waiting', s.waiting?.reason, undefined, st.restartCount);
    };
    for (const st of initStatuses) record(st, true);
    for (const st of statuses) record(st, false);
  }

  /** The cluster network as this pod sees it. */
  network(): ReturnType<Kubelet['networkFor']> {
    return (this.net ??= this.kubelet.networkFor(this));
  }

  /** The pod IP while the sandbox lives. */
  get podIP(): string | undefined {
    return this.sandbox?.ip;
  }
}

/** Go's string order on container names (SortedContainerStatuses.Less). */
function byName(a: ContainerStatus, b: ContainerStatus): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** What identifies a status for change detection (cheaper than serializing it). */
function statusSignature(st: NonNullable<Pod['status']>): string {
  let sig = `${st.phase}|${st.podIP ?? ''}|${st.reason ?? ''}|${st.message ?? ''}|${st.nominatedNodeName ?? ''}`;
  for (const c of st.conditions ?? []) sig += `|${c.type}:${c.status}:${c.reason ?? ''}:${c.message ?? ''}:${c.lastTransitionTime ?? ''}`;
  const containers = (list: ContainerStatus[] | undefined) => {
    for (const c of list ?? []) {
      const x = c.state ?? {};
      const l = c.lastState ?? {};
      sig += `|${c.name}:${c.ready}:${c.started}:${c.restartCount}:${c.containerID ?? ''}:${x.running ? 'R' + x.running.startedAt : x.terminated ? 'T' + x.terminated.exitCode + x.terminated.reason + x.terminated.finishedAt : 'W' + (x.waiting?.reason ?? '') + (x.waiting?.message ?? '')}:${l.terminated ? l.terminated.containerID : ''}`;
    }
  };
  containers(st.initContainerStatuses);
  containers(st.containerStatuses);
  return sig;
}

/** A stand-in image for containers whose image the catalogue lacks (pre-existing pods). */
const PAUSE_LIKE: ImageInfo = {
  repo: 'unknown', registry: 'docker.io', tags: /.*/, size: 0, entrypoint: ['/pause'], cmd: [], env: {},
  userland: 'busybox', programs: ['/pause'], stopSignal: 'TERM',
};

const imageFileCache = new WeakMap<ImageInfo, Map<string, { dir: boolean; data: string }>>();
function imageFiles(image: ImageInfo): Map<string, { dir: boolean; data: string }> {
  let m = imageFileCache.get(image);
  if (!m) {
    m = new Map();
    for (const [p, data] of Object.entries(image.files ?? {})) {
      const parts = p.split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++) m.set('/' + parts.slice(0, i).join('/'), { dir: true, data: '' });
      m.set(p, { dir: false, data });
    }
    imageFileCache.set(image, m);
  }
  return m;
}
