/**
 * The public API of storage: what features may ask of the device's store. Two
 * implementations share it: the real one (Dexie + WebCrypto, create-repositories.ts) and
 * an in-memory fake for component tests (storage/fake). Failures the nurse must hear
 * about come back as typed results, never as a white screen.
 */
import type { Addendum, AssessmentRecord } from '../../domain/assessment/record';
import type { AttendanceSummary } from '../../domain/assessment/attendance-summary';
import type { StaffGroup, StaffRef, StaffRole } from '../../domain/assessment/staff-ref';
import type { AuditEvent, AuditEventType } from '../../domain/audit/events';
import type { AuditAttendance } from '../../domain/oversight/compliance-audit';
import type { Result } from '../../domain/shared/result';
import type { IsoInstant } from '../../domain/shared/dates';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import type { LetterChoices } from '../../domain/letters/facts';
import type { IssuedLetter, IssuedLetterSummary } from '../../domain/letters/issued';
import type { LetterDocument, LetterKind } from '../../domain/letters/model';
import type { LetterIdentity } from '../../domain/letters/kinds';
import type { LiaisonReview, LiaisonReviewAction, LiaisonReviewRecord } from '../../domain/liaison/liaison-review';
import type { BackupHeader } from '../../domain/backup/backup-format';
import type { BackupRefusal } from '../../domain/backup/backup-rules';
import type { SyncStatusFacts } from '../../domain/sync/status';
import type { EditLeaseState } from '../../domain/sync/lease';
import type { ConflictAddendumView } from '../../domain/sync/conflict-addendum';
import type { RekeyStatus } from './rekey-progress';
export type { RekeyStatus } from './rekey-progress';

/** A value that changes over time (Dexie liveQuery-compatible, for dexie-react-hooks' useObservable). */
export interface LiveValue<T> {
  subscribe(onNext: (value: T) => void, onError?: (error: unknown) => void): { unsubscribe(): void };
}

export type StorageFailure =
  | { kind: 'quota'; message: string }
  | { kind: 'connection-lost'; message: string }
  | { kind: 'locked'; message: string }
  | { kind: 'stale'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'damaged'; message: string }
  | { kind: 'forbidden'; message: string }
  | { kind: 'unknown'; message: string };

/**
 * Why the app is locked: just started; the Lock button; no use for the idle time; another tab
 * locked (every tab locks together); the session limit reached.
 */
/** Why the app is locked; 'account-removed': the member signed in was removed (here, in another tab, or on another tablet of the department). */
export type LockReason = 'start' | 'manual' | 'idle' | 'other-tab' | 'session-limit' | 'account-removed' | 'app-error';

export type SessionState =
  | { status: 'loading' }
  | { status: 'not-set-up' }
  | { status: 'locked'; reason: LockReason }
  | {
      status: 'unlocked';
      staff: StaffRef;
      unlockedAt: IsoInstant;
      /**
       * Set when the PIN or passphrase just used fails today's rules (a date, a run: made
       * before storage enforced them, issue 11): why it must be changed before anything else.
       */
      mustChangeSecret?: string;
      /**
       * A recovery key just issued (at set-up, or by a recovery that used the old one): shown
       * once, in full, until the nurse in charge says it is kept (issue 11). Memory only.
       */
      recoveryKey?: string;
    };

/**
 * What the lock screen needs to pick whose PIN is typed: the name, and whether to ask for a
 * PIN or a passphrase (the field's label and keyboard already show that), for everyone and
 * for nobody signed in. Roles, groups, agencies and registration numbers are in
 * `StaffSummary`, for the nurse in charge alone (domain/settings/permissions.ts).
 */
export interface StaffName {
  id: string;
  name: string;
  secretKind: 'pin' | 'passphrase';
  active: boolean;
  /** True when this member of staff has added the tablet's authenticator: the lock screen says it will ask for it too. */
  hardwareFactor?: boolean;
}

export interface StaffSummary {
  id: string;
  name: string;
  role: StaffRole;
  staffGroup: StaffGroup;
  agencyName: string;
  registrationNumber: string;
  secretKind: 'pin' | 'passphrase';
  active: boolean;
}

export interface NewStaffMember {
  name: string;
  role: StaffRole;
  staffGroup: StaffGroup;
  agencyName: string;
  registrationNumber: string;
  secretKind: 'pin' | 'passphrase';
  secret: string;
}

