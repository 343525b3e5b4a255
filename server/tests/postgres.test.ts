/**
 * The department server's behaviour on a real PostgreSQL 15 started by this test run, and the
 * dump search: rows sealed with WebCrypto AES-GCM around planted patient data are pushed, the
 * database is dumped with pg_dump, and the dump holds none of the planted data.
 */
import { createHmac, randomUUID, webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPostgres } from '../src/db.ts';
import { migrate, readMigrations } from '../src/migrate.ts';
import { MISSING_POSTGRES_MESSAGE, postgresBinariesPresent, startCluster } from './support/postgres-cluster.ts';
import type { Cluster } from './support/postgres-cluster.ts';
import { enrol, newDepartment, pushRows, row } from './support/server-suite.ts';
import type { SuiteContext } from './support/server-suite.ts';
import { defineServerSuite } from './support/server-suite.ts';

const present = postgresBinariesPresent();
if (!present) console.warn(MISSING_POSTGRES_MESSAGE);

/** Planted patient data: none of it may appear in the server's database dump. */
const PATIENT = {
  name: 'Aurelia Quenby-Fitch',
  nhsNumber: '9434765919',
  dateOfBirth: '2019-03-14',
  address: '14 Larkspur Row, Tenterby',
  concern: 'suspected non-accidental injury: bruising to the ear',
  plan: 'MASH referral made by telephone',
  ageBand: 'under-2',
  otherBands: ['2-4', '5-10', '13-15', '16-17'],
};

/** A planted member of staff: their row travels sealed for transport (storage/sync/travel-staff.ts), so none of it may appear either. */
const STAFF = { name: 'Perpetua Ostrowski-Vane', registrationNumber: '19Z8765Q', wrapKdf: 'PBKDF2-SHA-256' };

async function sealJson(key: webcrypto.CryptoKey, value: unknown, aad: string): Promise<Buffer> {
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const plaintext = new TextEncoder().encode(JSON.stringify(value));
  const ciphertext = await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) }, key, plaintext);
  return Buffer.concat([Buffer.from([1]), iv, Buffer.from(ciphertext)]);
}

