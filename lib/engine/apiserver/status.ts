/**
 * Refusals as kubectl reports them: the API server's metav1.Status (errors.NewInvalid,
 * NewForbidden, NewNotFound, NewBadRequest) printed through kubectl's checkErr, or an error kubectl
 * raises itself before anything reaches the server.
 */
import type { StatusCause } from '../api/types';
import { errorBody, type ErrorList } from './validation/field';

export interface Rejection {
  kind: string;
  name: string;
  namespace?: string;
  /** Invalid, NotFound, BadRequest, Forbidden, AlreadyExists ... */
  reason: string;
  /** What kubectl prints for this document alone, without its `error when creating "<file>"` framing. */
  message: string;
  /** The StatusCause entries; only for Invalid. */
  causes?: StatusCause[];
}

/** The source name kubectl puts into its own messages: the scenario's documents come in as stdin. */
export const SOURCE = 'STDIN';

/** Kinds with their REST resource names, for the `pods "x" is forbidden` style of message. */
const RESOURCES: Record<string, string> = {
  Pod: 'pods',
  Node: 'nodes',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  Deployment: 'deployments.apps',
  ReplicaSet: 'replicasets.apps',
  PriorityClass: 'priorityclasses.scheduling.k8s.io',
};

export function resourceName(kind: string): string {
  return RESOURCES[kind] ?? kind.toLowerCase() + 's';
}

/** errors.NewInvalid + kubectl's MultilineError: one line for one cause, a bulleted list for more. */
export function invalidRejection(kind: string, name: string, namespace: string | undefined, errs: ErrorList): Rejection {
  const causes: StatusCause[] = errs.map((e) => ({ field: e.field, reason: e.type as StatusCause['reason'], message: errorBody(e) }));
  // kubectl drops repeated "<field>: <message>" lines.
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const c of causes) {
    const line = `${c.field}: ${c.message}`;
    if (!seen.has(line)) {
      seen.add(line);
      lines.push(line);
    }
  }
  const head = `The ${kind} "${name}" is invalid`;
  const message =
    lines.length === 0 ? head : lines.length === 1 ? `${head}: ${lines[0]}` : `${head}: \n` + lines.map((l) => `* ${l}`).join('\n');
  return { kind, name, namespace, reason: 'Invalid', message, causes };
}

/** Any other API status: kubectl prints `Error from server (<Reason>): <status message>`. */
export function statusRejection(kind: string, name: string, namespace: string | undefined, reason: string, statusMessage: string): Rejection {
  return { kind, name, namespace, reason, message: `Error from server (${reason}): ${statusMessage}` };
}

/** errors.NewForbidden: `<resource> "<name>" is forbidden: <why>`. */
export function forbiddenRejection(kind: string, name: string, namespace: string | undefined, why: string): Rejection {
  return statusRejection(kind, name, namespace, 'Forbidden', `${resourceName(kind)} "${name}" is forbidden: ${why}`);
}

/** errors.NewNotFound: `<resource> "<name>" not found`. */
export function notFoundRejection(kind: string, name: string, namespace: string | undefined, resource: string, missing: string): Rejection {
  return statusRejection(kind, name, namespace, 'NotFound', `${resource} "${missing}" not found`);
}

/** The API server's decode failure (transformDecodeError), answered with 400 BadRequest. */
export function decodeRejection(kind: string, version: string, name: string, namespace: string | undefined, cause: string): Rejection {
  return statusRejection(kind, name, namespace, 'BadRequest', `${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`);
}

/**
 * A refusal by kubectl itself: printed with kubectl's "error: " prefix. It has no status reason;
 * `reason` names the nearest API one so that callers can group refusals.
 */
export function kubectlRejection(kind: string, name: string, namespace: string | undefined, reason: string, text: string): Rejection {
  return { kind, name, namespace, reason, message: `error: ${text}` };
}