export type UnlockFailure =
  | { kind: 'wrong-secret'; attemptsLeftBeforeDelay: number }
  | { kind: 'throttled'; retryAfter: IsoInstant }
  | { kind: 'no-key'; message: string }
  | { kind: 'other-device'; message: string }
  | { kind: 'storage'; failure: StorageFailure };

/**
 * Something storage found changed outside the app (issue 11, "No clear value trusted"): the
 * settings or an account failed their MAC, or a record, its list summary or the referral
 * worklist is older than the revision the audit trail holds for it. Shown to whoever is
 * signed in, and recorded in the audit trail ('tamper-detected') when first found.
 */
export interface TamperReport {
  /** One report per thing: 'settings', 'account:<id>', 'record:<id>', 'worklist'. */
  key: string;
  kind: 'settings' | 'account' | 'record' | 'worklist';
  /** Plain words for the screen; names no patient. */
  message: string;
}

/** Why "recover with the recovery key" was refused (issue 11), in the words the screen shows. */
export type RecoveryFailure = { kind: 'refused'; message: string } | { kind: 'storage'; failure: StorageFailure };

export interface SessionRepository {
  state(): LiveValue<SessionState>;
  /** What storage has found changed outside the app since this page opened (empty while locked). */
  tamperReports(): LiveValue<TamperReport[]>;
  current(): SessionState;
  unlock(staffId: string, secret: string): Promise<Result<StaffRef, UnlockFailure>>;
  /** Runs every before-lock task (pending saves), then drops the keys. */
  /** Locks this tab and tells every other tab of this app to lock (PRODUCT.md section 7). */
  lock(reason: 'manual' | 'idle' | 'session-limit' | 'app-error'): Promise<void>;
  /** Registers a task to finish before the keys are dropped (flush an autosave). Returns an unregister function. */
  beforeLock(task: () => Promise<void>): () => void;
  /**
   * While locked: a nurse in charge who lost their passphrase sets a new one with the
   * recovery key, and is signed in; the recovery key is replaced by a new one, shown once
   * (`recoveryKey` in the session state). Audited, refusals too (issue 11).
   */
  recover(staffId: string, recoveryKey: string, passphrase: string): Promise<Result<StaffRef, RecoveryFailure>>;
  /** The nurse in charge has kept the recovery key on screen: it is forgotten and the app goes on. */
  recoveryKeyKept(): void;
}

export interface DeviceSetUp {
  settings: DeviceSettings;
  firstStaff: Omit<NewStaffMember, 'role'>;
}

export interface DeviceRepository {
  settings(): LiveValue<DeviceSettings | undefined>;
  getSettings(): Promise<DeviceSettings | undefined>;
  setUp(input: DeviceSetUp): Promise<Result<StaffRef, StorageFailure>>;
  updateSettings(settings: DeviceSettings): Promise<Result<void, StorageFailure>>;
  /**
   * An installed licensed-wording content file (docs/content-files.md) by instrument id, as
   * the parsed JSON stored on this tablet, or undefined when none is installed.
   */
  contentFile(instrument: string): LiveValue<unknown>;
  /** Installs (json) or removes (undefined) an instrument's content file. Nurse in charge only; audited. */
  setContentFile(instrument: string, json: unknown, detail: string): Promise<Result<void, StorageFailure>>;
  /**
   * A new recovery key for this tablet, returned once as the text to print or write down; the
   * earlier one stops working. Nurse in charge only; audited (issue 11).
   */
  issueRecoveryKey(): Promise<Result<string, StorageFailure>>;
}

export interface StaffRepository {
  /** Names for the lock screen: open to everyone, even while locked. */
  list(): LiveValue<StaffName[]>;
  /** Every account with role, group and registration number: the nurse in charge only ('forbidden' otherwise, 'locked' while locked). */
  details(): LiveValue<Result<StaffSummary[], StorageFailure>>;
  /** The nurse in charge only. */
  add(member: NewStaffMember): Promise<Result<StaffSummary, StorageFailure>>;
  /** The nurse in charge only. */
  remove(staffId: string): Promise<Result<void, StorageFailure>>;
  changeSecret(currentSecret: string, next: { secretKind: 'pin' | 'passphrase'; secret: string }): Promise<Result<void, StorageFailure | UnlockFailure>>;
  /** Feature detection for the optional hardware-bound factor: true when the tablet has a platform authenticator with PRF. */
  hardwareFactorAvailable(): Promise<boolean>;
  /** Adds the tablet's authenticator to the signed-in member's PIN or passphrase (issue 11). Audited. */
  enrolHardwareFactor(currentSecret: string): Promise<Result<void, StorageFailure | UnlockFailure>>;
  /** Removes it: needs the current PIN or passphrase and the authenticator. Audited, refusals too. */
  removeHardwareFactor(currentSecret: string): Promise<Result<void, StorageFailure | UnlockFailure>>;
  /** Re-keying after a removal (issue 11): how far the re-seal has got, or what waits and why. */
  rekeyStatus(): LiveValue<RekeyStatus>;
}