describe.skipIf(!present)('department server on PostgreSQL 15', () => {
  let cluster: Cluster | undefined;
  const clusterReady = startClusterOnce();
  function startClusterOnce(): Promise<Cluster> {
    if (!present) return Promise.reject(new Error(MISSING_POSTGRES_MESSAGE));
    return startCluster().then((started) => (cluster = started));
  }
  clusterReady.catch(() => undefined);

  afterAll(() => {
    cluster?.stop();
  });

  defineServerSuite(async () => connectPostgres((await clusterReady).url), (context: SuiteContext) => {
    describe('migrations from each earlier version', () => {
      it('a database at each earlier version upgrades to the latest and keeps its rows', async () => {
        const all = readMigrations();
        for (let version = 1; version < all.length; version += 1) {
          const name = `upgrade_from_${version}_${Date.now()}`;
          await context.db.exec(`CREATE DATABASE ${name}`);
          const db = connectPostgres((await clusterReady).url.replace(/\/postgres$/, `/${name}`), { max: 1 });
          try {
            expect(await migrate(db, all.slice(0, version))).toEqual(all.slice(0, version).map((m) => m.name));
            const departmentId = randomUUID();
            await db.query('INSERT INTO departments (id, created_at) VALUES ($1, now())', [departmentId]);
            expect(await migrate(db, all)).toEqual(all.slice(version).map((m) => m.name));
            expect(await db.query('SELECT 1 FROM departments WHERE id = $1', [departmentId])).toHaveLength(1);
            expect(await migrate(db, all)).toEqual([]);
          } finally {
            await db.close();
            await context.db.exec(`DROP DATABASE ${name}`);
          }
        }
      });
    });

    describe('zero knowledge', () => {
      let dump = '';
      let indexHex = '';
      beforeAll(async () => {
        const department = await newDepartment(context.app);
        const { tablet } = await enrol(context.app, department);
        const key = await webcrypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
        const attendanceId = randomUUID();
        const record = { patient: PATIENT, safeguarding: { concern: PATIENT.concern, referral: PATIENT.plan, ageBand: PATIENT.ageBand } };
        const summary = { name: PATIENT.name, dob: PATIENT.dateOfBirth, ageBand: PATIENT.ageBand, flags: ['mash', 'referral', 'suspect'] };
        const letter = { to: 'MASH', text: `Referral for ${PATIENT.name} (${PATIENT.nhsNumber}), ${PATIENT.address}: ${PATIENT.concern}` };
        indexHex = createHmac('sha256', 'department-index-key').update(PATIENT.nhsNumber).digest('base64url');
        const sealed = async (value: unknown, aad: string) => (await sealJson(key, value, aad)).toString('base64url');
        const pushed = await pushRows(context.app, tablet, [
          row({ kind: 'attendance', rowId: attendanceId, sealed: await sealed(record, `attendance:${attendanceId}`), nhsIndex: indexHex, signed: true }),
          row({ kind: 'summary', rowId: attendanceId, sealed: await sealed(summary, `summary:${attendanceId}`), nhsIndex: indexHex }),
          row({ kind: 'letter-version', sealed: await sealed(letter, 'letter') }),
          row({ kind: 'audit-event', chainSeq: 1, sealed: await sealed({ event: 'mash-referral-planned', ageBand: PATIENT.ageBand }, 'audit') }),
          ...(await Promise.all(PATIENT.otherBands.map(async (band) => row({ kind: 'draft', sealed: await sealed({ ageBand: band, note: PATIENT.concern }, 'draft') })))),
          row({ kind: 'staff', sealed: await sealed({ name: STAFF.name, registrationNumber: STAFF.registrationNumber, role: 'nurse-in-charge', wrapped: { kdf: STAFF.wrapKdf, salt: 'c2FsdA', iv: 'aXY', ciphertext: 'Y3Q' } }, 'staff') }),
          row({ kind: 'settings', sealed: await sealed({ settings: { siteName: 'Tenterby General ED', contacts: { mash: '0115 496 0000' } } }, 'settings') }),
        ]);
        expect(pushed.answer.results.every((result) => result.status === 'accepted')).toBe(true);
        await context.app.inject({ method: 'POST', url: `/api/v1/leases/${attendanceId}`, headers: { authorization: `Bearer ${tablet.credential}` }, payload: { action: 'take', holder: randomUUID() } });
        dump = cluster!.dump();
      });

      it('the dump holds the sealed rows (the search can find what is there)', () => {
        expect(dump).toContain('COPY public.rows');
        expect(dump).toContain(indexHex);
      });

      it('a pg_dump of the database holds no planted patient data, in clear or as hex', () => {
        const lower = dump.toLowerCase();
        const planted = [PATIENT.name, 'Quenby', PATIENT.nhsNumber, PATIENT.dateOfBirth, 'Larkspur', 'non-accidental', 'bruising'];
        for (const value of planted) {
          expect(lower).not.toContain(value.toLowerCase());
          expect(lower).not.toContain(Buffer.from(value, 'utf8').toString('hex'));
        }
      });

      it('the dump holds no staff name, registration number or wrap, and no setting, in clear or as hex', () => {
        const lower = dump.toLowerCase();
        for (const value of [STAFF.name, 'Ostrowski', STAFF.registrationNumber, STAFF.wrapKdf, 'nurse-in-charge', 'Tenterby General']) {
          expect(lower).not.toContain(value.toLowerCase());
          expect(lower).not.toContain(Buffer.from(value, 'utf8').toString('hex'));
        }
      });

      it('the dump holds no "mash", "referral", "suspect" nor any age-band string', () => {
        const lower = dump.toLowerCase();
        for (const word of ['mash', 'referral', 'suspect']) {
          expect(lower).not.toContain(word);
          expect(lower).not.toContain(Buffer.from(word, 'utf8').toString('hex'));
        }
        for (const band of [PATIENT.ageBand, ...PATIENT.otherBands]) {
          expect(lower).not.toContain(`"${band}"`);
          expect(lower).not.toContain(Buffer.from(`"${band}"`, 'utf8').toString('hex'));
        }
        expect(lower).not.toContain('under-2');
      });
    });
  });
});
