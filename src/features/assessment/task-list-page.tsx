/**
 * The assessment task list (NHS "complete multiple tasks"): each relevant section with
 * its status, then "Check answers and sign". Sections that do not apply to this patient
 * are not shown (PRODUCT.md section 4). For an under-18, the "What to do next" panel shows
 * the actions for what is recorded so far.
 */
import { deriveContext } from '../../domain/assessment/derive-context';
import { blocksSigning, issuesBeforeGpLetter, neededForGpLetterText, relevantSections, sectionStatus, sectionStatusLabels } from '../../domain/rules/sections';
import { ButtonLink } from '../../components/content/button';
import { TaskList } from '../../components/content/task-list';
import type { TaskListItem } from '../../components/content/task-list';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { Link } from '../../components/navigation/router';
import { leftBeforeAssessmentQuestions } from '../../domain/assessment/left-before-assessment';
import type { OpenAssessment } from './assessment-context';
import { useRecord } from './assessment-context';
import { SavedNextSteps } from './next-steps-panel';
import { PatientHeading } from './patient-heading';
import { SaveStatusLine } from './save-status-line';
import { EditLeaseBanner } from './edit-lease-banner';
import { ConflictAddendaPanel } from './conflict-addenda-panel';
import { useDeviceSettings } from '../../storage/repositories/react';

export function TaskListPage({ open }: { open: OpenAssessment }) {
  const record = useRecord(open);
  const settings = useDeviceSettings();
  const ctx = deriveContext(record.answers, new Date().toISOString(), { thinkFamilyTriggersOff: settings?.thinkFamilyTriggersOff ?? [] });
  const sections = relevantSections(ctx);
  const letterGaps = issuesBeforeGpLetter(record.answers, ctx);
  const items: TaskListItem[] = sections.map((section) => {
    const status = sectionStatus(record, section, ctx);
    // A section needed only for the GP letter (Discharge) says so, and does not hold up signing.
    // Answers of a signing section that only the GP letter needs (the patient's address) say so too.
    const letterText = neededForGpLetterText(letterGaps.find((entry) => entry.section.id === section.id)?.issues ?? []);
    const optional = section.isOptional?.(record.answers, ctx) === true;
    const hint = blocksSigning(section)
      ? letterText
        ? { hint: letterText }
        : optional
          ? { hint: 'Offered: ask it where you can. It becomes required when a trigger applies' }
          : {}
      : { hint: 'Needed for the GP letter. You can sign without it and add it later' };
    return { id: section.id, title: section.title, href: paths.section(record.id, section.slug), status, statusText: sectionStatusLabels[status], ...hint };
  });
  const done = items.filter((item) => item.status === 'completed').length;
  // An offered section left untouched does not hold up signing (PRODUCT.md 4.7: offered otherwise).
  const allDone = sections.every(
    (section, index) => !blocksSigning(section) || items[index]?.status === 'completed' || (items[index]?.status === 'not-started' && section.isOptional?.(record.answers, ctx) === true),
  );
  items.push({
    id: 'check-answers',
    title: 'Check answers and sign',
    ...(allDone ? { href: paths.checkAnswers(record.id) } : {}),
    status: allDone ? 'not-started' : 'cannot-start',
    statusText: allDone ? 'Not started' : 'Cannot start yet',
  });
  return (
    <Page title="Safeguarding assessment" backLink={{ to: paths.home(), text: 'Home' }}>
      <PatientHeading patient={record.answers.patient} />
      <h1>Safeguarding assessment</h1>
      <EditLeaseBanner lease={open.lease} />
      <ConflictAddendaPanel record={record} />
      <p>
        You have completed {done} of {sections.length} sections. Everything you enter is saved on this device as you go: you can stop and come back at any time.
      </p>
      <SaveStatusLine store={open.status} />
      {ctx.pathway.child ? <SavedNextSteps answers={record.answers} ctx={ctx} /> : null}
      <TaskList items={items} />
      {!allDone ? (
        <p>
          You can check the answers so far at any time, and you will see what is still needed before you can sign.
        </p>
      ) : null}
      <ButtonLink to={paths.checkAnswers(record.id)} variant={allDone ? 'primary' : 'secondary'}>
        Check answers
      </ButtonLink>
      {ctx.leftBeforeAssessment ? null : (
        <p>
          <Link to={paths.section(record.id, 'left-before-assessment')}>{leftBeforeAssessmentQuestions.taskListLink}</Link>
        </p>
      )}
    </Page>
  );
}
