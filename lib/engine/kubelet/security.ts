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
