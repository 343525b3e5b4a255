/**
 * React access to storage: a provider for the repositories and hooks over their live
 * values (dexie-react-hooks' useObservable). Screens get data only through these hooks,
 * never from the database (ARCHITECTURE.md).
 *
 * Every value storage sends after the first render is applied as a transition
 * (`inTransition`): React renders what it changes in slices that yield to the browser, and
 * a tap or a keystroke goes ahead of it. A value arriving from IndexedDB is otherwise an
 * ordinary update, which React renders in one go: the home screen's four lists, or a page
 * and its lists after unlocking, in one task of 100–400 ms at 4x CPU (PRODUCT.md section
 * 10, Lighthouse total blocking time). What must show at once is marked urgent: the session
 * locking (patient data must leave the screen now).
 */
import { createContext, startTransition, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useObservable } from 'dexie-react-hooks';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { AuditEvent } from '../../domain/audit/events';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import type { IssuedLetterSummary } from '../../domain/letters/issued';
import type { Result } from '../../domain/shared/result';
import type { ArrivalWindow, AssessmentEditor, LiaisonListData, NoConcernReviewItem, Repositories, SessionState, StaffName, StaffSummary, StorageFailure, TamperReport } from './types';
import type { RekeyStatus, SchemaUpgradeState } from './types';
import type { DepartmentState, LiveValue } from './types';
import type { SyncStatusFacts } from '../../domain/sync/status';
import type { EditLeaseHandle } from './types';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { ConflictAddendumView } from '../../domain/sync/conflict-addendum';

/**
 * `source`, its values handed to React inside `startTransition` unless `urgent` says not.
 * startTransition runs its scope at once, so a value `source` sends while being subscribed
 * still reaches the first render (useObservable's synchronous read).
 */
export function inTransition<T>(source: LiveValue<T>, urgent: (value: T) => boolean = () => false): LiveValue<T> {
  return {
    subscribe(onNext, onError) {
      return source.subscribe((value) => {
        if (urgent(value)) onNext(value);
        else startTransition(() => onNext(value));
      }, onError);
    },
  };
}

interface Follower {
  start: () => { unsubscribe(): void };
  subscription: { unsubscribe(): void } | undefined;
}

/**
 * Lets a screen stop the live values it reads following storage, for a moment, without a
 * render: "Start new assessment" writes the new attendance while the home screen is still
 * mounted, and every one of its lists read storage again (decrypting each row) for a screen
 * about to go. In a Lighthouse trace of the flow at 4x CPU slowdown the liaison count alone was
 * read twice more, tasks of 61 and 73 ms (30 November 2026). Held, each value keeps what it
 * showed; released (the write failed), each reads storage afresh. Not React state: holding by
 * a render re-rendered the whole home screen in the tap, a task of 152 ms.
 */
export class LiveHold {
  private held = false;
  private readonly followers = new Set<Follower>();

  /** `source`, unsubscribed from while held and subscribed to again on release. */
  follow<T>(source: LiveValue<T>): LiveValue<T> {
    return {
      subscribe: (onNext, onError) => {
        const follower: Follower = { start: () => source.subscribe(onNext, onError), subscription: undefined };
        if (!this.held) follower.subscription = follower.start();
        this.followers.add(follower);
        return {
          unsubscribe: () => {
            this.followers.delete(follower);
            follower.subscription?.unsubscribe();
            follower.subscription = undefined;
          },
        };
      },
    };
  }

  hold(): void {
    this.held = true;
    for (const follower of this.followers) {
      follower.subscription?.unsubscribe();
      follower.subscription = undefined;
    }
  }

  release(): void {
    this.held = false;
    for (const follower of this.followers) follower.subscription ??= follower.start();
  }
}

const HoldContext = createContext<LiveHold | undefined>(undefined);

/** The live values read beneath follow storage through `hold`. */
export function HoldLiveValues({ hold, children }: { hold: LiveHold; children: ReactNode }) {
  return <HoldContext.Provider value={hold}>{children}</HoldContext.Provider>;
}

/** dexie-react-hooks' useObservable over `factory`'s value, its updates as transitions (above), through the screen's hold if it has one. */
function useLive<T, Initial>(factory: () => LiveValue<T>, deps: unknown[], initial: Initial, urgent?: (value: T) => boolean): T | Initial {
  const hold = useContext(HoldContext);
  return useObservable(() => inTransition(hold ? hold.follow(factory()) : factory(), urgent), [...deps, hold], initial);
}

const RepositoriesContext = createContext<Repositories | undefined>(undefined);

export function RepositoriesProvider({ repositories, children }: { repositories: Repositories; children: ReactNode }) {
  return <RepositoriesContext.Provider value={repositories}>{children}</RepositoriesContext.Provider>;
}

export function useRepositories(): Repositories {
  const repositories = useContext(RepositoriesContext);
  if (!repositories) throw new Error('RepositoriesProvider is missing');
  return repositories;
}

