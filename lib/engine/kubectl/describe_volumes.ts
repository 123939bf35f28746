/** The Volumes section of `kubectl describe pod` (describeVolumes and the print*VolumeSource helpers). */
import type { Volume } from '../api/types';
import { quantityString } from './describe_containers';
import { writeAnnotations, writeLabels } from './describe_maps';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, nestedWriter, type Writer } from './prefixwriter';

/** A volume source read as the plain JSON it is: kubesim's types name only the common ones. */
type Source = Record<string, unknown>;

export function describeVolumes(w: Writer, volumes: Volume[] | undefined): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volumes:\n');
  for (const volume of volumes) {
    w.write(LEVEL_1, `${volume.name}:\n`);
    const v = volume as unknown as Record<string, Source | undefined>;
    // kubectl checks the sources in this order; only the first one present is printed.
    const printer = SOURCES.find(([field]) => v[field] != null);
    if (printer) printer[1](w, v[printer[0]]!);
    else w.write(LEVEL_1, '<unknown>\n');
  }
}

/** Writes "Type:\t<title>" and then "    <label>:\t<value>" lines, all at level 2 as kubectl does. */
function fields(w: Writer, title: string, rows: [string, string][]): void {
  w.write(LEVEL_2, `Type:\t${title}\n` + rows.map(([label, value]) => `    ${label}\t${value}\n`).join(''));
}

const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const bool = (x: unknown): string => String(x === true);
const int = (x: unknown): string => String(typeof x === 'number' ? x : 0);
/** Go's %v of a []string: "[a b]". */
const list = (x: unknown): string => `[${Array.isArray(x) ? x.join(' ') : ''}]`;
/** The generated String() of a *LocalObjectReference: "nil" or "&LocalObjectReference{Name:x,}". */
const ref = (x: unknown): string => (x && typeof x === 'object' ? `&LocalObjectReference{Name:${str((x as Source).name)},}` : 'nil');
/** Go's %v of a map[string]string: "map[a:b c:d]", keys sorted. */
const map = (x: unknown): string => {
  const m = (x ?? {}) as Record<string, string>;
  return `map[${Object.keys(m)
    .sort()
    .map((k) => `${k}:${m[k]}`)
    .join(' ')}]`;
};

