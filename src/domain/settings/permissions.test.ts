import { describe, expect, it } from 'vitest';
import { staffRoleSchema } from '../assessment/staff-ref';
import { may, permissionRules, refusalMessage } from './permissions';
import type { Permission } from './permissions';

const permissions = Object.keys(permissionRules) as Permission[];

describe('permissions', () => {
  it('keep the audit trail, staff management and settings for the nurse in charge alone', () => {
    for (const permission of ['view-audit-trail', 'export-audit-trail', 'manage-staff', 'view-staff-details', 'change-settings'] as const) {
      expect(staffRoleSchema.options.filter((role) => may(role, permission))).toEqual(['nurse-in-charge']);
    }
  });

  it('open the compliance audit to the paediatric liaison nurse as well', () => {
    expect(staffRoleSchema.options.filter((role) => may(role, 'view-compliance-audit'))).toEqual(['nurse-in-charge', 'paediatric-liaison']);
  });

  it('allow nothing to nobody signed in', () => {
    expect(permissions.filter((permission) => may(undefined, permission))).toEqual([]);
  });

  it('say who can do it in the refusal', () => {
    expect(refusalMessage('manage-staff')).toBe('Only the nurse in charge can add or remove staff.');
    expect(refusalMessage('view-compliance-audit')).toBe('Only the nurse in charge or the paediatric liaison nurse can view the compliance audit.');
  });
});
