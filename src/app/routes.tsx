/**
 * The route table: which feature page each path shows. The only place features are
 * composed. Pages other than home load on demand (PRODUCT.md section 10: letters,
 * audit and settings load on demand), and all are precached for offline use. A route the
 * signed-in role may not use (domain/settings/permissions.ts) shows "You do not have access"
 * instead: its page is never mounted, so its form never renders and its data is never read.
 */
import { lazy } from 'react';
import type { ReactNode } from 'react';
import { HomePage } from '../features/home/home-page';
import { OversightLinks } from '../features/oversight/oversight-links';
import { StorageHealthNotice, StorageHealthSummary } from '../pwa/storage-health';
import { UpdateNotice } from '../pwa/update-notice';
import type { StaffRole } from '../domain/assessment/staff-ref';
import { may } from '../domain/settings/permissions';
import type { Permission } from '../domain/settings/permissions';
import { NoAccessPage } from './no-access-page';
import { BackupReminder } from '../features/home/backup-reminder';
import { forgetOfflineCopy } from '../pwa/hand-back';

const AssessmentRoutes = lazy(() => import('../features/assessment/assessment-routes').then((module) => ({ default: module.AssessmentRoutes })));
const SettingsPage = lazy(() => import('../features/settings/settings-page').then((module) => ({ default: module.SettingsPage })));
const StaffPage = lazy(() => import('../features/settings/staff-page').then((module) => ({ default: module.StaffPage })));
const AddStaffPage = lazy(() => import('../features/settings/staff-page').then((module) => ({ default: module.AddStaffPage })));
const RecoveryKeySettingsPage = lazy(() => import('../features/settings/recovery-key-page').then((module) => ({ default: module.RecoveryKeySettingsPage })));
const LettersRoutes = lazy(() => import('../features/letters/letters-routes').then((module) => ({ default: module.LettersRoutes })));
const ChangeSecretPage = lazy(() => import('../features/settings/change-secret-page').then((module) => ({ default: module.ChangeSecretPage })));
const AuthenticatorPage = lazy(() => import('../features/settings/authenticator-page').then((module) => ({ default: module.AuthenticatorPage })));
const LookUpPage = lazy(() => import('../features/lookup/look-up-page').then((module) => ({ default: module.LookUpPage })));
const LiaisonReviewPage = lazy(() => import('../features/liaison/liaison-review-page').then((module) => ({ default: module.LiaisonReviewPage })));
const AuditTrailPage = lazy(() => import('../features/audit-trail/audit-trail-page').then((module) => ({ default: module.AuditTrailPage })));
const BackupPage = lazy(() => import('../features/settings/backup-page').then((module) => ({ default: module.BackupPage })));
const HandBackPage = lazy(() => import('../features/settings/hand-back-page').then((module) => ({ default: module.HandBackPage })));
const DepartmentPage = lazy(() => import('../features/department/department-page').then((module) => ({ default: module.DepartmentPage })));
const DepartmentRecordPage = lazy(() => import('../features/sync/department-record-page').then((module) => ({ default: module.DepartmentRecordPage })));
const ComplianceAuditPage = lazy(() => import('../features/oversight/compliance-audit-page').then((module) => ({ default: module.ComplianceAuditPage })));

export interface RouteMatch {
  /** Which top-level area (for the header's current item and the update notice). */
  area: 'home' | 'assessment' | 'settings' | 'account' | 'not-found' | 'liaison';
  element: ReactNode;
}

/** Settings routes and the permission each needs. */
function settingsRoute(role: StaffRole, permission: Permission, element: ReactNode): RouteMatch {
  return { area: 'settings', element: may(role, permission) ? element : <NoAccessPage permission={permission} /> };
}

export function matchRoute(pathname: string, role: StaffRole): RouteMatch {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, ...rest] = segments;
  if (first === undefined) {
    return {
      area: 'home',
      element: (
        <HomePage
          notices={
            <>
              <UpdateNotice where="home" />
              <StorageHealthNotice />
              <BackupReminder />
            </>
          }
          oversight={<OversightLinks />}
        />
      ),
    };
  }
  // Letters read the record without opening it for editing, so they sit beside the assessment routes.
  if (first === 'assessments' && second && rest[0] === 'letters') return { area: 'assessment', element: <LettersRoutes key={second} attendanceId={second} rest={rest.slice(1)} /> };
  if (first === 'assessments' && second) return { area: 'assessment', element: <AssessmentRoutes key={second} id={second} rest={rest} /> };
  if (first === 'find-a-patient' && second === undefined) return { area: 'home', element: <LookUpPage /> };
  if (first === 'settings') {
    if (second === undefined) return settingsRoute(role, 'change-settings', <SettingsPage storageHealth={<StorageHealthSummary />} />);
    if (second === 'staff' && rest[0] === 'add' && rest.length === 1) return settingsRoute(role, 'manage-staff', <AddStaffPage />);
    if (second === 'staff' && rest.length === 0) return settingsRoute(role, 'view-staff-details', <StaffPage />);
    if (second === 'audit-trail' && rest.length === 0) return settingsRoute(role, 'view-audit-trail', <AuditTrailPage />);
    if (second === 'backup' && rest.length === 0) return settingsRoute(role, 'back-up-tablet', <BackupPage />);
    if (second === 'hand-back' && rest.length === 0) return settingsRoute(role, 'back-up-tablet', <HandBackPage forgetOfflineCopy={forgetOfflineCopy} />);
    if (second === 'recovery-key' && rest.length === 0) return settingsRoute(role, 'manage-staff', <RecoveryKeySettingsPage />);
    if (second === 'department' && rest.length === 0) return settingsRoute(role, 'share-with-department', <DepartmentPage />);
  }
  if (first === 'account' && second === 'pin' && rest.length === 0) return { area: 'account', element: <ChangeSecretPage /> };
  if (first === 'account' && second === 'authenticator' && rest.length === 0) return { area: 'account', element: <AuthenticatorPage /> };
  if (first === 'liaison' && second === undefined) {
    return { area: 'liaison', element: may(role, 'review-liaison-list') ? <LiaisonReviewPage /> : <NoAccessPage permission="review-liaison-list" /> };
  }
  if (first === 'oversight' && second === 'compliance-audit' && rest.length === 0) {
    return { area: 'home', element: may(role, 'view-compliance-audit') ? <ComplianceAuditPage /> : <NoAccessPage permission="view-compliance-audit" /> };
  }
  // An attendance another tablet of the department recorded (issue 14): read-only, anyone signed in, as the look-up lists it.
  if (first === 'department' && second === 'records' && rest.length === 1 && rest[0]) return { area: 'home', element: <DepartmentRecordPage key={rest[0]} id={rest[0]} /> };
  return { area: 'not-found', element: null };
}
