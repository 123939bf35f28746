/**
 * What a container process is to the runtime: a generator of steps over virtual time, and how it
 * takes signals. Shell scripts, image servers and utilities all speak this protocol.
 */
import type { ContainerFs } from './fs';
import type { Identity } from './security';

export type Step =
  /** Let virtual time pass; `interruptible` lets a handled signal cut it short (sh's `wait`). */
  | { sleep: number; interruptible?: boolean }
  /** Block until a signal ends it (a server, `sleep infinity`). */
  | { forever: true }
  /** Burn CPU forever (a loop that never sleeps, cut by the step budget). */
  | { spin: true }
  /** Resident memory is now this many bytes (checked against the memory limit). */
  | { memory: number };

export interface Resume {
  interrupted?: boolean;
}

export type Steps = Generator<Step, number, Resume | undefined>;

export type SignalName = 'TERM' | 'KILL' | 'INT' | 'QUIT' | 'HUP' | 'WINCH' | 'USR1';

export const SIGNAL_NUMBERS: Record<SignalName, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, TERM: 15, WINCH: 28 };

/** How a process takes a signal: dies of it, ignores it, or handles it (then its steps go on). */
export type Disposition = 'die' | 'ignore' | 'handle';

export interface HttpResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}
export type HttpHandler = (path: string, method: string) => HttpResponse;

export interface Listener {
  port: number;
  http?: HttpHandler;
  /** gRPC health service answers SERVING when true. */
  grpc?: boolean;
}

export type NetResult =
  | { ok: true; status: number; body: string; address: string }
  | { ok: false; error: 'dns' | 'refused' | 'timeout'; address?: string };

/** The cluster network as seen from inside a pod. */
export interface Network {
  lookup(name: string): { fqdn: string; address: string } | undefined;
  http(host: string, port: number, path: string): NetResult;
  tcp(host: string, port: number): NetResult;
}

export interface ProcessHost {
  fs: ContainerFs;
  env: Map<string, string>;
  hostname: string;
  /** Virtual ms now. */
  now(): number;
  /** Writes to the container's log (stdout and stderr go to the same log). */
  out(text: string): void;
  /** Standard error, where a host keeps it apart (exec's ExecSync does); else it goes to `out`. */
  err?(text: string): void;
  /** Whether the image has this command (besides the shell's own builtins). */
  has(command: string): boolean;
  /** Starts a program the image has that the shell does not implement (a server), if any. */
  exec(argv: string[]): Process | undefined;
  listen(listener: Listener): void;
  network: Network;
  /** True when the process is PID 1 of its container (no shareProcessNamespace). */
  pid1: boolean;
  /** The user and groups the process runs as (root when left out). */
  identity?: Identity;
}

export interface Process {
  steps: Steps;
  signal(sig: SignalName): Disposition;
}
