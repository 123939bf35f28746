/**
 * The serviceaccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
 * every active namespace has a `default` ServiceAccount. It makes one when a namespace appears or
 * changes, and again when that account is deleted.
 */
import type { KubeObject } from '../api/types';
import type { Controller, ControllerContext } from '../core/controller';

/** serviceAccountsToEnsure in the controller's default options. */
const ACCOUNTS_TO_ENSURE = ['default'];

function syncNamespace(ctx: ControllerContext, namespace: string): void {
  const ns = ctx.store.get('Namespace', undefined, namespace) as (KubeObject & { status?: { phase?: string } }) | undefined;
  // A namespace being deleted must not get new objects.
  if (!ns || ns.metadata?.deletionTimestamp || (ns.status?.phase && ns.status.phase !== 'Active')) return;
  for (const name of ACCOUNTS_TO_ENSURE) {
    if (ctx.store.get('ServiceAccount', namespace, name)) continue;
    ctx.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  }
}

export function serviceAccountsController(): Controller {
  return {
    name: 'serviceaccount-controller',
    start(ctx) {
      ctx.store.watch((change) => {
        let namespace: string | undefined;
        if (change.kind === 'Namespace' && change.type !== 'DELETED') namespace = change.object.metadata?.name;
        else if (change.kind === 'ServiceAccount' && change.type === 'DELETED') namespace = change.object.metadata?.namespace;
        if (!namespace) return;
        const ns = namespace;
        ctx.enqueue(`serviceaccounts/${ns}`, () => syncNamespace(ctx, ns));
      });
    },
  };
}
