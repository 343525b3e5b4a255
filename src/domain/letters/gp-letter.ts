/**
 * The GP discharge letter: the PRSB Emergency Care Discharge headings, each with its SNOMED
 * CT section code (research §7.2), filled from the record, and for every under-18 a
 * Safeguarding section even when it says "No concerns identified" (PRODUCT.md section 5;
 * research §7.4 item 2).
 *
 * Heading order follows the eDischarge table (research §7.2): the ten mandatory headings,
 * with the "required" headings Discharge details, Safeguarding and Distribution list placed
 * where a reader expects them. Safeguarding uses 1077911000000105 |Safeguarding|: the 2021
 * build repeats the Safety alerts code for it, which research §7.2 notes looks like an error.
 *
 * Restricted content is marked as composed and removed or kept by restricted.ts.
 */
import { adviceToPatientLabel, describeDestination, dischargeQuestions } from '../assessment/discharge';
import { hvOrSchoolNurseLabel } from '../assessment/information-checks';
import { isBlank } from '../shared/text';
import { safeguardingContributions } from './contributions';
import { childNotificationRecipients } from './think-family-contribution';
import type { LetterFacts } from './facts';
import {
  accountBlocks,
  attendanceRows,
  clinicalRestriction,
  contactRows,
  datedText,
  demographicsRows,
  disclosureBlock,
  gpPracticeLines,
  informationCheckBlocks,
  noConcernsIdentified,
  outcomeBlocks,
  patientLine,
  peopleRows,
  personCompletingRows,
  preVerbal,
  presentingBlocks,
  safeguardingFindingBlocks,
  siteLines,
} from './facts';
import type { LetterBlock, LetterDocument, LetterRow, SectionCode, SlotDefinition } from './model';
import { list, paragraph, row, rows, section, slot, SNOMED } from './model';

const code = (value: string, display: string): SectionCode => ({ system: SNOMED, code: value, display });

/** PRSB eDischarge section codes (research §7.2). */
export const gpSectionCodes = {
  patientDemographics: code('886731000000109', 'Patient demographics'),
  gpPractice: code('886711000000101', 'GP practice'),
  attendanceDetails: code('1077881000000105', 'Attendance details'),
  presentingComplaints: code('886891000000102', 'Presenting complaints or issues'),
  clinicalNarrative: code('1077901000000108', 'Clinical narrative'),
  diagnoses: code('887161000000102', 'Diagnoses'),
  dischargeDetails: code('886811000000106', 'Discharge details'),
  planAndRequestedActions: code('887201000000105', 'Plan and requested actions'),
  informationAndAdvice: code('1052951000000105', 'Information and advice given'),
  safeguarding: code('1077911000000105', 'Safeguarding'),
  personCompletingRecord: code('887231000000104', 'Person completing record'),
  contactForFurtherInformation: code('1077931000000102', 'Contact for further information'),
  distributionList: code('887261000000109', 'Distribution list'),
} as const;

/** The ten mandatory PRSB headings (research §7.2): a GP letter always has every one, never empty. */
export const mandatoryGpHeadings = [
  'patient-demographics',
  'gp-practice',
  'attendance-details',
  'presenting-complaints',
  'clinical-narrative',
  'diagnoses',
  'plan-and-requested-actions',
  'information-and-advice',
  'person-completing-record',
  'contact-for-further-information',
] as const;

export const gpSlots = {
  gpRequests: { slotId: 'gp-requests', label: 'Anything else we ask of the GP', hint: 'Optional. For example, review the wound in 5 days', required: false },
  safeguardingComment: {
    slotId: 'safeguarding-comment',
    label: 'Safeguarding comment',
    hint: 'Optional. For an adult, any children at home and who is caring for them',
    required: false,
  },
} as const satisfies Record<string, SlotDefinition>;

/**
 * What the GP is asked to do about safeguarding, by the concern level the clinician chose
 * (NICE CG89 recommended actions, research §1.3): share information with children's social
 * care for Suspect; keep the concern in view and add what the GP knows for Consider.
 */
