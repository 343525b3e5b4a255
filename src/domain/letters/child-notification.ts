/**
 * The notification about one child of an adult patient (Think Family, PRODUCT.md 4.7 and
 * section 5): to the child's health visitor (under 5, and for an unborn child) or school
 * nurse (5–17), when the nurse chose to share it for that child. One letter per child: its
 * identity is attendance + kind + child (kinds.ts `LetterIdentity`).
 *
 * What it carries (issue 10 clarification): what that practitioner needs about the child and
 * the concern — the child, who is caring for the children now and whether they are safe,
 * the escalation and the actions, the concern level and any referral — and not the adult's
 * own clinical details (reason for attendance, impression), unless the adult consents or a
 * safeguarding reason for sharing without consent is recorded (research §2.4: share per
 * local policy; the patient's health is theirs to share). Domestic abuse and FGM are never
 * named here: restricted subjects (PRODUCT.md section 5).
 */
import { optionLabel } from '../assessment/fields';
import { attendanceReasonOptions } from '../assessment/options';
import { concernLevelOptions } from '../assessment/outcome';
import { isBlank } from '../shared/text';
import type { ThinkFamilyChild } from '../screening/think-family';
import { adultDetailsShareable, childName, childNotificationKind, childYesNoNotKnown } from '../screening/think-family';
import type { LetterFacts } from './facts';
import { contactRows, datedText, patientName, personCompletingRows, siteLines } from './facts';
import type { LetterDocument, LetterRow, SlotDefinition } from './model';
import { paragraph, row, rows, section, slot } from './model';
import { caringNowRows, childAgeForLetter } from './think-family-contribution';

export const childNotificationSlots = {
  requests: { slotId: 'child-requests', label: 'What we ask of you', hint: 'Optional. For example, a home visit to see how the family is managing', required: false },
} as const satisfies Record<string, SlotDefinition>;

/** The child a letter is about, by id, with its place in the list (for "Child 2"). */
export function findChild(facts: Pick<LetterFacts, 'answers'>, childId: string): { child: ThinkFamilyChild; index: number } | undefined {
  const index = facts.answers.thinkFamily.children.findIndex((child) => child.id === childId);
  const child = facts.answers.thinkFamily.children[index];
  return child ? { child, index } : undefined;
}

const practitioner = (kind: 'health-visitor' | 'school-nurse'): string => (kind === 'health-visitor' ? 'Health visitor' : 'School nurse');

function aboutTheChild(child: ThinkFamilyChild, index: number, at: string): LetterRow[] {
  const out = [row('Name', childName(child, index)), row(child.unborn ? 'Expected date of delivery' : 'Date of birth or age', childAgeForLetter(child, at))];
  if (!child.unborn && child.livesWithPatient !== '') out.push(row('Lives with the parent or carer who attended', optionLabel(childYesNoNotKnown, child.livesWithPatient)));
  if (!isBlank(child.schoolOrNursery)) out.push(row('School or nursery', child.schoolOrNursery.trim()));
  if (child.socialCare !== '') out.push(row("Known to children's social care", optionLabel(childYesNoNotKnown, child.socialCare), ...(isBlank(child.socialWorker) ? [] : [`Social worker: ${child.socialWorker.trim()}`])));
  return out;
}

/** The adult's own details, only with consent or a recorded safeguarding reason. */
function adultDetailsBlocks(facts: LetterFacts) {
  const d = facts.answers.thinkFamily;
  if (!adultDetailsShareable(d)) {
    const team = facts.settings.contacts.safeguardingTeam.trim();
    return [paragraph(`The parent's or carer's own health details are not included: they are shared only with their consent or for a recorded safeguarding reason. The hospital safeguarding team${team ? ` (${team})` : ''} can discuss the concern with you.`)];
  }
  const p = facts.answers.patient;
  const reason = optionLabel(attendanceReasonOptions, p.attendanceReason);
  const impression = facts.answers.discharge.clinicalImpression.trim();
  const basis = d.adultDetails === 'consent' ? 'Shared with the consent of the parent or carer' : `Shared without consent for a safeguarding reason: ${d.adultDetailsReason.trim()}`;
  return [
    rows([
      row('Why the parent or carer attended', ...[reason, p.attendanceReasonDetail.trim()].filter((text) => text !== '')),
      ...(impression ? [row('Clinical impression', impression)] : []),
      row('Basis for sharing', basis),
    ]),
  ];
}

