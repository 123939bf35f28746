/**
 * The text of an API error as a controller sees it: client-go's StatusError.Error(), which is the
 * Status message alone. kubectl frames the same refusal differently (`Error from server (Forbidden): `,
 * `The Pod "x" is invalid: ` with one cause per line), so the rejection is turned back into the
 * server's own words here (apimachinery pkg/api/errors/errors.go NewInvalid: `<Kind.group> "<name>"
 * is invalid: <aggregate>`, where an aggregate of several causes prints as `[a, b]`).
 */
import type { Rejection } from '../apiserver/status';

/** The API group a kind's qualified name carries (GroupKind.String: `Kind.group`, core has none). */
const GROUP: Record<string, string> = {
  Deployment: 'apps',
  ReplicaSet: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  EndpointSlice: 'discovery.k8s.io',
};

const KUBECTL_PREFIX = /^Error from server \([A-Za-z]+\): /;

export function statusErrorText(r: Rejection): string {
  if (r.reason === 'Invalid') {
    const group = GROUP[r.kind];
    const head = `${group ? `${r.kind}.${group}` : r.kind} "${r.name}" is invalid`;
    // utilerrors.NewAggregate drops repeated messages; one left prints bare, more in brackets.
    const lines = [...new Set((r.causes ?? []).map((c) => `${c.field}: ${c.message}`))];
    if (lines.length === 0) return head;
    return `${head}: ${lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`}`;
  }
  return r.message.replace(KUBECTL_PREFIX, '');
}
