/**
 * kubesim's command line: `npm run --silent kubesim -- FILE [FILE ...]` prints one JSON line per
 * scenario file, in order; `-` reads a scenario from standard input; `--version` prints kubesim's
 * version and the Kubernetes version it emulates. Exit status 2 when any file was not a readable
 * scenario (its line is {"file", "error"}), 0 otherwise.
 */
import { readFileSync } from 'node:fs';
import { parseScenarioText, ScenarioError } from './core/scenario';
import { runScenario } from './core/run';
import { KUBESIM_VERSION, KUBERNETES_VERSION } from './index';

function readInput(file: string): string {
  return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
}

function main(argv: string[]): number {
  if (argv.includes('--version')) {
    process.stdout.write(`kubesim ${KUBESIM_VERSION} (Kubernetes ${KUBERNETES_VERSION})\n`);
    return 0;
  }
  const files = argv.filter((a) => a !== '--');
  if (files.length === 0) {
    process.stderr.write('usage: kubesim FILE [FILE ...]   (- reads standard input)\n');
    return 2;
  }
  let status = 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  for (const file of files) {
    let line: string;
    try {
      let text: string;
      try {
        text = readInput(file);
      } catch (e) {
        throw new ScenarioError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const scenario = parseScenarioText(text);
      line = JSON.stringify(runScenario(scenario));
    } catch (e) {
      status = 2;
      const message = e instanceof ScenarioError ? e.message : `internal error: ${(e as Error).message}`;
      line = JSON.stringify({ file, error: message });
    }
    out.push(line + '\n');
    if (out.length >= 16) flush();
  }
  flush();
  return status;
}

process.exitCode = main(process.argv.slice(2));
