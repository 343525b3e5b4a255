/**
 * The Fraser, FGM and self-harm screens as assessment sections: their Check answers rows
 * (also the signed record view), and the one fact the Fraser page reads from elsewhere
 * (whether a safeguarding concern requires sharing with the GP).
 *
 * Owns: which rows each screen shows, the wording of answers in those rows (the option labels
 * and question wording of fraser.ts, fgm.ts and self-harm.ts), and the field each row's Change
 * link focuses. No rule lives here: relevance and validation are the screen modules'.
 *
 * Letters: every row here is restricted content (PRODUCT.md section 5, Fraser and FGM; the
 * self-harm details follow the letters' own rules). The letters compose their own prose.
 */
import type { AssessmentContext } from '../assessment/context';
import { optionLabel } from '../assessment/fields';
import { yesNoNotKnownOptions } from '../assessment/options';
import type { Answers } from '../assessment/record';
import type { SummaryRow } from '../assessment/summary';
import { NOT_PROVIDED } from '../assessment/summary';
import { formatDate, formatDateTime, parseDateParts } from '../shared/dates';
import { isBlank } from '../shared/text';
import {
  atRiskFactorOptions,
  fgmApplies,
  fgmAskedOptions,
  fgmIsOptions,
  fgmKnownCase,
  fgmObservedOptions,
  fgmQuestions,
  fgmTypeOptions,
  policeReportOptions,
  readReportAt,
} from './fgm';
import { criterionOptions, fraserAvailability, fraserCriteria, fraserQuestions, parentInvolvementOptions, sharingViewOptions } from './fraser';
import {
  camhsOptions,
  overdoseOptions,
  parentsInformedOptions,
  parentsNotInformedReasonOptions,
  readOverdoseAt,
  schoolNurseInformedOptions,
  selfHarmApplies,
  selfHarmQuestions,
  staggeredOptions,
  withYoungPersonOptions,
} from './self-harm';

const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);
const choice = (label: string): string[] => (label === '' ? [NOT_PROVIDED] : [label]);
const withDetail = (label: string, detail: string): string[] => (label === '' ? [NOT_PROVIDED] : isBlank(detail) ? [label] : [label, detail.trim()]);

/**
 * A safeguarding concern that means the GP is told even when a Fraser-competent young person
 * declines (fraser.ts gpSharingDecision): the nurse's concern level on the outcome page is
 * Consider or Suspect (NICE CG89 levels, PRODUCT.md 4.9).
 */
export const fraserSafeguardingConcern = (answers: Answers): boolean => answers.outcome.concernLevel === 'consider' || answers.outcome.concernLevel === 'suspect';

export function summariseFraser(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  const availability = fraserAvailability(ctx);
  if (availability === 'not-applicable') return [];
  if (availability === 'under-13-not-available') {
    return [{ key: fraserQuestions.title, value: [fraserQuestions.under13], field: `criteria.${fraserCriteria[0].id}.answer` }];
  }
  const f = answers.fraser;
  const rows: SummaryRow[] = fraserCriteria.map((criterion) => ({
    key: criterion.label,
    value: withDetail(optionLabel(criterionOptions, f.criteria[criterion.id].answer), f.criteria[criterion.id].reason),
    field: `criteria.${criterion.id}.answer`,
  }));
  rows.push({
    key: fraserQuestions.parentInvolvement.label,
    value: withDetail(optionLabel(parentInvolvementOptions, f.parentInvolvement), f.parentInvolvement === 'not-appropriate' ? f.parentInvolvementReason : ''),
    field: 'parentInvolvement',
  });
  rows.push({ key: fraserQuestions.partnerAge.label, value: f.partnerAgeNotKnown ? [fraserQuestions.partnerAge.notKnown] : line(f.partnerAge), field: 'partnerAge' });
  rows.push({
    key: fraserQuestions.powerImbalance.label,
    value: withDetail(optionLabel(yesNoNotKnownOptions, f.powerImbalance), f.powerImbalance === 'yes' ? f.powerImbalanceDetails : ''),
    field: 'powerImbalance',
  });
  rows.push({
    key: fraserQuestions.gpSharing.label,
    value: withDetail(optionLabel(sharingViewOptions, f.gpSharing), f.gpSharing === 'not-asked' ? f.gpSharingNotAskedReason : ''),
    field: 'gpSharing',
  });
  if (f.gpSharing === 'declines' && fraserSafeguardingConcern(answers)) {
    rows.push({ key: fraserQuestions.gpSharingOverride.label, value: line(f.gpSharingOverrideReason), field: 'gpSharingOverrideReason' });
  }
  rows.push({
    key: fraserQuestions.parentSharing.label,
    value: withDetail(optionLabel(sharingViewOptions, f.parentSharing), f.parentSharing === 'not-asked' ? f.parentSharingNotAskedReason : ''),
    field: 'parentSharing',
  });
  return rows;
}

