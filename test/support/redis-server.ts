// Our own redis-server on a spare loopback port, started and stopped by the test (to test outages).
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';

export interface OwnRedis {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function hasRedisServer(): boolean {
  try {
    return spawn('redis-server', ['--version']).pid !== undefined;
  } catch {
    return false;
  }
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** `persistent`: an append-only file synced on every write, so a killed server comes back with its data. */
export async function ownRedis(options: { port?: number; persistent?: boolean } = {}): Promise<OwnRedis> {
  const p = options.port ?? (await freePort());
  const dir = options.persistent ? mkdtempSync(join(tmpdir(), 'redis-')) : undefined;
  const persistence = dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no'];
  let child: ChildProcess | undefined;
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    async start() {
      child = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', ...persistence], { stdio: 'ignore' });
      for (let i = 0; i < 100 && !(await answers(p)); i++) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
  };
}
