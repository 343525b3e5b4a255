/**
 * Check answers for the young-person screens (issue 9 "every screen appears in Check answers
 * with Change links"): each screen's rows are shown for a filled record, and every row names a
 * field of that screen's draft for its Change link to focus (a row whose field is not on the
 * page would send the nurse to the wrong place).
 */
import { describe, expect, test } from 'vitest';
import { deriveContext } from '../assessment/derive-context';
import type { Answers, SectionId } from '../assessment/record';
import { relevantSections, sectionById } from '../rules/sections';
import { LETTER_TIME, youngPersonRestrictedRecord, youngPersonScreenedRecord } from '../../test-support/letter-fixtures';

function filled(): Answers {
  const a = youngPersonScreenedRecord().answers;
  Object.assign(a.patient, { attendanceReason: 'self-harm', sex: 'female' });
  Object.assign(a.safeguarding, { disclosure: 'yes', disclosureWhatWasSaid: 'They cut me when I was little', disclosureBy: 'Jade' });
  Object.assign(a.fgm, { asked: 'yes', observedSigns: 'not-examined', fgmType: 'not-known', policeReport: 'will-report', reportedBy: 'Alex Morgan', safeguardingLeadInformed: 'Kim Lewis' });
  Object.assign(a.selfHarm, { withYoungPerson: 'someone', withName: 'Ewa Nowak', withRelationship: 'Mother', withPR: 'yes', parentsInformed: 'yes', overdose: 'no', accessToMeans: 'None', camhs: 'referred', safetyPlan: 'Plan', safetyPlanHolder: 'Jade', responsibleAdultName: 'Ewa Nowak', followUpBooked: 'no', schoolNurseInformed: 'yes' });
  return a;
}

function fraserFilled(): Answers {
  const a = youngPersonRestrictedRecord().answers;
  for (const id of Object.keys(a.fraser.criteria) as (keyof typeof a.fraser.criteria)[]) a.fraser.criteria[id] = { answer: 'met', reason: 'Reason' };
  Object.assign(a.fraser, { parentInvolvement: 'encouraged-declined', partnerAge: '17', powerImbalance: 'no', gpSharing: 'declines', gpSharingOverrideReason: 'Concern', parentSharing: 'declines' });
  return a;
}

const cases: [SectionId, () => Answers][] = [
  ['cse', filled],
  ['substanceUse', filled],
  ['fgm', filled],
  ['selfHarm', filled],
  ['fraser', fraserFilled],
];

describe('check answers rows for the screens', () => {
  test.each(cases)('%s: on the task list, with rows, each with a Change target on its own page', (id, answersOf) => {
    const answers = answersOf();
    const ctx = deriveContext(answers, LETTER_TIME);
    const section = sectionById(id);
    expect(relevantSections(ctx)).toContain(section);
    const rows = section.summarise(answers, ctx);
    expect(rows.length).toBeGreaterThan(2);
    const draftFields = Object.keys(answers[id]);
    for (const row of rows) expect(draftFields, `${row.key} → ${row.field}`).toContain(row.field.split('.')[0]);
  });
});
