/**
 * The department repository as the app wires it (create-repositories.ts): `state` at once
 * (the settings page and the header read it), the rest loaded on first use, so the lock
 * screen's first load carries none of the enrolment code (PRODUCT.md section 10: first load).
 */
import { liveQuery } from 'dexie';
import type { StorageContext } from '../repositories/context';
import type { DepartmentRepository, DepartmentState, LiveValue } from '../repositories/types';
import { readEnrolment } from './enrolment-state';
import type { ApiOptions } from './http';

export function lazyDepartmentRepository(ctx: StorageContext, api: Pick<ApiOptions, 'fetch' | 'origin'> = {}): DepartmentRepository {
  let loaded: Promise<DepartmentRepository> | undefined;
  const real = () => (loaded ??= import('./department-repository').then(({ RealDepartmentRepository }) => new RealDepartmentRepository(ctx, api)));
  return {
    state: (): LiveValue<DepartmentState | undefined> =>
      liveQuery(async () => {
        const enrolment = await readEnrolment(ctx.db);
        return enrolment ? { departmentId: enrolment.departmentId, tabletId: enrolment.tabletId, enrolledAt: enrolment.enrolledAt, ...(enrolment.revokedAt ? { revokedAt: enrolment.revokedAt } : {}) } : undefined;
      }),
    switchSharingOn: async () => (await real()).switchSharingOn(),
    makeEnrolmentCode: async () => (await real()).makeEnrolmentCode(),
    join: async (code) => (await real()).join(code),
    listTablets: async () => (await real()).listTablets(),
    revokeTablet: async (tabletId) => (await real()).revokeTablet(tabletId),
    leave: async () => (await real()).leave(),
    joinWithRecords: async (code) => (await real()).joinWithRecords(code),
    joinedWithRecords: async () => (await real()).joinedWithRecords(),
    rekey: async () => (await real()).rekey(),
  };
}
