/**
 * The domestic abuse and AUDIT-C screens as assessment sections: their Check answers rows
 * (also the signed record view), and the record facts their validation reads from elsewhere
 * (whether the patient needs an interpreter).
 *
 * Owns: which rows each screen shows, the wording of answers in those rows (the option labels
 * and question wording of domestic-abuse.ts and audit-c.ts), and the field each row's Change
 * link focuses. No rule lives here: relevance, risk and validation are the screen modules'.
 *
 * Letters: every domestic abuse row is restricted content ('domestic-abuse', PRODUCT.md
 * section 5); letters/domestic-abuse-contribution.ts marks it. The AUDIT-C result is a
 * clinical fact for the GP.
 */
import type { AssessmentContext } from '../assessment/context';
import { optionLabel } from '../assessment/fields';
import type { Answers } from '../assessment/record';
import type { SummaryRow } from '../assessment/summary';
import { NOT_PROVIDED } from '../assessment/summary';
import { formatDate, parseDateParts } from '../shared/dates';
import { isBlank } from '../shared/text';
import {
  alcoholInvolved,
  alcoholInvolvedOptions,
  alcoholQuestionAsked,
  auditCApplies,
  auditCItems,
  auditCQuestions,
  auditCResult,
  briefAdviceOptions,
  itemScore,
} from './audit-c';
import type { DomesticAbuseFacts } from './domestic-abuse';
import {
  childReferralOptions,
  childrenPromptApplies,
  dashOptions,
  domesticAbuseApplies,
  domesticAbuseIndicators,
  domesticAbuseQuestions,
  enquiryOptions,
  highRisk,
  highRiskBasis,
  idvaOptions,
  indicatorsFromReason,
  indicatorsPresent,
  interpreterUsedOptions,
  judgementReasonOptions,
  maracReferralOptions,
  readDashCount,
  sharingBasisOptions,
  wasAsked,
  yesNoNotKnownOptions,
  yesNoOptions,
} from './domestic-abuse';

const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);
const choice = (label: string): string[] => (label === '' ? [NOT_PROVIDED] : [label]);
const withDetail = (label: string, detail: string): string[] => (label === '' ? [NOT_PROVIDED] : isBlank(detail) ? [label] : [label, detail.trim()]);

/** The facts the domestic abuse validation reads from the patient page. */
export const domesticAbuseFactsFromAnswers = (answers: Answers): DomesticAbuseFacts => ({ needsInterpreter: answers.patient.interpreterNeeded === 'yes' });

const indicatorLabel = (id: string): string => domesticAbuseIndicators.find((indicator) => indicator.id === id)?.label ?? id;

