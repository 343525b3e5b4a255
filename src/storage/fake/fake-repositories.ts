/**
 * In-memory repositories with the same interface as the real ones, for component tests:
 * no IndexedDB, no WebCrypto, no PBKDF2 wait. Secrets are compared in clear here, which
 * is why this module lives in storage/fake and is never imported by the app. Roles are
 * refused here exactly as in the real repositories (domain/settings/permissions.ts), so a
 * component test shows what a triage nurse really gets.
 */
import { purgeDecision } from '../../domain/retention/retention';
import { defaultDeviceSettings } from '../../domain/settings/device-settings';
import { withContentFile } from '../repositories/content-files';
import { summariseAttendance } from '../../domain/assessment/attendance-summary';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import { addAddendum, createAssessment, signAssessment } from '../../domain/assessment/lifecycle';
import { prefillFromEarlierAttendance } from '../../domain/assessment/patient-look-up';
import type { AssessmentRecord } from '../../domain/assessment/record';
import type { StaffRef } from '../../domain/assessment/staff-ref';
import { chainBreaks, nextEvent } from '../../domain/audit/chain';
import { auditBreakEntityId, auditBreakPosition } from '../../domain/audit/events';
import type { AuditEvent } from '../../domain/audit/events';
import { err, ok } from '../../domain/shared/result';
import { normaliseNhsNumber } from '../../domain/shared/nhs-number';
import { normaliseNameForMatching } from '../../domain/shared/text';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { may, refusalMessage } from '../../domain/settings/permissions';
import { secretProblemForRole } from '../../domain/settings/secret-policy';
import type { Permission } from '../../domain/settings/permissions';
import type { Result } from '../../domain/shared/result';
import type { IssuedLetter, IssuedLetterSummary } from '../../domain/letters/issued';
import type { LetterChoices } from '../../domain/letters/facts';
import { letterKindLabels } from '../../domain/letters/model';
import { noConcernRecordsToReview } from '../../domain/rules/no-concern-review';
import { blindIndexInputs } from '../repositories/attendance-writes';
import { liaisonReviewActionSchema } from '../../domain/liaison/liaison-review';
import type { LiaisonReview, LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import { NO_CONCERN_REVIEW_ROLES } from '../repositories/types';
import { createFakeBackup } from './fake-backup';
import type {
  AssessmentEditor,
  AuditBreakReport,
  LiaisonListData,
  LiveValue,
  NewStaffMember,
  Repositories,
  SessionState,
  StaffSummary,
  Stamp,
  StorageFailure,
  TamperReport,
} from '../repositories/types';
import type { SchemaUpgradeState } from '../repositories/types';
import type { DepartmentState } from '../repositories/types';
import type { DepartmentChains } from '../repositories/types';
import { createFakeDepartment } from '../sync/department-fake';

class Store<T> {
  private readonly listeners = new Set<(value: T) => void>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  set(value: T): void {
    this.value = value;
    for (const listener of [...this.listeners]) listener(value);
  }
  live<R>(select: (value: T) => R): LiveValue<R> {
    return {
      subscribe: (onNext) => {
        const listener = (value: T) => {
          onNext(select(value));
        };
        this.listeners.add(listener);
        onNext(select(this.value));
        return { unsubscribe: () => this.listeners.delete(listener) };
      },
    };
  }
}


/**
 * The fake's letter address token: opaque like the real one (a hash, not the kind), and
 * computable without a key so component tests can name a letter's address.
 */
export function fakeLetterToken(attendanceId: string, identity: { kind: string; childId?: string | undefined }): string {
  let hash = 0x811c9dc5;
  for (const char of `${attendanceId}|${identity.kind}|${identity.childId ?? ''}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `t${hash.toString(36)}`;
}

export interface FakeOptions {
  now?: () => Date;
  settings?: DeviceSettings;
  /** Installed licensed-wording content files by instrument id. */
  contentFiles?: Record<string, unknown>;
  staff?: (StaffSummary & { secret: string })[];
  /** Start unlocked as this member of staff. */
  unlockedAs?: string;
  attendances?: AssessmentRecord[];
  /** Letters already issued. */
  letters?: IssuedLetter[];
  /** Make every save fail with this failure kind (to test error handling). */
  failSaves?: 'quota' | undefined;
  /** Start unlocked with a PIN the rules now refuse: this is why it must be changed first (issue 11). */
  mustChangeSecret?: string;
  /** What storage found changed outside the app (issue 11), shown while unlocked. */
  tamperReports?: TamperReport[];
  /** The tablet's recovery key, as printed (issue 11). */
  recoveryKey?: string;
  /** Issue 14: this tablet already shares with a department. */
  department?: DepartmentState;
  /** Issue 14: the department server cannot be reached. */
  departmentUnreachable?: boolean;
  /** Issue 14: the other tablets' audit chains held and checked here (the audit trail page). */
  departmentChains?: DepartmentChains;
}

export interface FakeRepositories extends Repositories {
  records: Store<Map<string, AssessmentRecord>>;
  issuedLetters: Store<IssuedLetter[]>;
  liaisonReviews: Store<Map<string, LiaisonReviewRecord>>;
  auditEvents: Store<AuditEvent[]>;
  tamperReports: Store<TamperReport[]>;
  failSaves: 'quota' | undefined;
  /** Set to 'reload' to act as a newer version of the app upgrading the database from another tab. */
  schemaUpgrade: Store<SchemaUpgradeState>;
}

export function createFakeRepositories(options: FakeOptions = {}): FakeRepositories {
  const now = () => (options.now ? options.now() : new Date()).toISOString();
  let counter = 0;
  const newId = () => `fake-${++counter}`;
  const settings = new Store<DeviceSettings | undefined>(options.settings);
  const contentFiles = new Store<Record<string, unknown>>(options.contentFiles ?? {});
  const staff = new Store<(StaffSummary & { secret: string })[]>(options.staff ?? []);
  const records = new Store(new Map((options.attendances ?? []).map((record) => [record.id, record])));
  const auditEvents = new Store<AuditEvent[]>([]);
  const issuedLetters = new Store<IssuedLetter[]>(options.letters ?? []);
  const letterDrafts = new Map<string, LetterChoices>();
  const tamperReports = new Store<TamperReport[]>(options.tamperReports ?? []);
  const schemaUpgrade = new Store<SchemaUpgradeState>('none');
  const liaisonReviews = new Store(new Map<string, LiaisonReviewRecord>());
  const toRef = (member: StaffSummary): StaffRef => ({
    id: member.id,
    name: member.name,
    role: member.role,
    staffGroup: member.staffGroup,
    agencyName: member.agencyName,
    registrationNumber: member.registrationNumber,
  });
  const initialStaff = staff.get().find((member) => member.id === options.unlockedAs);
  const session = new Store<SessionState>(
    initialStaff
      ? { status: 'unlocked', staff: toRef(initialStaff), unlockedAt: now(), ...(options.mustChangeSecret ? { mustChangeSecret: options.mustChangeSecret } : {}) }
      : settings.get() ? { status: 'locked', reason: 'start' } : { status: 'not-set-up' },
  );
  const beforeLock = new Set<() => Promise<void>>();
  /** The tablet's recovery key (issue 11): compared in clear here, like the fake's secrets. */
  let recoveryKey: string | undefined = options.recoveryKey;
  let recoveryKeys = 0;
  const newRecoveryKey = () => {
    recoveryKeys += 1;
    recoveryKey = `7K2M-9QXD-4RTV-HN3P-W8CJ-5ZBF-6GKA-Y${String(recoveryKeys).padStart(3, '0')}`;
    return recoveryKey;
  };
  const sameKey = (typed: string, key: string) => typed.toUpperCase().replace(/[\s-]/g, '') === key.replace(/-/g, '');

  const currentStaff = (): StaffRef | undefined => {
    const state = session.get();
    return state.status === 'unlocked' ? state.staff : undefined;
  };
  const appendAudit = (type: AuditEvent['type'], entityId: string, detail: string) => {
    const events = auditEvents.get();
    const who = currentStaff();
    const event = nextEvent(events.at(-1), { at: now(), actor: who ? { id: who.id, name: who.name } : null, type, entityId, detail });
    auditEvents.set([...events, { ...event, mac: '' }]);
    return Promise.resolve();
  };
  const putRecord = (record: AssessmentRecord) => {
    const next = new Map(records.get());
    next.set(record.id, record);
    records.set(next);
  };
  const summaries = (filter: (record: AssessmentRecord) => boolean): AttendanceSummary[] =>
    [...records.get().values()]
      .filter(filter)
      .map((record) => summariseAttendance(record, now()))
      .sort((a, b) => (a.arrivedAt < b.arrivedAt ? 1 : -1));
  const locked = () => err({ kind: 'locked' as const, message: 'The app is locked. Unlock it to carry on.' });
  /** The signed-in member of staff if their role may do this; 'locked' or 'forbidden' otherwise. */
  const permitted = (permission: Permission): Result<StaffRef, StorageFailure> => {
    const who = currentStaff();
    if (!who) return locked();
    return may(who.role, permission) ? ok(who) : err({ kind: 'forbidden', message: refusalMessage(permission) });
  };
  /** A live value shown only while someone allowed is signed in; it follows locking and unlocking. */
  const permittedLive = <T, R>(permission: Permission, store: Store<T>, select: (value: T) => R): LiveValue<Result<R, StorageFailure>> => ({
    subscribe: (onNext) => {
      const emit = () => {
        const allowed = permitted(permission);
        onNext(allowed.ok ? ok(select(store.get())) : allowed);
      };
      const a = store.live(() => undefined).subscribe(emit);
      const b = session.live(() => undefined).subscribe(emit);
      return {
        unsubscribe: () => {
          a.unsubscribe();
          b.unsubscribe();
        },
      };
    },
  });

  const letterSummary = (letter: IssuedLetter): IssuedLetterSummary => ({
    id: letter.id,
    attendanceId: letter.attendanceId,
    kind: letter.kind,
    version: letter.version,
    issuedAt: letter.issuedAt,
    issuedById: letter.issuedBy.id,
    ...(letter.childId ? { childId: letter.childId } : {}),
  });
  /** Letter identity (attendance + kind + child), as the real store keys drafts and versions. */
  const draftKey = (attendanceId: string, kind: string, childId?: string) => `${attendanceId}:${kind}${childId ? `:${childId}` : ''}`;
  const describeLetter = (letter: IssuedLetterSummary) => `${letterKindLabels[letter.kind]}, version ${letter.version} (letter ${letter.id})`;

  const repositories: FakeRepositories = {
    records,
    auditEvents,
    issuedLetters,
    tamperReports,
    liaisonReviews,
    failSaves: options.failSaves,
    schemaUpgrade,
    session: {
      state: () => session.live((value) => value),
      tamperReports: () => ({
        subscribe: (onNext) => {
          const send = () => onNext(session.get().status === 'unlocked' ? tamperReports.get() : []);
          const a = session.live((value) => value).subscribe(send);
          const b = tamperReports.live((value) => value).subscribe(send);
          return {
            unsubscribe: () => {
              a.unsubscribe();
              b.unsubscribe();
            },
          };
        },
      }),
      current: () => session.get(),
      unlock: (staffId, secret) => {
        const member = staff.get().find((candidate) => candidate.id === staffId && candidate.active);
        if (!member) return Promise.resolve(err({ kind: 'no-key', message: 'This member of staff cannot unlock this tablet.' }));
        if (member.secret !== secret) return Promise.resolve(err({ kind: 'wrong-secret', attemptsLeftBeforeDelay: 4 }));
        session.set({ status: 'unlocked', staff: toRef(member), unlockedAt: now() });
        return appendAudit('unlock', member.id, 'Unlocked').then(() => ok(toRef(member)));
      },
      lock: async (reason) => {
        await Promise.allSettled([...beforeLock].map((task) => task()));
        await appendAudit('lock', '', reason);
        session.set({ status: 'locked', reason });
      },
      beforeLock: (task) => {
        beforeLock.add(task);
        return () => beforeLock.delete(task);
      },
      recover: (staffId, typed, passphrase) => {
        const refuse = (message: string) => Promise.resolve(err({ kind: 'refused' as const, message }));
        const weak = secretProblemForRole('nurse-in-charge', 'passphrase', passphrase);
        if (weak) return refuse(weak);
        const member = staff.get().find((candidate) => candidate.id === staffId && candidate.active);
        if (!member) return refuse('This account cannot be recovered on this tablet.');
        if (recoveryKey === undefined || !sameKey(typed, recoveryKey)) {
          return appendAudit('unlock-failed', staffId, 'Recovery refused').then(() => err({ kind: 'refused' as const, message: "That is not this tablet's recovery key, or it has been replaced by a newer one. Nothing has been opened." }));
        }
        if (member.role !== 'nurse-in-charge') return refuse('The recovery key sets a new passphrase for a nurse in charge only. Ask the nurse in charge to set yours.');
        staff.set(staff.get().map((candidate) => (candidate.id === staffId ? { ...candidate, secretKind: 'passphrase', secret: passphrase } : candidate)));
        session.set({ status: 'unlocked', staff: toRef(member), unlockedAt: now(), recoveryKey: newRecoveryKey() });
        return appendAudit('recovery-key-used', staffId, 'New passphrase set with the recovery key').then(() => ok(toRef(member)));
      },
      recoveryKeyKept: () => {
        const state = session.get();
        if (state.status === 'unlocked' && state.recoveryKey !== undefined) {
          const { recoveryKey: _shown, ...rest } = state;
          session.set(rest);
        }
      },
    },
    device: {
      settings: () => settings.live((value) => value),
      getSettings: () => Promise.resolve(settings.get()),
      setUp: (input) => {
        const weak = secretProblemForRole('nurse-in-charge', input.firstStaff.secretKind, input.firstStaff.secret);
        if (weak) return Promise.resolve(err({ kind: 'forbidden' as const, message: weak }));
        const member: StaffSummary & { secret: string } = {
          ...input.firstStaff,
          id: newId(),
          role: 'nurse-in-charge',
          active: true,
        };
        settings.set(input.settings);
        staff.set([member]);
        const ref = toRef(member);
        session.set({ status: 'unlocked', staff: ref, unlockedAt: now(), recoveryKey: newRecoveryKey() });
        return appendAudit('device-set-up', '', 'Site set up').then(() => ok(ref));
      },
      updateSettings: (next) => {
        const allowed = permitted('change-settings');
        if (!allowed.ok) return Promise.resolve(allowed);
        settings.set(next);
        return appendAudit('settings-changed', '', 'Device settings changed').then(() => ok(undefined));
      },
      contentFile: (instrument) => contentFiles.live((files) => files[instrument]),
      issueRecoveryKey: () => {
        const allowed = permitted('manage-staff');
        if (!allowed.ok) return Promise.resolve(allowed);
        const text = newRecoveryKey();
        return appendAudit('recovery-key-issued', 'recovery-key', 'Recovery key issued again').then(() => ok(text));
      },
      setContentFile: (instrument, json, detail) => {
        const allowed = permitted('change-settings');
        if (!allowed.ok) return Promise.resolve(allowed);
        contentFiles.set(withContentFile(contentFiles.get(), instrument, json));
        return appendAudit('settings-changed', '', detail).then(() => ok(undefined));
      },
    },
    staff: {
      list: () => staff.live((members) => members.map((member) => ({ id: member.id, name: member.name, secretKind: member.secretKind, active: member.active }))),
      details: () =>
        permittedLive('view-staff-details', staff, (members) =>
          // The secret is never handed out, even by the fake.
          members.map((member): StaffSummary => ({
            id: member.id,
            name: member.name,
            role: member.role,
            staffGroup: member.staffGroup,
            agencyName: member.agencyName,
            registrationNumber: member.registrationNumber,
            secretKind: member.secretKind,
            active: member.active,
          })),
        ),
      add: (member: NewStaffMember) => {
        const allowed = permitted('manage-staff');
        if (!allowed.ok) return Promise.resolve(allowed);
        const weak = secretProblemForRole(member.role, member.secretKind, member.secret);
        if (weak) return Promise.resolve(err({ kind: 'forbidden', message: weak }));
        const summary: StaffSummary = { ...member, id: newId(), active: true };
        staff.set([...staff.get(), { ...summary, secret: member.secret }]);
        return appendAudit('staff-added', summary.id, member.role).then(() => ok(summary));
      },
      remove: (staffId) => {
        const allowed = permitted('manage-staff');
        if (!allowed.ok) return Promise.resolve(allowed);
        staff.set(staff.get().map((member) => (member.id === staffId ? { ...member, active: false } : member)));
        return appendAudit('staff-removed', staffId, 'Account removed').then(() => ok(undefined));
      },
      changeSecret: (current, next) => {
        const me = currentStaff();
        const member = staff.get().find((candidate) => candidate.id === me?.id);
        const weak = secretProblemForRole(me?.role ?? '', next.secretKind, next.secret);
        if (weak) return Promise.resolve(err({ kind: 'forbidden', message: weak }));
        if (!member || member.secret !== current) return appendAudit('pin-change-failed', me?.id ?? '', 'Wrong current PIN or passphrase').then(() => err({ kind: 'wrong-secret', attemptsLeftBeforeDelay: 4 }));
        staff.set(staff.get().map((candidate) => (candidate.id === member.id ? { ...candidate, secret: next.secret, secretKind: next.secretKind } : candidate)));
        const state = session.get();
        if (state.status === 'unlocked') session.set({ status: 'unlocked', staff: state.staff, unlockedAt: state.unlockedAt });
        return appendAudit('pin-changed', member.id, 'PIN or passphrase changed').then(() => ok(undefined));
      },
      // The fake tablet has no platform authenticator: the factor is never offered (the real one is tested in storage and the browser).
      hardwareFactorAvailable: () => Promise.resolve(false),
      enrolHardwareFactor: () => Promise.resolve(err({ kind: 'forbidden', message: 'This tablet has no authenticator the app can use.' })),
      removeHardwareFactor: () => Promise.resolve(err({ kind: 'forbidden', message: 'You have not added an authenticator.' })),
      // The fake tablet holds no keys: a removal has nothing to re-key, so nothing is ever pending.
      rekeyStatus: () => ({
        subscribe: (onNext) => {
          onNext({ kind: 'idle' });
          return { unsubscribe: () => undefined };
        },
      }),
    },
    attendances: {
      create: (options = {}) => {
        const who = currentStaff();
        if (!who) return Promise.resolve(locked());
        const id = newId();
        let record = createAssessment(id, now(), who, options.openingPage?.(id));
        if (options.prefillFrom !== undefined) {
          const earlier = records.get().get(options.prefillFrom);
          if (!earlier) return Promise.resolve(err({ kind: 'not-found' as const, message: 'The earlier attendance is not on this tablet.' }));
          record = prefillFromEarlierAttendance(record, earlier);
        }
        putRecord(record);
        return appendAudit('create', record.id, 'Assessment started').then(() => ok(record));
      },
      open: (id) => {
        const found = records.get().get(id);
        if (!found) return Promise.resolve(err({ kind: 'not-found' as const, message: 'This assessment is not on this tablet.' }));
        let current = found;
        let rev = 1;
        const editor: AssessmentEditor = {
          id,
          readOnly: false,
          record: () => current,
          update: (change) => {
            const who = currentStaff();
            if (!who) return Promise.resolve(locked());
            const stamp: Stamp = { at: now(), by: who };
            current = { ...change(current, stamp), updatedAt: stamp.at, updatedBy: who };
            if (repositories.failSaves === 'quota') {
              return Promise.resolve(err({ kind: 'quota' as const, message: "This tablet's storage is full, so the last change could not be saved. What you typed is still on screen." }));
            }
            putRecord(current);
            rev += 1;
            return Promise.resolve(ok({ savedAt: stamp.at, rev }));
          },
          flush: () => Promise.resolve(ok(undefined)),
          sign: async () => {
            const result = await editor.update((record, stamp) => signAssessment(record, stamp.at, stamp.by));
            if (!result.ok) return result;
            await appendAudit('sign', id, 'Assessment signed and locked');
            return ok(current);
          },
          addAddendum: async (reason, changes) => {
            const result = await editor.update((record, stamp) => addAddendum(record, { id: newId(), at: stamp.at, by: stamp.by, reason, changes }));
            if (!result.ok) return result;
            await appendAudit('addendum', id, 'Addendum');
            return ok(current);
          },
          noteChange: (detail) => appendAudit('change', id, detail),
          close: () => undefined,
        };
        return Promise.resolve(ok(editor));
      },
      inProgress: () => records.live(() => summaries((record) => record.status === 'in-progress')),
      referralsToMake: () => records.live(() => summaries((record) => summariseAttendance(record, now()).pendingReferral !== null)),
      noConcernToReview: () =>
        records.live(() => {
          const who = currentStaff();
          if (!who || !NO_CONCERN_REVIEW_ROLES.includes(who.role)) return [];
          const all = records.get();
          return noConcernRecordsToReview(all.values())
            .flatMap((review) => {
              const record = all.get(review.id);
              return record ? [{ summary: summariseAttendance(record, now()), reasons: review.reasons }] : [];
            })
            .sort((a, b) => (a.summary.arrivedAt < b.summary.arrivedAt ? 1 : -1));
        }),
      completedSince: (since) => records.live(() => summaries((record) => record.status === 'signed' && (record.signature?.signedAt ?? '') >= since)),
      complianceAuditInputs: (range) => {
        const allowed = permitted('view-compliance-audit');
        if (!allowed.ok) return Promise.resolve(allowed);
        const site = settings.get()?.siteName ?? '';
        const firstGp = (id: string) =>
          issuedLetters
            .get()
            .filter((letter) => letter.attendanceId === id && letter.kind === 'gp')
            .map((letter) => letter.issuedAt)
            .sort()[0] ?? '';
        const inRange = summaries(() => true).filter((summary) => summary.arrivedAt >= range.start && summary.arrivedAt < range.end);
        return Promise.resolve(ok(inRange.map((summary) => ({ summary, site, gpLetterIssuedAt: firstGp(summary.id), liaisonReviewedAt: liaisonReviews.get().get(summary.id)?.reviews[0]?.reviewedAt ?? '' }))));
      },
      find: (query) => {
        const nhs = query.nhsNumber ? normaliseNhsNumber(query.nhsNumber) : undefined;
        const nameDob = query.familyName && query.dateOfBirth ? `${normaliseNameForMatching(query.familyName)}|${query.dateOfBirth}` : undefined;
        return Promise.resolve(
          ok(
            summaries((record) => {
              const inputs = blindIndexInputs(record);
              return (nhs !== undefined && inputs.nhs === nhs) || (nameDob !== undefined && inputs.nameDob === nameDob);
            }),
          ),
        );
      },
    },
    letters: {
      readAttendance: (attendanceId) => {
        if (!currentStaff()) return Promise.resolve(locked());
        const found = records.get().get(attendanceId);
        return Promise.resolve(found ? ok(found) : err({ kind: 'not-found' as const, message: 'This assessment is not on this tablet.' }));
      },
      versions: (attendanceId) =>
        issuedLetters.live((letters) =>
          letters
            .filter((letter) => letter.attendanceId === attendanceId)
            .map(letterSummary)
            .sort((a, b) => (a.issuedAt === b.issuedAt ? b.version - a.version : a.issuedAt < b.issuedAt ? 1 : -1)),
        ),
      issue: async (request) => {
        const who = currentStaff();
        if (!who) return locked();
        const existing = issuedLetters.get().filter((letter) => letter.attendanceId === request.attendanceId && letter.kind === request.kind && (letter.childId ?? '') === (request.childId ?? ''));
        const version = existing.reduce((highest, letter) => Math.max(highest, letter.version), 0) + 1;
        const at = now();
        const composed = request.compose(at, version, who);
        const letter: IssuedLetter = {
          id: newId(),
          attendanceId: request.attendanceId,
          kind: request.kind,
          version,
          issuedAt: at,
          issuedBy: who,
          document: composed.document,
          choices: { slots: { ...request.choices.slots }, restricted: { ...request.choices.restricted } },
          restrictedCategories: composed.restrictedCategories,
          ...(request.childId ? { childId: request.childId } : {}),
        };
        issuedLetters.set([...issuedLetters.get(), letter]);
        letterDrafts.delete(draftKey(request.attendanceId, request.kind, request.childId));
        await appendAudit('letter-issued', request.attendanceId, `${describeLetter(letterSummary(letter))} issued`);
        return ok(letter);
      },
      open: (letterId) => {
        if (!currentStaff()) return Promise.resolve(locked());
        const found = issuedLetters.get().find((letter) => letter.id === letterId);
        return Promise.resolve(found ? ok(found) : err({ kind: 'not-found' as const, message: 'This letter is not on this tablet.' }));
      },
      loadDraft: (attendanceId, kind, childId) => Promise.resolve(letterDrafts.get(draftKey(attendanceId, kind, childId))),
      saveDraft: (attendanceId, kind, choices, childId) => {
        if (!currentStaff()) return Promise.resolve(locked());
        letterDrafts.set(draftKey(attendanceId, kind, childId), structuredClone(choices));
        return Promise.resolve(ok(undefined));
      },
      routeToken: (attendanceId, identity) => Promise.resolve(currentStaff() ? fakeLetterToken(attendanceId, identity) : ''),
      recordPrinted: (letter) => appendAudit('print', letter.attendanceId, `${describeLetter(letter)} printed`),
      recordDownloaded: (letter) => appendAudit('download', letter.attendanceId, `${describeLetter(letter)} downloaded as PDF`),
      awaitingGpLetter: () => {
        const select = () => {
          const withGp = new Set(issuedLetters.get().filter((letter) => letter.kind === 'gp' && !letter.childId).map((letter) => letter.attendanceId));
          return summaries((record) => record.status === 'signed' && !withGp.has(record.id));
        };
        // Either store changing re-runs the selection.
        return {
          subscribe: (onNext) => {
            const a = records.live(select).subscribe(onNext);
            const b = issuedLetters.live(select).subscribe(onNext);
            return { unsubscribe: () => { a.unsubscribe(); b.unsubscribe(); } };
          },
        };
      },
    },
    audit: {
      recent: (limit) => permittedLive('view-audit-trail', auditEvents, (events) => [...events].reverse().slice(0, limit)),
      all: () => {
        const allowed = permitted('view-audit-trail');
        return Promise.resolve(allowed.ok ? ok(auditEvents.get()) : allowed);
      },
      exportAll: async () => {
        const allowed = permitted('export-audit-trail');
        if (!allowed.ok) return allowed;
        await appendAudit('export', '', 'Audit trail exported as CSV');
        return ok(auditEvents.get());
      },
      verify: () => {
        const allowed = permitted('view-audit-trail');
        if (!allowed.ok) return Promise.resolve({ ok: false as const, refused: allowed.error });
        // The chain, plus breaks recorded in the trail and their acknowledgements (no MACs here).
        const events = auditEvents.get();
        const { breaks: found } = chainBreaks(events);
        const reports = new Map<number, AuditBreakReport>(found.map((item) => [item.brokenAt, { brokenAt: item.brokenAt, reason: item.reason, detectedAt: '', acknowledged: null }]));
        for (const event of events) {
          const position = auditBreakPosition(event.entityId);
          if (position === undefined) continue;
          const report = reports.get(position) ?? { brokenAt: position, reason: event.detail, detectedAt: '', acknowledged: null };
          if (event.type === 'audit-break-detected') reports.set(position, { ...report, reason: event.detail, detectedAt: event.at });
          if (event.type === 'audit-break-acknowledged') reports.set(position, { ...report, acknowledged: { by: event.actor?.name ?? '', at: event.at } });
        }
        const breaks = [...reports.values()].sort((a, b) => a.brokenAt - b.brokenAt);
        const open = breaks.find((item) => item.acknowledged === null);
        if (open) return Promise.resolve({ ok: false as const, brokenAt: open.brokenAt, reason: open.reason, breaks });
        return Promise.resolve(breaks.length > 0 ? { ok: true as const, count: events.length, breaks } : { ok: true as const, count: events.length });
      },
      record: (type, entityId, detail) => appendAudit(type, entityId, detail),
      acknowledgeBreak: async (brokenAt) => {
        const allowed = permitted('acknowledge-audit-break');
        if (!allowed.ok) return allowed;
        const about = auditEvents.get().filter((event) => auditBreakPosition(event.entityId) === brokenAt);
        const detected = about.find((event) => event.type === 'audit-break-detected');
        if (!detected || about.some((event) => event.type === 'audit-break-acknowledged')) return err({ kind: 'not-found' as const, message: 'There is no unacknowledged break at that event.' });
        await appendAudit('audit-break-acknowledged', auditBreakEntityId(brokenAt), `Acknowledged by the nurse in charge: ${detected.detail}`);
        return ok(undefined);
      },
      departmentChains: () => {
        const allowed = permitted('view-audit-trail');
        if (!allowed.ok) return Promise.resolve(allowed);
        return Promise.resolve(ok(options.departmentChains));
      },
    },
    liaison: {
      list: (window) => ({
        subscribe: (onNext) => {
          const emit = () => {
            const allowed = permitted('review-liaison-list');
            if (!allowed.ok) {
              onNext(allowed);
              return;
            }
            const inWindow = summaries(() => true).filter((summary) => summary.arrivedAt >= window.fromInstant && summary.arrivedAt < window.toInstant);
            const ids = new Set(inWindow.map((summary) => summary.id));
            const data: LiaisonListData = {
              summaries: inWindow,
              reviews: [...liaisonReviews.get().values()].filter((review) => ids.has(review.attendanceId)),
              issuedLetters: issuedLetters
                .get()
                .filter((letter) => ids.has(letter.attendanceId))
                .map((letter) => ({ attendanceId: letter.attendanceId, kind: letter.kind })),
            };
            onNext(ok(data));
          };
          const subscriptions = [
            records.live(() => undefined).subscribe(emit),
            liaisonReviews.live(() => undefined).subscribe(emit),
            issuedLetters.live(() => undefined).subscribe(emit),
            session.live(() => undefined).subscribe(emit),
          ];
          return { unsubscribe: () => subscriptions.forEach((subscription) => subscription.unsubscribe()) };
        },
      }),
      recordReview: async (attendanceId, input) => {
        const allowed = permitted('review-liaison-list');
        if (!allowed.ok) return allowed;
        const action = liaisonReviewActionSchema.safeParse(input.action);
        if (!action.success) return err({ kind: 'unknown' as const, message: 'The review could not be recorded: choose what was done after the review.' });
        if (!records.get().has(attendanceId)) return err({ kind: 'not-found' as const, message: 'This attendance is not on this tablet.' });
        const review: LiaisonReview = { reviewedBy: { id: allowed.value.id, name: allowed.value.name }, reviewedAt: now(), action: action.data, note: input.note.trim() };
        const next = new Map(liaisonReviews.get());
        next.set(attendanceId, { attendanceId, reviews: [...(next.get(attendanceId)?.reviews ?? []), review] });
        liaisonReviews.set(next);
        await appendAudit('liaison-reviewed', attendanceId, 'Paediatric liaison review recorded');
        return ok(review);
      },
    },
    backup: createFakeBackup({
      now,
      permitted,
      appendAudit,
      sessionState: () => session.get(),
      setSession: (state) => session.set(state),
      attendanceCount: () => records.get().size,
      wipe: () => {
        records.set(new Map());
        issuedLetters.set([]);
        auditEvents.set([]);
        settings.set(undefined);
      },
    }),
    // The same rule as storage (domain/retention/retention.ts) over the records in memory; no stubs are kept here.
    retention: {
      due: () => {
        const allowed = permitted('purge-records');
        if (!allowed.ok) return Promise.resolve(allowed);
        const current = settings.get() ?? defaultDeviceSettings();
        return Promise.resolve(ok({ attendances: purgeable().length, stubs: 0, retentionDays: current.retentionDays, stubMonths: current.retainedStubMonths }));
      },
      purge: async () => {
        const allowed = permitted('purge-records');
        if (!allowed.ok) return allowed;
        const ids = new Set(purgeable());
        if (ids.size === 0) return ok({ purged: 0, stubsRemoved: 0, skipped: 0 });
        records.set(new Map([...records.get()].filter(([id]) => !ids.has(id))));
        issuedLetters.set(issuedLetters.get().filter((letter) => !ids.has(letter.attendanceId)));
        liaisonReviews.set(new Map([...liaisonReviews.get()].filter(([id]) => !ids.has(id))));
        await appendAudit('purge', '', `Retention purge: ${String(ids.size)} finished attendances removed`);
        return ok({ purged: ids.size, stubsRemoved: 0, skipped: 0 });
      },
    },
    upgrade: {
      state: () => schemaUpgrade.live((value) => value),
    },
    department: createFakeDepartment({
      now,
      permitted,
      appendAudit,
      sessionState: () => session.get(),
      setSession: (state) => session.set(state),
      enrolled: options.department,
      unreachable: options.departmentUnreachable,
    }),
  };
  function purgeable(): string[] {
    const days = (settings.get() ?? defaultDeviceSettings()).retentionDays;
    return summaries(() => true)
      .filter(
        (summary) =>
          purgeDecision(
            {
              summary,
              issued: issuedLetters
                .get()
                .filter((letter) => letter.attendanceId === summary.id)
                .map((letter) => ({ kind: letter.kind, childId: letter.childId ?? '' })),
              reviewed: (liaisonReviews.get().get(summary.id)?.reviews.length ?? 0) > 0,
            },
            now(),
            days,
          ).purge,
      )
      .map((summary) => summary.id);
  }
  return repositories;
}
