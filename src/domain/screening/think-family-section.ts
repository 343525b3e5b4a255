/**
 * Think Family as a section of the record: the trigger facts read from the whole record
 * (reason for attendance, discharge destination, the page's own answers), the triggers that
 * apply under the device settings, the section's validation and its check-answers rows.
 *
 * Kept apart from think-family.ts so the rules stay free of the record shape (the record
 * imports the rules' schema; this module imports the record).
 */
import type { AssessmentContext } from '../assessment/context';
import { optionLabel } from '../assessment/fields';
import type { Issue } from '../assessment/issues';
import type { Answers } from '../assessment/record';
import { NOT_PROVIDED } from '../assessment/summary';
import type { SummaryRow } from '../assessment/summary';
import { formatDate } from '../shared/dates';
import { isBlank } from '../shared/text';
import type { ThinkFamilyChild, ThinkFamilyTrigger, ThinkFamilyTriggerFacts } from './think-family';
import {
  activeTriggers,
  adultDetailsApplies,
  adultDetailsOptions,
  alsoRecordedOptions,
  caresForChildrenOptions,
  caringNowApplies,
  caringNowSafetyOptions,
  childAgeYears,
  childDateOfBirth,
  childExpectedDelivery,
  childName,
  childYesNoNotKnown,
  emptyThinkFamilyDraft,
  escalationActionOptions,
  escalationRequired,
  hasChildrenOptions,
  isEmptyChild,
  pregnancyReferralsApply,
  pregnantOptions,
  referralMadeOptions,
  soleCarerApplies,
  thinkFamilyApplies,
  thinkFamilyMandatory,
  thinkFamilyQuestions as q,
  validateThinkFamily,
  yesNoChoice,
} from './think-family';

/** The trigger facts of a record (research §2.4 trigger presentations; issue 10 clarifications). */
export function thinkFamilyTriggerFacts(answers: Answers, ctx: AssessmentContext): ThinkFamilyTriggerFacts {
  const d = answers.thinkFamily;
  return {
    attendanceReason: ctx.attendanceReason,
    // Either the domestic abuse enquiry's disclosure or the Think Family page's own box.
    domesticAbuseDisclosed: answers.domesticAbuse.enquiry === 'disclosed' || d.alsoRecorded.includes('domestic-abuse'),
    pregnant: d.pregnant === 'yes',
    admitted: answers.discharge.destination === 'admitted',
    soleCarer: soleCarerApplies(d) && d.soleCarer === 'yes',
    adultFgm: d.alsoRecorded.includes('fgm'),
    adult: ctx.pathway.adult,
  };
}

/**
 * The domestic abuse page asks "Is the patient pregnant?" after a disclosure; Think Family asks
 * again for the unborn child. A Yes there is shown against this page's question so the two
 * answers do not contradict (issue 10 journey 2: Think Family for the unborn child).
 */
export const pregnancyRecordedInDomesticAbuse = (answers: Pick<Answers, 'domesticAbuse'>): boolean => answers.domesticAbuse.pregnant === 'yes';

/** The triggers that apply to this record under the settings (ctx.thinkFamilyTriggersOff). */
export const thinkFamilyTriggersFor = (answers: Answers, ctx: AssessmentContext): ThinkFamilyTrigger[] =>
  activeTriggers(thinkFamilyTriggerFacts(answers, ctx), ctx.thinkFamilyTriggersOff ?? []);

export const thinkFamilyRequired = (answers: Answers, ctx: AssessmentContext): boolean => thinkFamilyMandatory(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx));

export const validateThinkFamilySection = (answers: Answers, ctx: AssessmentContext): Issue[] => validateThinkFamily(answers.thinkFamily, ctx, thinkFamilyTriggersFor(answers, ctx));

/** Offered, not required: an untouched section does not hold up "Check answers and sign". */
export const thinkFamilyOptional = (answers: Answers, ctx: AssessmentContext): boolean => !thinkFamilyRequired(answers, ctx);

const line = (text: string): string[] => (isBlank(text) ? [NOT_PROVIDED] : [text.trim()]);

/** "born 4 May 2019 (7 years)", "age 7", "due 1 June 2027". */
export function childAgeText(child: ThinkFamilyChild, at: string): string {
  if (child.unborn) {
    const due = childExpectedDelivery(child);
    return due ? `due ${formatDate(due)}` : 'expected date of delivery not known';
  }
  const dob = childDateOfBirth(child);
  const age = childAgeYears(child, at);
  if (dob) return age === undefined ? `born ${formatDate(dob)}` : `born ${formatDate(dob)} (${age === 1 ? '1 year' : `${age} years`})`;
  return age === undefined ? 'age not known' : `age ${age}`;
}

