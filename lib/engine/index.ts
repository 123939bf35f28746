/**
 * kubesim: a Kubernetes v1.34 cluster simulated over virtual time. See README.md.
 */
export const KUBESIM_VERSION = '0.1.0';
export { KUBERNETES_VERSION } from './core/bootstrap';

export { Cluster, type ClusterOptions, type Snapshot, type ApplyOutcome, type ActionOutcome, type SchedulingRecord } from './core/cluster';
export { runScenario, type ScenarioResult, type RunOptions } from './core/run';
export { parseScenarioText, normalizeScenario, parseDocuments, ScenarioError, type Scenario, type Action } from './core/scenario';
export type { Controller, ControllerContext } from './core/controller';
export { defaultControllers } from './core/controllers';
export { CATALOGUE } from './kubelet/images';
// Manifest schemas for the editor: completion and hover docs come from these.
export { kindJSONSchema, kindZodSchema, KINDS } from './apiserver';
