/**
 * Pod volumes (ValidateVolumes / validateVolumeSource). Every volume source upstream knows is
 * counted for the one-source rule in upstream's order; the sources a lesson uses (emptyDir,
 * hostPath, configMap, secret, downwardAPI, projected, persistentVolumeClaim, nfs, csi, image) are
 * checked field by field, the legacy cloud-disk ones only for their required fields.
 */
import type { Volume } from '../../api/types';
import { quantityNanos } from '../nanos';
import { type ErrorList, forbidden, invalid, notSupported, required, tooLong } from './field';
import { isDNS1123Label, nameIsDNSSubdomain } from './names';
import { validateObjectFieldSelector, validateResourceFieldSelector } from './downward';

/** The volumes a container may mount: name → source, for the ones that validated. */
export type VolumeSet = Map<string, Record<string, unknown>>;

export function validatePathNoBacksteps(target: string, field: string, errs: ErrorList): void {
  if (target.split('/').includes('..')) errs.push(invalid(field, target, "must not contain '..'"));
}

export function validateLocalDescendingPath(target: string, field: string, errs: ErrorList): void {
  if (target.startsWith('/')) errs.push(invalid(field, target, 'must be a relative path'));
  validatePathNoBacksteps(target, field, errs);
}

/** ValidateLocalNonReservedPath: relative, no '..' element, and no '..'-prefixed name (the atomic writer's). */
export function validateLocalNonReservedPath(target: string, field: string, errs: ErrorList): void {
  validateLocalDescendingPath(target, field, errs);
  // On the path as written: the `..` element check above has already caught `../x`.
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(field, target, "must not start with '..'"));
}

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

function validateMode(mode: number | undefined, field: string, errs: ErrorList): void {
  if (mode !== undefined && (mode > 0o777 || mode < 0)) errs.push(invalid(field, mode, FILE_MODE_ERROR));
}

interface KeyToPath {
  key?: string;
  path?: string;
  mode?: number;
}

function validateKeyToPath(kp: KeyToPath, field: string, errs: ErrorList): void {
  if (!kp.key) errs.push(required(`${field}.key`));
  if (!kp.path) errs.push(required(`${field}.path`));
  validateLocalNonReservedPath(kp.path ?? '', `${field}.path`, errs);
  validateMode(kp.mode, `${field}.mode`, errs);
}

interface DownwardFile {
  path?: string;
  fieldRef?: { apiVersion?: string; fieldPath?: string };
  resourceFieldRef?: { containerName?: string; resource?: string; divisor?: string };
  mode?: number;
}