export interface SaveReceipt {
  savedAt: IsoInstant;
  rev: number;
}

/** Who and when, stamped on every change (PRODUCT.md section 7). */
export interface Stamp {
  at: IsoInstant;
  by: StaffRef;
}

/**
 * One open assessment: the decrypted record and every write to it. Saves are serialised
 * and coalesced (only the newest pending version is written), stamped with who and when.
 */
export interface AssessmentEditor {
  readonly id: string;
  /** True when another tab has this assessment open for editing: everything here refuses to write. */
  readonly readOnly: boolean;
  record(): AssessmentRecord;
  /** Applies a change to the in-memory record and saves it. */
  update(change: (record: AssessmentRecord, stamp: Stamp) => AssessmentRecord): Promise<Result<SaveReceipt, StorageFailure>>;
  /** Resolves when every pending save has been written (or has failed). */
  flush(): Promise<Result<SaveReceipt | undefined, StorageFailure>>;
  /** Signs and locks the record (the caller has checked it can be signed). */
  sign(): Promise<Result<AssessmentRecord, StorageFailure>>;
  /** After signing: a change with a reason; the original stays readable. */
  addAddendum(reason: string, changes: Addendum['changes']): Promise<Result<AssessmentRecord, StorageFailure>>;
  /** Audit trail entry for a section saved by the nurse. */
  noteChange(detail: string): Promise<void>;
  /** Releases the editing lock. */
  close(): void;
}

export interface AttendanceQuery {
  nhsNumber?: string;
  familyName?: string;
  dateOfBirth?: string;
}

/**
 * A signed "No concern" attendance that the concern-level rules would now refuse, so its
 * letters may have said "No concerns identified" falsely (issue 8): for review by the nurse
 * in charge and the safeguarding team, and re-issue of its letters.
 */
export interface NoConcernReviewItem {
  summary: AttendanceSummary;
  /** What the record holds that the rules count, in plain words. */
  reasons: string[];
}

/** Roles that see the false-reassurance sweep: the nurse in charge and the paediatric liaison (safeguarding) role. */
export const NO_CONCERN_REVIEW_ROLES: readonly StaffRole[] = ['nurse-in-charge', 'paediatric-liaison'];

/** How a new assessment starts. */
export interface NewAttendanceOptions {
  /** An earlier attendance whose patient details are filled in for the nurse to check. */
  prefillFrom?: string;
  /** The page the new assessment opens on, from its id: kept as where to resume, so opening that page writes nothing. */
  openingPage?: (id: string) => string;
}

export interface AttendanceRepository {
  /** A new assessment (`NewAttendanceOptions`). */
  create(options?: NewAttendanceOptions): Promise<Result<AssessmentRecord, StorageFailure>>;
  open(id: string): Promise<Result<AssessmentEditor, StorageFailure>>;
  inProgress(): LiveValue<AttendanceSummary[]>;
  completedSince(since: IsoInstant): LiveValue<AttendanceSummary[]>;
  /** Attendances with a referral to children's social care still to make (home screen). */
  referralsToMake(): LiveValue<AttendanceSummary[]>;
  /** Signed "No concern" attendances to review (NO_CONCERN_REVIEW_ROLES only; empty for anyone else), newest first. */
  noConcernToReview(): LiveValue<NoConcernReviewItem[]>;
  find(query: AttendanceQuery): Promise<Result<AttendanceSummary[], StorageFailure>>;
  /**
   * What the compliance audit counts for attendances that arrived in [start, end): summaries,
   * site and first GP letter time (domain/oversight). The nurse in charge and the paediatric
   * liaison nurse only ('forbidden' otherwise).
   */
  complianceAuditInputs(range: { start: IsoInstant; end: IsoInstant }): Promise<Result<AuditAttendance[], StorageFailure>>;
}

