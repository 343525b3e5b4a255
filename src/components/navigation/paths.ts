/**
 * Every path in the app, built in one place so links and the route table agree.
 * Ids are opaque (random), never patient identifiers, so URLs and history hold no
 * personal data.
 */
export const paths = {
  home: () => '/',
  assessment: (id: string) => `/assessments/${encodeURIComponent(id)}`,
  /** Where the nurse left off (page and field), or the task list. */
  resume: (id: string) => `/assessments/${encodeURIComponent(id)}/resume`,
  section: (id: string, slug: string) => `/assessments/${encodeURIComponent(id)}/${slug}`,
  checkAnswers: (id: string) => `/assessments/${encodeURIComponent(id)}/check-answers`,
  sign: (id: string) => `/assessments/${encodeURIComponent(id)}/sign`,
  record: (id: string) => `/assessments/${encodeURIComponent(id)}/record`,
  addendum: (id: string) => `/assessments/${encodeURIComponent(id)}/addendum`,
  letters: (id: string) => `/assessments/${encodeURIComponent(id)}/letters`,
  /**
   * Preparing one letter, named by an opaque token (LetterRepository.routeToken), never its
   * kind or child: addresses stay in the browser's History and session files (issue 11).
   */
  letter: (id: string, token: string) => `/assessments/${encodeURIComponent(id)}/letters/write/${encodeURIComponent(token)}`,
  /** An issued version: read, print, download. */
  issuedLetter: (id: string, letterId: string) => `/assessments/${encodeURIComponent(id)}/letters/issued/${encodeURIComponent(letterId)}`,
  /** Changing one section of a signed record as an addendum. */
  addendumSection: (id: string, slug: string) => `/assessments/${encodeURIComponent(id)}/addendum/${slug}`,
  settings: () => '/settings',
  staff: () => '/settings/staff',
  addStaff: () => '/settings/staff/add',
  auditTrail: () => '/settings/audit-trail',
  /** Issuing a new recovery key (issue 11): the nurse in charge only. */
  recoveryKey: () => '/settings/recovery-key',
  /** Changing your own PIN or passphrase: anyone signed in. */
  changeSecret: () => '/account/pin',
  /** Adding or removing the optional hardware-bound factor (issue 11): anyone signed in, where the tablet has one. */
  authenticator: () => '/account/authenticator',
  /** Patient look-up: earlier attendances by NHS number, or last name and date of birth. */
  lookUp: () => '/find-a-patient',
  /** The paediatric liaison review list (paediatric liaison nurse, nurse in charge). */
  liaison: () => '/liaison',
  /** The compliance audit (nurse in charge and paediatric liaison). */
  complianceAudit: () => '/oversight/compliance-audit',
  /** Making an encrypted backup and restoring one onto this tablet (nurse in charge). */
  backup: () => '/settings/backup',
  /** Handing the tablet back: deleting everything on it (nurse in charge). */
  handBack: () => '/settings/hand-back',
  /** On the first-run set-up screen: restoring a backup onto this new tablet. */
  restoreFromBackup: () => '/restore-from-backup',
  /** Department sharing (issue 14): switching it on, adding a tablet by code, the tablets list (nurse in charge). */
  department: () => '/settings/department',
  /** On the first-run set-up screen: joining a department with an enrolment code. */
  joinDepartment: () => '/join-a-department',
  /** An attendance another tablet of the department recorded, read-only (issue 14). */
  departmentRecord: (id: string) => `/department/records/${encodeURIComponent(id)}`,
} as const;
