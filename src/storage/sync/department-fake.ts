/**
 * The department repository of the in-memory fake (component tests): the same role checks,
 * refusals and audit events as the real one (department-repository.ts), with an in-memory
 * "server": a department, its tablets and the codes made, no network and no encryption.
 */
import { enrolmentCodeProblemWords, formatEnrolmentCode, parseEnrolmentCode } from '../../domain/sync/enrolment-code';
import type { AuditEventType } from '../../domain/audit/events';
import type { StaffRef } from '../../domain/assessment/staff-ref';
import type { Permission } from '../../domain/settings/permissions';
import { err, ok } from '../../domain/shared/result';
import type { Result } from '../../domain/shared/result';
import type { DepartmentFailure, DepartmentRepository, DepartmentState, JoinedWithRecords, LiveValue, SessionState, StorageFailure, TabletListing } from '../repositories/types';

export interface FakeDepartmentDeps {
  now: () => string;
  permitted: (permission: Permission) => Result<StaffRef, StorageFailure>;
  appendAudit: (type: AuditEventType, entityId: string, detail: string) => Promise<void>;
  sessionState: () => SessionState;
  setSession: (state: SessionState) => void;
  /** This tablet already shares (a component test of the tablets page). */
  enrolled?: DepartmentState | undefined;
  /** Every call to the "server" fails as unreachable. */
  unreachable?: boolean | undefined;
}

export const FAKE_EXPIRED_MESSAGE = 'This code has expired or has been used. Ask the nurse in charge for a new one.';
const UNREACHABLE: DepartmentFailure = { kind: 'server', reason: 'unreachable', message: 'The department server cannot be reached. Records are kept on this tablet and shared when it is back.' };

export interface FakeDepartment extends DepartmentRepository {
  /** The tablets the fake server knows (tests add one to show a second tablet). */
  tablets: TabletListing[];
  /** Codes shown on another tablet of the department, which this one may join with (tests). */
  otherTabletCodes: Set<string>;
  /** What a join with records brought (tests set the accounts; joinWithRecords sets the rest). */
  joined: JoinedWithRecords | undefined;
}

