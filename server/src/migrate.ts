/**
 * SQL migrations: `server/migrations/NNN-name.sql`, applied in order at start-up, each in its
 * own transaction together with its row in `schema_migrations`, so a migration is either
 * wholly applied and recorded or not at all. Applying again is a no-op.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './db.ts';
import { migrationsDir } from './paths.ts';

const FILE = /^(\d{3})-[a-z0-9-]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir: string = migrationsDir): Migration[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
  return files.map((name, index) => {
    const match = FILE.exec(name);
    if (!match?.[1]) throw new Error(`Migration file name not NNN-name.sql: ${name}`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new Error(`Migrations must be numbered 001, 002, … without gaps: ${name}`);
    return { version, name, sql: readFileSync(join(dir, name), 'utf8') };
  });
}

/** Applies every migration not yet recorded; returns the names it applied. */
export async function migrate(db: Database, migrations: readonly Migration[] = readMigrations()): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
  );
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      // Two servers starting together: the second waits here, then finds the row and skips.
      await tx.exec('LOCK TABLE schema_migrations IN EXCLUSIVE MODE');
      const already = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (already.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      done.push(migration.name);
    });
  }
  return done;
}
