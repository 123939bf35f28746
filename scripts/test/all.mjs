#!/usr/bin/env node
// `npm test`: the whole suite, in the order a failure is cheapest to find. Every step runs even
// when an earlier one failed (except the browser tests, which need the build), and a summary closes.
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit tests', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['integration tests (Postgres and PGlite)', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['kubesim conformance case files (lint)', 'python3', ['../shared/tools/conformance.py', '--lint', 'tests/conformance']],
  // The sample we were given and the cases we wrote from upstream behaviour: all must agree.
  // tests/conformance-ext holds cases that use kubesim's scenario extensions (staticPods), which the
  // shared linter does not know; they run with the rest.
  ['kubesim conformance (sample + ours)', 'python3', ['../shared/tools/conformance.py', '../shared/conformance-sample', 'tests/conformance', 'tests/conformance-ext']],
  ['production build', 'npx', ['next', 'build']],
  ['end-to-end tests (Chromium)', 'npx', ['playwright', 'test'], { needs: 'production build' }],
];

const results = new Map();
for (const [name, command, args, options = {}] of steps) {
  if (options.needs && results.get(options.needs) !== 'passed') {
    console.log(`\n=== ${name}: skipped (needs ${options.needs})`);
    results.set(name, 'skipped');
    continue;
  }
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.set(name, status === 0 ? 'passed' : 'failed');
  console.log(`=== ${name}: ${results.get(name)} in ${seconds} s`);
}

const count = (state) => [...results.values()].filter((s) => s === state).length;
console.log('\nSummary:');
for (const [name, state] of results) console.log(`  ${state.padEnd(7)} ${name}`);
console.log(`steps: ${count('passed')} passed, ${count('failed') + count('skipped')} failed`);
process.exit(count('passed') === results.size ? 0 : 1);
