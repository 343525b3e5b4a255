/**
 * Section 4.3 "Accounts" form: the carer's account and who gave it, the child's own
 * account in their own words (or why they could not give one), consistency and delay.
 */
import type { AssessmentContext } from '../../../domain/assessment/context';
import {
  accountConsistentOptions,
  accountsQuestions as q,
  childAccountNotGivenReasonOptions,
  consistencyApplies,
  delayApplies,
  delayHint,
  delayRequired,
  SOMEONE_ELSE,
} from '../../../domain/assessment/accounts';
import type { PeopleDraft } from '../../../domain/assessment/people';
import { recordedPeople } from '../../../domain/assessment/people';
import { yesNoOptions } from '../../../domain/assessment/options';
import { Checkbox } from '../../../components/form/checkboxes';
import { Radios } from '../../../components/form/radios';
import { TextInput, Textarea } from '../../../components/form/text-input';

function DelayQuestion({ ctx }: { ctx: AssessmentContext }) {
  // The computed delay is a hint; the answer stays the nurse's (PRODUCT.md principle 5).
  const hint = delayHint(ctx);
  return <Radios name="delay" legend={q.delay.label} {...(hint ? { hint } : {})} options={yesNoOptions} inline optional={!delayRequired(ctx)} />;
}

export function AccountsForm({ ctx, people }: { ctx: AssessmentContext; people: PeopleDraft }) {
  const givers = recordedPeople(people);
  return (
    <>
      {ctx.pathway.child ? (
        <>
          <Textarea name="childAccount" label={q.childAccount.label} labelSize="m" hint={q.childAccount.hint} rows={6} />
          <Checkbox name="childAccountNotGiven" label={q.childAccountNotGiven.label}>
            <Radios
              name="childAccountNotGivenReason"
              legend={q.childAccountNotGiven.reasonLabel}
              options={childAccountNotGivenReasonOptions}
              conditional={{ 'communication-need': <TextInput name="childAccountCommunicationNeed" label={q.childAccountNotGiven.communicationNeedLabel} /> }}
              small
            />
          </Checkbox>
          <Textarea name="carerAccount" label={q.carerAccount.label} labelSize="m" rows={5} optional />
          <Radios
            name="carerAccountGivenBy"
            legend={q.carerAccount.givenBy}
            options={[
              ...givers.map((person) => ({ value: person.id, label: `${person.fullName} (${person.relationship})` })),
              { value: SOMEONE_ELSE, label: 'Someone else' },
            ]}
            conditional={{ [SOMEONE_ELSE]: <TextInput name="carerAccountGivenByOther" label={q.carerAccount.givenByOther} /> }}
            small
            optional
          />
          {consistencyApplies(ctx) ? <Radios name="accountConsistent" legend={q.accountConsistent.label} options={accountConsistentOptions} inline /> : null}
        </>
      ) : (
        <Textarea name="adultAccount" label={q.adultAccount.label} labelSize="m" rows={6} optional />
      )}
      {delayApplies(ctx) ? <DelayQuestion ctx={ctx} /> : null}
    </>
  );
}
