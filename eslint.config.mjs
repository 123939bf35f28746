import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.bench/**', '.data/**', 'lib/generated/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    // The engine is a plain library: no framework, no clock, no randomness (see lib/engine/README.md).
    files: ['lib/engine/**/*.ts'],
    ignores: ['lib/engine/**/*.test.ts', 'lib/engine/**/bench.ts', 'lib/engine/cli.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['next', 'next/*', 'react', 'react-dom', '@prisma/*', '**/generated/**'] }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'kubesim runs on virtual time.' },
        { object: 'Math', property: 'random', message: 'kubesim is deterministic.' },
        { object: 'performance', property: 'now', message: 'kubesim runs on virtual time.' },
        { object: 'process', property: 'env', message: 'kubesim reads no environment.' },
      ],
    },
  },
]);