/**
 * A break in the audit trail: where it starts, why, when it was first recorded in the trail
 * ('' when it was found while no key was in memory and is not recorded yet), and who
 * acknowledged it (null until the nurse in charge does).
 */
export interface AuditBreakReport {
  brokenAt: number;
  reason: string;
  detectedAt: string;
  acknowledged: { by: string; at: IsoInstant } | null;
}

/**
 * Not ok while any break is unacknowledged: brokenAt and reason name the first one. Every
 * break found or recorded, acknowledged or not, is in `breaks` (left out when there are none).
 */
export type AuditVerification =
  | { ok: true; count: number; breaks?: AuditBreakReport[] }
  | { ok: false; brokenAt: number; reason: string; breaks?: AuditBreakReport[] }
  /** Not checked: the signed-in role may not view the trail, or the app is locked. */
  | { ok: false; refused: StorageFailure };

/**
 * How much of the trail a check reads: all of it (the audit trail page, the default), or
 * only what follows the MAC'd verification checkpoint (every unlock and the home screen).
 * The anchors, the checkpoint and recorded breaks are checked either way.
 */
export type AuditCheckScope = 'whole' | 'since-checkpoint';

/**
 * Viewing, checking, exporting the trail and acknowledging a break in it are for the nurse in charge only
 * (domain/settings/permissions.ts); anyone signed in can add to it by what they do.
 */
export interface AuditRepository {
  recent(limit: number): LiveValue<Result<AuditEvent[], StorageFailure>>;
  all(): Promise<Result<AuditEvent[], StorageFailure>>;
  verify(scope?: AuditCheckScope): Promise<AuditVerification>;
  /** Records the export in the trail, then returns every event (the export includes its own event). */
  exportAll(): Promise<Result<AuditEvent[], StorageFailure>>;
  /** Records an act that sends data off the device (print, download, export). */
  record(type: AuditEventType, entityId: string, detail: string): Promise<void>;
  /** The nurse in charge acknowledges the break starting at this event (recorded as an event of its own); 'forbidden' to anyone else. */
  acknowledgeBreak(brokenAt: number): Promise<Result<void, StorageFailure>>;
  /**
   * Issue 14: every other tablet's audit chain held here from the department server, each
   * checked whole as that tablet's own (storage/sync/chain-check.ts), and how much of this
   * tablet's own chain the server holds; undefined on a tablet that does not share. Nurse in charge only.
   */
  departmentChains(): Promise<Result<DepartmentChains | undefined, StorageFailure>>;
}

/** One place another tablet's chain cannot be trusted from: its event number there, and why (issue 14). */
export interface DepartmentChainBreak {
  at: number;
  reason: string;
  /** True when that tablet's own trail records this break (found and recorded there): not something the server did. */
  recordedByItsTablet: boolean;
}

/** Another tablet's audit chain as this tablet holds and checked it (issue 14). */
export interface DepartmentChainStatus {
  tabletId: string;
  /** Events held (positions in that tablet's chain). */
  count: number;
  /** That tablet's own number of the newest event held. */
  lastEventSeq: number;
  checkedAt: IsoInstant;
  breaks: DepartmentChainBreak[];
}

export interface DepartmentChains {
  /** This tablet's id, and how many of its events the department server holds. */
  own: { tabletId: string; shared: number };
  others: DepartmentChainStatus[];
}

/** Issuing a letter: the document is composed by the caller for the version and time storage assigns. */
export interface IssueLetterRequest {
  attendanceId: string;
  kind: LetterKind;
  choices: LetterChoices;
  compose: (at: IsoInstant, version: number, issuedBy: StaffRef) => { document: LetterDocument; restrictedCategories: IssuedLetter['restrictedCategories'] };
  /** The child a notification is about (letter identity attendance + kind + child); absent for the patient's own letters. */
  childId?: string | undefined;
}

/**
 * Letters (PRODUCT.md section 5): each issue freezes a new version, sealed; earlier versions
 * stay readable. Printing and downloading are recorded in the audit trail. Nothing here
 * holds a transaction open after it returns, so a print dialog never pauses one (Dexie 323).
 */
