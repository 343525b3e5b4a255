/**
 * Audit details about patients, sealed (issue 11: "audit details sealed with only a generic
 * event type in clear"). "Referral to children's social care (MASH), version 1 … issued" in
 * a copied database says a child was referred; so the detail of every event about a patient
 * ({@link SEALED_DETAIL_TYPES}) is sealed in the one row format (crypto/sealed-row), and the
 * stored `detail` keeps only what is not clinical: the revision note rollback detection reads
 * ("(record revision 7; worklist revision 3)", revisions.ts), or nothing. The event type stays
 * in clear ("Letter issued", "Printed"): it is generic, and the chain and the checks need it.
 *
 * What the hash chain covers, and why: the chain (domain/audit/chain.ts) hashes the stored
 * clear fields, so for an event written since version 5 it covers the clear `detail` (the
 * note or nothing), NOT the sealed words. The sealed words are bound to their event instead:
 * their additional data names the event's sequence number and hash, so they cannot be moved
 * to another event, and AES-GCM refuses any change. Three reasons:
 * - a hash over the words could be checked against guesses: every other input to the hash
 *   (time, actor, type, previous hash) is in clear, and the words come from a few templates
 *   ("<letter kind>, version <n> (letter <id>) issued"), so anyone with the files could try
 *   each letter kind and learn which one was issued, without a key;
 * - the chain stays checkable without opening anything (unlock checks it before reading);
 * - a later re-key re-seals the words under a new key without changing any hash.
 * The cost: removing the sealed words is not a break in the chain; the audit page and CSV
 * show such an event as "changed outside the app" ({@link UNREADABLE_DETAIL}).
 *
 * Events written before version 5 have their hash over the clear words. The re-seal job
 * moves those words into a seal too (marked `detailHashed`), and the check of the trail opens
 * them to recompute the hash ({@link chainRows}). Their hashes can still be checked against
 * guesses (they were made before this); that is a limit in SECURITY.md.
 */
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import { openRow, sealRow } from '../crypto/sealed-row';
import type { RowAddress, RowKeys, SealedRow } from '../crypto/sealed-row';
import type { AuditRow } from '../db';

/** The events about a patient: their details are sealed. The others (staff, settings, unlocks, breaks) name no patient. */
export const SEALED_DETAIL_TYPES: readonly AuditEventType[] = ['create', 'change', 'sign', 'addendum', 'letter-issued', 'print', 'download', 'export', 'import', 'purge', 'liaison-reviewed', 'tamper-detected'];

export const detailIsSealed = (type: AuditEventType): boolean => SEALED_DETAIL_TYPES.includes(type);

/** What the audit page and CSV show for sealed words that do not open. */
export const UNREADABLE_DETAIL = 'The detail of this event could not be opened: it was changed outside the app, or written on another tablet.';

const REVISION_NOTE = /\(record revision \d{1,15}(?:; worklist revision \d{1,15})?\)/;

/** The part of a detail kept in clear: the revision note, or nothing. */
export const clearDetailOf = (detail: string): string => REVISION_NOTE.exec(detail)?.[0] ?? '';

/** Where an event's words are sealed: bound to its sequence number and hash. `hashed` for words the event's hash covers (written before version 5). */
export const detailAddress = (event: Pick<AuditEvent, 'seq' | 'hash'>, hashed: boolean): RowAddress => ({ table: 'audit', id: `${String(event.seq)}:${event.hash}`, field: hashed ? 'hashed-detail' : 'detail', rev: 0 });

export const sealDetail = (keys: RowKeys, event: Pick<AuditEvent, 'seq' | 'hash'>, detail: string, hashed: boolean): Promise<SealedRow> => sealRow(keys, detail, detailAddress(event, hashed));

async function openDetail(keys: RowKeys, row: AuditRow): Promise<string | undefined> {
  if (!row.sealedDetail) return undefined;
  const opened = await openRow(keys, row.sealedDetail, detailAddress(row, row.detailHashed === true));
  return typeof opened?.value === 'string' ? opened.value : undefined;
}

/**
 * The event without the two fields only storage keeps. Any other field is left for the strict
 * event schema to refuse, as before (a field outside the hashed text must not pass unseen).
 */
function bare(row: AuditRow, detail: string): AuditEvent {
  const { sealedDetail: _sealed, detailHashed: _hashed, ...event } = row;
  return { ...event, detail };
}

/**
 * The rows as the chain hashed them: storage-only fields dropped and, for events from before
 * version 5 whose words were sealed later, the words opened back (without a key, or when
 * they do not open, the clear note is left and the hash fails: reported as a changed event).
 * Anything that is not a row of ours is passed on unchanged for the chain to report.
 */
export async function chainRows<T>(keys: RowKeys | undefined, rows: readonly T[]): Promise<T[]> {
  return Promise.all(
    rows.map(async (raw): Promise<T> => {
      if (typeof raw !== 'object' || raw === null || !('sealedDetail' in raw || 'detailHashed' in raw)) return raw;
      const row = raw as unknown as AuditRow;
      if (row.detailHashed !== true) return bare(row, row.detail) as T;
      const words = keys ? await openDetail(keys, row) : undefined;
      return bare(row, words ?? row.detail) as T;
    }),
  );
}

/** The rows as the nurse in charge reads them (audit page, CSV): every sealed detail opened. */
export async function readableEvents(keys: RowKeys | undefined, rows: readonly AuditRow[]): Promise<AuditEvent[]> {
  return Promise.all(
    rows.map(async (row) => {
      if (!row.sealedDetail) return bare(row, row.detail);
      const words = keys ? await openDetail(keys, row) : undefined;
      return bare(row, words ?? UNREADABLE_DETAIL);
    }),
  );
}
