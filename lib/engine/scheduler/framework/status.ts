/**
 * The framework's Status (k8s.io/kube-scheduler/framework status.go). The code decides what happens
 * next: Unschedulable lets preemption try the node, UnschedulableAndUnresolvable does not.
 */

export type Code =
  | 'Success'
  | 'Error'
  | 'Unschedulable'
  | 'UnschedulableAndUnresolvable'
  | 'Wait'
  | 'Skip'
  | 'Pending';

export class Status {
  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
    /** The plugin that returned it, once the framework has stamped it. */
    public plugin = '',
  ) {}

  /** Status.Message(): the reasons joined by ", ". */
  message(): string {
    return this.reasons.join(', ');
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending: the pod was turned away, not an error. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }

  withPlugin(plugin: string): Status {
    return new Status(this.code, this.reasons, plugin);
  }
}

export const SUCCESS = new Status('Success');
export const SKIP = new Status('Skip');

export function unschedulable(...reasons: string[]): Status {
  return new Status('Unschedulable', reasons);
}

export function unresolvable(...reasons: string[]): Status {
  return new Status('UnschedulableAndUnresolvable', reasons);
}

export function errorStatus(message: string): Status {
  return new Status('Error', [message]);
}
