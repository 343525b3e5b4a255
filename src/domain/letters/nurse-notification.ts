/**
 * The health visitor (under 5) or school nurse (5–17) notification: every urgent-care
 * attendance by a child is shared with primary care, ideally both the GP and the health
 * visitor or school nurse (2012 intercollegiate standards, research §2.1 and §2.5).
 *
 * Shorter than the GP letter: who the child is, this attendance, who came and who has
 * parental responsibility, the safeguarding outcome and actions, and what is asked of the
 * nurse. Restricted content is left out by default, as in the GP letter (PRODUCT.md section 5).
 */
import { describeDestination } from '../assessment/discharge';
import { hvOrSchoolNurseLabel } from '../assessment/information-checks';
import { isBlank } from '../shared/text';
import { safeguardingContributions } from './contributions';
import type { LetterFacts } from './facts';
import {
  attendanceRows,
  childAccountBlock,
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
  presentingBlocks,
  safeguardingFindingBlocks,
  siteLines,
} from './facts';
import type { LetterBlock, LetterDocument, SlotDefinition } from './model';
import { paragraph, row, rows, section, slot } from './model';

export const nurseSlots = {
  requests: { slotId: 'nurse-requests', label: 'What we ask of you', hint: 'Optional. For example, a home visit to review the family', required: false },
} as const satisfies Record<string, SlotDefinition>;

/** The requests by concern level (NICE CG89 actions, research §1.3), plus later sections' requests. */
function nurseRequests(facts: LetterFacts, nurse: string): string[] {
  const requests: string[] = [];
  switch (facts.answers.outcome.concernLevel) {
    case 'suspect':
      requests.push(`A referral has been made or is planned to children's social care. Please share what you know about the child and family when asked, and include this attendance in your contact with the family.`);
      break;
    case 'consider':
      requests.push(`Please consider this attendance with what you know of the child and family, and contact the hospital safeguarding team if you have information that adds to the concern.`);
      break;
    case 'no-concern':
    case 'excluded':
    case '':
      requests.push(`For information: no safeguarding action is asked of the ${nurse.toLowerCase()}.`);
      break;
  }
  for (const contribution of safeguardingContributions(facts)) requests.push(...contribution.nurseRequests);
  return requests;
}

export function composeNurseNotification(facts: LetterFacts): LetterDocument {
  const nurse = hvOrSchoolNurseLabel(facts.ctx);
  const kind = facts.ctx.pathway.underFive ? 'health-visitor' : 'school-nurse';
  const d = facts.answers.discharge;
  const who = facts.answers.informationChecks.hvOrSchoolNurse.trim();
  const attendance: LetterBlock[] = [rows(attendanceRows(facts)), ...presentingBlocks(facts, 'nurse')];
  const impression = isBlank(d.clinicalImpression) ? [] : [row('Clinical impression or diagnosis', d.clinicalImpression.trim())];
  const destination = describeDestination(d);
  if (impression.length) attendance.push(rows(impression, clinicalRestriction(facts, 'nurse')));
  attendance.push(rows([...(destination ? [row('Discharge destination', destination)] : []), row('GP', ...gpPracticeLines(facts.answers))]));
  const safeguarding: LetterBlock[] = [];
  const none = noConcernsIdentified(facts);
  if (none) safeguarding.push(paragraph('No concerns identified.'));
  // The notification is itself the "inform the health visitor or school nurse" action, and
  // "No concerns identified" says the level: neither is repeated.
  safeguarding.push(...outcomeBlocks(facts, { notify: 'omit', level: none ? 'without' : 'with' }), childAccountBlock(facts));
  safeguarding.push(...informationCheckBlocks(facts, 'nurse'), ...safeguardingFindingBlocks(facts));
  const disclosure = disclosureBlock(facts);
  if (disclosure) safeguarding.push(disclosure);
  for (const contribution of safeguardingContributions(facts)) safeguarding.push(...contribution.blocks);
  return {
    kind,
    title: `Notification to the ${nurse.toLowerCase()}`,
    from: { site: facts.settings.siteName.trim() || 'Site name not set', lines: siteLines(facts.settings) },
    recipient: { role: nurse, lines: [who || `${nurse} for the child's area`] },
    patientLine: patientLine(facts),
    marking: 'Confidential: patient information',
    dated: datedText(facts),
    sections: [
      section('about-the-child', 'About the child', [rows(demographicsRows(facts))]),
      section('this-attendance', 'This attendance', attendance),
      section('people', 'Who came with the child, and parental responsibility', [rows(peopleRows(facts))]),
      section('safeguarding', 'Safeguarding', safeguarding),
      section('requests', 'What we ask of you', [rows([row(`For the ${nurse.toLowerCase()}`, ...nurseRequests(facts, nurse))]), slot(nurseSlots.requests, facts.choices.slots[nurseSlots.requests.slotId] ?? '')]),
      section('person-completing-record', 'Person completing record', [rows(personCompletingRows(facts))]),
      section('contact-for-further-information', 'Contact for further information', [rows(contactRows(facts))]),
    ],
  };
}
