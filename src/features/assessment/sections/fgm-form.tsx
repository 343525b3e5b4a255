/**
 * Section "Female genital mutilation (FGM)" form (PRODUCT.md 4.6; research §6.4): whether she
 * says she has been cut, whether physical signs are seen ("Not examined" allowed); for a
 * known case the FGM type for the Enhanced Dataset, the police (101) report block with its
 * deadline, the named reporter and the safeguarding lead, and what the outcome must record;
 * for a girl at risk (not a known case) the FGM-IS step.
 *
 * The known-case rule, the deadline (end of the next working day, bank holidays from the
 * device settings) and the wording come from domain/screening/fgm.ts.
 */
import { useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import { yesNoNotKnownOptions } from '../../../domain/assessment/options';
import {
  atRiskFactorOptions,
  fgmAskedOptions,
  fgmDraftSchema,
  fgmIsOptions,
  fgmKnownCase,
  fgmObservedOptions,
  fgmPolicePrompt,
  fgmQuestions as q,
  fgmTypeOptions,
  policeReportOptions,
} from '../../../domain/screening/fgm';
import { formatDate } from '../../../domain/shared/dates';
import type { IsoDate } from '../../../domain/shared/dates';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkboxes } from '../../../components/form/checkboxes';
import { DateInput, TimeInput } from '../../../components/form/date-input';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useDeviceSettings } from '../../../storage/repositories/react';
import { parsedOnce, useFormDerived } from '../use-form-derived';

/** The section as its derived values read it: parsed once a change (use-form-derived.ts). */
const fgmOf = parsedOnce(fgmDraftSchema);

type FgmStage = 'unanswered' | 'known' | 'not-known-case';

function stageOf(values: unknown): FgmStage {
  const draft = fgmOf(values);
  if (fgmKnownCase(draft)) return 'known';
  return draft.asked !== '' && draft.observedSigns !== '' ? 'not-known-case' : 'unanswered';
}

const NO_BANK_HOLIDAYS: readonly IsoDate[] = [];

/** Who reported, or will report: the duty is personal, so a known case always names someone. */
function Reporter() {
  const report: unknown = useWatch({ exact: true, name: 'policeReport' });
  const p = q.policeReport;
  const label = report === 'will-report' ? p.willReportLabel : report === 'reported-by-colleague' ? p.colleagueLabel : p.reportedByLabel;
  return <TextInput name="reportedBy" label={label} />;
}

function KnownCase({ ctx }: { ctx: AssessmentContext }) {
  const settings = useDeviceSettings();
  const bankHolidays = settings?.mashHours.bankHolidays ?? NO_BANK_HOLIDAYS;
  const deadline = useFormDerived((values) => fgmPolicePrompt(fgmOf(values), ctx, bankHolidays)?.deadline.date, [ctx, bankHolidays]);
  const p = q.policeReport;
  return (
    <>
      <Radios name="fgmType" legend={q.fgmType.label} legendSize="m" hint={q.fgmType.hint} options={fgmTypeOptions} dividerBefore={fgmTypeOptions.length - 1} />
      <WarningCallout title={q.knownCase.title}>
        <p>{p.hint}.</p>
        {deadline ? (
          <p>
            {q.knownCase.deadline} <strong>{formatDate(deadline)}</strong>.
          </p>
        ) : null}
        <p>{q.knownCase.required}.</p>
      </WarningCallout>
      <Radios
        name="policeReport"
        legend={p.label}
        legendSize="m"
        options={policeReportOptions}
        conditional={{
          reported: (
            <>
              <DateInput name="reportDate" legend={p.dateLabel} />
              <TimeInput name="reportTime" label={p.timeLabel} />
              <TextInput name="policeReference" label={p.referenceLabel} width={20} />
              <TextInput name="officerName" label={p.officerLabel} />
            </>
          ),
        }}
      />
      <Reporter />
      <TextInput name="safeguardingLeadInformed" label={q.safeguardingLead.label} labelSize="m" />
    </>
  );
}

function AtRisk() {
  return (
    <Radios
      name="atRisk"
      legend={q.atRisk.label}
      legendSize="m"
      options={yesNoNotKnownOptions}
      conditional={{
        yes: (
          <>
            <InsetText>
              <p>{q.atRiskStep}.</p>
            </InsetText>
            <Checkboxes
              name="atRiskFactors"
              legend={q.atRisk.factorsLabel}
              options={atRiskFactorOptions}
              conditional={{ other: <Textarea name="atRiskDetails" label={q.atRisk.detailsLabel} rows={2} /> }}
            />
            <Radios
              name="fgmIs"
              legend={q.fgmIs.label}
              hint={q.fgmIs.hint}
              options={fgmIsOptions}
              conditional={{ 'not-done': <Textarea name="fgmIsNotDoneReason" label={q.fgmIs.reasonLabel} rows={2} /> }}
            />
          </>
        ),
      }}
    />
  );
}

export function FgmForm({ ctx }: { ctx: AssessmentContext }) {
  const stage = useFormDerived(stageOf);
  return (
    <>
      <Radios
        name="asked"
        legend={q.asked.label}
        legendSize="m"
        hint={q.asked.hint}
        options={fgmAskedOptions}
        conditional={{ 'not-asked': <Textarea name="notAskedReason" label={q.asked.notAskedReasonLabel} rows={2} /> }}
      />
      <Radios name="observedSigns" legend={q.observedSigns.label} legendSize="m" hint={q.observedSigns.hint} options={fgmObservedOptions} />
      {stage === 'known' ? <KnownCase ctx={ctx} /> : null}
      {stage === 'not-known-case' ? <AtRisk /> : null}
    </>
  );
}
