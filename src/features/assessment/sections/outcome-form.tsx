/**
 * Section 4.9 "Outcome and actions" form: the concern level the clinician chooses (with the
 * highest NICE level recorded and, when "No concern" is refused, why), Excluded with its
 * explanation and the senior who agreed (role, name, time), who it was discussed with,
 * immediate danger, the referral to children's social care (MASH) in and out of hours, the
 * police, whether it is safe for the child to go home, and informing the health visitor or
 * school nurse; and the live "What to do next" panel. In an addendum (`stage`) a consultant
 * paediatrician or the safeguarding team may record an exclusion barred at triage.
 *
 * Which levels are allowed, which questions apply and which referral answers are offered
 * come from the domain (assessment/outcome.ts, rules/concern-level.ts, rules/mash-hours.ts,
 * rules/next-steps.ts). The clinician chooses the level: the app never infers it (NICE CG89
 * step 4).
 */
import { useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { yesNoOptions } from '../../../domain/assessment/options';
import {
  concernLevelOptions,
  decidedOutOfHours,
  decisionTime,
  discussionRequired,
  emergencyDutyTeamQuestionApplies,
  exclusionSeniorRoleOptions,
  notifyApplies,
  notifyLabel,
  outcomeDraftSchema,
  outcomeQuestions as q,
  policeApplies,
  policePromptReasons,
  policeRequired,
  referralAnswers,
  referralApplies,
  referralRequired,
  safeToGoHomeApplies,
  safeToGoHomeOptions,
} from '../../../domain/assessment/outcome';
import type { Answers } from '../../../domain/assessment/record';
import { fgmOutcomeRequirements, fgmQuestions } from '../../../domain/screening/fgm';
import type { ConcernFacts, ConcernStage } from '../../../domain/rules/concern-level';
import {
  allowedConcernLevels,
  concernFactsFromAnswers,
  concernLevelLabels,
  concernLevelRefusals,
  exclusionNeedsSeniorAssessment,
  exclusionRolesAllowed,
  highestNiceLevel,
  recordedConcerns,
} from '../../../domain/rules/concern-level';
import { nextMashOpening } from '../../../domain/rules/mash-hours';
import { contactOrAsk, formatOpening, nextSteps } from '../../../domain/rules/next-steps';
import type { DeviceSettings } from '../../../domain/settings/device-settings';
import { defaultDeviceSettings } from '../../../domain/settings/device-settings';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { DateInput, TimeInput } from '../../../components/form/date-input';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useDeviceSettings } from '../../../storage/repositories/react';
import { NextStepsPanel } from '../next-steps-panel';
import { NiceLevelTag } from '../nice-level-tag';
import { parsedOnce, useFormDerived } from '../use-form-derived';

const outcomeOf = parsedOnce(outcomeDraftSchema);

const DEFAULT_MASH_HOURS = defaultDeviceSettings().mashHours;

/** What the safeguarding page recorded that carries a NICE level, and the highest of them. */
function RecordedLevel({ answers, ctx }: { answers: Answers; ctx: AssessmentContext }) {
  const highest = highestNiceLevel(answers.safeguarding, ctx);
  const concerns = recordedConcerns(answers.safeguarding, ctx);
  return (
    <InsetText>
      <p>
        Highest NICE level recorded: {highest ? <NiceLevelTag level={highest} announced={false} /> : <strong>none</strong>}
      </p>
      {concerns.length > 0 ? (
        <ul>
          {concerns.map((concern) => (
            <li key={`${concern.kind}-${concern.featureId ?? ''}`}>
              {concern.text} <NiceLevelTag level={concern.level} />
            </li>
          ))}
        </ul>
      ) : (
        <p>Nothing with a NICE level is recorded on the safeguarding prompts page.</p>
      )}
    </InsetText>
  );
}

const factsFor = (answers: Answers, stage: ConcernStage): ConcernFacts => concernFactsFromAnswers(answers, stage);

