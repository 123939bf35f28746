/**
 * The container runtime's view of one running process: it drives the process's steps over virtual
 * time, enforces the memory limit (the OOM killer: exit 137, OOMKilled), and delivers signals the
 * way the kernel does (SIGKILL always kills; other signals per the process's disposition; a
 * signal's death is exit code 128 + its number).
 */
import type { EventLoop, Timer } from '../core/loop';
import { SIGNAL_NUMBERS, type Process, type Resume, type SignalName, type Step } from './process';

export interface ExitInfo {
  exitCode: number;
  reason: 'Completed' | 'Error' | 'OOMKilled';
  signal?: number;
}

/** Zero-time steps in a row before a process counts as spinning (a safety net). */
const MAX_INSTANT_STEPS = 100_000;

export class RunningProcess {
  exited?: ExitInfo;
  memory = 0;
  private timer?: Timer;
  private waiting: 'none' | 'sleep' | 'interruptible' | 'forever' | 'spin' = 'none';

  constructor(
    private readonly process: Process,
    private readonly loop: EventLoop,
    private readonly memoryLimit: number | undefined,
    private readonly onExit: (info: ExitInfo) => void,
  ) {}

  start(): void {
    this.advance(undefined);
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  /** Whether the process burns CPU forever (a loop without sleep). */
  get spinning(): boolean {
    return this.waiting === 'spin';
  }

  signal(sig: SignalName): void {
    if (this.exited) return;
    if (sig === 'KILL') {
      this.finish({ exitCode: 128 + SIGNAL_NUMBERS.KILL, reason: 'Error', signal: SIGNAL_NUMBERS.KILL });
      return;
    }
    let disposition;
    try {
      disposition = this.process.signal(sig);
    } catch {
      disposition = 'die' as const;
    }
    if (disposition === 'die') {
      this.finish({ exitCode: 128 + SIGNAL_NUMBERS[sig], reason: 'Error', signal: SIGNAL_NUMBERS[sig] });
    } else if (disposition === 'handle' && (this.waiting === 'interruptible' || this.waiting === 'forever')) {
      this.timer?.cancel();
      this.waiting = 'none';
      this.loop.after(0, () => this.advance({ interrupted: true }));
    }
  }

  private advance(resume: Resume | undefined): void {
    if (this.exited) return;
    this.waiting = 'none';
    let input = resume;
    for (let n = 0; ; n++) {
      let r: IteratorResult<Step, number>;
      try {
        r = this.process.steps.next(input);
      } catch {
        // A bug in a program must never escape the simulation; the process just dies.
        this.finish({ exitCode: 1, reason: 'Error' });
        return;
      }
      input = undefined;
      if (r.done) {
        const code = (r.value ?? 0) & 255;
        this.finish({ exitCode: code, reason: code === 0 ? 'Completed' : 'Error' });
        return;
      }
      const step = r.value;
      if ('memory' in step) {
        this.memory = step.memory;
        if (this.memoryLimit !== undefined && step.memory > this.memoryLimit) {
          this.finish({ exitCode: 137, reason: 'OOMKilled', signal: SIGNAL_NUMBERS.KILL });
          return;
        }
        if (n > MAX_INSTANT_STEPS) {
          this.waiting = 'spin';
          return;
        }
        continue;
      }
      if ('sleep' in step) {
        this.waiting = step.interruptible ? 'interruptible' : 'sleep';
        this.timer = this.loop.after(Math.max(1, step.sleep), () => this.advance(undefined));
        return;
      }
      this.waiting = 'forever' in step ? 'forever' : 'spin';
      return;
    }
  }

  private finish(info: ExitInfo): void {
    if (this.exited) return;
    this.timer?.cancel();
    this.exited = info;
    this.waiting = 'none';
    this.onExit(info);
  }
}
