/**
 * `npm run server`: opens the database (PostgreSQL at `DATABASE_URL`, else PGlite in
 * `DATA_DIR` or `./server-data`), applies the migrations, and serves the built app and the
 * sync API on 127.0.0.1:8443 (`HOST`, `PORT` override). HTTPS with `--cert <file> --key <file>`
 * (or `TLS_CERT_FILE`, `TLS_KEY_FILE`); without them it speaks plain HTTP, for a reverse proxy
 * that terminates TLS in front of it (`TRUST_PROXY=1`; server/README.md). Rate limits:
 * `RATE_LIMIT_CLAIMS_PER_MINUTE` (per address, default 10), `RATE_LIMIT_TABLET_PER_MINUTE` (default 600).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildServer } from './app.ts';
import { connectPostgres, openPglite } from './db.ts';
import type { Database } from './db.ts';
import { migrate } from './migrate.ts';
import { defaultAppDir } from './paths.ts';

const { values } = parseArgs({
  options: {
    cert: { type: 'string' },
    key: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
});

const certFile = values.cert ?? process.env['TLS_CERT_FILE'];
const keyFile = values.key ?? process.env['TLS_KEY_FILE'];
if ((certFile === undefined) !== (keyFile === undefined)) {
  console.error('Give both a certificate and a key (--cert and --key), or neither.');
  process.exit(2);
}
const https = certFile !== undefined && keyFile !== undefined ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
const port = Number(values.port ?? process.env['PORT'] ?? 8443);
const host = values.host ?? process.env['HOST'] ?? '127.0.0.1';
const databaseUrl = process.env['DATABASE_URL'];

let db: Database;
if (databaseUrl) {
  db = connectPostgres(databaseUrl);
} else {
  const dataDir = resolve(process.env['DATA_DIR'] ?? './server-data');
  console.warn(`DATABASE_URL is not set: using the embedded PGlite database in ${dataDir} (for a trial; a department runs on PostgreSQL).`);
  db = await openPglite(dataDir);
}
const applied = await migrate(db);
if (applied.length > 0) console.warn(`Migrations applied: ${applied.join(', ')}`);

const appDir = process.env['APP_DIR'] ?? defaultAppDir;
if (!existsSync(resolve(appDir, 'index.html'))) console.warn(`The built app was not found in ${appDir}: serving the sync API only (npm run build writes dist/).`);

const app = await buildServer({
  db,
  appDir,
  logger: { level: process.env['LOG_LEVEL'] ?? 'info' },
  trustProxy: process.env['TRUST_PROXY'] === '1',
  ...(process.env['RATE_LIMIT_CLAIMS_PER_MINUTE'] ? { claimsPerMinute: Number(process.env['RATE_LIMIT_CLAIMS_PER_MINUTE']) } : {}),
  ...(process.env['RATE_LIMIT_TABLET_PER_MINUTE'] ? { requestsPerMinute: Number(process.env['RATE_LIMIT_TABLET_PER_MINUTE']) } : {}),
  https,
});

const stop = async (): Promise<void> => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

await app.listen({ port, host });
