/**
 * A throw-away PostgreSQL 15 for tests and the load test: `initdb` into a temporary folder,
 * `pg_ctl` on a loopback port, stopped and removed afterwards. Debian's binaries live in
 * /usr/lib/postgresql/15/bin (not on PATH). `initdb` refuses to run as root, so as root the
 * cluster belongs to the `postgres` user and is run through `runuser`.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

export function postgresBinariesPresent(): boolean {
  return ['initdb', 'pg_ctl', 'pg_dump'].every((name) => existsSync(join(PG_BIN, name)));
}

export const MISSING_POSTGRES_MESSAGE = `PostgreSQL 15 binaries not found in ${PG_BIN}: the real-PostgreSQL server tests are skipped (install Debian's postgresql; CI does).`;

export interface Cluster {
  url: string;
  port: number;
  /** Runs pg_dump of the whole database and returns the SQL text. */
  dump(): string;
  stop(): void;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function choosePort(preferred: readonly number[]): Promise<number> {
  for (const port of preferred) if (await portFree(port)) return port;
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function userIds(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()),
  };
}

export async function startCluster(preferredPorts: readonly number[] = [55436, 55437, 55438, 55439]): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'st-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = userIds('postgres');
    chownSync(dir, ids.uid, ids.gid);
  }
  const run = (program: string, args: readonly string[]): string => {
    const binary = join(PG_BIN, program);
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, [...args]];
    return execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await choosePort(preferredPorts);
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', 'start']);
  let stopped = false;
  return {
    url: `postgres://app@127.0.0.1:${port}/postgres`,
    port,
    dump: () => execFileSync(join(PG_BIN, 'pg_dump'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'app', 'postgres'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
