import 'dotenv/config';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The native schema engine cannot be downloaded on our machines: point the CLI at our stand-in so
// that `prisma generate` and `prisma validate` work offline (migrations go through scripts/db).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('scripts/db/no-native-engine.sh');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