/** Shown before the nurse chooses, so "No concern" is never a surprise error (PRODUCT.md 4.9). */
function Refusals({ answers, ctx, stage }: { answers: Answers; ctx: AssessmentContext; stage: ConcernStage }) {
  const facts = factsFor(answers, stage);
  const refusals = concernLevelRefusals(answers.safeguarding, ctx, undefined, facts);
  if (refusals.length === 0) return null;
  const allowed = allowedConcernLevels(answers.safeguarding, ctx, undefined, facts).map((level) => concernLevelLabels[level]);
  const seniorOnly = exclusionNeedsSeniorAssessment(refusals).length > 0;
  return (
    <WarningCallout title={`${concernLevelLabels['no-concern']} cannot be chosen`} id="concern-level-refusals">
      <p>Because:</p>
      <ul>
        {refusals.map((refusal) => (
          <li key={`${refusal.rule}-${refusal.featureId ?? ''}`}>{refusal.reason}</li>
        ))}
      </ul>
      <p>
        You can choose {allowed.join(' or ')}
        {allowed.includes(concernLevelLabels.excluded) ? ' (with the suitable explanation and the senior who agreed)' : ''}.
      </p>
      {seniorOnly ? (
        <p>
          {stage === 'triage'
            ? 'Excluded is not available at triage. Only a consultant paediatrician or the safeguarding team can record an exclusion later, by addendum, after their own assessment.'
            : 'Only a consultant paediatrician or the safeguarding team can agree an exclusion, after their own assessment.'}
        </p>
      ) : null}
    </WarningCallout>
  );
}

function ConcernLevel({ answers, ctx, stage }: { answers: Answers; ctx: AssessmentContext; stage: ConcernStage }) {
  const roles = exclusionRolesAllowed(answers.safeguarding, ctx, undefined, factsFor(answers, stage));
  const seniorOnly = roles.length < exclusionSeniorRoleOptions().length;
  return (
    <Radios
      name="concernLevel"
      legend={q.concernLevel.label}
      legendSize="m"
      hint={q.concernLevel.hint}
      options={concernLevelOptions}
      conditional={{
        excluded: (
          <>
            <Textarea name="excludedExplanation" label={q.excluded.explanationLabel} rows={4} />
            <TextInput name="excludedAgreedByName" label={q.excluded.agreedByNameLabel} />
            <Radios name="excludedSeniorRole" legend={q.excluded.roleLegend} hint={seniorOnly ? q.excluded.seniorAssessmentHint : undefined} options={exclusionSeniorRoleOptions(roles)} small />
            <DateInput name="excludedAgreedDate" legend={q.excluded.dateLabel} />
            <TimeInput name="excludedAgreedTime" label={q.excluded.timeLabel} hint={q.discussedWith.timeHint} />
          </>
        ),
      }}
    />
  );
}

function DiscussedWith() {
  return (
    <fieldset className="nhsuk-fieldset">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{q.discussedWith.label}</legend>
      <TextInput name="discussedWithName" label={q.discussedWith.nameLabel} />
      <TextInput name="discussedWithRole" label={q.discussedWith.roleLabel} />
      <DateInput name="discussedWithDate" legend={q.discussedWith.dateLabel} />
      <TimeInput name="discussedWithTime" label={q.discussedWith.timeLabel} hint={q.discussedWith.timeHint} />
    </fieldset>
  );
}

/**
 * The referral question. Its answers depend on the time of the decision (the discussion, or
 * now) against the MASH hours in settings: outside them the emergency duty team number is
 * shown and "To be made next working day" is offered (PRODUCT.md 4.9; CQC finding 3.4).
 */