export function gpSafeguardingRequests(facts: LetterFacts): string[] {
  const requests: string[] = [];
  if (facts.ctx.pathway.child) {
    switch (facts.answers.outcome.concernLevel) {
      case 'suspect':
        requests.push("Please record the safeguarding concern in the child's record, and share what you know about the child and family with children's social care when they ask.");
        break;
      case 'consider':
        requests.push("Please record the safeguarding concern in the child's record and consider it with any other information you hold. If you know something that adds to the concern, contact the hospital safeguarding team.");
        break;
      case 'no-concern':
      case 'excluded':
      case '':
        requests.push('No safeguarding action is asked of the GP. This letter is sent for every attendance by a child.');
        break;
    }
  }
  const contributions = safeguardingContributions(facts);
  if (!facts.ctx.pathway.child && contributions.some((contribution) => contribution.childrenAtHome === true)) {
    requests.push(
      'This patient has children at home or cares for children (see above). Please consider their needs at your next contact, and share any concern with the health visitor, school nurse or children’s social care.',
    );
  }
  for (const contribution of contributions) requests.push(...contribution.gpRequests);
  return requests;
}

/**
 * The Safeguarding section: for a child the outcome and actions, who came and who has
 * parental responsibility, the checks, the findings and any disclosure in the words said
 * (research §7.4 item 2). The accounts are in the clinical narrative and the health visitor
 * or school nurse in the plan and distribution list: not repeated here.
 */
function safeguardingBlocks(facts: LetterFacts): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  const contributions = safeguardingContributions(facts);
  if (facts.ctx.pathway.child) {
    // "No concerns identified" says the level: the level row is not repeated under it.
    const none = noConcernsIdentified(facts);
    if (none) blocks.push(paragraph('No concerns identified.'));
    blocks.push(...outcomeBlocks(facts, { notify: 'omit', level: none ? 'without' : 'with' }));
    blocks.push(rows(peopleRows(facts)));
    blocks.push(...informationCheckBlocks(facts, 'gp'));
    blocks.push(...safeguardingFindingBlocks(facts));
    const disclosure = disclosureBlock(facts);
    if (disclosure) blocks.push(disclosure);
  } else if (contributions.length === 0) {
    // Age not known yet, so Think Family (PRODUCT.md 4.7, its own contribution) does not apply: say so.
    blocks.push(paragraph('Children at home (Think Family): not recorded in this assessment.'));
  }
  for (const contribution of contributions) blocks.push(...contribution.blocks);
  const requests = gpSafeguardingRequests(facts);
  if (requests.length) blocks.push(rows([row('What we ask of the GP', ...requests)]));
  blocks.push(slot(gpSlots.safeguardingComment, facts.choices.slots[gpSlots.safeguardingComment.slotId] ?? ''));
  return blocks;
}

/** Follow-up, then what each other professional has been asked or told (research §7.4 item 5); the GP's safeguarding requests are under Safeguarding. */
function planBlocks(facts: LetterFacts): LetterBlock[] {
  const d = facts.answers.discharge;
  const o = facts.answers.outcome;
  const followUp = rows([row('Follow-up arranged', isBlank(d.followUp) ? 'Not recorded' : d.followUp.trim())], clinicalRestriction(facts, 'gp'));
  const byRole: LetterRow[] = [];
  if (facts.ctx.pathway.child && o.notify === 'yes') {
    byRole.push(row(`For the ${hvOrSchoolNurseLabel(facts.ctx).toLowerCase()}`, `Informed of this attendance by a separate notification.`));
  }
  if (facts.ctx.pathway.child && (o.referral === 'made' || o.referral === 'next-working-day')) {
    byRole.push(row("For children's social care", o.referral === 'made' ? 'A referral has been made: see Safeguarding.' : 'A referral will be made on the next working day: see Safeguarding.'));
  }
  return [followUp, ...(byRole.length ? [rows(byRole)] : []), slot(gpSlots.gpRequests, facts.choices.slots[gpSlots.gpRequests.slotId] ?? '')];
}