export interface LetterRepository {
  /** The attendance, read-only (no editing lock): letters are composed from it. */
  readAttendance(attendanceId: string): Promise<Result<AssessmentRecord, StorageFailure>>;
  /** Issued versions of every letter of an attendance, newest first. */
  versions(attendanceId: string): LiveValue<IssuedLetterSummary[]>;
  issue(request: IssueLetterRequest): Promise<Result<IssuedLetter, StorageFailure>>;
  open(letterId: string): Promise<Result<IssuedLetter, StorageFailure>>;
  recordPrinted(letter: IssuedLetterSummary): Promise<void>;
  recordDownloaded(letter: IssuedLetterSummary): Promise<void>;
  /** Signed attendances whose GP letter is not issued yet. */
  awaitingGpLetter(): LiveValue<AttendanceSummary[]>;
  /** The nurse's unfinished words for a letter, sealed, so nothing typed is lost (PRODUCT.md principle 2). */
  loadDraft(attendanceId: string, kind: LetterKind, childId?: string): Promise<LetterChoices | undefined>;
  saveDraft(attendanceId: string, kind: LetterKind, choices: LetterChoices, childId?: string): Promise<Result<void, StorageFailure>>;
  /**
   * The opaque token that names this letter in its address (issue 11: never the kind, which
   * would stay in the browser's History and session files): a keyed hash of attendance +
   * kind + child, the same for the same letter on this tablet. '' while locked.
   */
  routeToken(attendanceId: string, identity: LetterIdentity): Promise<string>;
}

/** Arrivals from `fromInstant` (inclusive) to `toInstant` (exclusive). */
export interface ArrivalWindow {
  fromInstant: IsoInstant;
  toInstant: IsoInstant;
}

/**
 * What the liaison review list reads for a window of arrivals: every summary (the domain
 * decides which are on the list, domain/liaison/liaison-list.ts), and for those on the list
 * their review records and which of the letters they need are issued.
 */
export interface LiaisonListData {
  summaries: AttendanceSummary[];
  reviews: LiaisonReviewRecord[];
  issuedLetters: { attendanceId: string; kind: LetterKind }[];
}

/**
 * The paediatric liaison review list (PRODUCT.md section 6; issue 12): for the paediatric
 * liaison nurse and the nurse in charge only ('forbidden' otherwise, 'locked' while locked).
 * Storage only fetches; every rule is in domain/liaison.
 */
export interface LiaisonRepository {
  /** `letters: false` leaves out the issued letters (the home screen's overdue count needs none). */
  list(window: ArrivalWindow, options?: { letters?: boolean }): LiveValue<Result<LiaisonListData, StorageFailure>>;
  /** Records a review by the signed-in member of staff, now; sealed, with an audit event. */
  recordReview(attendanceId: string, review: { action: LiaisonReviewAction; note: string }): Promise<Result<LiaisonReview, StorageFailure>>;
}

/** The file a backup made: its bytes in order, an opaque name, and its header (issue 13). */
export interface BackupFile {
  parts: Uint8Array[];
  fileName: string;
  header: BackupHeader;
  /** Rows that did not open (damaged, or from another tablet) and so are not in the file. */
  skipped: number;
}

/** A file refused (nothing written), or a storage failure. */
export type RestoreFailure = { kind: 'refused'; reason: BackupRefusal; message: string } | StorageFailure;

/** What a restore did: 'replaced' a new tablet with the backed-up one, or 'merged' records into this one. */
export interface RestoreSummary {
  mode: 'replaced' | 'merged';
  added: number;
  updated: number;
  kept: number;
  lettersAdded: number;
  header: BackupHeader;
}

/** Long backups and restores report how far they have got (whole items or chunks). */
export type BackupProgress = (progress: { stage: 'reading' | 'encrypting' | 'decrypting' | 'checking' | 'sealing' | 'writing'; done: number; total: number }) => void;

/** An audit chain brought in by a merge, checked as its source tablet's chain. */
export interface ImportedChainStatus {
  sourceTabletId: string;
  count: number;
  backupCreatedAt: string;
  ok: boolean;
}

/**
 * Encrypted backup, restore and handing the tablet back (issue 13; docs/backup.md): the
 * nurse in charge only, except a restore on the set-up screen of a tablet not set up.
 */
