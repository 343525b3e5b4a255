/**
 * Check-answers rows for the child safeguarding sections: information checks (4.4),
 * safeguarding prompts (4.5) and outcome and actions (4.9). Same shape and conventions as
 * summary.ts: each relevant question as a short statement, the answer as text lines, and the
 * form path its Change link focuses.
 */
import { formatDateTime, parseDateParts, parseTimeOfDay, formatDate } from '../shared/dates';
import type { DateParts } from '../shared/dates';
import { isBlank } from '../shared/text';
import { carerChildInteractionOptions, independentlyMobileOptions, mobilityConfirmationOptions, niceLevelLabels } from '../rules/nice-alerting-features';
import type { AssessmentContext } from './context';
import { optionLabel } from './fields';
import { cpisOptions, hvOrSchoolNurseApplies, hvOrSchoolNurseLabel, informationChecksApply, informationChecksQuestions, openCaseApplies, openCaseOptions, readPreviousAttendances, reportedFrequentAttendance, socialCareOptions } from './information-checks';
import { yesNoOptions } from './options';
import type { OutcomeDraft } from './outcome';
import {
  concernLevelOptions,
  exclusionSeniorRoleOptions,
  notifyLabel,
  emergencyDutyTeamQuestionApplies,
  notifyApplies,
  outcomeApplies,
  outcomeQuestions,
  policeApplies,
  readDiscussedAt,
  readExclusionAgreedAt,
  readReferralMadeAt,
  readReferralPlannedAt,
  referralApplies,
  safeToGoHomeApplies,
  safeToGoHomeOptions,
} from './outcome';
import type { Answers } from './record';
import {
  effectiveAlertingFeatures,
  explanationField,
  householdRiskOptions,
  keepField,
  mobilityAsked,
  mobilityConfirmationAsked,
  NO_ALERTING_FEATURES,
  noLongerApplicableFeatures,
  safeguardingApplies,
  safeguardingQuestions,
  underThirteenQuestionApplies,
} from './safeguarding-prompts';
import type { SummaryRow } from './summary';
import { NOT_PROVIDED } from './summary';

const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);

/** A date-and-time answer as text: "3 March 2026 at 14:05", or what was typed when incomplete. */
function dateTimeText(at: string | undefined, date: DateParts, time: string): string {
  if (at) return formatDateTime(at);
  const parsed = parseDateParts(date);
  const parsedTime = parseTimeOfDay(time);
  if (parsed.ok) return parsedTime ? `${formatDate(parsed.value)} at ${parsedTime}` : formatDate(parsed.value);
  return NOT_PROVIDED;
}

export function summariseInformationChecks(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!informationChecksApply(ctx)) return [];
  const d = answers.informationChecks;
  const rows: SummaryRow[] = [];
  rows.push({
    key: 'CP-IS check',
    value: d.cpis === 'not-checked-other' ? [`Not checked: ${d.cpisOtherReason.trim() || NOT_PROVIDED}`] : line(optionLabel(cpisOptions, d.cpis)),
    field: d.cpis === 'not-checked-other' ? 'cpisOtherReason' : 'cpis',
  });
  const socialCare = [optionLabel(socialCareOptions, d.socialCare) || NOT_PROVIDED];
  if (d.socialCare === 'yes') {
    if (!isBlank(d.socialWorkerName)) socialCare.push(`Social worker: ${d.socialWorkerName.trim()}`);
    if (!isBlank(d.socialWorkerTeam)) socialCare.push(`Team: ${d.socialWorkerTeam.trim()}`);
    if (!isBlank(d.socialWorkerPhone)) socialCare.push(`Phone: ${d.socialWorkerPhone.trim()}`);
  }
  if (openCaseApplies(d) && d.openCase !== '') socialCare.push(`Open case now: ${optionLabel(openCaseOptions, d.openCase)}`);
  rows.push({ key: "Known to children's social care", value: socialCare, field: 'socialCare' });
  const count = readPreviousAttendances(d);
  const attendances = d.previousAttendancesNotKnown ? [informationChecksQuestions.previousAttendances.notKnown] : count === undefined ? line(d.previousAttendances) : [String(count)];
  if (reportedFrequentAttendance(d)) attendances.push('3 or more attendances in 12 months, including this one');
  rows.push({ key: informationChecksQuestions.previousAttendances.label, value: attendances, field: 'previousAttendances' });
  if (hvOrSchoolNurseApplies(ctx)) rows.push({ key: hvOrSchoolNurseLabel(ctx), value: line(d.hvOrSchoolNurse), field: 'hvOrSchoolNurse' });
  return rows;
}

