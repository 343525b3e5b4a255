/**
 * Section "Discharge" form: clinical impression, treatment, destination, follow-up, the
 * advice given to the patient (the child) and to the parent or carer, and the senior
 * reviewer. Needed for the GP letter, not for signing (domain/assessment/discharge.ts).
 * A home destination shows, before the nurse saves, why it cannot be accepted yet when the
 * outcome has not recorded that it is safe for the child to go home (PRODUCT.md 4.9).
 */
import type { AssessmentContext } from '../../../domain/assessment/context';
import { adviceToPatientApplies, adviceToPatientLabel, destinationDetailLabel, destinationOptions, dischargeDraftSchema, dischargeQuestions as q, homeDischargeProblem } from '../../../domain/assessment/discharge';
import type { Answers } from '../../../domain/assessment/record';
import type { DischargeDestination } from '../../../domain/assessment/discharge';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Fieldset } from '../../../components/form/form-group';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';
import { useFormDerived } from '../use-form-derived';

/** Why a home destination cannot be accepted yet, shown as soon as it is chosen. */
function HomeNotYetSafe({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const problem = useFormDerived((values) => homeDischargeProblem(dischargeDraftSchema.parse(values).destination, answers, ctx) ?? null, [answers, ctx]);
  if (problem === null) return null;
  return (
    <WarningCallout title="Is it safe for the child to go home?" id="safe-to-go-home-needed">
      <p>{problem}.</p>
    </WarningCallout>
  );
}

const detailFor = (destination: DischargeDestination) => {
  const label = destinationDetailLabel(destination);
  return label ? <TextInput name="destinationDetail" label={label} /> : undefined;
};

export function DischargeForm({ ctx, answers }: { ctx: AssessmentContext; answers: Answers }) {
  const options = destinationOptions(ctx);
  return (
    <>
      <InsetText>
        <p>These answers go into the GP letter. You can sign the assessment without them and add them later.</p>
      </InsetText>
      <Textarea name="clinicalImpression" label={q.clinicalImpression.label} labelSize="m" hint={q.clinicalImpression.hint} rows={3} />
      <Textarea name="treatmentGiven" label={q.treatmentGiven.label} labelSize="m" hint={q.treatmentGiven.hint} rows={3} />
      <Radios
        name="destination"
        legend={q.destination.label}
        legendSize="m"
        options={options}
        conditional={Object.fromEntries(options.map((option) => [option.value, detailFor(option.value)]))}
      />
      <HomeNotYetSafe ctx={ctx} answers={answers} />
      <Textarea name="followUp" label={q.followUp.label} labelSize="m" hint={q.followUp.hint} rows={3} />
      {adviceToPatientApplies(ctx, answers.accounts) ? <Textarea name="adviceToPatient" label={adviceToPatientLabel(ctx)} labelSize="m" hint={q.adviceToPatient.hint} rows={4} /> : null}
      <Textarea name="adviceToCarer" label={q.adviceToCarer.label} labelSize="m" rows={4} optional={!ctx.pathway.child} />
      <Fieldset name="seniorReviewer" legend={q.seniorReviewer.legend} legendSize="m" optional>
        <TextInput name="seniorReviewerName" label={q.seniorReviewer.nameLabel} width={20} />
        <TextInput name="seniorReviewerRole" label={q.seniorReviewer.roleLabel} width={20} />
      </Fieldset>
    </>
  );
}
