/**
 * The written referral to children's social care (MASH), following a phone referral or the
 * out-of-hours plan (PRODUCT.md 4.9 and section 5).
 *
 * Headings are the product's: the child and household, what happened, what we are worried
 * about, what is working well, what needs to happen, actions already taken, referrer and
 * contact. They ask the referrer to say what the worry is, not only what was seen: CQC
 * finding 3.3 (referrals that did not articulate risk). What is working well and what needs
 * to happen are the nurse's own words (slots): the record holds facts, not that judgement.
 *
 * The referral always carries restricted content (PRODUCT.md section 5): the MASH needs all
 * of it, and only professionals read it.
 */
import { describeDestination, dischargeQuestions } from '../assessment/discharge';
import { isBlank } from '../shared/text';
import { safeguardingContributions } from './contributions';
import type { LetterFacts } from './facts';
import {
  accountBlocks,
  attendanceRows,
  contactRows,
  datedText,
  demographicsRows,
  disclosureBlock,
  gpPracticeLines,
  householdRows,
  informationCheckBlocks,
  outcomeBlocks,
  patientLine,
  parentRows,
  personCompletingRows,
  presentingBlocks,
  safeguardingFindingBlocks,
  siteLines,
} from './facts';
import type { LetterBlock, LetterDocument, SlotDefinition } from './model';
import { paragraph, row, rows, section, slot } from './model';

export const mashSlots = {
  worries: { slotId: 'mash-worries', label: 'What we are worried about, in your words', hint: 'What you think could happen to the child if nothing changes', required: true },
  workingWell: { slotId: 'mash-working-well', label: 'What is working well', hint: 'Strengths and safety: who protects the child, what the family is doing well', required: true },
  needsToHappen: { slotId: 'mash-needs-to-happen', label: 'What needs to happen', hint: 'What you are asking children’s social care to do, and how soon', required: true },
  parentsKnow: {
    slotId: 'mash-parents-know',
    label: 'Do the parents or carers know about this referral, and do they agree?',
    hint: 'Who was told, and whether they agree. If they have not been told, say why (for example, telling them could put the child at risk)',
    required: true,
  },
} as const satisfies Record<string, SlotDefinition>;

const text = (facts: LetterFacts, definition: SlotDefinition) => slot(definition, facts.choices.slots[definition.slotId] ?? '');

/**
 * The household: who the child is, the parents and carers with their contact details and
 * parental responsibility, the other people in the household (PRODUCT.md 4.2 `household`;
 * CQC finding 3.3), the checks, and whether the parents know of the referral.
 */
function householdBlocks(facts: LetterFacts): LetterBlock[] {
  const household = householdRows(facts);
  const others = parentRows(facts);
  return [
    rows([...demographicsRows(facts), row('GP', ...gpPracticeLines(facts.answers))]),
    rows(others),
    ...(household.length ? [rows(household)] : []),
    ...informationCheckBlocks(facts, 'mash'),
    text(facts, mashSlots.parentsKnow),
  ];
}

/**
 * What happened: the attendance, the accounts in the words given, any disclosure, and the
 * clinical impression with the examination findings. The record has no structured
 * examination field (a bruise's site, size, colour and pattern): the clinical impression
 * is where the nurse writes the findings, and the alerting features' explanations follow
 * under "What we are worried about".
 */
function happenedBlocks(facts: LetterFacts): LetterBlock[] {
  const d = facts.answers.discharge;
  const blocks: LetterBlock[] = [rows(attendanceRows(facts)), ...presentingBlocks(facts, 'mash'), ...accountBlocks(facts)];
  const disclosure = disclosureBlock(facts);
  if (disclosure) blocks.push(disclosure);
  if (!isBlank(d.clinicalImpression)) blocks.push(rows([row('Clinical impression and examination findings', d.clinicalImpression.trim())]));
  return blocks;
}

export function composeMashReferral(facts: LetterFacts): LetterDocument {
  const o = facts.answers.outcome;
  const d = facts.answers.discharge;
  const contacts = facts.settings.contacts;

  const worried: LetterBlock[] = [...outcomeBlocks(facts, { notify: 'omit', level: 'only' }), ...safeguardingFindingBlocks(facts)];
  for (const contribution of safeguardingContributions(facts)) worried.push(...contribution.blocks);
  worried.push(text(facts, mashSlots.worries));

  const needs: LetterBlock[] = [];
  if (o.immediateDanger === 'yes') needs.push(paragraph('The child was recorded as being in immediate danger.'));
  needs.push(text(facts, mashSlots.needsToHappen));

  const taken: LetterBlock[] = [...outcomeBlocks(facts, { notify: 'as-done', level: 'without' })];
  const destination = describeDestination(d);
  const dischargeRows = [
    ...(isBlank(d.treatmentGiven) ? [] : [row(dischargeQuestions.treatmentGiven.label, d.treatmentGiven.trim())]),
    ...(destination ? [row('Discharge destination', destination)] : []),
    ...(isBlank(d.followUp) ? [] : [row('Follow-up arranged', d.followUp.trim())]),
  ];
  if (dischargeRows.length) taken.push(rows(dischargeRows));

  return {
    kind: 'mash-referral',
    title: "Referral to children's social care (MASH)",
    from: { site: facts.settings.siteName.trim() || 'Site name not set', lines: siteLines(facts.settings) },
    recipient: { role: "Children's social care (MASH)", lines: [isBlank(contacts.mash) ? 'MASH number not set on this device' : `Telephone ${contacts.mash.trim()}`] },
    patientLine: patientLine(facts),
    marking: 'Confidential: safeguarding referral. Contains restricted information',
    dated: datedText(facts),
    sections: [
      section('the-child-and-household', 'The child and household', householdBlocks(facts)),
      section('what-happened', 'What happened', happenedBlocks(facts)),
      section('what-we-are-worried-about', 'What we are worried about', worried),
      section('what-is-working-well', 'What is working well', [text(facts, mashSlots.workingWell)]),
      section('what-needs-to-happen', 'What needs to happen', needs),
      section('actions-already-taken', 'Actions already taken', taken),
      section('referrer-and-contact', 'Referrer and contact', [rows([...personCompletingRows(facts), ...contactRows(facts)])]),
    ],
  };
}
