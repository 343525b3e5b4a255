/**
 * What each row of the liaison review list shows besides who and why (issue 12: "each entry
 * shows age, concern level, CP-IS result, screening flags, letter status"), read from the
 * sealed summary and the issued letters. Wording comes from the domain's own option lists
 * (concern levels, CP-IS answers, follow-ups, letter kinds), so the list says what the
 * assessment said. Loaded with the liaison page only (it imports those option lists).
 */
import type { AttendanceSummary, ScreenState } from '../assessment/attendance-summary-schema';
import { cpisOptions } from '../assessment/information-checks';
import { optionLabel } from '../assessment/fields';
import { letterKindLabels } from '../letters/kinds';
import type { LetterKind } from '../letters/kinds';
import { concernLevelLabels, concernLevels } from '../rules/concern-level';
import type { ConcernLevel } from '../rules/concern-level';
import { followUpDefinitions } from '../screening/follow-ups';

/** "Suspect", or "Not chosen" when the assessment has no level yet. */
export function concernLevelText(summary: Pick<AttendanceSummary, 'concernLevel'>): string {
  const level = summary.concernLevel;
  return level !== null && (concernLevels as readonly string[]).includes(level) ? concernLevelLabels[level as ConcernLevel] : 'Not chosen';
}

/** The CP-IS answer as the information checks word it; "Not recorded" when none (or not on the child pathway). */
export function cpisText(summary: Pick<AttendanceSummary, 'cpis' | 'ageYears'>): string {
  if (summary.cpis !== '') return optionLabel(cpisOptions, summary.cpis);
  return summary.ageYears !== null && summary.ageYears >= 18 ? 'Not applicable (adult)' : 'Not recorded';
}

const screenNames = {
  cse: 'Child sexual exploitation screen',
  crafft: 'Substance use screen',
  fraser: 'Fraser competence',
  fgm: 'FGM',
  selfHarm: 'Self-harm and mental health',
} as const;

const stateWords: Record<ScreenState, string | undefined> = {
  'not-started': 'not started',
  incomplete: 'not finished',
  asked: undefined,
  'not-asked': 'not asked',
  deferred: 'deferred',
  'not-offered': 'not offered (under 13)',
};

/**
 * The screening flags worth a reviewer's eye: each screen not asked, deferred or unfinished,
 * and the outcomes that prompt action. A screen asked with nothing to act on adds nothing.
 */
export function screeningFlags(summary: Pick<AttendanceSummary, 'screens'>): string[] {
  const flags: string[] = [];
  const { cse, crafft, fraser, fgm, selfHarm } = summary.screens;
  for (const [key, screen] of [['cse', cse], ['crafft', crafft], ['fraser', fraser], ['fgm', fgm], ['selfHarm', selfHarm]] as const) {
    const words = screen ? stateWords[screen.state] : undefined;
    if (words) flags.push(`${screenNames[key]}: ${words}`);
  }
  if (cse?.discussion) flags.push('Child sexual exploitation: discuss with the safeguarding lead');
  if (cse?.under13) flags.push('Sexual activity at 12 or under: referral mandatory');
  if (crafft?.positive) flags.push(crafft.score === null ? 'Substance use screen positive' : `Substance use screen positive (score ${String(crafft.score)})`);
  if (fraser?.result === 'not-competent') flags.push('Fraser: not competent');
  if (fraser?.powerImbalance) flags.push('Power imbalance with partner');
  if (fgm?.knownCase) flags.push('Known FGM');
  if (fgm?.atRisk) flags.push('At risk of FGM');
  if (selfHarm?.parentsInformed === 'no') flags.push('Parents or carers not informed');
  return flags;
}

/** What the liaison nurse reads for each open follow-up. */
export const followUpTexts = (summary: Pick<AttendanceSummary, 'followUps'>): string[] => summary.followUps.map((kind) => followUpDefinitions[kind].text);

export interface LetterState {
  kind: LetterKind;
  label: string;
  issued: boolean;
}

/**
 * What the card says of each letter. Another tablet's attendance (issue 14): its letters are
 * issued on that tablet, so this one knows only what that tablet's summary said when it last
 * shared (summary version 9, `lettersIssued`); an older summary, or one whose letters did not
 * open there, says nothing, and the card says "not known on this tablet", never "not issued".
 */
export function letterLines(summary: Pick<AttendanceSummary, 'letters' | 'sharedFrom' | 'lettersIssued'>, issued: ReadonlySet<LetterKind>): string[] {
  if (!summary.sharedFrom) return letterStates(summary, issued).map((letter) => `${letter.label}: ${letter.issued ? 'issued' : 'not issued'}`);
  const known = summary.lettersIssued;
  if (!known) return summary.letters.map((kind) => `${letterKindLabels[kind]}: not known on this tablet`);
  return letterStates(summary, new Set(known.kinds)).map((letter) => `${letter.label}: ${letter.issued ? 'issued' : 'not issued when that tablet last shared'}`);
}

/** Each letter the attendance needs, and whether it is issued. */
export function letterStates(summary: Pick<AttendanceSummary, 'letters'>, issued: ReadonlySet<LetterKind>): LetterState[] {
  return summary.letters.map((kind) => ({ kind, label: letterKindLabels[kind], issued: issued.has(kind) }));
}