export function summariseDomesticAbuse(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!domesticAbuseApplies(ctx)) return [];
  const d = answers.domesticAbuse;
  const q = domesticAbuseQuestions;
  const present = indicatorsPresent(d, ctx);
  const fromReason = indicatorsFromReason(ctx);
  const indicatorLines = present.map((id) => (fromReason.includes(id) ? `${indicatorLabel(id)} (the reason for attendance)` : indicatorLabel(id)));
  const rows: SummaryRow[] = [
    { key: q.indicators.label, value: indicatorLines.length ? indicatorLines : d.indicators.includes('none') ? ['None of these'] : [NOT_PROVIDED], field: 'indicators' },
  ];
  if (present.length === 0 && d.enquiry === '') return rows;
  const enquiryDetail = d.enquiry === 'not-safe' ? d.notSafeReason : d.enquiry === 'not-asked' ? d.notAskedReason : '';
  rows.push({ key: q.enquiry.label, value: withDetail(optionLabel(enquiryOptions, d.enquiry), enquiryDetail), field: 'enquiry' });
  if (wasAsked(d)) rows.push({ key: q.interpreterUsed.label, value: choice(optionLabel(interpreterUsedOptions, d.interpreterUsed)), field: 'interpreterUsed' });
  if (d.enquiry !== 'disclosed') return rows;

  const count = readDashCount(d.dashYesCount);
  const dashValue =
    d.dash === 'completed'
      ? [`${q.dash.countLabel}: ${count.ok ? String(count.value) : d.dashYesCount.trim() || NOT_PROVIDED}`]
      : withDetail(optionLabel(dashOptions, d.dash), d.dash === 'not-completed' ? d.dashNotCompletedReason : '');
  rows.push({ key: q.dash.label, value: dashValue, field: d.dash === 'completed' ? 'dashYesCount' : 'dash' });
  const judgement = [optionLabel(yesNoOptions, d.judgementHighRisk) || NOT_PROVIDED];
  if (d.judgementHighRisk === 'yes') {
    for (const reason of d.judgementReasons) judgement.push(reason === 'other' ? `Other: ${d.judgementDetails.trim() || NOT_PROVIDED}` : optionLabel(judgementReasonOptions, reason));
  }
  rows.push({ key: q.judgement.label, value: judgement, field: 'judgementHighRisk' });

  const basis = highRiskBasis(d, ctx);
  rows.push({
    key: 'Risk',
    value: basis.length
      ? [`High risk: ${basis.map((entry) => (entry === 'dash-count' ? q.highRisk.byCount : q.highRisk.byJudgement)).join(' and ')}`]
      : ['Not high risk on the DASH count or professional judgement'],
    field: 'judgementHighRisk',
  });
  if (highRisk(d, ctx)) {
    const marac = [optionLabel(maracReferralOptions, d.maracReferral) || NOT_PROVIDED];
    if (d.maracReferral === 'made') {
      const date = parseDateParts(d.maracReferralDate);
      marac.push(`Date: ${date.ok ? formatDate(date.value) : NOT_PROVIDED}`, `By: ${d.maracReferredBy.trim() || NOT_PROVIDED}`);
      if (!isBlank(d.maracReference)) marac.push(`Reference: ${d.maracReference.trim()}`);
    } else if (d.maracReferral === 'passed-on') marac.push(d.maracPassedTo.trim() || NOT_PROVIDED);
    else if (d.maracReferral === 'not-made') marac.push(d.maracNotMadeReason.trim() || NOT_PROVIDED);
    rows.push({ key: q.marac.label, value: marac, field: 'maracReferral' });
  }
  rows.push({ key: q.idva.label, value: withDetail(optionLabel(idvaOptions, d.idvaReferral), d.idvaReferral === 'not-offered' ? d.idvaNotOfferedReason : ''), field: 'idvaReferral' });
  if (d.sharingBasis !== '') {
    rows.push({ key: q.sharingBasis.label, value: withDetail(optionLabel(sharingBasisOptions, d.sharingBasis), d.sharingBasis === 'without-consent' ? d.sharingLegalBasis : ''), field: 'sharingBasis' });
  }
  rows.push({ key: q.safeContact.numberLabel, value: line(d.safeContactNumber), field: 'safeContactNumber' });
  rows.push({ key: q.safeContact.timeLabel, value: line(d.safeContactTime), field: 'safeContactTime' });
  rows.push({ key: q.immediateDanger.label, value: withDetail(optionLabel(yesNoOptions, d.immediateDanger), d.immediateDanger === 'yes' ? d.policeDetails : ''), field: 'immediateDanger' });
  rows.push({ key: q.children.childrenLabel, value: choice(optionLabel(yesNoNotKnownOptions, d.childrenInHousehold)), field: 'childrenInHousehold' });
  rows.push({ key: q.children.pregnantLabel, value: choice(optionLabel(yesNoNotKnownOptions, d.pregnant)), field: 'pregnant' });
  if (childrenPromptApplies(d, ctx)) {
    const detail = d.childReferral === 'made' ? d.childReferralDetails : d.childReferral === 'not-made' ? d.childReferralNotMadeReason : '';
    rows.push({ key: q.children.referralLabel, value: withDetail(optionLabel(childReferralOptions, d.childReferral), detail), field: 'childReferral' });
  }
  return rows;
}

export function summariseAuditC(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!auditCApplies(ctx)) return [];
  const a = answers.auditC;
  const q = auditCQuestions;
  const rows: SummaryRow[] = [];
  if (alcoholQuestionAsked(ctx)) rows.push({ key: q.alcoholInvolved.label, value: choice(optionLabel(alcoholInvolvedOptions, a.alcoholInvolved)), field: 'alcoholInvolved' });
  if (!alcoholInvolved(a, ctx)) return rows;
  if (a.notAsked) {
    rows.push({ key: q.notAsked.label, value: line(a.notAskedReason), field: 'notAsked' });
    return rows;
  }
  for (const item of auditCItems) {
    const label = optionLabel(item.options, a[item.id]);
    const score = itemScore(item, a[item.id]);
    rows.push({ key: item.label, value: label === '' || score === undefined ? [NOT_PROVIDED] : [`${label} (scores ${String(score)})`], field: item.id });
  }
  const result = auditCResult(a, ctx);
  rows.push({
    key: q.score.label,
    value: result ? [`${String(result.score)} out of 12`, result.positive ? q.score.positive : q.score.negative] : [NOT_PROVIDED],
    field: auditCItems[0].id,
  });
  if (result?.positive === true || a.briefAdvice !== '') {
    rows.push({ key: q.briefAdvice.label, value: withDetail(optionLabel(briefAdviceOptions, a.briefAdvice), a.briefAdvice === 'not-given' ? a.briefAdviceNotGivenReason : ''), field: 'briefAdvice' });
  }
  return rows;
}