/** Advice to the patient (not to a pre-verbal child) and to the parent or carer. */
function adviceRows(facts: LetterFacts): LetterRow[] {
  const d = facts.answers.discharge;
  const out: LetterRow[] = [];
  if (!preVerbal(facts)) out.push(row(adviceToPatientLabel(facts.ctx).replace('Information and advice given to', 'To'), isBlank(d.adviceToPatient) ? 'Not recorded' : d.adviceToPatient.trim()));
  if (facts.ctx.pathway.child || !isBlank(d.adviceToCarer)) out.push(row('To the parent or carer', isBlank(d.adviceToCarer) ? 'Not recorded' : d.adviceToCarer.trim()));
  return out;
}

function distributionItems(facts: LetterFacts): string[] {
  const items = [`GP: ${gpPracticeLines(facts.answers)[0] ?? ''}`];
  if (facts.ctx.pathway.child) {
    const nurse = hvOrSchoolNurseLabel(facts.ctx);
    const who = facts.answers.informationChecks.hvOrSchoolNurse.trim();
    if (facts.answers.outcome.notify === 'yes') items.push(`${nurse}: ${who || 'team for the child’s area'} (separate notification)`);
    if (facts.answers.outcome.referral === 'made' || facts.answers.outcome.referral === 'next-working-day') items.push("Children's social care (MASH): separate referral");
  }
  // Each child of the patient notified from Think Family (PRODUCT.md 4.7).
  items.push(...childNotificationRecipients(facts));
  return items;
}

/** Composes the GP discharge letter before restricted content is applied (see letters.ts). */
export function composeGpLetter(facts: LetterFacts): LetterDocument {
  const d = facts.answers.discharge;
  const c = gpSectionCodes;
  const clinical = clinicalRestriction(facts, 'gp');
  const sections = [
    section('patient-demographics', 'Patient demographics', [rows(demographicsRows(facts))], c.patientDemographics),
    section('gp-practice', 'GP practice', [paragraph(gpPracticeLines(facts.answers).join('\n'))], c.gpPractice),
    section('attendance-details', 'Attendance details', [rows(attendanceRows(facts))], c.attendanceDetails),
    section('presenting-complaints', 'Presenting complaints or issues', presentingBlocks(facts, 'gp'), c.presentingComplaints),
    section('clinical-narrative', 'Clinical narrative', [...accountBlocks(facts), rows([row(dischargeQuestions.treatmentGiven.label, isBlank(d.treatmentGiven) ? 'Not recorded' : d.treatmentGiven.trim())], clinical)], c.clinicalNarrative),
    section('diagnoses', 'Diagnoses', [paragraph(isBlank(d.clinicalImpression) ? 'Not recorded' : d.clinicalImpression.trim(), clinical)], c.diagnoses),
    section('discharge-details', 'Discharge details', [rows([row('Discharge destination', describeDestination(d) || 'Not recorded')])], c.dischargeDetails),
    section('plan-and-requested-actions', 'Plan and requested actions', planBlocks(facts), c.planAndRequestedActions),
    section('information-and-advice', 'Information and advice given', [rows(adviceRows(facts), clinical)], c.informationAndAdvice),
    section('safeguarding', 'Safeguarding', safeguardingBlocks(facts), c.safeguarding),
    section('person-completing-record', 'Person completing record', [rows(personCompletingRows(facts))], c.personCompletingRecord),
    section('contact-for-further-information', 'Contact for further information', [rows(contactRows(facts))], c.contactForFurtherInformation),
    section('distribution-list', 'Distribution list', [list(distributionItems(facts))], c.distributionList),
  ];
  return {
    kind: 'gp',
    title: 'Emergency care discharge letter',
    from: { site: facts.settings.siteName.trim() || 'Site name not set', lines: siteLines(facts.settings) },
    recipient: { role: 'GP', lines: gpPracticeLines(facts.answers) },
    patientLine: patientLine(facts),
    marking: 'Confidential: patient information',
    dated: datedText(facts),
    sections,
  };
}
