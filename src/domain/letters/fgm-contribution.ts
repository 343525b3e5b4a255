/**
 * The FGM questions in the letters (PRODUCT.md 4.6 and section 5; research §6.4; research §7.4
 * item 2 "FGM report made (yes/no, date)").
 *
 * Shared: that the questions were asked (or not recorded), and "none identified" when she said
 * No, no signs were seen and no risk was recorded. Restricted ('fgm'): a known case (how it
 * was identified, the type for the Enhanced Dataset, the police 101 report with who reported
 * it, when and the reference, the safeguarding lead), the at-risk factors and the FGM-IS step,
 * and any "Unsure" or "Not asked" answer. FGM is done by or with the knowledge of family, who
 * may read the GP letter, so the report itself is restricted by default; the nurse includes it
 * with a reason when the GP should have it. The MASH referral carries everything.
 */
import { optionLabel } from '../assessment/fields';
import { yesNoNotKnownOptions } from '../assessment/options';
import { formatDate, formatDateTime } from '../shared/dates';
import { isBlank } from '../shared/text';
import {
  atRiskFactorOptions,
  fgmApplies,
  fgmAskedOptions,
  fgmIdentifiedBy,
  fgmIsOptions,
  fgmKnownCase,
  fgmObservedOptions,
  fgmPolicePrompt,
  fgmQuestions,
  fgmTypeOptions,
  policeReportOptions,
  readReportAt,
} from '../screening/fgm';
import type { FgmDraft } from '../screening/fgm';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import type { LetterFacts } from './facts';
import type { LetterRow } from './model';
import { row } from './model';
import { SCREEN_NOT_RECORDED, screenContribution } from './screening-contribution-helpers';

export const FGM_KEY = 'Female genital mutilation (FGM) questions';

const nothingFound = (draft: FgmDraft): boolean => draft.asked === 'no' && (draft.observedSigns === 'no' || draft.observedSigns === 'not-examined') && (draft.atRisk === 'no' || draft.atRisk === '');

function policeLines(draft: FgmDraft, facts: LetterFacts): string[] {
  const lines = [optionLabel(policeReportOptions, draft.policeReport) || 'Not recorded'];
  if (!isBlank(draft.reportedBy)) lines.push(`By: ${draft.reportedBy.trim()}`);
  if (draft.policeReport === 'reported') {
    const at = readReportAt(draft);
    lines.push(`At: ${at ? formatDateTime(at) : 'Not recorded'}`, `Reference: ${draft.policeReference.trim() || 'Not recorded'}`);
    if (!isBlank(draft.officerName)) lines.push(`Officer: ${draft.officerName.trim()}`);
  } else if (draft.policeReport !== 'reported-by-colleague') {
    const prompt = fgmPolicePrompt(draft, facts.ctx, facts.settings.mashHours.bankHolidays);
    if (prompt) lines.push(`Due by the end of ${formatDate(prompt.deadline.date)}`);
  }
  return lines;
}

function detailRows(draft: FgmDraft, facts: LetterFacts): LetterRow[] {
  const out: LetterRow[] = [];
  out.push(row(fgmQuestions.asked.label, ...(draft.asked === 'not-asked' && !isBlank(draft.notAskedReason) ? [optionLabel(fgmAskedOptions, draft.asked), draft.notAskedReason.trim()] : [optionLabel(fgmAskedOptions, draft.asked) || 'Not recorded'])));
  out.push(row(fgmQuestions.observedSigns.label, optionLabel(fgmObservedOptions, draft.observedSigns) || 'Not recorded'));
  if (fgmKnownCase(draft)) {
    const by = fgmIdentifiedBy(draft).map((how) => (how === 'disclosure' ? 'she said it was done' : 'physical signs seen'));
    out.push(row('Known FGM in a girl under 18', `Identified by: ${by.join(' and ')}`));
    out.push(row(fgmQuestions.fgmType.label, optionLabel(fgmTypeOptions, draft.fgmType) || 'Not recorded'));
    out.push(row(fgmQuestions.policeReport.label, ...policeLines(draft, facts)));
    out.push(row(fgmQuestions.safeguardingLead.label, draft.safeguardingLeadInformed.trim() || 'Not recorded'));
    return out;
  }
  if (draft.atRisk !== '') {
    const factors = draft.atRisk === 'yes' ? draft.atRiskFactors.map((factor) => (factor === 'other' ? `Other: ${draft.atRiskDetails.trim() || 'not described'}` : optionLabel(atRiskFactorOptions, factor))) : [];
    out.push(row(fgmQuestions.atRisk.label, optionLabel(yesNoNotKnownOptions, draft.atRisk), ...factors));
  }
  if (draft.atRisk === 'yes') out.push(row(fgmQuestions.fgmIs.label, ...(draft.fgmIs === 'not-done' && !isBlank(draft.fgmIsNotDoneReason) ? [optionLabel(fgmIsOptions, draft.fgmIs), draft.fgmIsNotDoneReason.trim()] : [optionLabel(fgmIsOptions, draft.fgmIs) || 'Not recorded'])));
  return out;
}

export function fgmContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  const draft = facts.answers.fgm;
  if (!facts.ctx.pathway.child || !fgmApplies(facts.ctx, draft)) return undefined;
  if (draft.asked === '' && draft.observedSigns === '') return screenContribution({ shared: [row(FGM_KEY, SCREEN_NOT_RECORDED)], restricted: [], category: 'fgm' });
  if (nothingFound(draft)) return screenContribution({ shared: [row(FGM_KEY, 'Asked: no FGM identified and no risk recorded')], restricted: [], category: 'fgm' });
  return screenContribution({ shared: [row(FGM_KEY, draft.asked === 'not-asked' ? 'Not asked' : 'Asked')], restricted: detailRows(draft, facts), category: 'fgm' });
}

export const fgmContributor: SafeguardingContributor = { id: 'fgm', contribute: fgmContribution };
