/**
 * Section 4.6 "Substance use" form (12–17, CRAFFT 2.1 structure): whether the screen was
 * asked (or deferred because the young person is intoxicated now), Part A's three day counts,
 * then Part B (only CAR when all three are 0, else all six), the score as the number of yes
 * answers and, when positive, brief advice and the referral to the young people's substance
 * misuse service.
 *
 * The skip logic, the score, "out of date" and the wording come from the domain
 * (screening/crafft.ts). The wording is our paraphrase, marked as such, unless the trust has
 * installed its licensed content file in Settings; scoring never reads the wording.
 */
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import {
  briefAdviceOptions,
  CRAFFT_INSTRUMENT,
  crafftDraftSchema,
  crafftFollowUps,
  crafftNotAskedOptions,
  crafftPartAIds,
  crafftPartBAsked,
  crafftPartBIds,
  crafftQuestions as q,
  crafftResult,
  crafftWording,
  crafftYesNoOptions,
  stampPartB,
  substanceServiceReferralOptions,
} from '../../../domain/screening/crafft';
import type { CrafftItemId } from '../../../domain/screening/crafft';
import type { WordingResolution } from '../../../domain/screening/content-file';
import { crafftResultSentence } from '../../../domain/screening/cse-crafft-sections';
import { Button } from '../../../components/content/button';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useContentFile, useDeviceSettings } from '../../../storage/repositories/react';
import { useFormDerived } from '../use-form-derived';

const crafftOf = (values: unknown) => crafftDraftSchema.parse(values);

const PART_A_FIELD = { 'days-alcohol': 'daysAlcohol', 'days-cannabis': 'daysCannabis', 'days-other': 'daysOther' } as const;

/** "Was the screen asked?": Yes, or deferred or not asked with the reason. */
const askedOptions = [{ value: '', label: 'Yes' }, ...crafftNotAskedOptions];

type Wording = WordingResolution<CrafftItemId>;

/** Says whose wording is on screen: ours (marked as not the official wording) or the licence holder's. */
function WordingNotice({ wording }: { wording: Wording }) {
  if (wording.status === 'licensed') {
    return (
      <p className="nhsuk-body-s">
        {wording.wording.copyrightNotice} Wording used under licence by {wording.wording.licenceHolder}.
      </p>
    );
  }
  return (
    <InsetText>
      <p>{q.paraphraseNotice}.</p>
      {wording.status === 'invalid-file' ? <p>The installed wording file could not be read, so our paraphrase is shown. The nurse in charge can replace it in Settings.</p> : null}
    </InsetText>
  );
}

/** Records that Part B was answered against the current Part A whenever a Part B answer changes. */
function StampPartB() {
  const { watch, getValues, setValue } = useFormContext();
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      if (name === undefined || !(crafftPartBIds as readonly string[]).includes(name)) return;
      const stamped = stampPartB(crafftOf(getValues()));
      setValue('partBAnsweredWithPartA', stamped.partBAnsweredWithPartA, { shouldDirty: true });
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [watch, getValues, setValue]);
  return null;
}

function PartB({ wording }: { wording: Wording }) {
  const asked = useFormDerived((values) => crafftPartBAsked(crafftOf(values)) ?? null);
  if (asked === null) return null;
  return (
    <>
      <h2 className="nhsuk-heading-m">{q.partB.legend}</h2>
      {asked.map((id) => (
        <Radios key={id} name={id} legend={wording.wording.items[id]} legendSize="s" options={crafftYesNoOptions} inline small />
      ))}
    </>
  );
}

function Result({ ctx, substanceService }: { ctx: AssessmentContext; substanceService: string }) {
  const { getValues, setValue } = useFormContext();
  const result = useFormDerived((values) => crafftResult(crafftOf(values), ctx), [ctx]);
  const sentence = crafftResultSentence(result);
  const reconfirm = () => {
    setValue('partBAnsweredWithPartA', stampPartB(crafftOf(getValues())).partBAnsweredWithPartA, { shouldDirty: true });
  };
  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {result.state === 'out-of-date' ? (
          <WarningCallout title="The score is out of date" id="crafft-out-of-date">
            <p>{q.outOfDate}.</p>
            <Button variant="secondary" onClick={reconfirm}>
              I have checked the Part B answers again
            </Button>
          </WarningCallout>
        ) : sentence !== '' ? (
          <InsetText>
            <p>{sentence}</p>
          </InsetText>
        ) : null}
      </div>
      {result.state === 'scored' && result.positive ? (
        <>
          <Radios
            name="briefAdvice"
            legend={q.briefAdvice.label}
            legendSize="s"
            options={briefAdviceOptions}
            conditional={{ 'not-given': <Textarea name="briefAdviceNotGivenReason" label={q.briefAdvice.reasonLabel} rows={3} /> }}
          />
          <Radios
            name="referral"
            legend={q.referral.label}
            legendSize="s"
            hint={substanceService === '' ? undefined : `Young people's substance misuse service: ${substanceService}`}
            options={substanceServiceReferralOptions}
            conditional={{ 'not-made': <Textarea name="referralNotMadeReason" label={q.referral.reasonLabel} rows={3} /> }}
          />
        </>
      ) : null}
    </>
  );
}

function FollowUpNote({ ctx }: { ctx: AssessmentContext }) {
  const followUps = useFormDerived((values) => crafftFollowUps(crafftOf(values), ctx, true).map((followUp) => followUp.text), [ctx]);
  if (followUps.length === 0) return null;
  return (
    <InsetText>
      <p>This creates a follow-up for the liaison team: {followUps.join('. ')}.</p>
    </InsetText>
  );
}

function Questions({ ctx, wording, substanceService }: { ctx: AssessmentContext; wording: Wording; substanceService: string }) {
  const notAsked: unknown = useWatch({ exact: true, name: 'notAsked' });
  if (notAsked !== '' && notAsked !== undefined) return <FollowUpNote ctx={ctx} />;
  return (
    <>
      <h2 className="nhsuk-heading-m">{q.partA.legend}</h2>
      {crafftPartAIds.map((id) => (
        <TextInput key={id} name={PART_A_FIELD[id]} label={wording.wording.items[id]} hint={`${q.partA.hint}. Number of ${q.partA.suffix}`} width={3} inputMode="numeric" />
      ))}
      <PartB wording={wording} />
      <StampPartB />
      <Result ctx={ctx} substanceService={substanceService} />
    </>
  );
}

export function SubstanceUseForm({ ctx }: { ctx: AssessmentContext }) {
  const wording = crafftWording(useContentFile(CRAFFT_INSTRUMENT));
  const settings = useDeviceSettings();
  const substanceService = settings?.contacts.substanceMisuseService.trim() ?? '';
  return (
    <>
      <p>{q.intro}</p>
      <WordingNotice wording={wording} />
      <Radios name="notAsked" legend={q.notAsked.label} legendSize="s" hint={q.notAsked.hint} options={askedOptions} />
      <Questions ctx={ctx} wording={wording} substanceService={substanceService} />
    </>
  );
}