export function createFakeDepartment(deps: FakeDepartmentDeps): FakeDepartment {
  let state: DepartmentState | undefined = deps.enrolled;
  let epoch = 1;
  const listeners = new Set<(value: DepartmentState | undefined) => void>();
  const setState = (next: DepartmentState | undefined) => {
    state = next;
    for (const listener of [...listeners]) listener(next);
  };
  const codes = new Map<string, { expiresAt: string; used: boolean }>();
  let counter = 0;
  const repository: FakeDepartment = {
    tablets: state ? [{ tabletId: state.tabletId, enrolledAt: state.enrolledAt, revokedAt: null, thisTablet: true }] : [],
    state: (): LiveValue<DepartmentState | undefined> => ({
      subscribe: (onNext) => {
        listeners.add(onNext);
        onNext(state);
        return { unsubscribe: () => listeners.delete(onNext) };
      },
    }),
    switchSharingOn: async () => {
      const allowed = deps.permitted('share-with-department');
      if (!allowed.ok) return allowed;
      if (state) return err({ kind: 'forbidden', message: 'This tablet already shares with a department.' });
      if (deps.unreachable) return err(UNREACHABLE);
      const next = { departmentId: 'fake-department', tabletId: 'fake-tablet', enrolledAt: deps.now() };
      repository.tablets = [{ tabletId: next.tabletId, enrolledAt: next.enrolledAt, revokedAt: null, thisTablet: true }];
      setState(next);
      await deps.appendAudit('department-sharing-on', next.departmentId, "Department sharing switched on: this tablet's records are shared with the department through its server");
      return ok(next);
    },
    makeEnrolmentCode: async () => {
      const allowed = deps.permitted('share-with-department');
      if (!allowed.ok) return allowed;
      if (!state) return err({ kind: 'forbidden', message: "This tablet does not share with a department. Switch sharing on first, in Settings under 'Department sharing'." });
      if (deps.unreachable) return err(UNREACHABLE);
      counter += 1;
      const code = formatEnrolmentCode(Uint8Array.from({ length: 10 }, (_, index) => (index * 37 + counter * 11) & 255));
      const expiresAt = new Date(Date.parse(deps.now()) + 10 * 60_000).toISOString();
      codes.set(code, { expiresAt, used: false });
      await deps.appendAudit('enrolment-code-made', state.tabletId, `Enrolment code made for a new tablet, working until ${expiresAt}`);
      return ok({ code, expiresAt });
    },
    join: (typed) => Promise.resolve(joinNow(typed)),
    listTablets: () => Promise.resolve(listNow()),
    revokeTablet: async (tabletId) => {
      const allowed = deps.permitted('share-with-department');
      if (!allowed.ok) return allowed;
      if (deps.unreachable) return err(UNREACHABLE);
      const tablet = repository.tablets.find((item) => item.tabletId === tabletId);
      if (!tablet) return err({ kind: 'server', reason: 'refused', message: 'No such tablet in this department.' });
      if (tablet.thisTablet) return err({ kind: 'forbidden', message: 'This is the tablet you are using. To take it out of the department, hand it back (Settings, Back up this tablet).' });
      tablet.revokedAt = deps.now();
      await deps.appendAudit('tablet-revoked', tabletId, 'Tablet removed from the department: its server credential is revoked');
      return ok(undefined);
    },
    leave: () => Promise.resolve(leaveNow()),
    otherTabletCodes: new Set<string>(),
    joined: undefined,
    joinWithRecords: async (typed) => {
      const allowed = deps.permitted('share-with-department');
      if (!allowed.ok) return allowed;
      const parsed = parseEnrolmentCode(typed);
      if (!parsed.ok) return err({ kind: 'code', message: enrolmentCodeProblemWords[parsed.error] });
      if (state) return err({ kind: 'forbidden', message: 'This tablet already shares its records with a department.' });
      if (deps.unreachable) return err(UNREACHABLE);
      const code = formatEnrolmentCode(parsed.value);
      if (!repository.otherTabletCodes.delete(code)) return err({ kind: 'server', reason: 'refused', message: FAKE_EXPIRED_MESSAGE });
      const next = { departmentId: 'fake-department', tabletId: 'fake-tablet', enrolledAt: deps.now() };
      repository.tablets = [{ tabletId: next.tabletId, enrolledAt: next.enrolledAt, revokedAt: null, thisTablet: true }];
      const joined: JoinedWithRecords = repository.joined ?? { departmentId: next.departmentId, joinedAt: next.enrolledAt, sealing: true, counts: { attendances: 0, letters: 0, stubs: 0, auditEvents: 0, ownAccounts: 0, departmentAccounts: 0, sameNames: 0 }, ownAccounts: [], sameNames: [] };
      repository.joined = { ...joined, departmentId: next.departmentId, joinedAt: next.enrolledAt, sealing: true };
      setState(next);
      await deps.appendAudit('department-joined', next.departmentId, 'Joined the department with an enrolment code, holding records');
      return ok(repository.joined);
    },
    joinedWithRecords: () => {
      const allowed = deps.permitted('share-with-department');
      return Promise.resolve(allowed.ok ? ok(state ? repository.joined : undefined) : allowed);
    },
    rekey: async () => {
      const allowed = deps.permitted('manage-staff');
      if (!allowed.ok) return allowed;
      if (!state || state.revokedAt) return err({ kind: 'forbidden', message: 'This tablet does not share with a department. Re-key it from the staff page instead.' });
      epoch += 1;
      await deps.appendAudit('department-rekeyed', 'device', `Department re-keyed to key epoch ${String(epoch)} on this tablet`);
      return ok({ epoch });
    },
  };
  function joinNow(typed: string): Result<DepartmentState, DepartmentFailure> {
    const parsed = parseEnrolmentCode(typed);
    if (!parsed.ok) return err({ kind: 'code', message: enrolmentCodeProblemWords[parsed.error] });
    if (deps.sessionState().status !== 'not-set-up') return err({ kind: 'not-new', message: 'This tablet already holds records, so it cannot join a department.' });
    if (deps.unreachable) return err(UNREACHABLE);
    const code = formatEnrolmentCode(parsed.value);
    const made = codes.get(code);
    if (!made || made.used || made.expiresAt <= deps.now()) return err({ kind: 'server', reason: 'refused', message: FAKE_EXPIRED_MESSAGE });
    made.used = true;
    setState({ departmentId: 'fake-department', tabletId: `fake-tablet-${String(codes.size)}`, enrolledAt: deps.now() });
    deps.setSession({ status: 'locked', reason: 'start' });
    return ok(state as DepartmentState);
  }
  function listNow(): Result<TabletListing[], DepartmentFailure> {
    const allowed = deps.permitted('share-with-department');
    if (!allowed.ok) return allowed;
    if (!state) return err({ kind: 'forbidden', message: "This tablet does not share with a department. Switch sharing on first, in Settings under 'Department sharing'." });
    if (deps.unreachable) return err(UNREACHABLE);
    return ok(repository.tablets.map((tablet) => ({ ...tablet })));
  }
  function leaveNow(): Result<void, DepartmentFailure> {
    const allowed = deps.permitted('back-up-tablet');
    if (!allowed.ok) return allowed;
    if (!state || state.revokedAt) return ok(undefined);
    if (deps.unreachable) return err(UNREACHABLE);
    setState({ ...state, revokedAt: deps.now() });
    return ok(undefined);
  }
  return repository;
}