export function summariseSafeguarding(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!safeguardingApplies(ctx)) return [];
  const d = answers.safeguarding;
  const rows: SummaryRow[] = [];
  if (d.mobilityDisability !== '') {
    rows.push({ key: 'Disability or condition that affects how the child moves', value: line(optionLabel(yesNoOptions, d.mobilityDisability)), field: 'mobilityDisability' });
  }
  if (mobilityAsked(d, ctx)) {
    rows.push({ key: 'Independently mobile', value: line(optionLabel(independentlyMobileOptions, d.independentlyMobile)), field: 'independentlyMobile' });
  }
  if (mobilityConfirmationAsked(d, ctx)) {
    rows.push({ key: 'Baby under 6 months recorded as mobile: confirmed', value: line(optionLabel(mobilityConfirmationOptions, d.mobilityConfirmed)), field: 'mobilityConfirmed' });
  }
  const ticked = effectiveAlertingFeatures(d, ctx).filter((feature) => feature.recordedAs === 'tick');
  const stale = new Set(noLongerApplicableFeatures(d, ctx).map((feature) => feature.id));
  if (ticked.length === 0) {
    rows.push({
      key: safeguardingQuestions.alertingFeatures.label,
      value: d.alertingFeatures.includes(NO_ALERTING_FEATURES) ? [safeguardingQuestions.alertingFeatures.none] : [NOT_PROVIDED],
      field: 'alertingFeatures',
    });
  } else {
    ticked.forEach((feature, index) => {
      const explanation = d.alertingFeatureExplanations[feature.id] ?? '';
      const kept = d.keptAlertingFeatures.includes(feature.id);
      const value = [feature.label, `NICE level: ${niceLevelLabels[feature.level]}`, `Explanation given, and by whom: ${explanation.trim() || NOT_PROVIDED}`];
      if (stale.has(feature.id)) value.push(kept ? safeguardingQuestions.noLongerApplies.kept : safeguardingQuestions.noLongerApplies.undecided);
      rows.push({
        key: ticked.length > 1 ? `Alerting feature (${index + 1})` : 'Alerting feature',
        value,
        field: stale.has(feature.id) && !kept ? keepField(feature.id) : explanationField(feature.id),
      });
    });
  }
  const disclosure = d.disclosure === 'yes' ? ['Yes', `What was said: ${d.disclosureWhatWasSaid.trim() || NOT_PROVIDED}`, `Said by: ${d.disclosureBy.trim() || NOT_PROVIDED}`] : line(optionLabel(yesNoOptions, d.disclosure));
  rows.push({ key: 'Child or someone else said someone has hurt, abused or neglected the child', value: disclosure, field: 'disclosure' });
  const interaction = d.carerChildInteraction.map((value) => optionLabel(carerChildInteractionOptions, value));
  if (!isBlank(d.carerChildInteractionDetails)) interaction.push(d.carerChildInteractionDetails.trim());
  rows.push({ key: safeguardingQuestions.carerChildInteraction.label, value: interaction.length ? interaction : [NOT_PROVIDED], field: 'carerChildInteraction' });
  const risks = d.householdRisks.map((value) => optionLabel(householdRiskOptions, value));
  rows.push({ key: safeguardingQuestions.householdRisks.label, value: risks.length ? risks : [NOT_PROVIDED], field: 'householdRisks' });
  if (underThirteenQuestionApplies(ctx, d)) {
    rows.push({
      key: 'Sexual activity or pregnancy (child under 13)',
      value: d.underThirteenSexualActivity === 'yes' ? ['Yes', d.underThirteenSexualActivityDetails.trim() || NOT_PROVIDED] : line(optionLabel(yesNoOptions, d.underThirteenSexualActivity)),
      field: 'underThirteenSexualActivity',
    });
  }
  return rows;
}

