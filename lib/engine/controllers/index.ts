/**
 * The workload controllers of kube-controller-manager that kubesim runs: ReplicaSet, Deployment,
 * EndpointSlice, the garbage collector, the serviceaccounts controller and the root CA publisher. (The node lifecycle and taint eviction controllers live
 * in core/node-controllers.ts.) Each is a core/controller.ts Controller; a Cluster runs them with
 *
 *   for (const c of workloadControllers()) cluster.addController(c);
 *
 * or, equivalently, startControllers(cluster.controllerContext()).
 */
import type { Controller, ControllerContext } from '../core/controller';
import { deploymentController } from './deployment/controller';
import { endpointSliceController } from './endpointslice/controller';
import { garbageCollector } from './garbagecollector/controller';
import { replicaSetController } from './replicaset/controller';
import { rootCACertPublisher } from './rootcacertpublisher';
import { serviceAccountsController } from './serviceaccount';

export { deploymentController } from './deployment/controller';
export { endpointSliceController } from './endpointslice/controller';
export { garbageCollector } from './garbagecollector/controller';
export { replicaSetController } from './replicaset/controller';
export { rootCACertPublisher } from './rootcacertpublisher';
export { serviceAccountsController } from './serviceaccount';
export type { Deployment, ReplicaSet, EndpointSlice, Service } from './apps';

/** The controllers in the order they start (the order their work runs within one instant). */
export function workloadControllers(): Controller[] {
  return [deploymentController(), replicaSetController(), endpointSliceController(), garbageCollector(), serviceAccountsController(), rootCACertPublisher()];
}

/** Starts every workload controller on one context. */
export function startControllers(ctx: ControllerContext): void {
  for (const c of workloadControllers()) c.start(ctx);
}
