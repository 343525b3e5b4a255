/**
 * The department's audit chains as the audit trail page shows them to the nurse in charge
 * (issue 14; design docs/design/department-sync.md §6): every other tablet's chain held here,
 * checked now from its checkpoint, the newest event checked before, or from its anchor (chain-check.ts, without asking the server: the engine does that at unlock
 * and every few minutes), and how many of this tablet's own events the server holds.
 * Loaded on demand by the audit repository; undefined on a tablet that does not share.
 */
import type { StorageContext } from '../repositories/context';
import type { DepartmentChains } from '../repositories/types';
import type { Unlocked } from '../repositories/vault';
import { checkDepartmentChains } from './chain-check';
import { readEnrolment } from './enrolment-state';
import { foldAcknowledged } from './travel-audit';

export async function departmentChains(ctx: StorageContext, unlocked: Unlocked): Promise<DepartmentChains | undefined> {
  const enrolment = await readEnrolment(ctx.db);
  if (!enrolment) return undefined;
  const { mark } = await foldAcknowledged(ctx.db, enrolment.tabletId);
  const others = await checkDepartmentChains(ctx, unlocked, { whole: true });
  return { own: { tabletId: enrolment.tabletId, shared: mark.chainSeq }, others };
}
