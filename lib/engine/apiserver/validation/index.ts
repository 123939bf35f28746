/**
 * The registry strategies' Validate and ValidateUpdate, by kind: the field errors the API server
 * would turn into an Invalid status for this object.
 */
import type { KubeObject, Pod } from '../../api/types';
import type { ErrorList } from './field';
import { validatePodCreate, validatePodUpdate } from './pod';
import { validateWorkloadCreate, validateWorkloadUpdate, type Workload } from './apps';
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateNamespace,
  validateNode,
  validateNodeUpdate,
  validateSecret,
  validateSecretUpdate,
  validateService,
  validateServiceAccount,
  validateServiceUpdate,
} from './core';
import { validateObjectMetaUpdate } from './meta';
import { validatePriorityClass, validatePriorityClassUpdate } from './priorityclass';
import type { ObjectMeta } from '../../api/types';

export function validateCreate(obj: KubeObject): ErrorList {
  const errs: ErrorList = [];
  switch (obj.kind) {
    case 'Pod':
      return validatePodCreate(obj as unknown as Pod);
    case 'Deployment':
    case 'ReplicaSet':
      return validateWorkloadCreate(obj as unknown as Workload);
    case 'Service':
      // Requested node ports are checked by the service storage before validation (service-registry.ts).
      validateService(obj, errs);
      return errs;
    case 'ConfigMap':
      validateConfigMap(obj, errs);
      return errs;
    case 'Secret':
      validateSecret(obj, errs);
      return errs;
    case 'Namespace':
      validateNamespace(obj, errs);
      return errs;
    case 'Node':
      validateNode(obj, errs);
      return errs;
    case 'ServiceAccount':
      validateServiceAccount(obj, errs);
      return errs;
    case 'PriorityClass':
      validatePriorityClass(obj, errs);
      return errs;
    default:
      return errs;
  }
}

export function validateUpdate(obj: KubeObject, old: KubeObject): ErrorList {
  const errs: ErrorList = [];
  switch (obj.kind) {
    case 'Pod':
      return validatePodUpdate(obj as unknown as Pod, old as unknown as Pod);
    case 'Deployment':
    case 'ReplicaSet':
      return validateWorkloadUpdate(obj as unknown as Workload, old as unknown as Workload);
    case 'Service':
      validateServiceUpdate(obj, old, errs);
      return errs;
    case 'ConfigMap':
      validateConfigMapUpdate(obj, old, errs);
      return errs;
    case 'Secret':
      validateSecretUpdate(obj, old, errs);
      return errs;
    case 'Node':
      validateNodeUpdate(obj, old, errs);
      return errs;
    case 'PriorityClass':
      validatePriorityClassUpdate(obj, old, errs);
      return errs;
    case 'Namespace':
    case 'ServiceAccount':
      validateObjectMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta, 'metadata', errs);
      if (obj.kind === 'ServiceAccount') validateServiceAccount(obj, errs);
      return errs;
    default:
      return errs;
  }
}
