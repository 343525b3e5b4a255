/**
 * The department server's load test (`npm run bench`, never `npm test`): loopback only and
 * bounded in count and time. Starts its own PostgreSQL 15 and one server process, then prints
 * (design §9): pushes per second one process holds, the p95 of a small push while 49 other
 * tablets push at 50 times the department's expected rate, and the time of a first pull of
 * 100,000 sealed summaries. Figures go to .bench-out/results.json under `server`.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { connectPostgres } from '../src/db.ts';
import { migrate } from '../src/migrate.ts';
import { serverRoot } from '../src/paths.ts';
import { MISSING_POSTGRES_MESSAGE, postgresBinariesPresent, startCluster } from '../tests/support/postgres-cluster.ts';

const TABLETS = 50;
const SATURATION_MS = 15_000;
const SATURATION_MAX_PUSHES = 30_000;
const PROBE_MS = 10_000;
const PULL_RECORDS = 100_000;
const SUMMARY_BYTES = 600;
const OVERALL_LIMIT_MS = 120_000;
// The phases: saturation 15 s, two probes of 10 s, seeding and the pull: about 60 s in all.

const started = Date.now();
const timeLeft = () => OVERALL_LIMIT_MS - (Date.now() - started);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  if (!postgresBinariesPresent()) {
    console.warn(MISSING_POSTGRES_MESSAGE);
    return;
  }
  const cluster = await startCluster([55437, 55438]);
  const port = 55439;
  const base = `http://127.0.0.1:${port}`;
  const db = connectPostgres(cluster.url, { max: 2 });
  await migrate(db);
  const server = spawn(process.execPath, [join(serverRoot, 'build', 'server', 'src', 'main.js')], {
    env: { ...process.env, DATABASE_URL: cluster.url, PORT: String(port), LOG_LEVEL: 'warn', APP_DIR: '/nonexistent', RATE_LIMIT_CLAIMS_PER_MINUTE: '1000', RATE_LIMIT_TABLET_PER_MINUTE: '1000000' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i += 1) {
      try {
        await fetch(`${base}/api/v1/pull`);
        break;
      } catch {
        if (i > 100) throw new Error('The server did not start.');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const post = async (path: string, body: unknown, credential?: string) => {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) }, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const secret = () => randomBytes(32).toString('base64url');
    const firstCredential = secret();
    const department = await post('/api/v1/departments', { credential: firstCredential, tabletId: randomUUID() });
    const credentials = [firstCredential];
    while (credentials.length < TABLETS) {
      const token = secret();
      await post('/api/v1/enrolments', { tokenSha256: createHash('sha256').update(token).digest('hex'), package: randomBytes(2000).toString('base64url') }, firstCredential);
      const credential = secret();
      const claimed = await post('/api/v1/enrolments/claim', { token, credential, tabletId: randomUUID() });
      if (claimed.status !== 200) throw new Error(`enrolment failed: ${claimed.status}`);
      credentials.push(credential);
    }
    const smallPush = async (credential: string): Promise<number> => {
      const t0 = performance.now();
      const answer = await post('/api/v1/push', { requestId: randomUUID(), rows: [{ kind: 'summary', rowId: randomUUID(), revision: 1, baseRevision: 0, sealed: randomBytes(SUMMARY_BYTES).toString('base64url'), nhsIndex: randomBytes(32).toString('base64url') }] }, credential);
      if (answer.status !== 200) throw new Error(`push failed: ${answer.status}`);
      return performance.now() - t0;
    };

    // 1. Saturation: every tablet pushes as fast as the server answers.
    let pushes = 0;
    const saturationLatencies: number[] = [];
    const saturationEnd = Date.now() + SATURATION_MS;
    const t0 = performance.now();
    await Promise.all(credentials.map(async (credential) => {
      while (Date.now() < saturationEnd && pushes < SATURATION_MAX_PUSHES) {
        pushes += 1;
        saturationLatencies.push(await smallPush(credential));
      }
    }));
    const pushesPerSecond = pushes / ((performance.now() - t0) / 1000);

    // 2. A small push under load: 49 tablets each push once every `intervalMs`; one tablet
    //    measures its own pushes. First at design §9's load (50 tablets, about 2 pushes a
    //    second), then at 50 times it (about 100 a second).
    const underLoad = async (intervalMs: number) => {
      const probeEnd = Date.now() + Math.min(PROBE_MS, Math.max(0, timeLeft() - 60_000));
      const probe: number[] = [];
      let background = 0;
      const began = Date.now();
      await Promise.all([
        ...credentials.slice(1).map(async (credential, i) => {
          // Spread over the window (or the interval, if shorter), so the load starts at once.
          await new Promise((resolve) => setTimeout(resolve, (i * Math.min(intervalMs, PROBE_MS)) / TABLETS));
          while (Date.now() < probeEnd) {
            const tick = Date.now();
            await smallPush(credential);
            background += 1;
            await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(intervalMs - (Date.now() - tick), probeEnd - Date.now()))));
          }
        }),
        (async () => {
          while (Date.now() < probeEnd) {
            probe.push(await smallPush(firstCredential));
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })(),
      ]);
      return { p50Ms: percentile(probe, 50), p95Ms: percentile(probe, 95), probes: probe.length, backgroundPushesPerSecond: background / ((Date.now() - began) / 1000) };
    };
    const atDesignLoad = await underLoad(20_000);
    const atFiftyTimes = await underLoad(500);

    // 3. First pull of 100,000 sealed summaries by a tablet that has none.
    const departmentId = String(department.body['departmentId']);
    const pullCredential = secret();
    const pullTablet = randomUUID();
    const seeded = await db.query<{ last_seq: string }>('SELECT last_seq FROM department_seq WHERE department_id = $1', [departmentId]);
    const from = Number(seeded[0]?.last_seq ?? 0);
    await db.query(`INSERT INTO tablets (id, department_id, credential_sha256, enrolled_at) VALUES ($1, $2, $3, now())`, [pullTablet, departmentId, createHash('sha256').update(pullCredential).digest()]);
    const toSeed = Math.max(0, PULL_RECORDS - from);
    await db.query(
      `INSERT INTO rows (department_id, kind, row_id, revision, author_tablet, seq, sealed, nhs_index, size, received_at)
       SELECT $1, 'summary', md5(i::text || 'row'), 1, $2, $3::bigint + i, decode(repeat(md5(i::text), $4::int / 16), 'hex'), md5(i::text), $4::int, now()
       FROM generate_series(1, $5::int) AS i`,
      [departmentId, pullTablet, from, SUMMARY_BYTES, toSeed],
    );
    await db.query('UPDATE department_seq SET last_seq = $2 WHERE department_id = $1', [departmentId, from + toSeed]);
    await db.query('ANALYZE rows');
    let cursor = 0;
    let pulled = 0;
    let requests = 0;
    const pullStart = performance.now();
    for (;;) {
      const response = await fetch(`${base}/api/v1/pull?after=${cursor}&limit=2000`, { headers: { authorization: `Bearer ${pullCredential}` } });
      const page = (await response.json()) as { rows: { sealed: string }[]; cursor: number; more: boolean };
      for (const row of page.rows) if (Buffer.from(row.sealed, 'base64url').length === 0) throw new Error('empty row');
      pulled += page.rows.length;
      requests += 1;
      cursor = page.cursor;
      if (!page.more || timeLeft() < 0) break;
    }
    const pullSeconds = (performance.now() - pullStart) / 1000;

    const figures = {
      tablets: TABLETS,
      pushesPerSecond,
      pushesDuringSaturation: pushes,
      saturationP95Ms: percentile(saturationLatencies, 95),
      smallPushAtDesignLoad: atDesignLoad,
      smallPushUnderLoad: atFiftyTimes,
      firstPull: { records: pulled, seconds: pullSeconds, requests, summaryBytes: SUMMARY_BYTES },
    };
    const file = resolve(serverRoot, '..', '.bench-out', 'results.json');
    mkdirSync(dirname(file), { recursive: true });
    const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    writeFileSync(file, `${JSON.stringify({ ...all, server: figures }, null, 2)}\n`);
    const lines: [string, string, string][] = [
      [`Server: pushes per second, one process, ${TABLETS} tablets, 1 row each`, pushesPerSecond.toFixed(0), '>= 2 (design load)'],
      ['Server: p95 of a small push at saturation (ms)', figures.saturationP95Ms.toFixed(1), 'reference'],
      [`Server: p95 of a small push, ${atDesignLoad.backgroundPushesPerSecond.toFixed(1)} pushes/s around it (ms)`, atDesignLoad.p95Ms.toFixed(1), '< 50'],
      [`Server: p95 of a small push, ${atFiftyTimes.backgroundPushesPerSecond.toFixed(0)} pushes/s around it (ms)`, atFiftyTimes.p95Ms.toFixed(1), '< 50'],
      [`Server: first pull of ${pulled.toLocaleString('en-GB')} summaries, ${requests} requests (s)`, pullSeconds.toFixed(1), '< 60'],
    ];
    const width = Math.max(...lines.map((line) => line[0].length));
    console.warn('\nDepartment server load test (loopback, PostgreSQL 15, this machine)\n');
    for (const [what, value, budget] of lines) console.warn(`${what.padEnd(width)}  ${value.padStart(10)}   budget ${budget}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await db.close();
    cluster.stop();
  }
}

await main();
