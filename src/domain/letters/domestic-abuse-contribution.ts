/**
 * What the domestic abuse enquiry and AUDIT-C put into the letters' Safeguarding sections
 * (contributions.ts `safeguardingContributors`).
 *
 * Domestic abuse: every line is restricted content, category 'domestic-abuse' (PRODUCT.md
 * section 5; research §10.3 step 5 and §7.4: a perpetrator may read the GP letter through
 * shared records or post). So the GP and health visitor / school nurse letters leave it out by
 * default and say once where the information is held, with the safeguarding team's number
 * (restricted.ts); the MASH referral carries it whole. That the patient was asked at all is
 * itself restricted: a denial or "not safe to ask" is marked the same way. No request is made
 * of the GP in words (a request would say what was withheld); the GP calls the team.
 *
 * AUDIT-C: the score, whether it is positive and the brief advice, unrestricted (a clinical
 * fact the GP needs, never withheld: PRODUCT.md section 5), and for a positive screen a request
 * to the GP (GOV.UK Clinical guidelines for alcohol treatment, section 3: brief intervention,
 * full AUDIT for increasing or higher risk).
 */
import type { SummaryRow } from '../assessment/summary';
import { NOT_PROVIDED } from '../assessment/summary';
import { auditCQuestions, auditCResult } from '../screening/audit-c';
import { domesticAbuseApplies } from '../screening/domestic-abuse';
import { summariseAuditC, summariseDomesticAbuse } from '../screening/domestic-abuse-sections';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import type { LetterFacts } from './facts';
import type { LetterRow } from './model';
import { paragraph, rows } from './model';

/** Summary rows fit for a letter: "Not provided" lines left out, a row with nothing left left out. */
function letterRows(summary: readonly SummaryRow[]): LetterRow[] {
  return summary.flatMap((entry) => {
    const value = entry.value.filter((text) => text !== NOT_PROVIDED);
    return value.length ? [{ key: entry.key, value }] : [];
  });
}

/** The domestic abuse findings, all restricted; nothing when the enquiry was not recorded. */
export function domesticAbuseContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  if (!domesticAbuseApplies(facts.ctx) || facts.answers.domesticAbuse.enquiry === '') return undefined;
  const found = letterRows(summariseDomesticAbuse(facts.answers, facts.ctx));
  return {
    blocks: [paragraph('Domestic abuse enquiry (NICE QS116):', 'domestic-abuse'), rows(found, 'domestic-abuse')],
    gpRequests: [],
    nurseRequests: [],
  };
}

export const AUDIT_C_GP_REQUEST = 'AUDIT-C was positive (5 or more): please consider the full AUDIT and support to reduce drinking at your next contact.';

/** The AUDIT-C result and brief advice, unrestricted; nothing when it was not completed. */
export function auditCContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  const result = auditCResult(facts.answers.auditC, facts.ctx);
  if (!result) return undefined;
  const found = letterRows(summariseAuditC(facts.answers, facts.ctx).filter((entry) => entry.key === auditCQuestions.score.label || entry.field === 'briefAdvice'));
  return { blocks: [rows(found)], gpRequests: result.positive ? [AUDIT_C_GP_REQUEST] : [], nurseRequests: [] };
}

export const domesticAbuseContributor: SafeguardingContributor = { id: 'domestic-abuse', contribute: domesticAbuseContribution };

export const auditCContributor: SafeguardingContributor = { id: 'audit-c', contribute: auditCContribution };
