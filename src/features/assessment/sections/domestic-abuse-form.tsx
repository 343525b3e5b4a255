/**
 * Section "Domestic abuse" form, 16 and over (PRODUCT.md 4.8; research §10.3): the indicators
 * (those the reason for attendance brings are shown, not ticked), the private enquiry with
 * its four answers, the interpreter, and on disclosure the DASH count (never its questions),
 * professional judgement with its reasons, MARAC when high risk, IDVA, consent or the legal
 * basis for sharing, the safe contact, 999 for immediate danger, and the children / pregnancy
 * prompt to Think Family and a child referral.
 *
 * Every rule (which indicators, high risk, what is required) and every word comes from
 * domain/screening/domestic-abuse.ts; this component only shows what the domain derives.
 */
import type { AssessmentContext } from '../../../domain/assessment/context';
import type { Answers } from '../../../domain/assessment/record';
import { sectionBySlug } from '../../../domain/rules/sections';
import {
  childReferralOptions,
  childrenPromptApplies,
  dashOptions,
  domesticAbuseChildVictim,
  domesticAbuseDraftSchema,
  domesticAbuseFollowUps,
  domesticAbuseIndicators,
  domesticAbuseQuestions as q,
  enquiryOptions,
  highRiskBasis,
  idvaOptions,
  indicatorOptions,
  indicatorsFromReason,
  interpreterUsedOptions,
  judgementReasonOptions,
  maracReferralOptions,
  sharingBasisOptions,
  THINK_FAMILY_SLUG,
  yesNoNotKnownOptions,
  yesNoOptions,
} from '../../../domain/screening/domestic-abuse';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkboxes } from '../../../components/form/checkboxes';
import { DateInput } from '../../../components/form/date-input';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { Link, useLocation } from '../../../components/navigation/router';
import { parsedOnce, useFormDerived } from '../use-form-derived';

const draftOf = parsedOnce(domesticAbuseDraftSchema);

/** The high-risk callout: why (count, judgement), and for a 16–17-year-old the MASH as well. */
function HighRisk({ ctx }: { ctx: AssessmentContext }) {
  const risk = useFormDerived((values) => {
    const draft = draftOf(values);
    return { basis: highRiskBasis(draft, ctx), child: domesticAbuseChildVictim(draft, ctx) };
  }, [ctx]);
  if (risk.basis.length === 0) {
    return risk.child ? (
      <InsetText>
        <p>{q.highRisk.childVictim}.</p>
      </InsetText>
    ) : null;
  }
  const why = risk.basis.map((basis) => (basis === 'dash-count' ? q.highRisk.byCount : q.highRisk.byJudgement)).join(' and ');
  const m = q.marac;
  return (
    <>
      <WarningCallout title={q.highRisk.title}>
        <p>High risk because of {why}.</p>
        {risk.child ? <p>{q.highRisk.childVictim}.</p> : null}
      </WarningCallout>
      <Radios
        name="maracReferral"
        legend={m.label}
        legendSize="m"
        options={maracReferralOptions}
        conditional={{
          made: (
            <>
              <DateInput name="maracReferralDate" legend={m.dateLabel} />
              <TextInput name="maracReferredBy" label={m.referredByLabel} />
              <TextInput name="maracReference" label={m.referenceLabel} width={20} />
            </>
          ),
          'passed-on': <TextInput name="maracPassedTo" label={m.passedToLabel} />,
          'not-made': <Textarea name="maracNotMadeReason" label={m.notMadeReasonLabel} rows={2} />,
        }}
      />
    </>
  );
}

/** The Think Family link, when that section is on this device's task list (it is another section's page). */
function ThinkFamilyLink() {
  const { pathname } = useLocation();
  if (!sectionBySlug(THINK_FAMILY_SLUG) || !pathname.endsWith('/domestic-abuse')) return null;
  return (
    <p>
      <Link to={`${pathname.slice(0, -'domestic-abuse'.length)}${THINK_FAMILY_SLUG}`}>{q.children.thinkFamilyLink}</Link>
    </p>
  );
}

function Children({ ctx }: { ctx: AssessmentContext }) {
  const prompted = useFormDerived((values) => childrenPromptApplies(draftOf(values), ctx), [ctx]);
  const c = q.children;
  return (
    <>
      <Radios name="childrenInHousehold" legend={c.childrenLabel} legendSize="m" options={yesNoNotKnownOptions} inline />
      <Radios name="pregnant" legend={c.pregnantLabel} legendSize="m" options={yesNoNotKnownOptions} inline />
      {prompted ? (
        <>
          <WarningCallout title="Children and unborn children">
            <p>{c.prompt}.</p>
            <ThinkFamilyLink />
          </WarningCallout>
          <Radios
            name="childReferral"
            legend={c.referralLabel}
            legendSize="m"
            options={childReferralOptions}
            conditional={{
              made: <Textarea name="childReferralDetails" label={c.referralDetailsLabel} rows={2} />,
              'not-made': <Textarea name="childReferralNotMadeReason" label={c.referralNotMadeLabel} rows={2} />,
            }}
          />
        </>
      ) : null}
    </>
  );
}

