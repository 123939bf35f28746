/**
 * The controllers a cluster runs with, as kube-controller-manager's defaults: node lifecycle and
 * taint eviction (core/node-controllers.ts), the workload controllers (controllers/) and the pod
 * garbage collector (controllers/podgc/).
 */
import { workloadControllers } from '../controllers';
import { podGCController } from '../controllers/podgc/controller';
import type { Controller } from './controller';
import { nodeLifecycleController, taintEvictionController, type KubeletSilence } from './node-controllers';

export function defaultControllers(silentSince: KubeletSilence, onSilence?: (wake: () => void) => void): Controller[] {
  return [nodeLifecycleController(silentSince, onSilence), taintEvictionController(), ...workloadControllers(), podGCController()];
}
