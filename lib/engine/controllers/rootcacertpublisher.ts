/**
 * The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go):
 * every namespace holds a `kube-root-ca.crt` ConfigMap with the cluster's CA bundle, which the
 * kube-api-access projected volume of every pod mounts. It makes the ConfigMap when a namespace
 * appears, makes it again when it is deleted, and puts back its data and description when edited.
 */
import type { KubeObject } from '../api/types';
import type { Controller, ControllerContext } from '../core/controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

/** The cluster's CA bundle (made up: nothing in kubesim verifies it). */
export const ROOT_CA =
  '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKubesimRootCAwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw03MDAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n-----END CERTIFICATE-----\n';

const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** The ConfigMap as the publisher creates it in a namespace. */
export function rootCAConfigMap(namespace: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
    data: { 'ca.crt': ROOT_CA },
  };
}

type ConfigMap = KubeObject & { data?: Record<string, string> };

function syncNamespace(ctx: ControllerContext, namespace: string): void {
  const ns = ctx.store.get('Namespace', undefined, namespace);
  // Creating into a namespace that is gone or terminating is refused upstream too; it does not retry.
  if (!ns || ns.metadata?.deletionTimestamp) return;
  const cm = ctx.store.get('ConfigMap', namespace, ROOT_CA_CONFIGMAP) as ConfigMap | undefined;
  if (!cm) {
    ctx.create(rootCAConfigMap(namespace));
    return;
  }
  const data = cm.data ?? {};
  const dataMatches = Object.keys(data).length === 1 && data['ca.crt'] === ROOT_CA;
  if (dataMatches && cm.metadata?.annotations?.[DESCRIPTION_ANNOTATION]) return;
  ctx.update({
    ...cm,
    metadata: { ...cm.metadata, annotations: { ...cm.metadata?.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
    data: { 'ca.crt': ROOT_CA },
  } as KubeObject);
}

export function rootCACertPublisher(): Controller {
  return {
    name: 'root-ca-cert-publisher',
    start(ctx) {
      ctx.store.watch((change) => {
        let namespace: string | undefined;
        if (change.kind === 'Namespace' && change.type !== 'DELETED') {
          const phase = (change.object as { status?: { phase?: string } }).status?.phase;
          // namespaceUpdated skips a namespace that is no longer Active.
          if (change.type === 'ADDED' || !phase || phase === 'Active') namespace = change.object.metadata?.name;
        } else if (change.kind === 'ConfigMap' && change.type !== 'ADDED' && change.object.metadata?.name === ROOT_CA_CONFIGMAP) {
          namespace = change.object.metadata?.namespace;
        }
        if (!namespace) return;
        const ns = namespace;
        ctx.enqueue(`rootcacertpublisher/${ns}`, () => syncNamespace(ctx, ns));
      });
    },
  };
}