/** The paths are reported on the source's path, without the item index, as upstream does. */
function validateDownwardFile(file: DownwardFile, field: string, errs: ErrorList): void {
  if (!file.path) errs.push(required(`${field}.path`));
  validateLocalNonReservedPath(file.path ?? '', `${field}.path`, errs);
  if (file.fieldRef) {
    validateObjectFieldSelector(file.fieldRef, 'volume', `${field}.fieldRef`, errs);
    if (file.resourceFieldRef) errs.push(invalid(field, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (file.resourceFieldRef) {
    validateResourceFieldSelector(file.resourceFieldRef, true, `${field}.resourceFieldRef`, errs);
  } else {
    errs.push(required(field, 'one of fieldRef and resourceFieldRef is required'));
  }
  validateMode(file.mode, `${field}.mode`, errs);
}

type Source = Record<string, unknown>;
type SourceCheck = (src: Source, field: string, errs: ErrorList) => void;

function requireFields(...names: string[]): SourceCheck {
  return (src, field, errs) => {
    for (const n of names) {
      const v = src[n];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) errs.push(required(`${field}.${n}`));
    }
  };
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

const checkHostPath: SourceCheck = (src, field, errs) => {
  const path = src.path as string | undefined;
  if (!path) {
    errs.push(required(`${field}.path`));
    return;
  }
  validatePathNoBacksteps(path, `${field}.path`, errs);
  const type = src.type as string | undefined;
  if (type !== undefined && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(`${field}.type`, type, HOST_PATH_TYPES));
};

const checkSecret: SourceCheck = (src, field, errs) => {
  if (!src.secretName) errs.push(required(`${field}.secretName`));
  validateMode(src.defaultMode as number | undefined, `${field}.defaultMode`, errs);
  (src.items as KeyToPath[] | undefined)?.forEach((kp, i) => validateKeyToPath(kp, `${field}.items[${i}]`, errs));
};

const checkConfigMap: SourceCheck = (src, field, errs) => {
  if (!src.name) errs.push(required(`${field}.name`));
  validateMode(src.defaultMode as number | undefined, `${field}.defaultMode`, errs);
  (src.items as KeyToPath[] | undefined)?.forEach((kp, i) => validateKeyToPath(kp, `${field}.items[${i}]`, errs));
};

const checkEmptyDir: SourceCheck = (src, field, errs) => {
  const limit = src.sizeLimit as string | undefined;
  if (limit !== undefined && quantityNanos(limit) < 0n) {
    errs.push(forbidden(`${field}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
  }
};

const checkDownwardAPI: SourceCheck = (src, field, errs) => {
  validateMode(src.defaultMode as number | undefined, `${field}.defaultMode`, errs);
  for (const file of (src.items as DownwardFile[] | undefined) ?? []) validateDownwardFile(file, field, errs);
};

const checkNFS: SourceCheck = (src, field, errs) => {
  const path = (src.path as string | undefined) ?? '';
  if (!src.server) errs.push(required(`${field}.server`));
  if (!path) errs.push(required(`${field}.path`));
  if (!path.startsWith('/')) errs.push(invalid(`${field}.path`, path, 'must be an absolute path'));
};

const checkProjected: SourceCheck = (src, field, errs) => {
  validateMode(src.defaultMode as number | undefined, `${field}.defaultMode`, errs);
  const paths = new Set<string>();
  const claim = (path: string | undefined, value: string) => {
    if (!path) return;
    if (paths.has(path)) errs.push(invalid(field, value, 'conflicting duplicate paths'));
    else paths.add(path);
  };
  ((src.sources as Source[] | undefined) ?? []).forEach((s, i) => {
    const sp = `${field}.sources[${i}]`;
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const proj = s[kind] as { name?: string; items?: KeyToPath[] } | undefined;
      if (!proj) continue;
      count++;
      if (!proj.name) errs.push(required(`${sp}.${kind}.name`));
      proj.items?.forEach((kp, j) => {
        validateKeyToPath(kp, `${sp}.${kind}.items[${j}]`, errs);
        claim(kp.path, proj.name ?? '');
      });
    }
    const dapi = s.downwardAPI as { items?: DownwardFile[] } | undefined;
    if (dapi) {
      count++;
      for (const file of dapi.items ?? []) {
        validateDownwardFile(file, `${sp}.downwardAPI`, errs);
        claim(file.path, file.path ?? '');
      }
    }
    const token = s.serviceAccountToken as { expirationSeconds?: number; path?: string } | undefined;
    if (token) {
      count++;
      const exp = token.expirationSeconds ?? 0;
      if (exp < 600) errs.push(invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!token.path) errs.push(required(`${field}.path`));
      else validateLocalNonReservedPath(token.path, `${field}.path`, errs);
    }
    if (s.clusterTrustBundle) count++;
    if (s.podCertificate) count++;
    if (count > 1) errs.push(forbidden(sp, 'may not specify more than 1 volume type per source'));
  });
};

const checkCSI: SourceCheck = (src, field, errs) => {
  const driver = (src.driver as string | undefined) ?? '';
  const p = `${field}.driver`;
  if (!driver) errs.push(required(p));
  if (driver.length > 63) errs.push(tooLong(p, 63));
  for (const m of nameIsDNSSubdomain(driver.toLowerCase(), false)) errs.push(invalid(p, driver, m));
};

const checkImage: SourceCheck = (src, field, errs) => {
  if (!src.reference) errs.push(required(`${field}.reference`));
  const pull = (src.pullPolicy as string | undefined) ?? '';
  if (pull === '') errs.push(required(`${field}.pullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(notSupported(`${field}.pullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  }
};

/**
 * Upstream's order of sources, the path it names in "may not specify more than 1 volume type"
 * (two are spelled differently from the JSON field: cephFS and the "downwarAPI" typo), and the
 * path it validates the source under.
 */
const SOURCES: { key: string; forbidAs: string; checkAs: string; check?: SourceCheck }[] = [
  { key: 'emptyDir', forbidAs: 'emptyDir', checkAs: 'emptyDir', check: checkEmptyDir },
  { key: 'hostPath', forbidAs: 'hostPath', checkAs: 'hostPath', check: checkHostPath },
  { key: 'gitRepo', forbidAs: 'gitRepo', checkAs: 'gitRepo', check: requireFields('repository') },
  { key: 'gcePersistentDisk', forbidAs: 'gcePersistentDisk', checkAs: 'persistentDisk', check: requireFields('pdName') },
  { key: 'awsElasticBlockStore', forbidAs: 'awsElasticBlockStore', checkAs: 'awsElasticBlockStore', check: requireFields('volumeID') },
  { key: 'secret', forbidAs: 'secret', checkAs: 'secret', check: checkSecret },
  { key: 'nfs', forbidAs: 'nfs', checkAs: 'nfs', check: checkNFS },
  { key: 'iscsi', forbidAs: 'iscsi', checkAs: 'iscsi', check: requireFields('targetPortal', 'iqn') },
  { key: 'glusterfs', forbidAs: 'glusterfs', checkAs: 'glusterfs', check: requireFields('endpoints', 'path') },
  { key: 'flocker', forbidAs: 'flocker', checkAs: 'flocker' },
  { key: 'persistentVolumeClaim', forbidAs: 'persistentVolumeClaim', checkAs: 'persistentVolumeClaim', check: requireFields('claimName') },
  { key: 'rbd', forbidAs: 'rbd', checkAs: 'rbd', check: requireFields('monitors', 'image') },
  { key: 'cinder', forbidAs: 'cinder', checkAs: 'cinder', check: requireFields('volumeID') },
  { key: 'cephfs', forbidAs: 'cephFS', checkAs: 'cephfs', check: requireFields('monitors') },
  { key: 'quobyte', forbidAs: 'quobyte', checkAs: 'quobyte', check: requireFields('volume') },
  { key: 'downwardAPI', forbidAs: 'downwarAPI', checkAs: 'downwardAPI', check: checkDownwardAPI },
  { key: 'fc', forbidAs: 'fc', checkAs: 'fc' },
  { key: 'flexVolume', forbidAs: 'flexVolume', checkAs: 'flexVolume', check: requireFields('driver') },
  { key: 'configMap', forbidAs: 'configMap', checkAs: 'configMap', check: checkConfigMap },
  { key: 'azureFile', forbidAs: 'azureFile', checkAs: 'azureFile', check: requireFields('secretName', 'shareName') },
  { key: 'vsphereVolume', forbidAs: 'vsphereVolume', checkAs: 'vsphereVolume', check: requireFields('volumePath') },
  { key: 'photonPersistentDisk', forbidAs: 'photonPersistentDisk', checkAs: 'photonPersistentDisk', check: requireFields('pdID') },
  { key: 'portworxVolume', forbidAs: 'portworxVolume', checkAs: 'portworxVolume', check: requireFields('volumeID') },
  { key: 'azureDisk', forbidAs: 'azureDisk', checkAs: 'azureDisk', check: requireFields('diskName', 'diskURI') },
  { key: 'storageos', forbidAs: 'storageos', checkAs: 'storageos', check: requireFields('volumeName') },
  { key: 'projected', forbidAs: 'projected', checkAs: 'projected', check: checkProjected },
  { key: 'scaleIO', forbidAs: 'scaleIO', checkAs: 'scaleIO', check: requireFields('gateway', 'system', 'volumeName') },
  { key: 'csi', forbidAs: 'csi', checkAs: 'csi', check: checkCSI },
  { key: 'ephemeral', forbidAs: 'ephemeral', checkAs: 'ephemeral', check: requireFields('volumeClaimTemplate') },
  { key: 'image', forbidAs: 'image', checkAs: 'image', check: checkImage },
];

export const VOLUME_SOURCE_KEYS = SOURCES.map((s) => s.key);

function validateVolumeSource(vol: Source, field: string, errs: ErrorList): void {
  let count = 0;
  for (const s of SOURCES) {
    const src = vol[s.key] as Source | undefined;
    if (src === undefined) continue;
    if (count > 0) {
      errs.push(forbidden(`${field}.${s.forbidAs}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    s.check?.(src, `${field}.${s.checkAs}`, errs);
  }
  if (count === 0) errs.push(required(field, 'must specify a volume type'));
}

/** ValidateVolumes: the volumes that validated, by name, for the mounts to refer to. */
export function validateVolumes(volumes: Volume[] | undefined, field: string, errs: ErrorList): VolumeSet {
  const set: VolumeSet = new Map();
  volumes?.forEach((vol, i) => {
    const p = `${field}[${i}]`;
    const el: ErrorList = [];
    validateVolumeSource(vol as unknown as Source, p, el);
    if (!vol.name) el.push(required(`${p}.name`));
    else for (const m of isDNS1123Label(vol.name)) el.push(invalid(`${p}.name`, vol.name, m));
    if (set.has(vol.name ?? '')) el.push({ type: 'FieldValueDuplicate', field: `${p}.name`, badValue: vol.name ?? '', detail: '' });
    if (el.length === 0) set.set(vol.name, vol as unknown as Source);
    else errs.push(...el);
  });
  return set;
}
