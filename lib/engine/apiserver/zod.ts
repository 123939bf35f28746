/**
 * Zod schemas (and through them JSON Schema) for the served kinds, built from the same struct table
 * strict decoding uses, for the editor's completion and squiggles. They describe shapes and JSON
 * types only: which values are allowed is the API server's validation, not the schema's.
 */
import { z } from 'zod';
import { type FieldType, KINDS, structType } from './schema';

const cache = new Map<string, z.ZodType>();
/** Struct names as JSON Schema $defs ids, so shared structs (LabelSelector, Container) appear once. */
const ids = z.registry<{ id: string }>();

function intSchema(bits: 32 | 64): z.ZodType {
  const n = z.number().int();
  return bits === 32 ? n.min(-2147483648).max(2147483647) : n;
}

function typeSchema(t: FieldType): z.ZodType {
  switch (t.t) {
    case 'scalar':
      if (t.base === 'string') return z.string();
      if (t.base === 'bool') return z.boolean();
      return intSchema(t.base === 'int32' ? 32 : 64);
    case 'quantity':
      return z.union([z.string(), z.number()]).describe('resource.Quantity, e.g. "500m", "128Mi"');
    case 'intOrString':
      return z.union([intSchema(32), z.string()]);
    case 'time':
      return z.string().describe('RFC 3339 time');
    case 'bytes':
      return z.string().describe('base64');
    case 'any':
      return z.unknown();
    case 'array':
      return z.array(typeSchema(t.elem));
    case 'map':
      return z.record(z.string(), typeSchema(t.elem));
    case 'struct':
      return structSchema(t.name);
  }
}

function structSchema(name: string): z.ZodType {
  const hit = cache.get(name);
  if (hit) return hit;
  const shape: Record<string, z.ZodType> = {};
  for (const [k, t] of structType(name).fields) shape[k] = typeSchema(t).nullable().optional();
  const schema = z.strictObject(shape);
  cache.set(name, schema);
  ids.add(schema, { id: name });
  return schema;
}

/** The Zod schema of a served kind's manifest (Pod, Deployment, ...). */
export function kindZodSchema(kind: string): z.ZodType {
  if (!KINDS[kind]) throw new Error(`kubesim does not serve kind ${kind}`);
  return structSchema(kind);
}

/** The JSON Schema of a served kind's manifest. */
export function kindJSONSchema(kind: string): Record<string, unknown> {
  return z.toJSONSchema(kindZodSchema(kind), { unrepresentable: 'any', metadata: ids, reused: 'ref' }) as Record<string, unknown>;
}
