/**
 * kuberuntime's verifyRunAsNonRoot: a container whose effective security context asks for
 * runAsNonRoot may not start as root, judged by runAsUser or else by the image's USER.
 */
import type { Container, Pod } from '../api/types';
import type { ImageInfo } from './images';

type SecurityContext = { runAsNonRoot?: unknown; runAsUser?: unknown };

function effective(pod: Pod, c: Container): { runAsNonRoot?: boolean; runAsUser?: number } {
  const podSc = (pod.spec.securityContext ?? {}) as SecurityContext;
  const sc = (c.securityContext ?? {}) as SecurityContext;
  const runAsNonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
  const runAsUser = sc.runAsUser ?? podSc.runAsUser;
  return {
    runAsNonRoot: typeof runAsNonRoot === 'boolean' ? runAsNonRoot : undefined,
    runAsUser: typeof runAsUser === 'number' ? runAsUser : undefined,
  };
}

/** Who a container's processes run as: what `id` reports. */
export interface Identity {
  uid: number;
  gid: number;
  /** getgroups(): sorted, as the kernel's setgroups keeps them. */
  groups: number[];
}

type GroupContext = { runAsGroup?: unknown; fsGroup?: unknown; supplementalGroups?: unknown };

/**
 * The user the runtime starts a container's processes as: runAsUser / runAsGroup (container over
 * pod), else the image's USER; supplementary groups are fsGroup and supplementalGroups (kubelet's
 * determineEffectiveSecurityContext) plus the primary group (containerd adds it since the
 * CVE-2023-25173 fix). Without a runAsGroup a uid the image's /etc/passwd lacks gets gid 0.
 */
export function processIdentity(pod: Pod, c: Container, image: ImageInfo | undefined): Identity {
  const sc = effective(pod, c);
  const podSc = (pod.spec.securityContext ?? {}) as GroupContext;
  const own = (c.securityContext ?? {}) as GroupContext;
  const [imageUser, imageGroup] = (image?.user ?? '0').split(':');
  const uid = sc.runAsUser ?? (/^\d+$/.test(imageUser) ? Number(imageUser) : 0);
  const runAsGroup = own.runAsGroup ?? podSc.runAsGroup;
  const gid = typeof runAsGroup === 'number' ? runAsGroup : imageGroup !== undefined && /^\d+$/.test(imageGroup) ? Number(imageGroup) : 0;
  const groups = new Set<number>([gid]);
  // Root is also in the images' wheel group (busybox's /etc/group).
  if (uid === 0 && gid === 0) groups.add(10);
  if (typeof podSc.fsGroup === 'number') groups.add(podSc.fsGroup);
  if (Array.isArray(podSc.supplementalGroups)) for (const g of podSc.supplementalGroups) if (typeof g === 'number') groups.add(g);
  return { uid, gid, groups: [...groups].sort((a, b) => a - b) };
}

/** The error generateContainerConfig fails with (CreateContainerConfigError), or undefined. */
export function verifyRunAsNonRoot(pod: Pod, c: Container, image: ImageInfo | undefined, podRef: string): string | undefined {
  const sc = effective(pod, c);
  if (!sc.runAsNonRoot) return undefined;
  if (sc.runAsUser !== undefined) {
    return sc.runAsUser === 0 ? `container's runAsUser breaks non-root policy (pod: ${JSON.stringify(podRef)}, container: ${c.name})` : undefined;
  }
  // An image without USER runs as uid 0.
  const user = image?.user ?? '0';
  if (/^\d+$/.test(user)) {
    return Number(user) === 0 ? `container has runAsNonRoot and image will run as root (pod: ${JSON.stringify(podRef)}, container: ${c.name})` : undefined;
  }
  return `container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root (pod: ${JSON.stringify(podRef)}, container: ${c.name})`;
}
