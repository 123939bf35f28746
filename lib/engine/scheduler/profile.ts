/**
 * The default-scheduler profile of v1.34 (apis/config/v1/default_plugins.go): the plugins in
 * multi-point order, which is the order they run at every extension point, and the score weights.
 * Of the volume plugins, VolumeRestrictions and VolumeBinding run (a missing claim keeps a pod
 * Pending); the volume limit and zone plugins are left out: kubesim models no PersistentVolumes.
 */
import type { SchedulerCache } from './framework/cache';
import type { Plugin } from './framework/interface';
import { defaultPreemption } from './plugins/defaultpreemption';
import { dynamicResources } from './plugins/dynamicresources';
import { imageLocality } from './plugins/imagelocality';
import { interPodAffinity } from './plugins/interpodaffinity/plugin';
import * as names from './plugins/names';
import { nodeAffinity } from './plugins/nodeaffinity';
import { nodeName } from './plugins/nodename';
import { nodePorts } from './plugins/nodeports';
import { balancedAllocation } from './plugins/noderesources/balanced_allocation';
import { nodeResourcesFit } from './plugins/noderesources/fit';
import { nodeUnschedulable } from './plugins/nodeunschedulable';
import { podTopologySpread } from './plugins/podtopologyspread/plugin';
import { taintToleration } from './plugins/tainttoleration';
import { volumeBinding } from './plugins/volumebinding';
import { volumeRestrictions } from './plugins/volumerestrictions';
import { Framework } from './runtime/framework';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export const defaultPlugins: readonly Plugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodePorts,
  nodeResourcesFit,
  volumeRestrictions,
  // EBSLimits, GCEPDLimits, NodeVolumeLimits and AzureDiskLimits would come here.
  volumeBinding,
  // VolumeZone would come here.
  podTopologySpread,
  interPodAffinity,
  // DynamicResources is inserted right before DefaultPreemption when DRA is enabled (GA in v1.34).
  dynamicResources,
  defaultPreemption,
  balancedAllocation,
  imageLocality,
];

export const defaultWeights: Readonly<Record<string, number>> = {
  [names.TaintToleration]: 3,
  [names.NodeAffinity]: 2,
  [names.NodeResourcesFit]: 1,
  [names.PodTopologySpread]: 2,
  [names.InterPodAffinity]: 2,
  [names.NodeResourcesBalancedAllocation]: 1,
  [names.ImageLocality]: 1,
};

export function defaultFramework(cache: SchedulerCache): Framework {
  return new Framework(cache, defaultPlugins, defaultWeights);
}