function Disclosure({ ctx }: { ctx: AssessmentContext }) {
  return (
    <>
      <WarningCallout title="Immediate danger">
        <p>{q.immediateDanger.call999}.</p>
      </WarningCallout>
      <Radios
        name="immediateDanger"
        legend={q.immediateDanger.label}
        legendSize="m"
        options={yesNoOptions}
        conditional={{ yes: <TextInput name="policeDetails" label={q.immediateDanger.policeLabel} /> }}
      />
      <Radios
        name="dash"
        legend={q.dash.label}
        legendSize="m"
        hint={q.dash.hint}
        options={dashOptions}
        conditional={{
          completed: <TextInput name="dashYesCount" label={q.dash.countLabel} hint={q.dash.countHint} width={2} inputMode="numeric" />,
          'not-completed': <Textarea name="dashNotCompletedReason" label={q.dash.notCompletedReasonLabel} rows={2} />,
        }}
      />
      <Radios
        name="judgementHighRisk"
        legend={q.judgement.label}
        legendSize="m"
        hint={q.judgement.hint}
        options={yesNoOptions}
        conditional={{
          yes: (
            <Checkboxes
              name="judgementReasons"
              legend={q.judgement.reasonsLabel}
              options={judgementReasonOptions}
              conditional={{ other: <Textarea name="judgementDetails" label={q.judgement.detailsLabel} rows={2} /> }}
            />
          ),
        }}
      />
      <HighRisk ctx={ctx} />
      <Radios
        name="idvaReferral"
        legend={q.idva.label}
        legendSize="m"
        hint={q.idva.hint}
        options={idvaOptions}
        conditional={{ 'not-offered': <Textarea name="idvaNotOfferedReason" label={q.idva.notOfferedReasonLabel} rows={2} /> }}
      />
      <Radios
        name="sharingBasis"
        legend={q.sharingBasis.label}
        legendSize="m"
        options={sharingBasisOptions}
        conditional={{ 'without-consent': <Textarea name="sharingLegalBasis" label={q.sharingBasis.legalBasisLabel} hint={q.sharingBasis.legalBasisHint} rows={2} /> }}
      />
      <TextInput name="safeContactNumber" label={q.safeContact.numberLabel} labelSize="m" hint={q.safeContact.numberHint} type="tel" width={20} />
      <TextInput name="safeContactTime" label={q.safeContact.timeLabel} labelSize="m" />
      <Children ctx={ctx} />
    </>
  );
}

function FollowUps({ ctx }: { ctx: AssessmentContext }) {
  const texts = useFormDerived((values) => domesticAbuseFollowUps(draftOf(values), ctx).map((entry) => entry.text), [ctx]);
  if (texts.length === 0) return null;
  return (
    <InsetText>
      {texts.map((text) => (
        <p key={text}>{text}. This goes on the liaison review list.</p>
      ))}
    </InsetText>
  );
}

export function DomesticAbuseForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const fromReason = indicatorsFromReason(ctx);
  const tickable = indicatorOptions.filter((option) => !(fromReason as readonly string[]).includes(option.value));
  const stage = useFormDerived((values) => {
    const draft = draftOf(values);
    return { enquiry: draft.enquiry };
  });
  return (
    <>
      <InsetText>
        <p>{q.intro}.</p>
      </InsetText>
      {fromReason.length > 0 ? (
        <p>
          {q.indicators.fromReason} {fromReason.map((id) => domesticAbuseIndicators.find((indicator) => indicator.id === id)?.label ?? id).join(', ')}.
        </p>
      ) : null}
      <Checkboxes name="indicators" legend={q.indicators.label} legendSize="m" hint={q.indicators.hint} options={tickable} optional={fromReason.length > 0} />
      {answers.patient.interpreterNeeded === 'yes' ? (
        <WarningCallout title="Interpreter">
          <p>{q.interpreterUsed.patientNeedsInterpreter}.</p>
        </WarningCallout>
      ) : null}
      <Radios
        name="enquiry"
        legend={q.enquiry.label}
        legendSize="m"
        hint={q.enquiry.hint}
        options={enquiryOptions}
        conditional={{
          disclosed: <Radios name="interpreterUsed" legend={q.interpreterUsed.label} hint={q.interpreterUsed.hint} options={interpreterUsedOptions} />,
          denied: <Radios name="interpreterUsed" legend={q.interpreterUsed.label} hint={q.interpreterUsed.hint} options={interpreterUsedOptions} />,
          'not-safe': <Textarea name="notSafeReason" label={q.enquiry.notSafeReasonLabel} rows={2} />,
          'not-asked': <Textarea name="notAskedReason" label={q.enquiry.notAskedReasonLabel} rows={2} />,
        }}
      />
      <FollowUps ctx={ctx} />
      {stage.enquiry === 'disclosed' ? <Disclosure ctx={ctx} /> : null}
    </>
  );
}
