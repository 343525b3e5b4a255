/**
 * Female genital mutilation (FGM) questions: female (or sex not known) under 18, on a
 * genital, urinary or gynaecological presentation or on disclosure (PRODUCT.md section 3 and
 * 4.6; research §6).
 *
 * Owns: when the questions apply, the questions of research §6.4, the "known case" rule, the
 * police (101) report block and its deadline (end of the next working day), what a known case
 * requires of the outcome (MASH referral, safeguarding lead, police informed), the at-risk
 * route to the FGM-IS step, the FGM type for the Enhanced Dataset, validation, and the facts
 * the outcome page's police prompt reads.
 *
 * The law: a "known" case is one where the girl says FGM has been done to her, or the
 * professional sees physical signs that appear to show FGM (with no reason to think it was
 * necessary surgery). Regulated health professionals must report known cases in under-18s to
 * the police, normally by phoning 101. The duty is personal: only a report already made by
 * another member of the same profession discharges it, so a known case with no reporter is
 * refused (FGM Act 2003 s5B; Home Office procedural information, research §6.1, V — checked
 * again for this module). Suspected or at-risk cases are outside the duty: they go through
 * local safeguarding procedures and the FGM-IS indicator (research §6.2, V).
 *
 * Letters: every detail here is restricted content (PRODUCT.md section 5, FGM); the MASH
 * referral carries it.
 *
 * Evidence: known-case definition, 101, personal duty V; "by the end of the next working day"
 * S (RCOG briefing and CYP Now, research §6.1; the one-month outer limit is U and is not
 * used); question wording U (research §6.4, to be confirmed with the trust FGM lead). Ids are
 * stable slugs.
 */
import * as z from 'zod/mini';
import type { AssessmentContext } from '../assessment/context';
import type { AnswerOption } from '../assessment/fields';
import { choiceField, choicesField, datePartsField, flagField, textField } from '../assessment/fields';
import { IssueList } from '../assessment/issues';
import type { Issue } from '../assessment/issues';
import { checkLength, datePartsMessage } from '../assessment/validation-helpers';
import { addDays, fromLondon, parseDateParts, parseTimeOfDay, toLondon } from '../shared/dates';
import type { IsoDate, IsoInstant } from '../shared/dates';
import { isBlank, MAX_FREE_TEXT, MAX_SHORT_TEXT } from '../shared/text';
import { followUp } from './follow-ups';
import type { ScreeningFollowUp } from './follow-ups';
import { GENITAL_URINARY_GYNAE_REASON, reasonIsOneOf } from './screening-context';
import type { ScreeningReason, ScreeningSource } from './screening-context';

/** The presentations that bring the questions (PRODUCT.md 4.1 "Genital, urinary or gynaecological problem"). */
export const FGM_TRIGGER_REASONS: readonly ScreeningReason[] = [GENITAL_URINARY_GYNAE_REASON];

export const FGM_DUTY_SOURCE: ScreeningSource = {
  citation: 'FGM Act 2003 s5B (Serious Crime Act 2015); Home Office, Mandatory reporting of FGM: procedural information (2020)',
  evidence: 'V',
  research: '§6.1',
};

export const FGM_DEADLINE_SOURCE: ScreeningSource = {
  citation: 'RCOG policy briefing; CYP Now "How to make an FGM report"',
  evidence: 'S',
  research: '§6.1',
  note: 'Good practice, not the statute; the one-month outer limit is not confirmed and is not used',
};

export const fgmAskedOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'Unsure' },
  { value: 'not-asked', label: 'Not asked (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const fgmObservedOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-examined', label: 'Not examined' },
] as const satisfies readonly AnswerOption[];

