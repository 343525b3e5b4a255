/**
 * The edit lease and conflict addenda, as the nurse sees them (issue 14: "an assessment in
 * progress is edited by one tablet at a time (an edit lease; other tablets show it read-only
 * with who holds it, like the two-tab rule; a lease expires after the idle-lock time and can
 * be taken over by the nurse in charge)"; clarification "An edit made offline under a lost
 * lease is never dropped: it becomes a conflict addendum for the record's owner to
 * reconcile"; design docs/design/department-sync.md §6).
 *
 * Pure: the lease's length from the idle-lock setting, when to renew, who may take a lease
 * over (the server holds no roles, so this is the app's rule), and the words. A lease is
 * coordination, not security (design §6).
 */
import type { StaffRole } from '../assessment/staff-ref';

/** The server's bounds on a lease's length (server/README.md, `ttlSeconds` 30–3600). */
export const LEASE_MIN_SECONDS = 30;
export const LEASE_MAX_SECONDS = 3600;

/** A lease lasts the idle-lock time (issue 14), within the server's bounds. */
export function leaseSeconds(idleLockMinutes: number): number {
  const seconds = Math.round(idleLockMinutes * 60);
  if (!Number.isFinite(seconds)) return LEASE_MIN_SECONDS;
  return Math.min(LEASE_MAX_SECONDS, Math.max(LEASE_MIN_SECONDS, seconds));
}

/** Renewed at a third of its length, so two renewals can fail before it lapses (well before expiry). */
export function leaseRenewMs(seconds: number): number {
  return Math.max(5_000, Math.floor((seconds * 1000) / 3));
}

/** Only the nurse in charge takes over another tablet's lease (issue 14). */
export function canTakeOverLease(role: StaffRole): boolean {
  return role === 'nurse-in-charge';
}

/** Who holds a lease, as far as this tablet knows: the name from its staff table when the id is known there. */
export interface LeaseHolder {
  name: string | undefined;
  /** True when the lease is held on this tablet (another tab of it). */
  thisTablet: boolean;
}

/** What a tablet knows of an assessment's edit lease (storage/sync/lease.ts keeps it). */
export type EditLeaseState =
  /** The tablet does not share with a department: no lease, editing as always. */
  | { status: 'not-shared' }
  /** Not asked yet. */
  | { status: 'checking' }
  /** Nobody holds it (the department record page asks before offering to continue). */
  | { status: 'free' }
  /** This tablet holds it: edit here. */
  | { status: 'held'; expiresAt: string }
  /** Another tablet (or another member on this tablet) holds it: read only here. */
  | { status: 'elsewhere'; holder: LeaseHolder; tabletId: string; expiresAt: string }
  /** The server could not be reached: editing continues here; the lease is asked for again later. */
  | { status: 'unreachable' };

/** Whether the screens show the assessment read-only because of the lease. */
export const leaseMakesReadOnly = (state: EditLeaseState): boolean => state.status === 'elsewhere';

/** Modelled on the two-tab rule of the assessment screens (features/assessment/section-page.tsx). */
export const leaseWords = {
  bannerTitle: 'Read only',
  heading: (holder: LeaseHolder) =>
    `This assessment is being edited by ${holder.name ?? 'someone else'} on ${holder.thisTablet ? 'this tablet' : 'another tablet of the department'}.`,
  body: 'To avoid two versions, you can only read it here. It can be edited here when they close it, or once it has been left for the idle-lock time.',
  takeOver: 'Take over editing',
  takeOverConfirm:
    'Take over editing this assessment? Anything typed on the other tablet that has not reached the department yet is kept there and comes back to this record as a conflicting edit to reconcile.',
  takeOverYes: 'Yes, take over editing',
  takeOverNo: 'Cancel',
  takeOverFailed: 'Editing could not be taken over: the department server cannot be reached. Try again when it is back.',
  continueHere: 'Continue this assessment on this tablet',
  continueHint: 'The latest version from the department is copied to this tablet and opened for editing. The tablet that started it then shows it read-only.',
  continueHeldElsewhere: (holder: LeaseHolder) => `It cannot be continued here now: ${holder.name ?? 'someone else'} is editing it on another tablet of the department.`,
  conflictHeading: 'Conflicting edits to reconcile',
  conflictLead: 'These edits were made on a tablet that had lost the right to edit this assessment, so they were not applied. Nothing was lost: compare them with the record and make any change still needed.',
  conflictBy: (name: string, when: string, tablet: 'this' | 'another') => `Edited by ${name} at ${when} on ${tablet === 'this' ? 'this tablet' : 'another tablet of the department'}`,
  conflictReconciled: (name: string, when: string) => `Reconciled by ${name} at ${when}`,
  reconcile: 'Mark as reconciled',
  liaisonItem: 'A conflicting edit to reconcile',
} as const;

/** The audit detail of a take-over: opaque ids only (the holder's staff id, never a name or a patient). */
export function takeOverDetail(previousTablet: string): string {
  return `Editing taken over from another tablet of the department (tablet ${previousTablet})`;
}
