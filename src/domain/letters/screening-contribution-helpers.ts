/**
 * What the young-person screening contributors share: the key every screen's first row uses,
 * the wording for a screen that applies but was not recorded, and building a contribution from
 * the public and restricted rows.
 *
 * The pattern every screen follows (docs/clinical-safety/restricted-content.md): one public row
 * that says whether the screen was asked and, when nothing was found, that nothing was found;
 * the details in a block marked with the screen's restricted category, so the GP and health
 * visitor / school nurse letters leave them out by default and the MASH referral carries them
 * (PRODUCT.md section 5). A screen with nothing found adds no restricted block: recording a
 * clear screen never restricts the child's own account (facts.ts accountsRestricted).
 */
import type { SafeguardingContribution } from './contributions';
import type { LetterBlock, LetterRow, RestrictedCategory } from './model';
import { rows } from './model';

/** Said for a screen that applies to this young person but has nothing recorded (a record signed before the screen existed). */
export const SCREEN_NOT_RECORDED = 'Not recorded in this assessment';

export interface ScreenRows {
  /** Rows that go to every letter. */
  shared: readonly LetterRow[];
  /** Rows left out of the GP and health visitor / school nurse letters by default. */
  restricted: readonly LetterRow[];
  category: RestrictedCategory;
  gpRequests?: readonly string[];
  nurseRequests?: readonly string[];
}

/** The contribution for a screen: the shared rows, then the restricted rows marked, then the requests. */
export function screenContribution(screen: ScreenRows): SafeguardingContribution {
  const blocks: LetterBlock[] = [];
  const shared = screen.shared.filter((entry) => entry.value.length > 0);
  const restricted = screen.restricted.filter((entry) => entry.value.length > 0);
  if (shared.length) blocks.push(rows(shared));
  if (restricted.length) blocks.push(rows(restricted, screen.category));
  return { blocks, gpRequests: [...(screen.gpRequests ?? [])], nurseRequests: [...(screen.nurseRequests ?? [])] };
}
