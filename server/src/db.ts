/**
 * The server's database handle: one small interface over two engines that run the same SQL.
 *
 * Owns: `Database` (query, multi-statement exec, transaction, close) and its two
 * implementations: postgres.js against a real PostgreSQL (`DATABASE_URL`), and PGlite (PostgreSQL
 * compiled to WASM, in-process) in a data folder, so a trial needs no install. Everything above
 * this module writes plain `$1` SQL once; the engines differ only in how bytes and 64-bit
 * integers come back, which `asBytes` and `asNumber` even out.
 */
import postgres from 'postgres';
import { PGlite } from '@electric-sql/pglite';

export interface Queryable {
  /** One statement with `$n` parameters; resolves to its rows. */
  query<Row extends object>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** bytea comes back as a Buffer (postgres.js) or a Uint8Array (PGlite). */
export function asBytes(value: unknown): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('Expected bytea.');
}

/** bigint comes back as a string (postgres.js), a bigint or a number (PGlite). */
export function asNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError('Expected a number.');
}

export function connectPostgres(url: string, options: { max?: number } = {}): Database {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => undefined });
  const wrap = (run: postgres.Sql | postgres.TransactionSql): Queryable => ({
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      // Prepared (named, cached per connection): the push path runs the same few statements.
      const result = await run.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: params.length > 0 });
      return result as unknown as Row[];
    },
    async exec(text: string) {
      await run.unsafe(text);
    },
  });
  const root = wrap(sql);
  return {
    engine: 'postgres',
    ...root,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      let out: T | undefined;
      await sql.begin(async (tx) => {
        out = await work(wrap(tx));
      });
      return out as T;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create(dataDir);
  const wrap = (run: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<Row extends object>(text: string, params: readonly unknown[] = []) {
      const result = await run.query<Row>(text, [...params]);
      return result.rows;
    },
    async exec(text: string) {
      await run.exec(text);
    },
  });
  const root = wrap(db);
  return {
    engine: 'pglite',
    ...root,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async close() {
      await db.close();
    },
  };
}
