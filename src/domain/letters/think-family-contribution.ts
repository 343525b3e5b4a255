/**
 * Think Family in the letters' Safeguarding sections (PRODUCT.md 4.7 and section 5; research
 * §2.4 and §7.4 item 2): the children found, who is caring for them now, the escalation and
 * the pregnancy referrals, and what is asked of the GP about the children. Registered in
 * contributions.ts `safeguardingContributors`.
 *
 * Never blank: an adult's GP letter says what Think Family found, that it was not able to be
 * asked (and why), declined, or not asked. The triggers are not listed: a disclosed domestic
 * abuse or FGM trigger is restricted content (PRODUCT.md section 5), and the presentation is
 * already in the letter.
 *
 * Imports only types from facts.ts: contributions.ts imports this module.
 */
import { optionLabel } from '../assessment/fields';
import { cpisOptions } from '../assessment/information-checks';
import type { InformationChecksDraft } from '../assessment/information-checks';
import { formatDate } from '../shared/dates';
import { isBlank } from '../shared/text';
import type { ThinkFamilyChild, ThinkFamilyDraft } from '../screening/think-family';
import {
  caringNowApplies,
  caringNowSafetyOptions,
  childAgeYears,
  childDateOfBirth,
  childExpectedDelivery,
  childName,
  childNotificationKind,
  escalationActionOptions,
  escalationRequired,
  recordedChildren,
  referralMadeOptions,
  thinkFamilyApplies,
} from '../screening/think-family';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import type { LetterFacts } from './facts';
import type { LetterBlock, LetterRow } from './model';
import { paragraph, row, rows } from './model';

/** "born 4 May 2019 (7 years)", "age 7", "due 1 June 2027" for a letter. */
export function childAgeForLetter(child: ThinkFamilyChild, at: string): string {
  if (child.unborn) {
    const due = childExpectedDelivery(child);
    return due ? `expected ${formatDate(due)}` : 'expected date of delivery not known';
  }
  const dob = childDateOfBirth(child);
  const age = childAgeYears(child, at);
  const years = age === undefined ? '' : age === 1 ? '1 year' : `${age} years`;
  if (dob) return years ? `born ${formatDate(dob)} (${years})` : `born ${formatDate(dob)}`;
  return years ? `age ${years}` : 'age not known';
}

/** One child in a letter: "Amy Smith, born 4 May 2019 (7 years); lives with the patient; school: …". */
export function childLetterLine(child: ThinkFamilyChild, index: number, at: string): string {
  const parts = [`${childName(child, index)}, ${childAgeForLetter(child, at)}`];
  if (!child.unborn && child.livesWithPatient === 'yes') parts.push('lives with the patient');
  if (!child.unborn && child.livesWithPatient === 'no') parts.push('does not live with the patient');
  if (!isBlank(child.schoolOrNursery)) parts.push(`school or nursery: ${child.schoolOrNursery.trim()}`);
  if (child.socialCare === 'yes') parts.push(`known to children's social care${isBlank(child.socialWorker) ? '' : ` (social worker: ${child.socialWorker.trim()})`}`);
  if (child.socialCare === 'no') parts.push("not known to children's social care");
  return parts.join('; ');
}

/** The escalation as recorded: actions, then what was agreed. */
export function escalationLines(draft: ThinkFamilyDraft): string[] {
  return [...draft.escalationActions.map((value) => optionLabel(escalationActionOptions, value)), ...(isBlank(draft.escalationDetails) ? [] : [draft.escalationDetails.trim()])];
}

/** Who is caring for the children now and whether they are safe, when asked; `adult` names the patient for the reader. */
export function caringNowRows(draft: ThinkFamilyDraft, adult = 'the patient'): LetterRow[] {
  if (!caringNowApplies(draft)) return [];
  const out: LetterRow[] = [];
  const safety = optionLabel(caringNowSafetyOptions, draft.caringNowSafety);
  if (!isBlank(draft.whoIsCaringNow) || safety) out.push(row('Looking after the children now', ...[draft.whoIsCaringNow.trim(), safety ? `Safe and supervised: ${safety}` : ''].filter((text) => text !== '')));
  if (!isBlank(draft.ifAdmitted)) out.push(row(`If ${adult} is admitted`, draft.ifAdmitted.trim()));
  if (escalationRequired(draft)) out.push(row('Escalated at this attendance', ...escalationLines(draft)));
  return out;
}

