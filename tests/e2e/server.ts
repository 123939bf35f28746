// Runs the production server exactly as `npm run serve` does (launcher + embedded PGlite), on a
// port and data folder of the test's own, and can stop and start it again on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export class SiteServer {
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'podlab-e2e-'));
  readonly url: string;
  private child: ChildProcess | null = null;
  private output = '';

  constructor(readonly port: number) {
    this.url = `http://127.0.0.1:${port}`;
  }

  async start() {
    const root = path.resolve(import.meta.dirname, '../..');
    this.child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/run.ts', path.join(root, 'node_modules/.bin/next'), 'start', '-p', String(this.port), '-H', '127.0.0.1'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: path.join(this.dataDir, 'pglite'), BETTER_AUTH_URL: this.url, BETTER_AUTH_SECRET: 'e2e-secret-0123456789abcdefghijklmnop' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited early:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server did not answer in 60 s:\n${this.output}`);
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  removeData() {
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