function Referral({ answers, ctx, settings }: { answers: Answers; ctx: AssessmentContext; settings: DeviceSettings | undefined }) {
  // Until settings are read the default hours keep the question on screen (a Change link can
  // focus it); the local numbers wait for the real settings.
  const mashHours = settings?.mashHours ?? DEFAULT_MASH_HOURS;
  const derived = useFormDerived(
    (values) => {
      const draft = outcomeOf(values);
      const outOfHours = decidedOutOfHours(draft, ctx, mashHours);
      return {
        applies: referralApplies(draft),
        required: referralRequired(draft),
        options: referralAnswers(draft, ctx, mashHours, answers.safeguarding, concernFactsFromAnswers(answers)),
        outOfHours,
        edtAsked: emergencyDutyTeamQuestionApplies(draft),
        opening: outOfHours ? (nextMashOpening(decisionTime(draft, ctx), mashHours) ?? null) : null,
      };
    },
    [ctx, mashHours, answers.safeguarding],
  );
  if (!derived.applies) return null;
  const contacts = settings?.contacts;
  return (
    <>
      {derived.outOfHours ? (
        <WarningCallout title="The MASH is closed" id="mash-closed">
          <p>{derived.opening ? `It opens again on ${formatOpening(derived.opening)}.` : 'It is closed now.'}</p>
          {contacts ? <p>If the child needs protection before it opens, call the emergency duty team now: {contactOrAsk(contacts.emergencyDutyTeam)}.</p> : null}
          <p>Then record who will make the referral when the MASH opens.</p>
        </WarningCallout>
      ) : null}
      <Radios
        name="referral"
        legend={q.referral.label}
        legendSize="m"
        hint={contacts && !derived.outOfHours ? `MASH: ${contactOrAsk(contacts.mash)}` : undefined}
        optional={!derived.required}
        options={derived.options}
        conditional={{
          made: (
            <>
              <DateInput name="referralDate" legend={q.referral.dateLabel} />
              <TimeInput name="referralTime" label={q.referral.timeLabel} />
              <TextInput name="referralTakenBy" label={q.referral.takenByLabel} />
              <TextInput name="referralReference" label={q.referral.referenceLabel} />
            </>
          ),
          'not-made': <Textarea name="referralNotMadeReason" label={q.referral.notMadeReasonLabel} rows={3} />,
          'next-working-day': (
            <>
              <TextInput name="referralNextDayBy" label={q.referral.nextDayByLabel} hint={q.referral.nextDayByHint} />
              <DateInput name="referralNextDayDate" legend={q.referral.nextDayDateLabel} hint={derived.opening ? `The MASH opens again on ${formatOpening(derived.opening)}` : undefined} />
              <TimeInput name="referralNextDayTime" label={q.referral.nextDayTimeLabel} />
              {derived.edtAsked ? (
                <Radios
                  name="emergencyDutyTeamCalled"
                  legend={q.emergencyDutyTeamCalled.label}
                  hint={contacts ? `Emergency duty team: ${contactOrAsk(contacts.emergencyDutyTeam)}` : undefined}
                  options={yesNoOptions}
                  inline
                  small
                />
              ) : null}
            </>
          ),
        }}
      />
    </>
  );
}

/**
 * The police question. A known case of FGM in a girl under 18 prompts it whatever the level,
 * with the reporting duty as its hint (PRODUCT.md 4.9; research §6.1: fgm.ts).
 */
function Police({ fgmKnownCase }: { fgmKnownCase: boolean }) {
  const derived = useFormDerived(
    (values) => {
      const draft = outcomeOf(values);
      const options = { fgmKnownCase };
      return { applies: policeApplies(draft, options), prompted: policeRequired(draft, options), fgm: policePromptReasons(draft, options).includes('fgm-known-case') };
    },
    [fgmKnownCase],
  );
  if (!derived.applies) return null;
  return (
    <Radios
      name="police"
      legend={q.police.label}
      legendSize="m"
      hint={derived.fgm ? fgmQuestions.policePrompt : derived.prompted ? q.immediateDanger.hint : undefined}
      optional={!derived.prompted}
      options={yesNoOptions}
      conditional={{
        yes: <Textarea name="policeDetails" label={q.police.detailsLabel} rows={3} />,
        no: <Textarea name="policeNotInformedReason" label={q.police.notInformedReasonLabel} rows={3} optional={!derived.prompted} />,
      }}
    />
  );
}