function pregnancyRows(draft: ThinkFamilyDraft, checks: InformationChecksDraft): LetterRow[] {
  if (draft.pregnant !== 'yes') return [];
  const out = [row('Pregnancy', 'The patient is pregnant, or could be')];
  // The information checks for the unborn child (PRODUCT.md 4.4): CP-IS by the mother's NHS number.
  if (checks.cpis !== '') out.push(row('CP-IS check for the unborn child', optionLabel(cpisOptions, checks.cpis)));
  const referral = (label: string, value: string, reason: string) => {
    if (value === '') return;
    out.push(row(label, value === 'not-made' && !isBlank(reason) ? `Not made: ${reason.trim()}` : optionLabel(referralMadeOptions, value)));
  };
  referral('Referral to the midwifery safeguarding team', draft.midwiferyReferral, draft.midwiferyReferralReason);
  referral('Safeguarding referral for the unborn child', draft.unbornSafeguardingReferral, draft.unbornSafeguardingReferralReason);
  return out;
}

/** The children's names and ages for a sentence: "Amy (7 years) and Ben (4 years)". */
function childrenInSentence(children: readonly ThinkFamilyChild[], at: string): string {
  const names = children.map((child, index) => {
    const age = childAgeYears(child, at);
    const name = child.firstName.trim() || childName(child, index);
    return child.unborn ? `the unborn child${child.firstName.trim() ? ` (${child.firstName.trim()})` : ''}` : age === undefined ? name : `${name} (${age === 1 ? '1 year' : `${age} years`})`;
  });
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/** What the GP is asked about the children: specific to them (issue 10). */
export function thinkFamilyGpRequests(draft: ThinkFamilyDraft, at: string): string[] {
  const children = recordedChildren(draft);
  if (children.length === 0) return [];
  const requests = [
    `Please note ${childrenInSentence(children, at)} in the family's records, and at your next contact ask the patient how they are managing the children's care.`,
  ];
  if (escalationRequired(draft)) requests.push("The children's safety was escalated at this attendance (see above): please check with the hospital safeguarding team what was agreed before you next see the family.");
  if (draft.pregnant === 'yes') requests.push("Please make sure the patient's midwife knows of this attendance.");
  return requests;
}

/** The Think Family contribution for a record, or undefined when the section does not apply. */
export function thinkFamilyContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  if (!thinkFamilyApplies(facts.ctx)) return undefined;
  const d = facts.answers.thinkFamily;
  const at = facts.ctx.arrivedAt ?? facts.at;
  const children = recordedChildren(d);
  const blocks: LetterBlock[] = [];
  if (children.length > 0) {
    blocks.push(
      rows([
        row(
          'Children (Think Family)',
          ...d.children.flatMap((child, index) => (children.includes(child) ? [childLetterLine(child, index, at)] : [])),
        ),
        ...caringNowRows(d),
        ...pregnancyRows(d, facts.answers.informationChecks),
      ]),
    );
  } else if (d.hasChildren === 'not-able-to-ask') {
    blocks.push(paragraph(`Children at home (Think Family): not able to ask at this attendance${isBlank(d.hasChildrenNotAskedReason) ? '' : ` (${d.hasChildrenNotAskedReason.trim()})`}. The hospital's liaison team will follow this up.`));
  } else if (d.hasChildren === 'declined' || d.caresForChildren === 'declined') {
    blocks.push(paragraph('Children at home (Think Family): the patient declined to say whether they have or care for children.'));
  } else if (d.hasChildren === 'no' && d.caresForChildren === 'no') {
    blocks.push(paragraph('Children at home (Think Family): the patient has no children, does not live with children and does not care for any.'));
    if (d.pregnant === 'yes') blocks.push(rows(pregnancyRows(d, facts.answers.informationChecks)));
  } else if (facts.ctx.pathway.adult) {
    blocks.push(paragraph('Children at home (Think Family): not asked at this attendance.'));
  } else {
    return undefined;
  }
  return {
    blocks,
    gpRequests: thinkFamilyGpRequests(d, at),
    nurseRequests: [],
    // Born children only: the GP letter's "has children at home or cares for children" would be
    // untrue of a patient whose only recorded child is unborn (her midwife request covers it).
    ...(children.some((child) => !child.unborn) ? { childrenAtHome: true } : {}),
  };
}

/**
 * The GP letter's distribution list entries for the children's notifications (research §7.2:
 * who else receives a copy): "School nurse: Radford Primary School (separate notification
 * about Amy Green)".
 */
export function childNotificationRecipients(facts: LetterFacts): string[] {
  if (!thinkFamilyApplies(facts.ctx)) return [];
  const at = facts.ctx.arrivedAt ?? facts.at;
  const d = facts.answers.thinkFamily;
  return d.children.flatMap((child, index) => {
    if (!recordedChildren(d).includes(child) || child.share !== 'yes') return [];
    const kind = childNotificationKind(child, at);
    if (!kind) return [];
    const who = kind === 'health-visitor' ? 'Health visitor' : 'School nurse';
    const where = kind === 'school-nurse' && !isBlank(child.schoolOrNursery) ? child.schoolOrNursery.trim() : "team for the child's area";
    return [`${who}: ${where} (separate notification about ${childName(child, index)})`];
  });
}

export const thinkFamilyContributor: SafeguardingContributor = { id: 'think-family', contribute: thinkFamilyContribution };
