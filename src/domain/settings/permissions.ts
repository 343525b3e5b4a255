/**
 * Who may do what on this tablet: the one table of role permissions (PRODUCT.md section 7:
 * "Roles are enforced by storage, not only hidden in the interface"). The real and the fake
 * repositories refuse an act with the words below, and the app's routes show the same words
 * on a "You do not have access" page instead of the form or the data. Pure: no storage, no UI.
 *
 * Only the lock screen's list of names (to pick whose PIN is typed) is open to everyone, and
 * to nobody signed in: it holds names only, never roles or registration numbers.
 */
import type { StaffRole } from '../assessment/staff-ref';

export interface PermissionRule {
  /** The roles that may do it. */
  roles: readonly StaffRole[];
  /** What it is, finishing "Only the nurse in charge can …". */
  task: string;
  /** Why it is limited to those roles. */
  why: string;
}

export const permissionRules = {
  'view-audit-trail': {
    roles: ['nurse-in-charge'],
    task: 'view the audit trail',
    why: 'The trail names every member of staff and what they did, when, on which record; checking it is the device administrator\'s job (PRODUCT.md section 7: "Viewable and exportable by the nurse in charge").',
  },
  'export-audit-trail': {
    roles: ['nurse-in-charge'],
    task: 'export the audit trail',
    why: 'An export takes the whole trail off the tablet (PRODUCT.md section 2: the nurse in charge "exports and purges data").',
  },
  'acknowledge-audit-break': {
    roles: ['nurse-in-charge'],
    task: 'acknowledge a break in the audit trail',
    why: 'Acknowledging a break says the device administrator has seen that events were lost or changed and will look into it; it clears the notice on the home screen for everyone (PRODUCT.md section 7: the audit trail is "Viewable and exportable by the nurse in charge").',
  },
  'manage-staff': {
    roles: ['nurse-in-charge'],
    task: 'add or remove staff',
    why: 'Adding an account gives its holder a key to every record on the tablet; choosing who holds one is the device administrator\'s job (PRODUCT.md section 2: "Sets up the tablet, staff, local contacts").',
  },
  'view-staff-details': {
    roles: ['nurse-in-charge'],
    task: 'see staff accounts and registration numbers',
    why: "Roles, staff groups, agencies and professional registration numbers are colleagues' personal data, needed only by whoever manages the accounts (UK GDPR Article 5(1)(c), data minimisation).",
  },
  'change-settings': {
    roles: ['nurse-in-charge'],
    task: 'change settings',
    why: 'The idle lock, session limit and retention are security controls, and a wrong MASH or health visitor number sends a referral astray (PRODUCT.md section 7: settings are set by the nurse in charge).',
  },
  'view-compliance-audit': {
    roles: ['nurse-in-charge', 'paediatric-liaison'],
    task: 'view the compliance audit',
    why: 'The compliance audit is oversight: the paediatric liaison nurse and named nurse for safeguarding audit compliance as well as the nurse in charge (PRODUCT.md sections 2 and 6).',
  },
  'review-liaison-list': {
    roles: ['paediatric-liaison', 'nurse-in-charge'],
    task: 'see and record paediatric liaison reviews',
    why: 'The liaison review list gathers every child, every left and unsigned attendance and their follow-ups across the tablet: it is the safety net the paediatric liaison nurse works through, with the nurse in charge as cover (PRODUCT.md section 6; issue 12: role Paediatric liaison or Nurse in charge).',
  },
  'back-up-tablet': {
    roles: ['nurse-in-charge'],
    task: 'back up, restore or hand back the tablet',
    why: 'A backup takes every record off the tablet, a restore brings records onto it, and handing it back deletes them all (PRODUCT.md section 2: the nurse in charge "exports and purges data"; issue 13).',
  },
  'purge-records': {
    roles: ['nurse-in-charge'],
    task: 'remove records past the retention period',
    why: 'Removing records deletes patient data from the tablet after offering a backup (PRODUCT.md section 2: the nurse in charge "exports and purges data").',
  },
  'share-with-department': {
    roles: ['nurse-in-charge'],
    task: 'share this tablet with the department, add tablets or remove them',
    why: "Switching sharing on sends this tablet's sealed records to the department server, and an enrolment code gives a new tablet the key to every record and every staff account: an explicit, audited act of the device administrator (issue 14; PRODUCT.md section 8a).",
  },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof permissionRules;

const roleNames: Record<StaffRole, string> = {
  'triage-nurse': 'a triage nurse',
  'nurse-in-charge': 'the nurse in charge',
  'paediatric-liaison': 'the paediatric liaison nurse',
};

/** Whether someone in this role may do it. Nobody signed in may do nothing here. */
export function may(role: StaffRole | undefined, permission: Permission): boolean {
  if (role === undefined) return false;
  return (permissionRules[permission].roles as readonly StaffRole[]).includes(role);
}

/** Who can do it, in words: "the nurse in charge", "the nurse in charge or the paediatric liaison nurse". */
export function whoMay(permission: Permission): string {
  return permissionRules[permission].roles.map((role) => roleNames[role]).join(' or ');
}

/** The refusal, in plain words: "Only the nurse in charge can add or remove staff." */
export function refusalMessage(permission: Permission): string {
  const rule = permissionRules[permission];
  const who = whoMay(permission);
  return `Only ${who} can ${rule.task}.`;
}
