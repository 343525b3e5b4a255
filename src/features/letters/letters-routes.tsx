/**
 * Everything under /assessments/:id/letters: loads the attendance once, read-only (letters
 * never take the editing lock), and the device settings, then shows the page the rest of
 * the path names: the letters list, one letter to prepare and issue (named by an opaque
 * token, never its kind: issue 11), or an issued version (named by its id).
 */
import { useEffect, useState } from 'react';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { letterIdentityKey } from '../../domain/letters/kinds';
import type { DeviceSettings } from '../../domain/settings/device-settings';
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
import { useLetterTokens } from './letter-tokens';
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

/**
 * The letter an address names: its token (letter-tokens.ts) matched against the tokens of
 * the letters that apply to this attendance. A kind in the address (the form before issue
 * 11) names nothing: the app never makes one.
 */
function LetterFromToken({ record, settings, token }: { record: AssessmentRecord; settings: DeviceSettings; token: string }) {
  const answers = currentAnswers(record);
  const [now] = useState(() => new Date().toISOString());
  const applicable = applicableLetters(answers, deriveContext(answers, now));
  const tokens = useLetterTokens(record.id, applicable);
  if (!tokens) {
    return (
      <Page title="Letters">
        <p role="status">Opening the letter…</p>
      </Page>
    );
  }
  const letter = applicable.find((candidate) => tokens.get(letterIdentityKey(candidate)) === token);
  if (!letter) return <NotFound attendanceId={record.id} />;
  return <LetterComposePage key={token} record={record} settings={settings} kind={letter.kind} {...(letter.childId ? { childId: letter.childId } : {})} />;
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
  // One letter to prepare: /letters/write/<token> (an opaque token for attendance + kind + child).
  if (first !== 'write' || second === '') return <NotFound attendanceId={attendanceId} />;
  return <LetterFromToken record={state.record} settings={settings} token={second} />;
}
