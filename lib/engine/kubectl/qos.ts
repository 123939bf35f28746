/** A pod's QoS class as kubectl shows it (k8s.io/kubectl/pkg/util/qos: the API server's rule). */
import { podQOSClass, type QOSClass } from '../apiserver/qos';
import type { Pod } from '../api/types';

export type { QOSClass };

/** status.qosClass when set, else computed from the containers' resources. */
export function podQOS(pod: Pod): QOSClass {
  return pod.status?.qosClass || computePodQOS(pod);
}

export function computePodQOS(pod: Pod): QOSClass {
  return podQOSClass(pod.spec);
}