/** WHO types for the Enhanced Dataset (research §6.1, §6.3); "Not known" allowed. */
export const fgmTypeOptions = [
  { value: 'type-1', label: 'Type 1 – clitoridectomy' },
  { value: 'type-2', label: 'Type 2 – excision' },
  { value: 'type-3', label: 'Type 3 – infibulation' },
  { value: 'type-4', label: 'Type 4 – other harmful procedures, including piercing or tattooing' },
  { value: 'not-known', label: 'Not known' },
] as const satisfies readonly AnswerOption[];

export const policeReportOptions = [
  { value: 'reported', label: 'Reported to the police (101)' },
  { value: 'will-report', label: 'Not yet reported – I will report it' },
  { value: 'reported-by-colleague', label: 'Already reported by another member of my profession' },
] as const satisfies readonly AnswerOption[];

export const atRiskFactorOptions = [
  { value: 'mother-or-sister', label: 'Her mother or a sister has had FGM' },
  { value: 'planned-travel', label: 'Planned travel to a country where FGM is common' },
  { value: 'family-history', label: 'Another family history of FGM' },
  { value: 'other', label: 'Other (describe)' },
] as const satisfies readonly AnswerOption[];

/** FGM-IS is a recorded attestation: the offline app cannot query the Spine (research §6.2). */
export const fgmIsOptions = [
  { value: 'indicator-present', label: 'Checked – indicator already present' },
  { value: 'indicator-added', label: 'Indicator added' },
  { value: 'not-done', label: 'Not checked or added (give the reason)' },
] as const satisfies readonly AnswerOption[];

export const fgmDraftSchema = z.object({
  /** The nurse opened the questions because of a disclosure (any presentation). */
  openedOnDisclosure: flagField(),
  asked: choiceField(['yes', 'no', 'unsure', 'not-asked']),
  notAskedReason: textField(),
  observedSigns: choiceField(['yes', 'no', 'not-examined']),
  fgmType: choiceField(['type-1', 'type-2', 'type-3', 'type-4', 'not-known']),
  policeReport: choiceField(['reported', 'will-report', 'reported-by-colleague']),
  reportDate: datePartsField(),
  reportTime: textField(),
  /** Who reported (or will report, or the colleague who did): the duty is personal. */
  reportedBy: textField(),
  policeReference: textField(),
  officerName: textField(),
  safeguardingLeadInformed: textField(),
  atRisk: choiceField(['yes', 'no', 'not-known']),
  atRiskFactors: choicesField(['mother-or-sister', 'planned-travel', 'family-history', 'other']),
  atRiskDetails: textField(),
  fgmIs: choiceField(['indicator-present', 'indicator-added', 'not-done']),
  fgmIsNotDoneReason: textField(),
});

export type FgmDraft = z.infer<typeof fgmDraftSchema>;

export const emptyFgmDraft = (): FgmDraft => fgmDraftSchema.parse({});

export const fgmQuestions = {
  title: 'Female genital mutilation (FGM)',
  asked: {
    label: 'Has anyone ever cut or changed your private parts?',
    hint: 'Use words the young person understands. Use a professional interpreter, never a family member',
    notAskedReasonLabel: 'Why was this not asked?',
  },
  observedSigns: { label: 'Are there physical signs that appear to show FGM?', hint: 'Not a surgical scar from necessary surgery, including in labour or after birth' },
  fgmType: { label: 'FGM type, if known', hint: 'For the FGM Enhanced Dataset. Select Not known if she was not examined or the type is not clear' },
  knownCase: {
    title: 'Known FGM in a girl under 18',
    required: 'A referral to children\'s social care (MASH) and informing the safeguarding lead are required. Record them on the outcome page',
    deadline: 'Report to the police by the end of the next working day:',
  },
  /** Shown under a disclosure on the safeguarding prompts page for a girl the questions can apply to (research §6.4: "and any disclosure"). */
  openedByDisclosure: 'A disclosure also brings the female genital mutilation (FGM) questions: they are added to the task list',
  /** The outcome page's police question, when a known case prompts it. */
  policePrompt:
    'A known case of FGM in a girl under 18 must be reported to the police, normally on 101, by the professional who identified it, by the end of the next working day. Record the report on the FGM page',
  atRiskStep: 'She may be at risk of FGM: follow local safeguarding procedures and check the FGM-IS indicator',
  policeReport: {
    label: 'Police report (101)',
    hint: 'Known FGM in a girl under 18 must be reported to the police by the professional who identifies it, normally by phoning 101',
    dateLabel: 'Date reported',
    timeLabel: 'Time reported',
    reportedByLabel: 'Who reported it',
    willReportLabel: 'Who will report it',
    colleagueLabel: 'Who reported it (name and profession)',
    referenceLabel: 'Police reference',
    officerLabel: 'Officer (optional)',
  },
  safeguardingLead: { label: 'Safeguarding lead informed (name)' },
  atRisk: { label: 'Is the young person at risk of FGM?', factorsLabel: 'What puts her at risk?', detailsLabel: 'Describe the risk' },
  fgmIs: { label: 'FGM Information Sharing (FGM-IS) indicator', hint: 'Check it on the Spine, and add it if there is a family history of FGM', reasonLabel: 'Why was it not checked or added?' },
} as const;

