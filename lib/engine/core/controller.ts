/**
 * The controller API. A controller is a small module that watches the object store and acts through
 * the same API the rest of the cluster uses; it never blocks and never reads a clock:
 *
 *   export const replicaSetController: Controller = {
 *     name: 'replicaset-controller',
 *     start(ctx) {
 *       ctx.store.watch((change) => {
 *         if (change.kind === 'ReplicaSet' || change.kind === 'Pod') ctx.enqueue('sync', () => sync(ctx));
 *       });
 *     },
 *   };
 *
 * Watch callbacks run synchronously inside the write that caused them, so they must only queue
 * work (ctx.enqueue / ctx.after); the queued work runs on the event loop at the current virtual
 * instant or later, in a deterministic order.
 */
import type { KubeEvent, KubeObject, ObjectReference } from '../api/types';
import type { EventLoop, Timer } from './loop';
import type { ObjectStore } from './store';
import type { Rejection } from '../apiserver/status';

export type CreateResult = { ok: true; object: KubeObject } | { ok: false; rejection: Rejection };

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  /** Only delete if the stored object still has this uid (a precondition). */
  uid?: string;
  /** Foreground / Background / Orphan, for the garbage collector. */
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export interface ControllerContext {
  readonly store: ObjectStore;
  readonly loop: EventLoop;
  /** Virtual milliseconds now. */
  now(): number;
  /** Runs fn after `delayMs` of virtual time. */
  after(delayMs: number, fn: () => void): Timer;
  /** Runs fn once at the current instant (after the current event), however often it is enqueued meanwhile. */
  enqueue(key: string, fn: () => void): void;
  /** Creates an object through the API server (defaults, admission, validation, generateName). */
  create(obj: KubeObject): CreateResult;
  /** Writes a change to a stored object (status or spec), as an update through the API. */
  update(obj: KubeObject, opts?: { specChanged?: boolean }): void;
  /** Deletes an object as the API does (a bound pod gets a graceful deletion). */
  delete(kind: string, namespace: string | undefined, name: string, opts?: DeleteOptions): boolean;
  /** Records an event from this controller. */
  event(component: string, involved: ObjectReference, type: 'Normal' | 'Warning', reason: string, message: string): KubeEvent | undefined;
}

export interface Controller {
  /** The component name events carry (replicaset-controller, deployment-controller, ...). */
  name: string;
  start(ctx: ControllerContext): void;
}
