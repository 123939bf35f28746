/** The API server layer: what kubectl apply (and the controllers' creates) go through. */
export { flattenListDocument, prepareApply, prepareCreate, LAST_APPLIED, type AdmissionContext, type PrepareResult } from './pipeline';
export type { Rejection } from './status';
export { applyDefaults, defaultPullPolicy, imageTag } from './defaults';
export { podQOSClass, type QOSClass } from './qos';
export { SYSTEM_PRIORITY_CLASSES, TOKEN_MOUNT_PATH, tokenVolumeName } from './admission';
export { KINDS } from './schema';
export { kindJSONSchema, kindZodSchema } from './zod';