/** Female or sex not known (an unanswered sex counts as not known), under 18 (PRODUCT.md section 3). */
export function fgmEligible(ctx: AssessmentContext): boolean {
  if (!ctx.pathway.child) return false;
  return ctx.sex === undefined || ctx.sex === 'female' || ctx.sex === 'not-known';
}

/**
 * Whether the questions apply: eligible, and a genital, urinary or gynaecological presentation
 * or a disclosure (research §6.4: "… presentation, and any disclosure"). The disclosure is the
 * safeguarding prompts' answer, carried by the context (derive-context.ts), so every caller
 * (task list, validation, concern-level rules, police prompt, letters) sees the same thing.
 */
export function fgmApplies(ctx: AssessmentContext, draft: Pick<FgmDraft, 'openedOnDisclosure'>, disclosure = ctx.disclosure === true): boolean {
  return fgmEligible(ctx) && (reasonIsOneOf(ctx, FGM_TRIGGER_REASONS) || draft.openedOnDisclosure || disclosure);
}

/** A known case: she says it was done, or signs are seen (FGM Act 2003 s5B). */
export const fgmKnownCase = (draft: FgmDraft): boolean => draft.asked === 'yes' || draft.observedSigns === 'yes';

/** At risk, not a known case: the FGM-IS step and local safeguarding referral (research §6.4). */
export const fgmAtRisk = (draft: FgmDraft): boolean => !fgmKnownCase(draft) && draft.atRisk === 'yes';

/** How a known case was identified, for the Enhanced Dataset. */
export function fgmIdentifiedBy(draft: FgmDraft): ('disclosure' | 'observed')[] {
  const out: ('disclosure' | 'observed')[] = [];
  if (draft.asked === 'yes') out.push('disclosure');
  if (draft.observedSigns === 'yes') out.push('observed');
  return out;
}

const isoWeekdayOfDate = (date: IsoDate): number => toLondon(fromLondon(date, '12:00')).isoWeekday;

/**
 * The next working day after `date`: Monday to Friday, not a bank holiday. Bank holidays come
 * from settings (the MASH hours' list, rules/mash-hours.ts, the same calendar the trust keeps).
 */
export function nextWorkingDay(date: IsoDate, bankHolidays: readonly IsoDate[]): IsoDate {
  let next = addDays(date, 1);
  // A fortnight covers any run of weekend and bank holidays in England and Wales.
  for (let i = 0; i < 14; i += 1) {
    if (isoWeekdayOfDate(next) <= 5 && !bankHolidays.includes(next)) return next;
    next = addDays(next, 1);
  }
  return next;
}

export interface FgmReportDeadline {
  /** The London calendar date by whose end the report is due. */
  date: IsoDate;
  /** The last minute of that date, London time. */
  by: IsoInstant;
}

