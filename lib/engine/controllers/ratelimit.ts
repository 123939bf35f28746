/**
 * client-go's token bucket (flowcontrol.NewTokenBucketRateLimiter), the QPS limit of each
 * kube-controller-manager client: --kube-api-qps 20 with --kube-api-burst 30. A controller that
 * runs out of tokens stops writing and comes back when the next token is there, which is what
 * bounds a runaway loop (a ReplicaSet whose pods the kubelet refuses at once) as in a real cluster.
 */
export const CONTROLLER_QPS = 20;
export const CONTROLLER_BURST = 30;

export class TokenBucket {
  private tokens: number;
  private last: number | undefined;

  constructor(
    private readonly qps = CONTROLLER_QPS,
    private readonly burst = CONTROLLER_BURST,
  ) {
    this.tokens = burst;
  }

  private refill(nowMs: number): void {
    if (this.last !== undefined) this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.last) * this.qps) / 1000);
    this.last = nowMs;
  }

  /** Takes a token if one is there. */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there. */
  wait(nowMs: number): number {
    this.refill(nowMs);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.qps);
  }
}
