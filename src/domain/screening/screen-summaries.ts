/**
 * What each young-person screen says for oversight (PRODUCT.md section 6; issue 9 "Oversight
 * data"): asked, not asked with the reason, deferred, and the outcome as counts and flags,
 * for the sealed attendance summary the liaison list and the compliance audit read.
 *
 * Owns: how each screen's answers map to a ScreenState and its outcome flags. Every rule is
 * the screen's own (cse.ts, crafft.ts, fraser.ts, fgm.ts, self-harm.ts): this module only
 * reads their results, so the list and the audit can never disagree with the page. A screen
 * that does not apply to the attendance is left out.
 */
import type { AssessmentContext } from '../assessment/context';
import type { Answers } from '../assessment/record';
import type { ScreenState, ScreenSummaries } from '../assessment/attendance-summary-schema';
import { isBlank } from '../shared/text';
import { crafftResult } from './crafft';
import { cseApplies, cseIsMandatory, cseOutcome, cseSignificantIndicators, emptyCseDraft } from './cse';
import type { CseDraft } from './cse';
import { fgmApplies, fgmAtRisk, fgmKnownCase, validateFgm } from './fgm';
import { fraserRecordStarted, fraserResult } from './fraser';
import { screeningFactsFromSections } from './record-facts';
import { emptySelfHarmDraft, selfHarmApplies, validateSelfHarm } from './self-harm';

/**
 * Whether a draft is its screen's empty draft. The empty drafts are made (a schema parse)
 * once, as JSON: a parse on every call cost a third of an autosave's script time, as the
 * summary is sealed with every write (profile in tests/bench/profile.ts).
 */
const emptyJson = new Map<string, string>();
const isEmpty = (screen: string, draft: unknown, empty: () => unknown): boolean => {
  let json = emptyJson.get(screen);
  if (json === undefined) {
    json = JSON.stringify(empty());
    emptyJson.set(screen, json);
  }
  return JSON.stringify(draft) === json;
};

/** The CSE screen is asked when all eight significant indicators are answered (each Yes / No / Not known / Declined). */
function cseState(draft: CseDraft): ScreenState {
  if (draft.notAsked) return 'not-asked';
  const answered = cseSignificantIndicators.filter((indicator) => draft.significant[indicator.id] !== '').length;
  if (answered === cseSignificantIndicators.length) return 'asked';
  // The threshold stamp is not an answer.
  return answered === 0 && isEmpty('cse', { ...draft, otherThreshold: '' }, emptyCseDraft) ? 'not-started' : 'incomplete';
}

/** The screens that apply to this attendance, each with its state and outcome. */
export function screenSummaries(answers: Answers, ctx: AssessmentContext): ScreenSummaries {
  const out: ScreenSummaries = {};

  if (cseApplies(ctx)) {
    const draft = answers.cse;
    const outcome = cseOutcome(draft, ctx);
    const screened = outcome.state === 'screened' ? outcome : undefined;
    out.cse = {
      state: cseState(draft),
      reason: draft.notAsked ? draft.notAskedReason : '',
      mandatory: cseIsMandatory(ctx, screeningFactsFromSections(answers, ctx)),
      significant: screened?.significant.length ?? 0,
      other: screened?.otherCount ?? 0,
      discussion: (screened?.actions.length ?? 0) > 0,
      under13: screened?.actions.includes('under-13-referral-mandatory') ?? false,
    };
  }

  const crafft = crafftResult(answers.substanceUse, ctx);
  if (crafft.state !== 'not-applicable') {
    const draft = answers.substanceUse;
    const scored = crafft.state === 'scored' ? crafft : undefined;
    const states: Record<Exclude<typeof crafft.state, 'not-applicable'>, ScreenState> = {
      'not-asked': 'not-asked',
      deferred: 'deferred',
      'not-started': 'not-started',
      partial: 'incomplete',
      'out-of-date': 'incomplete',
      scored: 'asked',
    };
    out.crafft = {
      state: states[crafft.state],
      reason: draft.notAsked,
      score: scored?.score ?? null,
      positive: scored?.positive ?? false,
      adviceGiven: scored?.positive === true && draft.briefAdvice === 'given',
      serviceReferral: scored?.positive === true ? draft.referral : '',
    };
  }

  const fraser = fraserResult(answers.fraser, ctx);
  if (fraser.state !== 'not-applicable') {
    const draft = answers.fraser;
    out.fraser = {
      state: fraser.state === 'under-13' ? 'not-offered' : fraser.state === 'incomplete' ? (fraserRecordStarted(draft) ? 'incomplete' : 'not-started') : 'asked',
      result: fraser.state === 'competent' || fraser.state === 'not-competent' || fraser.state === 'under-13' ? fraser.state : '',
      powerImbalance: fraser.state !== 'under-13' && draft.powerImbalance === 'yes',
    };
  }

  const fgm = answers.fgm;
  if (fgmApplies(ctx, fgm)) {
    const state: ScreenState =
      fgm.asked === 'not-asked'
        ? 'not-asked'
        : fgm.asked === '' && fgm.observedSigns === ''
          ? 'not-started'
          : validateFgm(fgm, ctx).length === 0
            ? 'asked'
            : 'incomplete';
    out.fgm = {
      state,
      reason: fgm.asked === 'not-asked' ? fgm.notAskedReason.trim() : '',
      knownCase: fgmKnownCase(fgm),
      atRisk: fgmAtRisk(fgm),
      policeReport: fgmKnownCase(fgm) ? fgm.policeReport : '',
    };
  }

  if (selfHarmApplies(ctx)) {
    const draft = answers.selfHarm;
    out.selfHarm = {
      state: isEmpty('selfHarm', draft, emptySelfHarmDraft) ? 'not-started' : validateSelfHarm(draft, ctx).length === 0 ? 'asked' : 'incomplete',
      parentsInformed: draft.parentsInformed,
      responsibleAdult: !isBlank(draft.responsibleAdultName) ? 'named' : !isBlank(draft.noResponsibleAdultReason) ? 'reason-recorded' : '',
    };
  }
  return out;
}