/** One child as check-answers lines: name and age, then the other answers. */
export function childLines(child: ThinkFamilyChild, index: number, at: string): string[] {
  const out = [`${childName(child, index)}, ${childAgeText(child, at)}`];
  if (!child.unborn && child.livesWithPatient !== '') out.push(`Lives with the patient: ${optionLabel(childYesNoNotKnown, child.livesWithPatient)}`);
  if (!isBlank(child.schoolOrNursery)) out.push(`School or nursery: ${child.schoolOrNursery.trim()}`);
  if (child.socialCare !== '') out.push(`Known to children's social care: ${optionLabel(childYesNoNotKnown, child.socialCare)}${isBlank(child.socialWorker) ? '' : ` (social worker: ${child.socialWorker.trim()})`}`);
  if (child.share !== '') out.push(`Inform the health visitor or school nurse: ${optionLabel(yesNoChoice, child.share)}`);
  return out;
}

/** Check-answers rows (also the signed record view), each with the field its Change link focuses. */
export function summariseThinkFamily(answers: Answers, ctx: AssessmentContext): SummaryRow[] {
  if (!thinkFamilyApplies(ctx)) return [];
  const d = answers.thinkFamily;
  const at = ctx.arrivedAt ?? ctx.now;
  const triggers = thinkFamilyTriggersFor(answers, ctx);
  const rows: SummaryRow[] = [];
  // Offered and not asked: one line says so (nothing to change but the whole page).
  if (!thinkFamilyMandatory(d, ctx, triggers) && JSON.stringify(d) === JSON.stringify(emptyThinkFamilyDraft())) {
    return [{ key: q.title, value: [ctx.pathway.adult ? 'Not asked: offered, no trigger applies' : `Not asked: ${q.offeredYoungPerson.toLowerCase()}`], field: 'hasChildren' }];
  }
  rows.push({ key: 'Think Family triggers', value: triggers.length ? triggers.map((trigger) => trigger.label) : ['None: offered'], field: 'hasChildren' });
  if (d.alsoRecorded.length) rows.push({ key: 'Disclosed or found at this attendance', value: d.alsoRecorded.map((value) => optionLabel(alsoRecordedOptions, value)), field: 'alsoRecorded' });
  const has = d.hasChildren === 'not-able-to-ask' ? [`Not able to ask: ${d.hasChildrenNotAskedReason.trim() || NOT_PROVIDED}`] : line(optionLabel(hasChildrenOptions, d.hasChildren));
  rows.push({ key: q.hasChildren.label, value: has, field: d.hasChildren === 'not-able-to-ask' ? 'hasChildrenNotAskedReason' : 'hasChildren' });
  if (d.hasChildren !== 'not-able-to-ask') {
    rows.push({ key: q.caresForChildren.label, value: line(optionLabel(caresForChildrenOptions, d.caresForChildren)), field: 'caresForChildren' });
    rows.push({ key: q.pregnant.label, value: line(optionLabel(pregnantOptions, d.pregnant)), field: 'pregnant' });
  }
  if (soleCarerApplies(d)) {
    const sole = [optionLabel(yesNoChoice, d.soleCarer) || NOT_PROVIDED];
    if (d.soleCarer === 'yes') sole.push(`${q.soleCarerUnableNow.label} ${optionLabel(yesNoChoice, d.soleCarerUnableNow) || NOT_PROVIDED}`);
    rows.push({ key: q.soleCarer.label, value: sole, field: 'soleCarer' });
  }
  d.children.forEach((child, index) => {
    if (isEmptyChild(child)) return;
    rows.push({ key: child.unborn ? q.children.unbornLegend : `${q.children.legend} ${index + 1}`, value: childLines(child, index, at), field: `children.${index}.firstName` });
  });
  if (caringNowApplies(d)) {
    rows.push({ key: q.whoIsCaringNow.label, value: [...line(d.whoIsCaringNow), optionLabel(caringNowSafetyOptions, d.caringNowSafety) || NOT_PROVIDED], field: 'whoIsCaringNow' });
    rows.push({ key: q.ifAdmitted.label, value: line(d.ifAdmitted), field: 'ifAdmitted' });
  }
  if (escalationRequired(d)) {
    const actions = d.escalationActions.map((value) => optionLabel(escalationActionOptions, value));
    rows.push({ key: 'Escalation: action taken', value: [...(actions.length ? actions : ['Not recorded: needed before signing']), ...(isBlank(d.escalationDetails) ? [] : [d.escalationDetails.trim()])], field: 'escalationActions' });
  }
  if (pregnancyReferralsApply(d, triggers)) {
    const made = (value: string, reason: string): string[] => (value === 'not-made' ? [`Not made: ${reason.trim() || NOT_PROVIDED}`] : line(optionLabel(referralMadeOptions, value)));
    rows.push({ key: q.pregnancy.midwifery, value: made(d.midwiferyReferral, d.midwiferyReferralReason), field: 'midwiferyReferral' });
    rows.push({ key: q.pregnancy.safeguarding, value: made(d.unbornSafeguardingReferral, d.unbornSafeguardingReferralReason), field: 'unbornSafeguardingReferral' });
  }
  if (adultDetailsApplies(d)) {
    rows.push({
      key: q.adultDetails.label,
      value: [...line(optionLabel(adultDetailsOptions, d.adultDetails)), ...(d.adultDetails === 'safeguarding' && !isBlank(d.adultDetailsReason) ? [d.adultDetailsReason.trim()] : [])],
      field: 'adultDetails',
    });
  }
  return rows;
}
