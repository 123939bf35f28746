/**
 * The controllers a scenario runs with. Each is a small module (see controller.ts); the workload
 * controllers (ReplicaSet, Deployment, EndpointSlice, garbage collector) are to be added here.
 */
import type { Controller } from './controller';
import { nodeLifecycleController, taintEvictionController, type KubeletSilence } from './node-controllers';

export function defaultControllers(silentSince: KubeletSilence, onSilence?: (wake: () => void) => void): Controller[] {
  return [nodeLifecycleController(silentSince, onSilence), taintEvictionController()];
}