/** The report deadline: the end of the next working day after the case was identified (research §6.1, S). */
export function fgmReportDeadline(identifiedAt: IsoInstant, bankHolidays: readonly IsoDate[]): FgmReportDeadline {
  const date = nextWorkingDay(toLondon(identifiedAt).date, bankHolidays);
  return { date, by: fromLondon(date, '23:59') };
}

/** The report's date and time when valid. */
export function readReportAt(draft: FgmDraft): IsoInstant | undefined {
  const date = parseDateParts(draft.reportDate);
  const time = parseTimeOfDay(draft.reportTime);
  return date.ok && time !== undefined ? fromLondon(date.value, time) : undefined;
}

export interface FgmPolicePrompt {
  /** The report is due (a known case in an under-18). */
  required: true;
  deadline: FgmReportDeadline;
  status: 'reported' | 'will-report' | 'reported-by-colleague' | 'not-recorded';
  reportedBy: string;
  reportedAt: IsoInstant | undefined;
  policeReference: string;
  /** Past the deadline with no report recorded. */
  overdue: boolean;
}

/**
 * What the outcome page's police prompt reads (PRODUCT.md 4.9 "Police informed … FGM known
 * case"). Undefined when no report is due. `identifiedAt` is when the case was identified
 * (the arrival, or now); `now` decides "overdue".
 */
export function fgmPolicePrompt(
  draft: FgmDraft,
  ctx: AssessmentContext,
  bankHolidays: readonly IsoDate[],
  disclosure = ctx.disclosure === true,
): FgmPolicePrompt | undefined {
  if (!fgmApplies(ctx, draft, disclosure) || !fgmKnownCase(draft)) return undefined;
  const deadline = fgmReportDeadline(ctx.arrivedAt ?? ctx.now, bankHolidays);
  const status = draft.policeReport === '' ? 'not-recorded' : draft.policeReport;
  const reported = status === 'reported' || status === 'reported-by-colleague';
  return {
    required: true,
    deadline,
    status,
    reportedBy: draft.reportedBy.trim(),
    reportedAt: status === 'reported' ? readReportAt(draft) : undefined,
    policeReference: draft.policeReference.trim(),
    overdue: !reported && Date.parse(ctx.now) > Date.parse(deadline.by),
  };
}

/** What a known case requires of the outcome section (PRODUCT.md 4.9; research §6.4). */
export interface FgmOutcomeRequirements {
  /** Referral to children's social care (MASH) must be made. */
  mashReferral: boolean;
  /** The safeguarding lead must be informed. */
  safeguardingLead: boolean;
  /** Police informed must be recorded. */
  police: boolean;
  /** Local safeguarding referral for a girl at risk (not a known case). */
  atRiskReferral: boolean;
}

export function fgmOutcomeRequirements(draft: FgmDraft, ctx: AssessmentContext, disclosure = ctx.disclosure === true): FgmOutcomeRequirements {
  const applies = fgmApplies(ctx, draft, disclosure);
  const known = applies && fgmKnownCase(draft);
  return { mashReferral: known, safeguardingLead: known, police: known, atRiskReferral: applies && fgmAtRisk(draft) };
}