function requests(facts: LetterFacts, who: string): string[] {
  const out: string[] = [];
  switch (facts.answers.outcome.concernLevel) {
    case 'suspect':
      out.push("A referral has been made or is planned to children's social care. Please share what you know about the child and family when asked, and include this in your contact with the family.");
      break;
    case 'consider':
      out.push('Please consider this with what you know of the child and family, and contact the hospital safeguarding team if you have information that adds to the concern.');
      break;
    case 'no-concern':
    case 'excluded':
    case '':
      out.push(`Please add this to the child's record and consider whether the family needs support from the ${who.toLowerCase()}.`);
      break;
  }
  return out;
}

/**
 * Composes the notification about one child before restricted content is applied (letters.ts).
 * `childId` names the child in Think Family; an unknown id is refused (the letters page offers
 * only the children recorded and shared).
 */
export function composeChildNotification(facts: LetterFacts, childId: string): LetterDocument {
  const found = findChild(facts, childId);
  if (!found) throw new Error('This child is not in the record');
  const { child, index } = found;
  const at = facts.ctx.arrivedAt ?? facts.at;
  const kind = childNotificationKind(child, at) ?? 'school-nurse';
  const who = practitioner(kind);
  const o = facts.answers.outcome;
  const concern: LetterRow[] = [...caringNowRows(facts.answers.thinkFamily, 'the parent or carer')];
  const level = optionLabel(concernLevelOptions, o.concernLevel);
  if (level) concern.push(row('Safeguarding concern', level));
  if (o.referral === 'made') concern.push(row("Referral to children's social care (MASH)", 'Made', ...(isBlank(o.referralReference) ? [] : [`Reference: ${o.referralReference.trim()}`])));
  if (o.referral === 'next-working-day') concern.push(row("Referral to children's social care (MASH)", 'To be made on the next working day'));
  const site = facts.settings.siteName.trim() || 'the hospital';
  const address = facts.answers.patient.address.trim();
  return {
    kind,
    title: `Notification to the ${who.toLowerCase()}`,
    from: { site: facts.settings.siteName.trim() || 'Site name not set', lines: siteLines(facts.settings) },
    recipient: { role: who, lines: [isBlank(child.schoolOrNursery) || kind === 'health-visitor' ? `${who} for the child's area` : `${who}, ${child.schoolOrNursery.trim()}`] },
    patientLine: `${childName(child, index)}, ${childAgeForLetter(child, at)}`,
    marking: 'Confidential: information about a child and their family',
    dated: datedText(facts),
    sections: [
      section('about-the-child', 'About the child', [rows(aboutTheChild(child, index, at))]),
      section('why-we-are-writing', 'Why we are writing', [
        paragraph(
          `The child's parent or carer attended ${site}. The hospital asks every adult about the children they live with or care for (Think Family), and tells the child's ${who.toLowerCase()} what they need to know.`,
        ),
        rows([row('Parent or carer who attended', patientName(facts.answers)), ...(address ? [row('Address', ...address.split(/\r?\n/))] : [])]),
      ]),
      section('the-concern', 'The children now, and what was done', [...(concern.length ? [rows(concern)] : []), ...adultDetailsBlocks(facts)]),
      section('requests', 'What we ask of you', [rows([row(`For the ${who.toLowerCase()}`, ...requests(facts, who))]), slot(childNotificationSlots.requests, facts.choices.slots[childNotificationSlots.requests.slotId] ?? '')]),
      section('person-completing-record', 'Person completing record', [rows(personCompletingRows(facts))]),
      section('contact-for-further-information', 'Contact for further information', [rows(contactRows(facts))]),
    ],
  };
}