/** The questions that follow the level: which ones apply is the domain's. */
function FollowUps({ answers, ctx, settings }: { answers: Answers; ctx: AssessmentContext; settings: DeviceSettings | undefined }) {
  const level: unknown = useWatch({ exact: true, name: 'concernLevel' });
  const draft = outcomeDraftSchema.parse({ concernLevel: level });
  const concern = discussionRequired(draft);
  return (
    <>
      {concern ? <DiscussedWith /> : null}
      {concern ? (
        <Radios
          name="immediateDanger"
          legend={q.immediateDanger.label}
          legendSize="m"
          hint={q.immediateDanger.hint}
          optional={draft.concernLevel !== 'suspect'}
          options={yesNoOptions}
          inline
        />
      ) : null}
      <Referral answers={answers} ctx={ctx} settings={settings} />
      <Police fgmKnownCase={fgmOutcomeRequirements(answers.fgm, ctx).police} />
      <SafeToGoHome answers={answers} ctx={ctx} />
      {draft.concernLevel === 'suspect' ? (
        <Radios name="paediatricLiaisonTold" legend={q.paediatricLiaisonTold.label} legendSize="m" hint={q.paediatricLiaisonTold.hint} optional options={yesNoOptions} inline />
      ) : null}
    </>
  );
}

/**
 * "Is it safe for the child to go home?" for Consider, Suspect or a disclosure (PRODUCT.md
 * 4.9). Optional here: it never stops signing; the discharge section needs it for "Home".
 */
function SafeToGoHome({ answers, ctx }: { answers: Answers; ctx: AssessmentContext }) {
  const applies = useFormDerived((values) => safeToGoHomeApplies(outcomeOf(values), answers.safeguarding, ctx), [answers.safeguarding, ctx]);
  if (!applies) return null;
  return (
    <Radios
      name="safeToGoHome"
      legend={q.safeToGoHome.label}
      legendSize="m"
      hint={q.safeToGoHome.hint}
      optional
      options={safeToGoHomeOptions}
      conditional={{
        yes: <TextInput name="safeToGoHomeAgreedBy" label={q.safeToGoHome.agreedByLabel} hint={q.safeToGoHome.agreedByHint} />,
        no: <Textarea name="safeToGoHomeNotSafePlan" label={q.safeToGoHome.notSafePlanLabel} rows={3} />,
      }}
    />
  );
}

/** "What to do next" for the answers on screen, recomputed only when a step changes. */
function LiveNextSteps({ answers, ctx, settings }: { answers: Answers; ctx: AssessmentContext; settings: DeviceSettings }) {
  const steps = useFormDerived((values) => nextSteps({ ...answers, outcome: outcomeOf(values) }, ctx, settings, new Date().toISOString()), [answers, ctx, settings]);
  return <NextStepsPanel steps={steps} />;
}

export function OutcomeForm({ ctx, answers, stage = 'triage' }: { ctx: AssessmentContext; answers: Answers; stage?: ConcernStage }) {
  const settings = useDeviceSettings();
  return (
    <>
      {settings ? <LiveNextSteps answers={answers} ctx={ctx} settings={settings} /> : null}
      <RecordedLevel answers={answers} ctx={ctx} />
      <Refusals answers={answers} ctx={ctx} stage={stage} />
      <ConcernLevel answers={answers} ctx={ctx} stage={stage} />
      <FollowUps answers={answers} ctx={ctx} settings={settings} />
      {notifyApplies(ctx) ? <Radios name="notify" legend={notifyLabel(ctx)} legendSize="m" options={yesNoOptions} inline /> : null}
    </>
  );
}