export function useSession(): SessionState {
  const { session } = useRepositories();
  return useLive(() => session.state(), [session], session.current(), (state) => state.status !== 'unlocked');
}

/** What storage found changed outside the app (issue 11); empty while locked. */
export function useTamperReports(): TamperReport[] | undefined {
  const { session } = useRepositories();
  return useLive(() => session.tamperReports(), [session], undefined);
}

export function useDeviceSettings(): DeviceSettings | undefined {
  const { device } = useRepositories();
  return useLive(() => device.settings(), [device], undefined);
}

/** An installed content file (parsed JSON) for `instrument`; undefined while loading or when none is installed. */
export function useContentFile(instrument: string): unknown {
  const { device } = useRepositories();
  return useLive(() => device.contentFile(instrument), [device, instrument], undefined);
}

/** Names only, for the lock screen. */
export function useStaffList(): StaffName[] | undefined {
  const { staff } = useRepositories();
  return useLive(() => staff.list(), [staff], undefined);
}

/** Re-keying after a removal (issue 11): how far the background re-seal has got, or what waits and why. */
export function useRekeyStatus(): RekeyStatus | undefined {
  const { staff } = useRepositories();
  return useLive(() => staff.rekeyStatus(), [staff], undefined);
}

/** Accounts with role and registration number, or the refusal (nurse in charge only). */
export function useStaffDetails(): Result<StaffSummary[], StorageFailure> | undefined {
  const { staff } = useRepositories();
  return useLive(() => staff.details(), [staff], undefined);
}

export function useInProgressAttendances(): AttendanceSummary[] | undefined {
  const { attendances } = useRepositories();
  return useLive(() => attendances.inProgress(), [attendances], undefined);
}

export function useCompletedSince(since: string): AttendanceSummary[] | undefined {
  const { attendances } = useRepositories();
  return useLive(() => attendances.completedSince(since), [attendances, since], undefined);
}

export function useReferralsToMake(): AttendanceSummary[] | undefined {
  const { attendances } = useRepositories();
  return useLive(() => attendances.referralsToMake(), [attendances], undefined);
}

/** Signed "No concern" attendances the concern-level rules would now refuse (nurse in charge, paediatric liaison). */
export function useNoConcernToReview(): NoConcernReviewItem[] | undefined {
  const { attendances } = useRepositories();
  return useLive(() => attendances.noConcernToReview(), [attendances], undefined);
}

/** The liaison review list's data for a window of arrivals, or the refusal (paediatric liaison, nurse in charge). */
export function useLiaisonList(window: ArrivalWindow, letters = true): Result<LiaisonListData, StorageFailure> | undefined {
  const { liaison } = useRepositories();
  const { fromInstant, toInstant } = window;
  return useLive(() => liaison.list({ fromInstant, toInstant }, { letters }), [liaison, fromInstant, toInstant, letters], undefined);
}

/** The newest events, or the refusal (nurse in charge only). */
export function useRecentAuditEvents(limit: number): Result<AuditEvent[], StorageFailure> | undefined {
  const { audit } = useRepositories();
  return useLive(() => audit.recent(limit), [audit, limit], undefined);
}

export type EditorState =
  | { status: 'loading' }
  | { status: 'ready'; editor: AssessmentEditor }
  | { status: 'failed'; failure: StorageFailure };

/** Opens an assessment for the lifetime of the calling component and releases it after. */
export function useAssessmentEditor(id: string): EditorState {
  const { attendances } = useRepositories();
  // Keyed by id, so a different assessment reads as loading until its editor opens.
  const [state, setState] = useState<{ id: string; value: EditorState } | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    let opened: AssessmentEditor | undefined;
    void attendances.open(id).then((result) => {
      if (cancelled) {
        if (result.ok) result.value.close();
        return;
      }
      if (result.ok) {
        opened = result.value;
        const editor = result.value;
        // A section page is a long form: rendered as a transition, React builds it in slices
        // that yield to the browser instead of one long task (PRODUCT.md section 10: total
        // blocking time); "Opening the assessment…" stays until it is ready.
        startTransition(() => setState({ id, value: { status: 'ready', editor } }));
      } else {
        setState({ id, value: { status: 'failed', failure: result.error } });
      }
    });
    return () => {
      cancelled = true;
      if (opened) {
        const editor = opened;
        // Write anything pending before letting the lock go.
        void editor.flush().finally(() => {
          editor.close();
        });
      }
    };
  }, [attendances, id]);
  return state?.id === id ? state.value : { status: 'loading' };
}

/** Issued letter versions of an attendance, newest first. */
export function useLetterVersions(attendanceId: string): IssuedLetterSummary[] | undefined {
  const { letters } = useRepositories();
  return useLive(() => letters.versions(attendanceId), [letters, attendanceId], undefined);
}

