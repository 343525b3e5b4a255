/**
 * The self-harm or mental health page in the letters (PRODUCT.md 4.6; research §9.2).
 *
 * Not restricted: self-harm is not among the restricted subjects of PRODUCT.md section 5, and
 * what it records (who is with the young person, parents informed, the overdose, access to
 * means, CAMHS, the safety plan and who holds it, the safe-discharge checklist) are clinical
 * facts the GP must have to follow the young person up (clinical facts are never withheld from
 * the GP). The rows are the check-answers rows, so the letter says what the nurse saw; no risk
 * score or band exists to print (NICE NG225, research §9.1). The GP is asked to follow up.
 */
import { summariseSelfHarm } from '../screening/screening-sections';
import { selfHarmApplies, selfHarmQuestions } from '../screening/self-harm';
import type { SafeguardingContribution, SafeguardingContributor } from './contributions';
import { NOT_PROVIDED } from '../assessment/summary';
import type { LetterFacts } from './facts';
import type { LetterRow } from './model';
import { paragraph, rows } from './model';

/** Asked of the GP after a self-harm or mental health attendance (NICE QS34 statement 2; research §9.2 "Safe discharge": GP letter). */
export const SELF_HARM_GP_REQUEST = 'Please see the young person soon after this self-harm or mental health attendance, and check that the CAMHS or liaison follow-up and the safety plan are in place.';

export function selfHarmContribution(facts: LetterFacts): SafeguardingContribution | undefined {
  if (!facts.ctx.pathway.child || !selfHarmApplies(facts.ctx)) return undefined;
  // An answer left blank is left out, as facts.ts answeredRows does (not imported: facts.ts imports the contributors).
  const found: LetterRow[] = summariseSelfHarm(facts.answers, facts.ctx).flatMap((entry) => {
    const value = entry.value.filter((line) => line !== NOT_PROVIDED);
    return value.length ? [{ key: entry.key, value }] : [];
  });
  return {
    blocks: [paragraph(`${selfHarmQuestions.title}:`), ...(found.length ? [rows(found)] : [paragraph('Not recorded in this assessment.')])],
    gpRequests: [SELF_HARM_GP_REQUEST],
    nurseRequests: [],
  };
}

export const selfHarmContributor: SafeguardingContributor = { id: 'self-harm', contribute: selfHarmContribution };
