import { describe, expect, it } from 'vitest';
import { KINDS } from './schema';
import { kindJSONSchema, kindZodSchema } from './zod';
import { podManifest, workloadManifest } from './testkit';

describe('Zod and JSON Schema from the struct table', () => {
  it.each(Object.keys(KINDS))('builds a JSON Schema for %s with shared structs as $defs', (kind) => {
    const schema = kindJSONSchema(kind);
    expect(schema.$ref).toBe(`#/$defs/${kind}`);
    expect(Object.keys(schema.$defs as object)).toContain('ObjectMeta');
  });

  it('accepts the manifests strict decoding accepts', () => {
    expect(kindZodSchema('Pod').safeParse(podManifest('web')).success).toBe(true);
    expect(kindZodSchema('Deployment').safeParse(workloadManifest('Deployment')).success).toBe(true);
  });

  it('flags an unknown field where strict decoding would', () => {
    const r = kindZodSchema('Pod').safeParse(podManifest('web', (p) => (p.spec.containers[0].ports = [{ containerport: 80 }])));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['containerport'], path: ['spec', 'containers', 0, 'ports', 0] });
  });

  it('refuses a kind kubesim does not serve', () => {
    expect(() => kindZodSchema('CronJob')).toThrow(/does not serve/);
  });
});
