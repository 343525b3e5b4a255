/**
 * Everything under /assessments/:id/letters: loads the attendance once, read-only (letters
 * never take the editing lock), and the device settings, then shows the page the rest of
 * the path names: the letters list, one letter to prepare and issue, or an issued version.
 */
import { useEffect, useState } from 'react';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { letterKindSchema } from '../../domain/letters/model';
import type { LetterKind } from '../../domain/letters/model';
import { applicableLetters } from '../../domain/letters/letters';
import { deriveContext } from '../../domain/assessment/derive-context';
import { currentAnswers } from '../../domain/assessment/lifecycle';
import { ButtonLink } from '../../components/content/button';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useDeviceSettings, useRepositories } from '../../storage/repositories/react';
import type { StorageFailure } from '../../storage/repositories/types';
import { IssuedLetterPage } from './issued-letter-page';
import { LetterComposePage } from './letter-compose-page';
import { LettersPage } from './letters-page';
import './letters.css';

type RecordState = { status: 'loading' } | { status: 'ready'; record: AssessmentRecord } | { status: 'failed'; failure: StorageFailure };

function useAttendanceRecord(attendanceId: string): RecordState {
  const { letters } = useRepositories();
  const [state, setState] = useState<RecordState>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    void letters.readAttendance(attendanceId).then((result) => {
      if (!cancelled) setState(result.ok ? { status: 'ready', record: result.value } : { status: 'failed', failure: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [letters, attendanceId]);
  return state;
}

function NotFound({ attendanceId }: { attendanceId: string }) {
  return (
    <Page title="Page not found" backLink={{ to: paths.letters(attendanceId), text: 'Letters' }}>
      <h1>Page not found</h1>
      <p>This letter does not exist.</p>
      <ButtonLink to={paths.letters(attendanceId)}>Go to the letters</ButtonLink>
    </Page>
  );
}

/** The child's notification applies to this attendance (Think Family, the nurse chose to share it). */
function childLetterExists(record: AssessmentRecord, kind: LetterKind, childId: string): boolean {
  const answers = currentAnswers(record);
  return applicableLetters(answers, deriveContext(answers, new Date().toISOString())).some((letter) => letter.kind === kind && letter.childId === childId);
}

export function LettersRoutes({ attendanceId, rest }: { attendanceId: string; rest: string[] }) {
  const state = useAttendanceRecord(attendanceId);
  const settings = useDeviceSettings();
  const [first = '', second = ''] = rest;
  if (first === 'issued' && second) return <IssuedLetterPage attendanceId={attendanceId} letterId={second} site={settings?.siteName ?? ''} />;
  if (state.status === 'loading' || !settings) {
    return (
      <Page title="Letters">
        <p role="status">Loading the letters…</p>
      </Page>
    );
  }
  if (state.status === 'failed') {
    return (
      <Page title="Letters could not be opened" backLink={{ to: paths.home(), text: 'Home' }}>
        <h1>The letters could not be opened</h1>
        <p>{state.failure.message}</p>
        <ButtonLink to={paths.home()}>Go to the home screen</ButtonLink>
      </Page>
    );
  }
  if (first === '') return <LettersPage record={state.record} settings={settings} />;
  const kind = letterKindSchema.safeParse(first);
  if (!kind.success) return <NotFound attendanceId={attendanceId} />;
  // A notification about one child of the patient: /letters/<kind>/<child id> (letter identity attendance + kind + child).
  if (second !== '' && !childLetterExists(state.record, kind.data, second)) return <NotFound attendanceId={attendanceId} />;
  const childId = second === '' ? undefined : second;
  return <LetterComposePage key={`${kind.data}/${second}`} record={state.record} settings={settings} kind={kind.data} {...(childId ? { childId } : {})} />;
}
