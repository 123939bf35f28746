#!/usr/bin/env node
// npm run bench:engine — kubesim's speed figures, one `NAME: VALUE UNIT` line each.
// The benches are bundled with esbuild first, as the site bundles the engine: measuring through
// tsx would add its per-function wrappers, which production never runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, '.bench');
mkdirSync(out, { recursive: true });

async function runBundled(entry, args = []) {
  const outfile = path.join(out, `${path.basename(path.dirname(entry))}-${path.basename(entry, '.ts')}.mjs`);
  await build({ entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'warning' });
  const result = spawnSync(process.execPath, [outfile, ...args], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${entry} failed:\n${result.stderr}`);
  process.stdout.write(result.stdout);
}

/** Every scenario of the conformance sample, through the CLI in one call, as the grader's batch would. */
function conformanceThroughCli() {
  const sample = path.resolve(root, '../shared/conformance-sample');
  const dir = mkdtempSync(path.join(tmpdir(), 'kubesim-bench-'));
  const files = [];
  for (const name of readdirSync(sample).filter((n) => n.endsWith('.json')).sort()) {
    for (const c of JSON.parse(readFileSync(path.join(sample, name), 'utf8')).cases) {
      const file = path.join(dir, `${files.length}.json`);
      writeFileSync(file, JSON.stringify(c.scenario));
      files.push(file);
    }
  }
  const started = process.hrtime.bigint();
  const result = spawnSync('npm', ['run', '--silent', 'kubesim', '--', ...files], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  const lines = result.stdout.split('\n').filter(Boolean).length;
  if (lines !== files.length) throw new Error(`kubesim printed ${lines} lines for ${files.length} scenarios:\n${result.stderr}`);
  console.log(`conformance_sample_scenarios: ${files.length} scenarios`);
  console.log(`conformance_sample_wall_time: ${seconds.toFixed(2)} s`);
  console.log(`conformance_sample_scenarios_per_second: ${(files.length / seconds).toFixed(1)} scenarios/s`);
}

await runBundled('lib/engine/core/bench.ts');
await runBundled('lib/engine/scheduler/bench.ts');
conformanceThroughCli();