export interface BackupRepository {
  /** Makes an encrypted backup file under `passphrase` (checked against the backup passphrase rules); audited. */
  create(passphrase: string, progress?: BackupProgress): Promise<Result<BackupFile, StorageFailure>>;
  /** Restores a backup: replaces everything on a tablet not set up, merges into a tablet in use (nurse in charge). All or nothing. */
  restore(file: Uint8Array, passphrase: string, progress?: BackupProgress): Promise<Result<RestoreSummary, RestoreFailure>>;
  /** When the newest backup was made (undefined before the first) and when the tablet was set up; for the reminder. */
  status(): LiveValue<{ lastBackupAt: IsoInstant | undefined; setUpAt: IsoInstant } | undefined>;
  /** Audit chains brought in by merges, each checked as its source tablet's chain (nurse in charge). */
  importedChains(): Promise<Result<ImportedChainStatus[], StorageFailure>>;
  /** Deletes this tablet's database (every record, letter, account, setting and the audit trail); the app then shows first-run set-up. */
  handBack(): Promise<Result<void, StorageFailure>>;
}

/**
 * The retention purge (PRODUCT.md section 8; issue 13): for the nurse in charge only
 * ('purge-records'). `due` says how many finished attendances are past the retention period
 * and how many stubs are past their months (the home screen's reminder, which offers a backup
 * first); `purge` removes them, leaving each attendance's sealed stub, as one audit event.
 */
export interface RetentionRepository {
  due(): Promise<Result<{ attendances: number; stubs: number; retentionDays: number; stubMonths: number }, StorageFailure>>;
  purge(): Promise<Result<{ purged: number; stubsRemoved: number; skipped: number }, StorageFailure>>;
}

export interface Repositories {
  session: SessionRepository;
  device: DeviceRepository;
  staff: StaffRepository;
  attendances: AttendanceRepository;
  audit: AuditRepository;
  letters: LetterRepository;
  liaison: LiaisonRepository;
  backup: BackupRepository;
  retention: RetentionRepository;
  upgrade: SchemaUpgradeRepository;
  department: DepartmentRepository;
  /** Department sharing (issue 14): present where the app composes it; says nothing and calls no one on a tablet that is not enrolled. */
  sync?: SyncRepository;
}

/** What the header reads of department sharing, and a record another tablet of the department recorded (storage/sync/engine.ts). */
export interface SyncRepository {
  /** The header's facts (domain/sync/status.ts); undefined on a tablet that does not share. */
  state(): LiveValue<SyncStatusFacts | undefined>;
  /** A record from another tablet, read-only: cached, or fetched from the department server and checked. */
  departmentRecord(id: string): Promise<Result<AssessmentRecord, { kind: string; message: string }>>;
  /** The edit lease of an assessment open for editing (storage/sync/lease.ts): taken now, renewed while open, released by close() after the record's newest revision is pushed (`beforeRelease` first: the editor's pending writes). Says 'not-shared' and calls no one on a tablet that is not enrolled. */
  editLease?(attendanceId: string, idleLockMinutes: number, beforeRelease?: () => Promise<unknown>): EditLeaseHandle;
  /** Who holds an assessment's lease now, without taking it. */
  leaseOf?(attendanceId: string): Promise<EditLeaseState>;
  /** Continues another tablet's assessment in progress here (storage/sync/lease-continue.ts): the id to open, once it is this tablet's. */
  continueHere?(attendanceId: string, idleLockMinutes: number): Promise<Result<string, { kind: string; message: string; lease?: EditLeaseState }>>;
  /** Conflict addenda this tablet holds (storage/sync/conflict.ts): of one attendance, or every one (the liaison list). */
  conflictAddenda?(attendanceId?: string): LiveValue<ConflictAddendumView[]>;
  /** Marks a conflict addendum reconciled (the record's current tablet only; audited). */
  reconcileConflict?(rowId: string): Promise<Result<void, { kind: string; message: string }>>;
}

/** One assessment's edit lease while it is open (storage/sync/lease.ts EditLease). */
export interface EditLeaseHandle {
  state(): LiveValue<EditLeaseState>;
  /** The nurse in charge only ('forbidden' otherwise); audited. */
  takeOver(): Promise<Result<EditLeaseState, { kind: string; message: string }>>;
  /** Stops renewing and releases the lease (best effort). */
  close(): Promise<void>;
}

