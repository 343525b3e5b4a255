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
  informationCheckBlocks,
  outcomeRows,
  patientLine,
  peopleRows,
  personCompletingRows,
  presentingBlocks,
  safeguardingFindingBlocks,
  siteLines,
} from './facts';
import type { LetterBlock, LetterDocument, SlotDefinition } from './model';
import { paragraph, row, rows, section, slot } from './model';
import { concernLevelLabels } from '../rules/concern-level';

export const mashSlots = {
  worries: { slotId: 'mash-worries', label: 'What we are worried about, in your words', hint: 'What you think could happen to the child if nothing changes', required: true },
  workingWell: { slotId: 'mash-working-well', label: 'What is working well', hint: 'Strengths and safety: who protects the child, what the family is doing well', required: true },
  needsToHappen: { slotId: 'mash-needs-to-happen', label: 'What needs to happen', hint: 'What you are asking children’s social care to do, and how soon', required: true },
} as const satisfies Record<string, SlotDefinition>;

const text = (facts: LetterFacts, definition: SlotDefinition) => slot(definition, facts.choices.slots[definition.slotId] ?? '');

export function composeMashReferral(facts: LetterFacts): LetterDocument {
  const o = facts.answers.outcome;
  const d = facts.answers.discharge;
  const contacts = facts.settings.contacts;
  const level = o.concernLevel === '' ? 'Not recorded' : concernLevelLabels[o.concernLevel];

  const household: LetterBlock[] = [rows([...demographicsRows(facts), row('GP', ...gpPracticeLines(facts.answers))]), rows(peopleRows(facts)), ...informationCheckBlocks(facts)];

  const happened: LetterBlock[] = [rows(attendanceRows(facts)), ...presentingBlocks(facts), ...accountBlocks(facts)];
  const disclosure = disclosureBlock(facts);
  if (disclosure) happened.push(disclosure);

  const worried: LetterBlock[] = [paragraph(`Safeguarding concern level chosen by the clinician: ${level}.`), ...safeguardingFindingBlocks(facts)];
  for (const contribution of safeguardingContributions(facts)) worried.push(...contribution.blocks);
  worried.push(text(facts, mashSlots.worries));

  const needs: LetterBlock[] = [];
  if (o.immediateDanger === 'yes') needs.push(paragraph('The child was recorded as being in immediate danger.'));
  needs.push(text(facts, mashSlots.needsToHappen));

  const taken: LetterBlock[] = [rows(outcomeRows(facts))];
  const destination = describeDestination(d);
  const dischargeRows = [
    ...(isBlank(d.treatmentGiven) ? [] : [row(dischargeQuestions.treatmentGiven.label, d.treatmentGiven.trim())]),
    ...(destination ? [row('Discharge destination', destination)] : []),
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
      section('the-child-and-household', 'The child and household', household),
      section('what-happened', 'What happened', happened),
      section('what-we-are-worried-about', 'What we are worried about', worried),
      section('what-is-working-well', 'What is working well', [text(facts, mashSlots.workingWell)]),
      section('what-needs-to-happen', 'What needs to happen', needs),
      section('actions-already-taken', 'Actions already taken', taken),
      section('referrer-and-contact', 'Referrer and contact', [rows([...personCompletingRows(facts), ...contactRows(facts)])]),
    ],
  };
}
