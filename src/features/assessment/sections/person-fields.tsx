/**
 * The questions about one person (the person with the patient, the next of kin, someone
 * with parental responsibility): name, relationship, phone, and for a child whether they
 * have parental responsibility and how; and the shorter questions about someone else in the
 * child's household.
 */
import { useWatch } from 'react-hook-form';
import { parentalResponsibilityBasisOptions, parentalResponsibilityOptions, relationshipOptions } from '../../../domain/assessment/options';
import { peopleQuestions as q } from '../../../domain/assessment/people';
import { Radios } from '../../../components/form/radios';
import { Select } from '../../../components/form/select';
import { TextInput } from '../../../components/form/text-input';

// Each watch computes the one fact it shows (useWatch `compute`), so moving through a
// select's options with the arrow keys re-renders only when that fact changes.

function RelationshipOther({ path }: { path: string }) {
  const other = useWatch({ exact: true, name: `${path}.relationship`, compute: (relationship: unknown) => relationship === '99' });
  return other ? <TextInput name={`${path}.relationshipOther`} label={q.companion.relationshipOther} /> : null;
}

function BasisOther({ path }: { path: string }) {
  const other = useWatch({ exact: true, name: `${path}.parentalResponsibilityBasis`, compute: (basis: unknown) => basis === 'other' });
  return other ? <TextInput name={`${path}.parentalResponsibilityBasisOther`} label={q.parentalResponsibilityBasis.otherLabel} /> : null;
}

export function ParentalResponsibilityBasis({ path }: { path: string }) {
  const mother = useWatch({ exact: true, name: `${path}.relationship`, compute: (relationship: unknown) => relationship === '12' });
  const hint = mother ? { hint: q.parentalResponsibilityBasis.motherHint } : {};
  return (
    <>
      <Select name={`${path}.parentalResponsibilityBasis`} label={q.parentalResponsibilityBasis.label} options={parentalResponsibilityBasisOptions} {...hint} />
      <BasisOther path={path} />
    </>
  );
}

export function PersonFields({ path, child, phoneOptional = false, askParentalResponsibility = true }: { path: string; child: boolean; phoneOptional?: boolean; askParentalResponsibility?: boolean }) {
  return (
    <>
      <TextInput name={`${path}.fullName`} label={q.companion.fullName} spellCheck={false} />
      <Select name={`${path}.relationship`} label={q.companion.relationship} options={relationshipOptions} />
      <RelationshipOther path={path} />
      <TextInput name={`${path}.phone`} label={q.companion.phone} type="tel" width={20} optional={phoneOptional} spellCheck={false} />
      {child && askParentalResponsibility ? (
        <Radios
          name={`${path}.hasParentalResponsibility`}
          legend={q.hasParentalResponsibility.label}
          hint={q.hasParentalResponsibility.hint}
          options={parentalResponsibilityOptions}
          conditional={{ yes: <ParentalResponsibilityBasis path={path} /> }}
          small
        />
      ) : null}
    </>
  );
}

/** Someone else in the child's household: name, date of birth or age, relationship (PRODUCT.md 4.2). */
export function HouseholdMemberFields({ path }: { path: string }) {
  return (
    <>
      <TextInput name={`${path}.fullName`} label={q.household.fullName} spellCheck={false} />
      <TextInput name={`${path}.dateOfBirthOrAge`} label={q.household.dateOfBirthOrAge} width={20} optional spellCheck={false} />
      <TextInput name={`${path}.relationship`} label={q.household.relationship} hint={q.household.relationshipHint} optional />
    </>
  );
}
