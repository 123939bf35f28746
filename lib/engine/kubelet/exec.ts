/**
 * Running a command inside a running container without a new container (exec probes and exec
 * hooks): the command shares the container's filesystem and environment; its sleeps count against
 * its timeout, and one that never ends times out.
 */
import type { ContainerFs } from './fs';
import type { ImageInfo } from './images';
import type { Network, ProcessHost, Steps } from './process';
import type { Identity } from './security';
import { hasCommand, startProgram } from './programs';

export interface ExecResult {
  exitCode: number;
  /** stdout followed by stderr, as the kubelet's RunInContainer appends them. */
  output: string;
  stderr: string;
  /** Virtual ms the command took (capped at the timeout). */
  elapsed: number;
  timedOut: boolean;
  /** The command could not start (missing binary): runc's message. */
  startError?: string;
}

export interface ExecContext {
  image: ImageInfo;
  fs: ContainerFs;
  env: Map<string, string>;
  hostname: string;
  network: Network;
  now: number;
  identity?: Identity;
}

const MAX_STEPS = 200_000;

/** The process host an exec'd command sees: the container's files and environment, its own output. */
class ExecHost implements ProcessHost {
  stdout = '';
  stderr = '';
  elapsed = 0;
  readonly env: Map<string, string>;
  readonly fs: ContainerFs;
  readonly hostname: string;
  readonly network: Network;
  readonly pid1 = false;
  readonly identity?: Identity;
  constructor(private readonly ctx: ExecContext) {
    this.identity = ctx.identity;
    this.env = ctx.env;
    this.fs = ctx.fs;
    this.hostname = ctx.hostname;
    this.network = ctx.network;
  }
  now(): number {
    return this.ctx.now + this.elapsed;
  }
  get output(): string {
    return this.stdout + this.stderr;
  }
  out(s: string): void {
    if (this.stdout.length < 10_000) this.stdout += s;
  }
  err(s: string): void {
    if (this.stderr.length < 10_000) this.stderr += s;
  }
  /** The image's commands only: an exec'd script cannot run tools its image lacks. */
  has(command: string): boolean {
    return hasCommand(this.ctx.image, command);
  }
  exec(): undefined {
    return undefined;
  }
  listen(): void {}
}

export function execInContainer(ctx: ExecContext, argv: string[], timeoutMs: number): ExecResult {
  const host = new ExecHost(ctx);
  const started = startProgram(ctx.image, argv, host);
  if (!started.ok) {
    return { exitCode: 126, output: '', stderr: '', elapsed: 0, timedOut: false, startError: started.message.replace(/^failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: /, 'OCI runtime exec failed: exec failed: ').replace('error during container init: ', '') };
  }
  const steps: Steps = started.process.steps;
  for (let n = 0; n < MAX_STEPS; n++) {
    let r;
    try {
      r = steps.next(undefined);
    } catch {
      return { exitCode: 1, output: host.output, stderr: host.stderr, elapsed: host.elapsed, timedOut: false };
    }
    if (r.done) return { exitCode: (r.value ?? 0) & 255, output: host.output, stderr: host.stderr, elapsed: host.elapsed, timedOut: false };
    const step = r.value;
    if ('sleep' in step) {
      host.elapsed += step.sleep;
      if (host.elapsed > timeoutMs) return { exitCode: -1, output: host.output, stderr: host.stderr, elapsed: timeoutMs, timedOut: true };
    } else if ('forever' in step || 'spin' in step) {
      return { exitCode: -1, output: host.output, stderr: host.stderr, elapsed: timeoutMs, timedOut: true };
    }
  }
  return { exitCode: -1, output: host.output, stderr: host.stderr, elapsed: timeoutMs, timedOut: true };
}
