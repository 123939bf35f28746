import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { env } from '../env';
import { prisma } from '../db/client';
import { promoteIfFirstAccount } from '../db/users';

function createAuth() {
  const config = env();
  return betterAuth({
    secret: config.BETTER_AUTH_SECRET,
    baseURL: config.BETTER_AUTH_URL,
    database: prismaAdapter(prisma(), { provider: 'postgresql' }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    socialProviders:
      config.GITHUB_CLIENT_ID && config.GITHUB_CLIENT_SECRET
        ? { github: { clientId: config.GITHUB_CLIENT_ID, clientSecret: config.GITHUB_CLIENT_SECRET } }
        : {},
    user: {
      additionalFields: {
        // Set by us (first account, admin page), never by the person signing up.
        role: { type: 'string', input: false, defaultValue: 'learner', required: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // Counted in the database so that every app instance enforces the same limits.
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: {
        '/sign-in/email': { window: 60, max: 10 },
        '/sign-up/email': { window: 60, max: 10 },
      },
    },
    databaseHooks: {
      user: { create: { after: async (user) => void (await promoteIfFirstAccount(user.id)) } },
    },
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
let instance: Auth | undefined;

/** The auth server, made on first use so that `next build` needs no secrets. */
export function auth(): Auth {
  instance ??= createAuth();
  return instance;
}