/** Signed attendances whose GP letter is not issued yet (home screen). */
export function useAwaitingGpLetter(): AttendanceSummary[] | undefined {
  const { letters } = useRepositories();
  return useLive(() => letters.awaitingGpLetter(), [letters], undefined);
}

/** When the newest backup was made and when the tablet was set up (the backup reminder, issue 13). */
export function useBackupStatus(): { lastBackupAt: string | undefined; setUpAt: string } | undefined {
  const { backup } = useRepositories();
  return useLive(() => backup.status(), [backup], undefined);
}

/** 'reload' once a newer version of the app in another tab has upgraded the database (schema-upgrade.ts). */
export function useSchemaUpgrade(): SchemaUpgradeState {
  const { upgrade } = useRepositories();
  return useLive(() => upgrade.state(), [upgrade], 'none');
}

/** Whether this tablet shares with a department (issue 14): undefined while loading, null when it does not. */
export function useDepartmentState(): DepartmentState | null | undefined {
  const { department } = useRepositories();
  const live = (): LiveValue<DepartmentState | null> => ({ subscribe: (onNext, onError) => department.state().subscribe((value) => onNext(value ?? null), onError) });
  return useLive(live, [department], undefined);
}

/** Department sharing's facts for the header (issue 14); undefined on a tablet that does not share (or where sharing is not composed). */
export function useSyncState(): SyncStatusFacts | undefined {
  const { sync } = useRepositories();
  return useLive<SyncStatusFacts | undefined, undefined>(() => sync?.state() ?? { subscribe: (onNext: (value: undefined) => void) => (onNext(undefined), { unsubscribe: () => undefined }) }, [sync], undefined);
}

/** Conflict addenda this tablet holds (issue 14, storage/sync/conflict.ts): of one attendance, or all; empty on a tablet that does not share. */
export function useConflictAddenda(attendanceId?: string): ConflictAddendumView[] | undefined {
  const { sync } = useRepositories();
  return useLive(() => sync?.conflictAddenda?.(attendanceId) ?? { subscribe: (onNext: (value: ConflictAddendumView[]) => void) => (onNext([]), { unsubscribe: () => undefined }) }, [sync, attendanceId], undefined);
}

/**
 * The edit lease of an assessment open for editing (issue 14, storage/sync/lease.ts): taken
 * while `active`, renewed while the component is mounted, released when it unmounts or the
 * page is hidden, and taken again when a hidden page comes back (the back-forward cache keeps
 * the page and its form, but the lease was let go: without a new one, another tablet could
 * take the record while this one still edits it). 'not-shared' on a tablet that does not
 * share (no call is made).
 * `beforeRelease` (the editor's flush) runs before the record's newest revision is pushed at release.
 */
export function useEditLease(
  attendanceId: string,
  idleLockMinutes: number | undefined,
  active: boolean,
  beforeRelease?: () => Promise<unknown>,
): { state: EditLeaseState; takeOver: () => Promise<Result<EditLeaseState, { kind: string; message: string }>> } {
  const { sync } = useRepositories();
  const [found, setFound] = useState<{ handle: EditLeaseHandle; state: EditLeaseState } | undefined>(undefined);
  const on = active && sync?.editLease !== undefined && idleLockMinutes !== undefined;
  // The newest flush, read at release time (a new editor must not take the lease again).
  const flushRef = useRef(beforeRelease);
  useEffect(() => {
    flushRef.current = beforeRelease;
  }, [beforeRelease]);
  // Counts the page's returns from the back-forward cache: each opens the lease again.
  const [returns, setReturns] = useState(0);
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setReturns((count) => count + 1);
    };
    window.addEventListener('pageshow', onShow);
    return () => window.removeEventListener('pageshow', onShow);
  }, []);
  useEffect(() => {
    if (!active || !sync?.editLease || idleLockMinutes === undefined) return undefined;
    const opened = sync.editLease(attendanceId, idleLockMinutes, () => flushRef.current?.() ?? Promise.resolve());
    const watch = opened.state().subscribe((value) => {
      setFound({ handle: opened, state: value });
    });
    const onHide = () => void opened.close();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      watch.unsubscribe();
      void opened.close();
    };
  }, [sync, attendanceId, idleLockMinutes, active, returns]);
  const handle = on ? found?.handle : undefined;
  const takeOver = useCallback(
    async (): Promise<Result<EditLeaseState, { kind: string; message: string }>> => (handle ? handle.takeOver() : { ok: false, error: { kind: 'not-shared', message: 'This tablet does not share with a department.' } }),
    [handle],
  );
  return { state: on ? (found?.state ?? LEASE_CHECKING) : LEASE_NOT_SHARED, takeOver };
}

// Constant objects: a screen memoised on the lease's state does not re-render for nothing.
const LEASE_CHECKING: EditLeaseState = { status: 'checking' };
const LEASE_NOT_SHARED: EditLeaseState = { status: 'not-shared' };
