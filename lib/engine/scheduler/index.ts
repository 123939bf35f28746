/** The scheduler's public surface, for the core and the controllers. */
export { schedulePod, Scheduler } from './scheduler';
export type {
  ClusterSnapshot,
  FilterVerdict,
  NodeVerdict,
  PersistentVolumeClaimLike,
  Preemption,
  ScoreEntry,
  SchedulerOptions,
  SchedulingAttempt,
  SchedulingResult,
} from './scheduler';
export { SchedulingQueue } from './queue';
export type { QueueOptions, QueueName } from './queue';
export { isPodWorthRequeuing } from './queueing_hints';
export type { ClusterEvent } from './queueing_hints';
export { fits, type InsufficientResource } from './plugins/noderesources/fit';
export { findMatchingUntoleratedTaint, toleratesTaint, tolerationsTolerateTaint, isDoNotScheduleTaint } from './framework/tolerations';
export { podRequests, DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST } from './framework/resource';
export { NodeInfo } from './framework/node_info';
export { podInfoOf } from './framework/pod_info';
export { DEFAULT_SCHEDULER_NAME } from './profile';
export { ErrNoNodesAvailable, truncateMessage } from './schedule_one';
