/**
 * client-go's rate-limited delaying work queue, over virtual time. A key added several times
 * before it is processed is processed once; AddAfter keeps the earliest pending time; a failing key
 * is retried after 5 ms doubling to 1000 s (workqueue.DefaultControllerRateLimiter's per-item
 * exponential back-off) until Forget. Processing happens on the event loop, never inside the store
 * write that caused it.
 */
import type { ControllerContext } from '../core/controller';
import type { Timer } from '../core/loop';

const BASE_DELAY_MS = 5;
const MAX_DELAY_MS = 1_000_000;

export class WorkQueue {
  private readonly failures = new Map<string, number>();
  private readonly waiting = new Map<string, Timer>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly name: string,
    private readonly handler: (key: string) => void,
  ) {}

  add(key: string): void {
    this.ctx.enqueue(`${this.name}\u0000${key}`, () => this.handler(key));
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    const at = this.ctx.now() + delayMs;
    const pending = this.waiting.get(key);
    if (pending && pending.at <= at) return;
    pending?.cancel();
    this.waiting.set(
      key,
      this.ctx.after(delayMs, () => {
        this.waiting.delete(key);
        this.add(key);
      }),
    );
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/** The namespace/name key controllers queue objects by. */
export function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