function referralLines(d: OutcomeDraft): string[] {
  switch (d.referral) {
    case 'made': {
      const lines = ['Made', `At ${dateTimeText(readReferralMadeAt(d), d.referralDate, d.referralTime)}`, `Taken by ${d.referralTakenBy.trim() || NOT_PROVIDED}`];
      if (!isBlank(d.referralReference)) lines.push(`Reference: ${d.referralReference.trim()}`);
      return lines;
    }
    case 'not-made':
      return [`Not made: ${d.referralNotMadeReason.trim() || NOT_PROVIDED}`];
    case 'next-working-day':
      return [
        'To be made next working day',
        `By ${d.referralNextDayBy.trim() || NOT_PROVIDED}`,
        `At ${dateTimeText(readReferralPlannedAt(d), d.referralNextDayDate, d.referralNextDayTime)}`,
        ...(emergencyDutyTeamQuestionApplies(d) ? [`Emergency duty team called: ${optionLabel(yesNoOptions, d.emergencyDutyTeamCalled) || NOT_PROVIDED}`] : []),
      ];
    case '':
      return [NOT_PROVIDED];
  }
}

export function summariseOutcome(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!outcomeApplies(ctx)) return [];
  const d = answers.outcome;
  const rows: SummaryRow[] = [];
  const level = [optionLabel(concernLevelOptions, d.concernLevel) || NOT_PROVIDED];
  if (d.concernLevel === 'excluded') {
    level.push(`Explanation: ${d.excludedExplanation.trim() || NOT_PROVIDED}`);
    const name = d.excludedAgreedByName.trim() || NOT_PROVIDED;
    // Older records hold the role as free text (excludedAgreedByRole, retired).
    const role = optionLabel(exclusionSeniorRoleOptions(), d.excludedSeniorRole) || d.excludedAgreedByRole.trim();
    level.push(`Agreed by: ${role === '' ? name : `${name} (${role})`}`);
    const agreedAt = readExclusionAgreedAt(d);
    if (agreedAt || d.excludedSeniorRole !== '') level.push(`Agreed at: ${dateTimeText(agreedAt, d.excludedAgreedDate, d.excludedAgreedTime)}`);
  }
  rows.push({ key: outcomeQuestions.concernLevel.label, value: level, field: 'concernLevel' });
  if (d.concernLevel === 'consider' || d.concernLevel === 'suspect') {
    const who = isBlank(d.discussedWithName) ? NOT_PROVIDED : isBlank(d.discussedWithRole) ? d.discussedWithName.trim() : `${d.discussedWithName.trim()} (${d.discussedWithRole.trim()})`;
    rows.push({ key: outcomeQuestions.discussedWith.label, value: [who, dateTimeText(readDiscussedAt(d), d.discussedWithDate, d.discussedWithTime)], field: 'discussedWithName' });
    if (d.concernLevel === 'suspect' || d.immediateDanger !== '') {
      rows.push({ key: 'Child in immediate danger', value: line(optionLabel(yesNoOptions, d.immediateDanger)), field: 'immediateDanger' });
    }
  }
  if (referralApplies(d)) rows.push({ key: outcomeQuestions.referral.label, value: referralLines(d), field: 'referral' });
  if (policeApplies(d)) {
    const police =
      d.police === 'yes'
        ? ['Yes', ...line(d.policeDetails)]
        : d.police === 'no'
          ? ['No', ...(isBlank(d.policeNotInformedReason) ? [] : [d.policeNotInformedReason.trim()])]
          : [NOT_PROVIDED];
    rows.push({ key: outcomeQuestions.police.label, value: police, field: 'police' });
  }
  // Shown once answered, or while unanswered when the discharge sends the child home (then it is missing).
  const goingHome = answers.discharge.destination === 'home' || answers.discharge.destination === 'home-with-carer';
  if (safeToGoHomeApplies(d, answers.safeguarding, ctx) && (d.safeToGoHome !== '' || goingHome)) {
    const safe =
      d.safeToGoHome === 'yes'
        ? [optionLabel(safeToGoHomeOptions, 'yes'), `Agreed by: ${d.safeToGoHomeAgreedBy.trim() || NOT_PROVIDED}`]
        : d.safeToGoHome === 'no'
          ? ['No', ...line(d.safeToGoHomeNotSafePlan)]
          : ['Not recorded: needed before the child is discharged home'];
    rows.push({ key: outcomeQuestions.safeToGoHome.label, value: safe, field: 'safeToGoHome' });
  }
  if (notifyApplies(ctx)) rows.push({ key: notifyLabel(ctx), value: line(optionLabel(yesNoOptions, d.notify)), field: 'notify' });
  return rows;
}