/** Validation. Never blocks saving; `disclosure` is the safeguarding section's disclosure answer. */
export function validateFgm(draft: FgmDraft, ctx: AssessmentContext, disclosure = ctx.disclosure === true): Issue[] {
  const issues = new IssueList();
  if (!fgmApplies(ctx, draft, disclosure)) return issues.items;

  if (draft.asked === '') issues.add('asked', 'Select whether anyone has ever cut or changed her private parts, or that it was not asked');
  else if (draft.asked === 'not-asked' && isBlank(draft.notAskedReason)) issues.add('notAskedReason', 'Enter why the question was not asked');
  if (draft.observedSigns === '') issues.add('observedSigns', "Select whether there are physical signs of FGM, or 'Not examined'");

  if (fgmKnownCase(draft)) {
    if (draft.fgmType === '') issues.add('fgmType', "Select the FGM type, or 'Not known'");
    if (draft.policeReport === '') issues.add('policeReport', 'Select whether the known FGM has been reported to the police');
    // The duty is personal (FGM Act 2003 s5B): a known case with no named reporter is refused.
    if (isBlank(draft.reportedBy)) {
      issues.add(
        'reportedBy',
        draft.policeReport === 'will-report'
          ? 'Enter who will report the known FGM to the police'
          : draft.policeReport === 'reported-by-colleague'
            ? 'Enter the name and profession of the colleague who reported it'
            : 'Enter who reported the known FGM to the police: a known case must have a named reporter',
      );
    }
    if (draft.policeReport === 'reported') {
      const date = parseDateParts(draft.reportDate);
      if (!date.ok) issues.add('reportDate.day', datePartsMessage('Date reported', date.problem));
      const time = parseTimeOfDay(draft.reportTime);
      if (time === undefined) issues.add('reportTime', 'Enter the time reported, like 14:30');
      const at = readReportAt(draft);
      if (at !== undefined && Date.parse(at) > Date.parse(ctx.now)) issues.add('reportDate.day', 'Date and time reported must be in the past');
      if (isBlank(draft.policeReference)) issues.add('policeReference', 'Enter the police reference');
    }
    if (isBlank(draft.safeguardingLeadInformed)) issues.add('safeguardingLeadInformed', 'Enter the name of the safeguarding lead who was informed');
  } else if (draft.asked !== '' && draft.observedSigns !== '') {
    if (draft.atRisk === '') issues.add('atRisk', 'Select whether the young person is at risk of FGM');
    else if (draft.atRisk === 'yes') {
      if (draft.atRiskFactors.length === 0) issues.add('atRiskFactors', 'Select what puts her at risk of FGM');
      else if (draft.atRiskFactors.includes('other') && isBlank(draft.atRiskDetails)) issues.add('atRiskDetails', 'Describe the risk of FGM');
      if (draft.fgmIs === '') issues.add('fgmIs', 'Select whether the FGM-IS indicator was checked or added');
      else if (draft.fgmIs === 'not-done' && isBlank(draft.fgmIsNotDoneReason)) issues.add('fgmIsNotDoneReason', 'Enter why the FGM-IS indicator was not checked or added');
    }
  }

  for (const [field, name] of [
    ['reportedBy', 'Who reported it'],
    ['policeReference', 'Police reference'],
    ['officerName', 'Officer'],
    ['safeguardingLeadInformed', 'Safeguarding lead'],
  ] as const) {
    checkLength(issues, field, draft[field], MAX_SHORT_TEXT, name);
  }
  checkLength(issues, 'notAskedReason', draft.notAskedReason, MAX_FREE_TEXT, 'Why the question was not asked');
  checkLength(issues, 'atRiskDetails', draft.atRiskDetails, MAX_FREE_TEXT, 'The risk of FGM');
  checkLength(issues, 'fgmIsNotDoneReason', draft.fgmIsNotDoneReason, MAX_FREE_TEXT, 'Why FGM-IS was not checked or added');
  return issues.items;
}

/** Follow-ups: a known case whose report is still to be made, and a girl at risk. */
export function fgmFollowUps(draft: FgmDraft, ctx: AssessmentContext, disclosure = ctx.disclosure === true): ScreeningFollowUp[] {
  if (!fgmApplies(ctx, draft, disclosure)) return [];
  const out: ScreeningFollowUp[] = [];
  if (fgmKnownCase(draft) && (draft.policeReport === '' || draft.policeReport === 'will-report')) out.push(followUp('fgm-police-report-due', draft.reportedBy.trim()));
  if (fgmAtRisk(draft)) out.push(followUp('fgm-at-risk'));
  return out;
}