const SOURCES: [string, (w: Writer, s: Source) => void][] = [
  ['hostPath', (w, s) => fields(w, 'HostPath (bare host directory volume)', [['Path:', str(s.path)], ['HostPathType:', str(s.type ?? '<none>')]])],
  [
    'emptyDir',
    (w, s) => {
      const limit = s.sizeLimit as string | number | undefined;
      const sizeLimit = limit !== undefined && limit !== null && quantityString(limit) !== '0' && !String(limit).startsWith('-')
        ? quantityString(limit)
        : '<unset>';
      fields(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [['Medium:', str(s.medium)], ['SizeLimit:', sizeLimit]]);
    },
  ],
  [
    'gcePersistentDisk',
    (w, s) =>
      fields(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
        ['PDName:', str(s.pdName)],
        ['FSType:', str(s.fsType)],
        ['Partition:', int(s.partition)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'awsElasticBlockStore',
    (w, s) =>
      fields(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
        ['VolumeID:', str(s.volumeID)],
        ['FSType:', str(s.fsType)],
        ['Partition:', int(s.partition)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'gitRepo',
    (w, s) =>
      fields(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [
        ['Repository:', str(s.repository)],
        ['Revision:', str(s.revision)],
      ]),
  ],
  ['secret', (w, s) => fields(w, 'Secret (a volume populated by a Secret)', [['SecretName:', str(s.secretName)], ['Optional:', bool(s.optional)]])],
  ['configMap', (w, s) => fields(w, 'ConfigMap (a volume populated by a ConfigMap)', [['Name:', str(s.name)], ['Optional:', bool(s.optional)]])],
  [
    'nfs',
    (w, s) =>
      fields(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [
        ['Server:', str(s.server)],
        ['Path:', str(s.path)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'iscsi',
    (w, s) =>
      fields(w, "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)", [
        ['TargetPortal:', str(s.targetPortal)],
        ['IQN:', str(s.iqn)],
        ['Lun:', int(s.lun)],
        // kubectl's own label has no colon here.
        ['ISCSIInterface', str(s.iscsiInterface)],
        ['FSType:', str(s.fsType)],
        ['ReadOnly:', bool(s.readOnly)],
        ['Portals:', list(s.portals)],
        ['DiscoveryCHAPAuth:', bool(s.chapAuthDiscovery)],
        ['SessionCHAPAuth:', bool(s.chapAuthSession)],
        ['SecretRef:', ref(s.secretRef)],
        ['InitiatorName:', s.initiatorName == null ? '<none>' : str(s.initiatorName)],
      ]),
  ],
  [
    'glusterfs',
    (w, s) =>
      fields(w, "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [
        ['EndpointsName:', str(s.endpoints)],
        ['Path:', str(s.path)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'persistentVolumeClaim',
    (w, s) =>
      fields(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
        ['ClaimName:', str(s.claimName)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  ['ephemeral', (w, s) => describeEphemeral(w, s)],
  [
    'rbd',
    (w, s) =>
      fields(w, "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
        ['CephMonitors:', list(s.monitors)],
        ['RBDImage:', str(s.image)],
        ['FSType:', str(s.fsType)],
        ['RBDPool:', str(s.pool)],
        ['RadosUser:', str(s.user)],
        ['Keyring:', str(s.keyring)],
        ['SecretRef:', ref(s.secretRef)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'quobyte',
    (w, s) =>
      fields(w, "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
        ['Registry:', str(s.registry)],
        ['Volume:', str(s.volume)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  ['downwardAPI', (w, s) => describeDownwardAPI(w, s)],
  [
    'azureDisk',
    (w, s) =>
      // The API server defaults these pointers; kubectl dereferences them.
      fields(w, 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
        ['DiskName:', str(s.diskName)],
        ['DiskURI:', str(s.diskURI)],
        ['Kind: ', str(s.kind ?? 'Shared')],
        ['FSType:', str(s.fsType ?? 'ext4')],
        ['CachingMode:', str(s.cachingMode ?? 'ReadWrite')],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'vsphereVolume',
    (w, s) =>
      fields(w, 'vSphereVolume (a Persistent Disk resource in vSphere)', [
        ['VolumePath:', str(s.volumePath)],
        ['FSType:', str(s.fsType)],
        ['StoragePolicyName:', str(s.storagePolicyName)],
      ]),
  ],
  [
    'cinder',
    (w, s) =>
      fields(w, 'Cinder (a Persistent Disk resource in OpenStack)', [
        ['VolumeID:', str(s.volumeID)],
        ['FSType:', str(s.fsType)],
        ['ReadOnly:', bool(s.readOnly)],
        ['SecretRef:', ref(s.secretRef)],
      ]),
  ],
  [
    'photonPersistentDisk',
    (w, s) => fields(w, 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [['PdID:', str(s.pdID)], ['FSType:', str(s.fsType)]]),
  ],
  ['portworxVolume', (w, s) => fields(w, 'PortworxVolume (a Portworx Volume resource)', [['VolumeID:', str(s.volumeID)]])],
  [
    'scaleIO',
    (w, s) =>
      fields(w, 'ScaleIO (a persistent volume backed by a block device in ScaleIO)', [
        ['Gateway:', str(s.gateway)],
        ['System:', str(s.system)],
        ['Protection Domain:', str(s.protectionDomain)],
        ['Storage Pool:', str(s.storagePool)],
        ['Storage Mode:', str(s.storageMode)],
        ['VolumeName:', str(s.volumeName)],
        ['FSType:', str(s.fsType)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'cephfs',
    (w, s) =>
      fields(w, "CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
        ['Monitors:', list(s.monitors)],
        ['Path:', str(s.path)],
        ['User:', str(s.user)],
        ['SecretFile:', str(s.secretFile)],
        ['SecretRef:', ref(s.secretRef)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'storageos',
    (w, s) =>
      fields(w, 'StorageOS (a StorageOS Persistent Disk resource)', [
        ['VolumeName:', str(s.volumeName)],
        ['VolumeNamespace:', str(s.volumeNamespace)],
        ['FSType:', str(s.fsType)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'fc',
    (w, s) =>
      fields(w, 'FC (a Fibre Channel disk)', [
        ['TargetWWNs:', Array.isArray(s.targetWWNs) ? s.targetWWNs.join(', ') : ''],
        ['LUN:', s.lun == null ? '<none>' : int(s.lun)],
        ['FSType:', str(s.fsType)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'azureFile',
    (w, s) =>
      fields(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [
        ['SecretName:', str(s.secretName)],
        ['ShareName:', str(s.shareName)],
        ['ReadOnly:', bool(s.readOnly)],
      ]),
  ],
  [
    'flexVolume',
    (w, s) =>
      fields(w, 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)', [
        ['Driver:', str(s.driver)],
        ['FSType:', str(s.fsType)],
        ['SecretRef:', ref(s.secretRef)],
        ['ReadOnly:', bool(s.readOnly)],
        ['Options:', map(s.options)],
      ]),
  ],
  [
    'flocker',
    (w, s) =>
      fields(w, 'Flocker (a Flocker volume mounted by the Flocker agent)', [
        ['DatasetName:', str(s.datasetName)],
        ['DatasetUUID:', str(s.datasetUUID)],
      ]),
  ],
  ['projected', (w, s) => describeProjected(w, s)],
  [
    'csi',
    (w, s) => {
      fields(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
        ['Driver:', str(s.driver)],
        ['FSType:', str(s.fsType)],
        ['ReadOnly:', bool(s.readOnly)],
      ]);
      describeVolumeAttributes(w, s.volumeAttributes as Record<string, string> | undefined);
    },
  ],
  [
    'image',
    (w, s) => fields(w, 'Image (a container image or OCI artifact)', [['Reference:', str(s.reference)], ['PullPolicy:', str(s.pullPolicy)]]),
  ],
];

function describeDownwardAPI(w: Writer, s: Source): void {
  w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  const items = (s.items ?? []) as { path: string; fieldRef?: { fieldPath: string }; resourceFieldRef?: { resource: string } }[];
  for (const item of items) {
    if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
    if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
  }
}

interface ProjectedSource {
  secret?: { name?: string; optional?: boolean };
  configMap?: { name?: string; optional?: boolean };
  downwardAPI?: unknown;
  serviceAccountToken?: { expirationSeconds?: number };
}

/** The kube-api-access-* volume every pod gets is one of these. */
function describeProjected(w: Writer, s: Source): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const source of (s.sources ?? []) as ProjectedSource[]) {
    if (source.secret) {
      w.write(LEVEL_2, `SecretName:\t${str(source.secret.name)}\n    Optional:\t${bool(source.secret.optional)}\n`);
    } else if (source.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (source.configMap) {
      w.write(LEVEL_2, `ConfigMapName:\t${str(source.configMap.name)}\n    Optional:\t${bool(source.configMap.optional)}\n`);
    } else if (source.serviceAccountToken) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${int(source.serviceAccountToken.expirationSeconds)}\n`);
    }
  }
}

/** printCSIPersistentVolumeAttributesMultiline: every piece is written at level 2, indents included. */
function describeVolumeAttributes(w: Writer, attributes: Record<string, string> | undefined): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes![key]}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

interface ClaimTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
    dataSource?: { apiGroup?: string; kind?: string; name?: string };
  };
}

/** An inline PVC template, printed as printPersistentVolumeClaim prints a claim that is not full. */
function describeEphemeral(w: Writer, s: Source): void {
  w.write(
    LEVEL_2,
    'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
  );
  const template = s.volumeClaimTemplate as ClaimTemplate | undefined;
  if (!template) return;
  const nw = nestedWriter(w, LEVEL_2);
  const spec = template.spec ?? {};
  const annotations = template.metadata?.annotations;
  const storageClass = annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? '';
  nw.write(LEVEL_0, `StorageClass:\t${storageClass}\n`);
  nw.write(LEVEL_0, `Volume:\t${str(spec.volumeName)}\n`);
  writeLabels(nw, 'Labels', template.metadata?.labels);
  writeAnnotations(nw, 'Annotations', annotations);
  // Capacity and access modes come from a bound claim's status, which a template has not.
  nw.write(LEVEL_0, 'Capacity:\t\n');
  nw.write(LEVEL_0, 'Access Modes:\t\n');
  if (spec.volumeMode) nw.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    nw.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup != null) nw.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    nw.write(LEVEL_1, `Kind:\t${str(spec.dataSource.kind)}\n`);
    nw.write(LEVEL_1, `Name:\t${str(spec.dataSource.name)}\n`);
  }
}
