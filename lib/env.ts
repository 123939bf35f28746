import { z } from 'zod';

/**
 * PodLab's configuration, read once from the environment. A bad value stops the server at start
 * with one line naming the variable and what is wrong with it.
 */
const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
    message: 'must be a postgresql:// URL, e.g. postgresql://user:password@host:5432/podlab',
  });

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: postgresUrl,
    BETTER_AUTH_SECRET: z.string().min(32, { message: 'must be at least 32 characters (try: openssl rand -base64 32)' }),
    BETTER_AUTH_URL: z.url({ protocol: /^https?$/, message: 'must be the absolute URL the site is served at, e.g. http://localhost:3000' }).default('http://localhost:3000'),
    GITHUB_CLIENT_ID: optionalText,
    GITHUB_CLIENT_SECRET: optionalText,
  })
  .refine((env) => Boolean(env.GITHUB_CLIENT_ID) === Boolean(env.GITHUB_CLIENT_SECRET), {
    message: 'set both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET, or neither',
    path: ['GITHUB_CLIENT_SECRET'],
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** One line per problem: "DATABASE_URL: must be a postgresql:// URL ...". */
export function describeConfigProblems(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const name = issue.path.join('.') || 'environment';
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return `${name}: ${missing ? 'is required but not set' : issue.message}`;
    })
    .join('; ');
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new ConfigError(`PodLab configuration: ${describeConfigProblems(result.error)}`);
  return result.data;
}

let cached: Env | undefined;
/** The validated configuration of this process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
