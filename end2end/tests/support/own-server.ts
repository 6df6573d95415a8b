import { spawn, ChildProcess } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';

const root = path.resolve(__dirname, '..', '..', '..');

/** A store process of the test's own, so the test may stop and restart it. */
export class OwnServer {
  private child?: ChildProcess;
  constructor(readonly port: number, readonly database: string) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  static fresh(port: number, name: string): OwnServer {
    const dir = path.join(root, 'target', 'e2e');
    fs.mkdirSync(dir, { recursive: true });
    const database = path.join(dir, `${name}.db`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(database + suffix, { force: true });
    return new OwnServer(port, database);
  }

  async start() {
    this.child = spawn(path.join(root, 'target', 'debug', 'server'), [], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${this.database}`,
        STORE_BIND: `127.0.0.1:${this.port}`,
        STORE_SEED_CATALOG: path.join(root, 'server', 'seed', 'catalog-2000.csv'),
        LEPTOS_SITE_ROOT: path.join(root, 'target', 'site'),
        RUST_LOG: 'warn',
      },
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`store on port ${this.port} did not become healthy`);
  }

  /** Graceful stop (SIGTERM), waiting for the process to exit. */
  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
