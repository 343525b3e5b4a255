/**
 * Properties of the rules and validators over any record storage could hand back (built from
 * the schemas' shapes, hostile strings, edge dates, and read through the record schema):
 * they never throw, validators return issues (never throw), the screening scores stay in
 * their instruments' ranges, and every derived summary passes its own schema on re-read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseAttendance } from '../../../src/domain/assessment/attendance-summary';
import { attendanceSummarySchema } from '../../../src/domain/assessment/attendance-summary-schema';
import { deriveContext } from '../../../src/domain/assessment/derive-context';
import type { Issue } from '../../../src/domain/assessment/issues';
import { currentAnswers } from '../../../src/domain/assessment/lifecycle';
import { patientBannerFacts } from '../../../src/domain/assessment/patient-banner';
import { currentOutcome, pendingReferral } from '../../../src/domain/assessment/pending-referral';
import { allowedConcernLevels, concernFactsFromAnswers, concernLevelProblem, concernLevelRefusals, concernLevels, exclusionRolesAllowed, highestNiceLevel, recordedConcerns, referralMandatory } from '../../../src/domain/rules/concern-level';
import { nextSteps } from '../../../src/domain/rules/next-steps';
import { noConcernReviewReasons } from '../../../src/domain/rules/no-concern-review';
import { peoplePrompts } from '../../../src/domain/rules/people-prompts';
import { issuesBeforeGpLetter, issuesBeforeSigning, relevantSections, sectionDefinitions, sectionStatus } from '../../../src/domain/rules/sections';
import { prefilledAnswers } from '../../../src/domain/rules/shortest-path';
import { AUDIT_C_MAX, auditCResult, auditCScore, validateAuditC } from '../../../src/domain/screening/audit-c';
import { crafftPartA, crafftResult, readDays, validateCrafft } from '../../../src/domain/screening/crafft';
import { cseOutcome, cseSuggestions, readPartnerAge, validateCse, MAX_PARTNER_AGE, MIN_PARTNER_AGE } from '../../../src/domain/screening/cse';
import { DASH_QUESTIONS, highRiskBasis, readDashCount, validateDomesticAbuse } from '../../../src/domain/screening/domestic-abuse';
import { followUpsFromAnswers, openFollowUps } from '../../../src/domain/screening/open-follow-ups';
import { screeningFactsFromSections } from '../../../src/domain/screening/record-facts';
import { screenSummaries } from '../../../src/domain/screening/screen-summaries';
import { anyString, fuzzParameters } from '../../../src/test-support/fuzz-arbitraries';
import { fuzzCase, fuzzSettings } from '../../../src/test-support/fuzz-records';

const expectIssues = (issues: readonly Issue[]): void => {
  expect(Array.isArray(issues)).toBe(true);
  for (const issue of issues) {
    expect(typeof issue.field).toBe('string');
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
  }
};

const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('rules and validators over any record', () => {
  it('sections: relevance, status, every validator (triage and addendum) and every summary are total; validators return issues', () => {
    fc.assert(
      // The status of one section a run: sectionStatus parses empty answers twice a call, the
      // slowest step here, and 120 runs still reach every section many times over.
      fc.property(fuzzCase, fc.constantFrom(...sectionDefinitions), ({ record, now }, statusOf) => {
        const answers = currentAnswers(record);
        const ctx = deriveContext(answers, now);
        const relevant = relevantSections(ctx);
        expect(relevant.every((section) => sectionDefinitions.includes(section))).toBe(true);
        expect(['not-started', 'in-progress', 'completed']).toContain(sectionStatus(record, statusOf, ctx));
        for (const section of sectionDefinitions) {
          expectIssues(section.validate(answers, ctx));
          expectIssues(section.validate(answers, ctx, 'addendum'));
          for (const row of section.summarise(answers, ctx)) expect(typeof row.key).toBe('string');
        }
        for (const entry of [...issuesBeforeSigning(answers, ctx), ...issuesBeforeGpLetter(answers, ctx)]) expectIssues(entry.issues);
        // The shortest-path pre-fill is itself a valid set of answers.
        expect(prefilledAnswers(answers, record.createdAt, now)).toBeDefined();
      }),
      fuzzParameters(120),
    );
  });

  it('concern level: refusals, allowed levels, the senior roles, referral and the problem text are total, and some level is always allowed', () => {
    fc.assert(
      fc.property(fuzzCase, fuzzSettings, ({ record, now }, settings) => {
        const answers = currentAnswers(record);
        const ctx = deriveContext(answers, now);
        for (const stage of [undefined, 'addendum'] as const) {
          const facts = concernFactsFromAnswers(answers, stage);
          concernLevelRefusals(answers.safeguarding, ctx, undefined, facts);
          const allowed = allowedConcernLevels(answers.safeguarding, ctx, undefined, facts);
          expect(allowed.length).toBeGreaterThan(0);
          expect(exclusionRolesAllowed(answers.safeguarding, ctx, undefined, facts).length).toBeGreaterThan(0);
          expect(typeof referralMandatory(answers.safeguarding, ctx, facts)).toBe('boolean');
          for (const level of concernLevels) {
            const problem = concernLevelProblem(level, answers.safeguarding, ctx, undefined, facts);
            expect(problem === undefined).toBe(allowed.includes(level));
          }
        }
        highestNiceLevel(answers.safeguarding, ctx);
        recordedConcerns(answers.safeguarding, ctx);
        for (const step of nextSteps(answers, ctx, settings, now)) expect(typeof step.text).toBe('string');
        peoplePrompts(answers.people, ctx, settings.contacts);
        noConcernReviewReasons(record);
        pendingReferral(currentOutcome(record));
        patientBannerFacts(answers.patient, now);
      }),
      fuzzParameters(120),
    );
  });

  it('screening: CRAFFT, AUDIT-C, the DASH count and the CSE screen are total and score within their ranges', () => {
    fc.assert(
      fc.property(fuzzCase, ({ record, now }) => {
        const answers = currentAnswers(record);
        const ctx = deriveContext(answers, now);
        const facts = screeningFactsFromSections(answers, ctx);

        const crafft = crafftResult(answers.substanceUse, ctx);
        if (crafft.state === 'scored') {
          expect(Number.isInteger(crafft.score)).toBe(true);
          expect(crafft.score).toBeGreaterThanOrEqual(0);
          expect(crafft.score).toBeLessThanOrEqual(6);
        }
        for (const days of Object.values(crafftPartA(answers.substanceUse))) {
          if (days !== undefined) expect(Number.isInteger(days) && days >= 0 && days <= 365).toBe(true);
        }
        expectIssues(validateCrafft(answers.substanceUse, ctx));

        const score = auditCScore(answers.auditC);
        if (score !== undefined) expect(Number.isInteger(score) && score >= 0 && score <= AUDIT_C_MAX).toBe(true);
        auditCResult(answers.auditC, ctx);
        expectIssues(validateAuditC(answers.auditC, ctx));

        highRiskBasis(answers.domesticAbuse, ctx);
        expectIssues(validateDomesticAbuse(answers.domesticAbuse, ctx));
        expectIssues(validateDomesticAbuse(answers.domesticAbuse, ctx, { needsInterpreter: true }));

        const cse = cseOutcome(answers.cse, ctx);
        if (cse.state === 'screened') expect(cse.otherCount).toBe(cse.other.length);
        cseSuggestions(ctx, facts, answers.cse);
        expectIssues(validateCse(answers.cse, ctx, facts));

        screenSummaries(answers, ctx);
        followUpsFromAnswers(answers, ctx);
        openFollowUps(record, now);
      }),
      fuzzParameters(120),
    );
  });

  it('the attendance summary of any record passes its own schema, unchanged through storage and a re-read', () => {
    fc.assert(
      fc.property(fuzzCase, ({ record, now }) => {
        const summary = summariseAttendance(record, now);
        const reread = attendanceSummarySchema.safeParse(stored(summary));
        expect(reread.success).toBe(true);
        if (reread.success) expect(stored(reread.data)).toEqual(stored(summary));
      }),
      fuzzParameters(120),
    );
  });

  it('number readers (CRAFFT days, DASH count, partner age) take any text and return only whole numbers in range', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const days = readDays(text);
        if (days.ok) expect(Number.isInteger(days.value) && days.value >= 0 && days.value <= 365).toBe(true);
        const dash = readDashCount(text);
        if (dash.ok) expect(Number.isInteger(dash.value) && dash.value >= 0 && dash.value <= DASH_QUESTIONS).toBe(true);
        const age = readPartnerAge(text);
        if (age !== undefined) expect(Number.isInteger(age) && age >= MIN_PARTNER_AGE && age <= MAX_PARTNER_AGE).toBe(true);
      }),
      fuzzParameters(200),
    );
  });
});
