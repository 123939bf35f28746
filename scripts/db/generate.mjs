#!/usr/bin/env node
// postinstall: generate the Prisma client (lib/generated/prisma) offline.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './engine.mjs';

const result = spawnSync('npx', ['prisma', 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, 'scripts/db/no-native-engine.sh'),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