/**
 * A newer version of the app in another tab upgrading the database (schema-upgrade.ts):
 * 'saving' while this tab writes what is pending, then 'reload': this tab's connection is
 * closed and the page must be reloaded to carry on.
 */
export type SchemaUpgradeState = 'none' | 'saving' | 'reload';

export interface SchemaUpgradeRepository {
  state(): LiveValue<SchemaUpgradeState>;
}

/**
 * Department sharing, the tablet's side of enrolment (issue 14; docs/design/department-sync.md
 * §3): switching sharing on, enrolment codes, joining by code, the tablets page. Everything
 * but `state` and `join` is the nurse in charge's ('share-with-department'); `join` runs on
 * the set-up screen of a new tablet (nobody to sign in yet, nothing on the tablet).
 */
export interface DepartmentState {
  departmentId: string;
  /** This tablet's id at the server: its database id. */
  tabletId: string;
  enrolledAt: IsoInstant;
  /** Set when the server said this tablet was removed from the department. */
  revokedAt?: IsoInstant | undefined;
}

export interface TabletListing {
  tabletId: string;
  enrolledAt: IsoInstant;
  revokedAt: IsoInstant | null;
  /** The tablet this list is shown on. */
  thisTablet: boolean;
}

/** A refusal by storage (role, lock) or anything the department server answered, always with words for the nurse. */
export type DepartmentFailure =
  | StorageFailure
  | { kind: 'code'; message: string }
  | { kind: 'not-new'; message: string }
  | { kind: 'server'; reason: 'unreachable' | 'revoked' | 'unauthorised' | 'rate-limited' | 'refused' | 'not-a-department-server' | 'package'; message: string };

export interface DepartmentRepository {
  /** This tablet's enrolment (never the credential), or undefined when it does not share. Readable while locked. */
  state(): LiveValue<DepartmentState | undefined>;
  /** Makes the department with this tablet as its first tablet; audited. Refused while a re-key is pending. */
  switchSharingOn(): Promise<Result<DepartmentState, DepartmentFailure>>;
  /** A new one-time code (10 minutes, single use) for a new tablet; the sealed package is left with the server; audited (never the code). */
  makeEnrolmentCode(): Promise<Result<{ code: string; expiresAt: IsoInstant }, DepartmentFailure>>;
  /** On a new tablet (nothing set up, no records): joins with the code; all or nothing; the tablet is then locked for staff to unlock with their own PIN. */
  join(code: string): Promise<Result<DepartmentState, DepartmentFailure>>;
  listTablets(): Promise<Result<TabletListing[], DepartmentFailure>>;
  /** Revokes another tablet's server credential; audited. */
  revokeTablet(tabletId: string): Promise<Result<void, DepartmentFailure>>;
  /** Hand-back: revokes this tablet's own credential first (best effort; ok when it does not share). */
  leave(): Promise<Result<void, DepartmentFailure>>;
  /** A set-up tablet holding records joins with the code (the nurse in charge, unlocked): its records, staff and trail move under the department's key in the background; audited. */
  joinWithRecords(code: string): Promise<Result<JoinedWithRecords, DepartmentFailure>>;
  /** After a join with records: what was brought, whether it is still being sealed, the accounts to look at (the nurse in charge). */
  joinedWithRecords(): Promise<Result<JoinedWithRecords | undefined, DepartmentFailure>>;
  /** Re-keys the department from this tablet (the nurse in charge; issue 14 §8; storage/sync/department-rekey.ts); the re-seal runs in the background. Refused while one is spreading. */
  rekey(): Promise<Result<{ epoch: number }, DepartmentFailure>>;
}

/** What a tablet brought when it joined a department holding records (counts only: nothing about a patient). */
export interface JoinedCounts {
  attendances: number;
  letters: number;
  stubs: number;
  auditEvents: number;
  ownAccounts: number;
  departmentAccounts: number;
  sameNames: number;
}

/** The department page after a join with records. */
export interface JoinedWithRecords {
  departmentId: string;
  joinedAt: IsoInstant;
  /** True until every record is sealed under the department's key: nothing of this tablet is shared before. */
  sealing: boolean;
  counts: JoinedCounts;
  /** This tablet's own accounts, moved to the department's key. */
  ownAccounts: { id: string; name: string; active: boolean }[];
  /** Names held by an account of this tablet and an account of the department: two accounts, kept apart. */
  sameNames: string[];
}