export function summariseFgm(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  const f = answers.fgm;
  if (!fgmApplies(ctx, f)) return [];
  const rows: SummaryRow[] = [
    { key: fgmQuestions.asked.label, value: withDetail(optionLabel(fgmAskedOptions, f.asked), f.asked === 'not-asked' ? f.notAskedReason : ''), field: 'asked' },
    { key: fgmQuestions.observedSigns.label, value: choice(optionLabel(fgmObservedOptions, f.observedSigns)), field: 'observedSigns' },
  ];
  if (fgmKnownCase(f)) {
    rows.push({ key: fgmQuestions.fgmType.label, value: choice(optionLabel(fgmTypeOptions, f.fgmType)), field: 'fgmType' });
    const reportedAt = readReportAt(f);
    const report = [optionLabel(policeReportOptions, f.policeReport) || NOT_PROVIDED];
    if (!isBlank(f.reportedBy)) report.push(`By: ${f.reportedBy.trim()}`);
    if (f.policeReport === 'reported') {
      report.push(`At: ${reportedAt ? formatDateTime(reportedAt) : NOT_PROVIDED}`);
      report.push(`Reference: ${f.policeReference.trim() || NOT_PROVIDED}`);
      if (!isBlank(f.officerName)) report.push(`Officer: ${f.officerName.trim()}`);
    }
    rows.push({ key: fgmQuestions.policeReport.label, value: report, field: 'policeReport' });
    rows.push({ key: fgmQuestions.safeguardingLead.label, value: line(f.safeguardingLeadInformed), field: 'safeguardingLeadInformed' });
    return rows;
  }
  if (f.asked === '' || f.observedSigns === '') return rows;
  const atRisk = [optionLabel(yesNoNotKnownOptions, f.atRisk) || NOT_PROVIDED];
  if (f.atRisk === 'yes') {
    for (const factor of f.atRiskFactors) atRisk.push(factor === 'other' ? `Other: ${f.atRiskDetails.trim() || NOT_PROVIDED}` : optionLabel(atRiskFactorOptions, factor));
  }
  rows.push({ key: fgmQuestions.atRisk.label, value: atRisk, field: 'atRisk' });
  if (f.atRisk === 'yes') {
    rows.push({ key: fgmQuestions.fgmIs.label, value: withDetail(optionLabel(fgmIsOptions, f.fgmIs), f.fgmIs === 'not-done' ? f.fgmIsNotDoneReason : ''), field: 'fgmIs' });
  }
  return rows;
}

export function summariseSelfHarm(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!selfHarmApplies(ctx)) return [];
  const s = answers.selfHarm;
  const q = selfHarmQuestions;
  const withValue =
    s.withYoungPerson === 'someone'
      ? [`${s.withName.trim() || NOT_PROVIDED} (${s.withRelationship.trim() || NOT_PROVIDED})`, `${q.withYoungPerson.prLabel} ${optionLabel(yesNoNotKnownOptions, s.withPR) || NOT_PROVIDED}`]
      : choice(optionLabel(withYoungPersonOptions, s.withYoungPerson));
  const rows: SummaryRow[] = [{ key: q.withYoungPerson.label, value: withValue, field: 'withYoungPerson' }];
  const notInformed = s.parentsNotInformedReason === 'other' ? s.parentsNotInformedDetails : optionLabel(parentsNotInformedReasonOptions, s.parentsNotInformedReason);
  rows.push({
    key: q.parentsInformed.label,
    value: s.parentsInformed === 'no' ? ['No', isBlank(notInformed) ? NOT_PROVIDED : notInformed.trim()] : choice(optionLabel(parentsInformedOptions, s.parentsInformed)),
    field: 'parentsInformed',
  });
  if (s.overdose === 'yes') {
    const date = parseDateParts(s.overdoseDate);
    const at = readOverdoseAt(s);
    const when = s.overdoseTimeNotKnown ? (date.ok ? `${formatDate(date.value)}, ${q.overdose.timeNotKnown.toLowerCase()}` : q.overdose.timeNotKnown) : at ? formatDateTime(at) : NOT_PROVIDED;
    rows.push({
      key: q.overdose.label,
      value: ['Yes', `${q.overdose.substancesLabel} ${s.overdoseSubstances.trim() || NOT_PROVIDED}`, `Taken: ${when}`, `${q.overdose.staggeredLabel} ${optionLabel(staggeredOptions, s.staggered) || NOT_PROVIDED}`],
      field: 'overdose',
    });
  } else {
    rows.push({ key: q.overdose.label, value: choice(optionLabel(overdoseOptions, s.overdose)), field: 'overdose' });
  }
  rows.push({ key: q.accessToMeans.label, value: line(s.accessToMeans), field: 'accessToMeans' });
  if (!isBlank(s.meansReductionPlan)) rows.push({ key: q.accessToMeans.planLabel, value: line(s.meansReductionPlan), field: 'meansReductionPlan' });
  rows.push({ key: q.camhs.label, value: choice(optionLabel(camhsOptions, s.camhs)), field: 'camhs' });
  rows.push({ key: q.safetyPlan.label, value: isBlank(s.safetyPlan) ? [NOT_PROVIDED] : [s.safetyPlan.trim(), `Held by: ${s.safetyPlanHolder.trim() || NOT_PROVIDED}`], field: 'safetyPlan' });
  rows.push({
    key: q.safeDischarge.responsibleAdultLabel,
    value: !isBlank(s.responsibleAdultName)
      ? [`${s.responsibleAdultName.trim()}${isBlank(s.responsibleAdultRelationship) ? '' : ` (${s.responsibleAdultRelationship.trim()})`}`]
      : !isBlank(s.noResponsibleAdultReason)
        ? [`None named: ${s.noResponsibleAdultReason.trim()}`, `Agreed by: ${s.noResponsibleAdultAgreedBy.trim() || NOT_PROVIDED}`]
        : [NOT_PROVIDED],
    field: 'responsibleAdultName',
  });
  rows.push({
    key: q.safeDischarge.followUpLabel,
    value: withDetail(optionLabel(parentsInformedOptions, s.followUpBooked), s.followUpBooked === 'yes' ? s.followUpDetails : ''),
    field: 'followUpBooked',
  });
  rows.push({ key: q.safeDischarge.schoolNurseLabel, value: choice(optionLabel(schoolNurseInformedOptions, s.schoolNurseInformed)), field: 'schoolNurseInformed' });
  return rows;
}
