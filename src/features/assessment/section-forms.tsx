/**
 * Which form renders which section. Adding a section means: its domain module, an entry
 * in domain/rules/sections.ts, and an entry here.
 */
import type { ReactNode } from 'react';
import type * as z from 'zod/mini';
import { accountsDraftSchema } from '../../domain/assessment/accounts';
import type { AssessmentContext } from '../../domain/assessment/context';
import { dischargeDraftSchema } from '../../domain/assessment/discharge';
import { informationChecksDraftSchema } from '../../domain/assessment/information-checks';
import { outcomeDraftSchema } from '../../domain/assessment/outcome';
import { patientDraftSchema } from '../../domain/assessment/patient';
import { peopleDraftSchema } from '../../domain/assessment/people';
import type { Answers, SectionId } from '../../domain/assessment/record';
import type { ConcernStage } from '../../domain/rules/concern-level';
import { safeguardingDraftSchema } from '../../domain/assessment/safeguarding-prompts';
import { crafftDraftSchema } from '../../domain/screening/crafft';
import { cseDraftSchema } from '../../domain/screening/cse';
import { AccountsForm } from './sections/accounts-form';
import { CseForm } from './sections/cse-form';
import { DischargeForm } from './sections/discharge-form';
import { InformationChecksForm } from './sections/information-checks-form';
import { OutcomeForm } from './sections/outcome-form';
import { PatientForm } from './sections/patient-form';
import { PeopleForm } from './sections/people-form';
import { SafeguardingPromptsForm } from './sections/safeguarding-prompts-form';
import { fgmDraftSchema } from '../../domain/screening/fgm';
import { fraserDraftSchema } from '../../domain/screening/fraser';
import { selfHarmDraftSchema } from '../../domain/screening/self-harm';
import { FgmForm } from './sections/fgm-form';
import { FraserForm } from './sections/fraser-form';
import { SelfHarmForm } from './sections/self-harm-form';
import { SubstanceUseForm } from './sections/substance-use-form';
import { auditCDraftSchema } from '../../domain/screening/audit-c';
import { domesticAbuseDraftSchema } from '../../domain/screening/domestic-abuse';
import { AuditCForm } from './sections/audit-c-form';
import { DomesticAbuseForm } from './sections/domestic-abuse-form';
import { thinkFamilyDraftSchema } from '../../domain/screening/think-family';
import { ThinkFamilyForm } from './sections/think-family-form';
import { leftBeforeAssessmentDraftSchema } from '../../domain/assessment/left-before-assessment';
import { LeftBeforeAssessmentForm } from './sections/left-before-assessment-form';

export interface SectionForm<K extends SectionId> {
  schema: z.ZodMiniType<Answers[K]>;
  /** `stage` is 'addendum' when a signed record is being changed (the concern-level rules differ). */
  render: (ctx: AssessmentContext, answers: Answers, stage: ConcernStage) => ReactNode;
}

export const sectionForms: Partial<{ [K in SectionId]: SectionForm<K> }> = {
  patient: { schema: patientDraftSchema, render: () => <PatientForm /> },
  people: { schema: peopleDraftSchema, render: (ctx) => <PeopleForm ctx={ctx} /> },
  accounts: { schema: accountsDraftSchema, render: (ctx, answers) => <AccountsForm ctx={ctx} people={answers.people} /> },
  discharge: { schema: dischargeDraftSchema, render: (ctx, answers) => <DischargeForm ctx={ctx} answers={answers} /> },
  informationChecks: { schema: informationChecksDraftSchema, render: (ctx, answers) => <InformationChecksForm ctx={ctx} patient={answers.patient} /> },
  safeguarding: { schema: safeguardingDraftSchema, render: (ctx, answers) => <SafeguardingPromptsForm ctx={ctx} answers={answers} /> },
  outcome: { schema: outcomeDraftSchema, render: (ctx, answers, stage) => <OutcomeForm ctx={ctx} answers={answers} stage={stage} /> },
  cse: { schema: cseDraftSchema, render: (ctx, answers) => <CseForm ctx={ctx} answers={answers} /> },
  substanceUse: { schema: crafftDraftSchema, render: (ctx) => <SubstanceUseForm ctx={ctx} /> },
  fraser: { schema: fraserDraftSchema, render: (ctx, answers) => <FraserForm ctx={ctx} answers={answers} /> },
  fgm: { schema: fgmDraftSchema, render: (ctx) => <FgmForm ctx={ctx} /> },
  selfHarm: { schema: selfHarmDraftSchema, render: () => <SelfHarmForm /> },
  domesticAbuse: { schema: domesticAbuseDraftSchema, render: (ctx, answers) => <DomesticAbuseForm ctx={ctx} answers={answers} /> },
  auditC: { schema: auditCDraftSchema, render: (ctx) => <AuditCForm ctx={ctx} /> },
  thinkFamily: { schema: thinkFamilyDraftSchema, render: (ctx, answers) => <ThinkFamilyForm ctx={ctx} answers={answers} /> },
  leftBeforeAssessment: { schema: leftBeforeAssessmentDraftSchema, render: (ctx, answers) => <LeftBeforeAssessmentForm ctx={ctx} answers={answers} /> },
};
