import { inject } from 'vitest';

// lib/db reads its configuration from the environment, as the app does.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.BETTER_AUTH_SECRET ||= 'integration-tests-secret-0123456789abcdef';
