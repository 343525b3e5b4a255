/**
 * Section "Alcohol use (AUDIT-C)" form, adults (PRODUCT.md 4.7; research §4.2): whether alcohol
 * was involved (presumed for an intoxication attendance), then the three questions in our own
 * plain wording (marked as such), the score out of 12 and whether it is positive (5 or more),
 * and brief advice; or "not asked" with the reason.
 *
 * The items, scores, bands and wording come from domain/screening/audit-c.ts.
 */
import { useWatch } from 'react-hook-form';
import type { AssessmentContext } from '../../../domain/assessment/context';
import {
  alcoholInvolved,
  alcoholInvolvedOptions,
  alcoholQuestionAsked,
  auditCDraftSchema,
  auditCItems,
  auditCQuestions as q,
  auditCResult,
  briefAdviceOptions,
} from '../../../domain/screening/audit-c';
import { InsetText, WarningCallout } from '../../../components/content/feedback';
import { Checkbox } from '../../../components/form/checkboxes';
import { Radios } from '../../../components/form/radios';
import { Textarea } from '../../../components/form/text-input';
import { parsedOnce, useFormDerived } from '../use-form-derived';

const draftOf = parsedOnce(auditCDraftSchema);

/** The score as the answers stand, and brief advice for a positive screen. */
function Score({ ctx }: { ctx: AssessmentContext }) {
  const result = useFormDerived((values) => auditCResult(draftOf(values), ctx) ?? null, [ctx]);
  return (
    <>
      <div aria-live="polite" aria-atomic="true">
        {result ? (
          result.positive ? (
            <WarningCallout title={`${q.score.label}: ${String(result.score)} out of 12`}>
              <p>{q.score.positive}.</p>
              <p>{q.positiveAction}.</p>
            </WarningCallout>
          ) : (
            <InsetText>
              <p>
                {q.score.label}: {result.score} out of 12. {q.score.negative}.
              </p>
            </InsetText>
          )
        ) : null}
      </div>
      <Radios
        name="briefAdvice"
        legend={q.briefAdvice.label}
        legendSize="m"
        optional={result?.positive !== true}
        options={briefAdviceOptions}
        conditional={{ 'not-given': <Textarea name="briefAdviceNotGivenReason" label={q.briefAdvice.reasonLabel} rows={2} /> }}
      />
    </>
  );
}

function Questions({ ctx }: { ctx: AssessmentContext }) {
  const notAsked = useWatch({ exact: true, name: 'notAsked' }) === true;
  return (
    <>
      <Checkbox name="notAsked" label={q.notAsked.label}>
        <Textarea name="notAskedReason" label={q.notAsked.reasonLabel} hint={q.notAsked.reasonHint} rows={2} />
      </Checkbox>
      {notAsked ? null : (
        <>
          <InsetText>
            <p>{q.wordingNotice}.</p>
          </InsetText>
          {auditCItems.map((item) => (
            <Radios key={item.id} name={item.id} legend={item.label} legendSize="s" options={item.options} />
          ))}
          <Score ctx={ctx} />
        </>
      )}
    </>
  );
}

export function AuditCForm({ ctx }: { ctx: AssessmentContext }) {
  const involved = useFormDerived((values) => alcoholInvolved(draftOf(values), ctx), [ctx]);
  return (
    <>
      {alcoholQuestionAsked(ctx) ? (
        <Radios name="alcoholInvolved" legend={q.alcoholInvolved.label} legendSize="m" options={alcoholInvolvedOptions} inline />
      ) : (
        <InsetText>
          <p>{q.fromReason}.</p>
        </InsetText>
      )}
      {involved ? <Questions ctx={ctx} /> : null}
    </>
  );
}
