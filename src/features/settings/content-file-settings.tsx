/**
 * Settings: the wording of the substance use screen (docs/content-files.md). Says which
 * wording is in use (our paraphrase or the licence holder's); the nurse in charge installs a
 * licensed content file by choosing it on the tablet (read and validated here with the domain
 * reader before anything is stored) or removes it. Everyone else sees which wording is in use.
 *
 * The file is not patient data: it is kept with the device settings, and installing or
 * removing it is recorded in the audit trail.
 */
import { useRef, useState } from 'react';
import type { Issue } from '../../domain/assessment/issues';
import { fieldId } from '../../domain/assessment/issues';
import { readContentFileUpload } from '../../domain/screening/content-file';
import { CRAFFT_INSTRUMENT, crafftItemIds, crafftWording } from '../../domain/screening/crafft';
import { whoMay } from '../../domain/settings/permissions';
import { Button, ButtonGroup } from '../../components/content/button';
import { NotificationBanner } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { describedBy, ErrorMessage, FormGroup, Hint } from '../../components/form/form-group';
import { useContentFile, useRepositories } from '../../storage/repositories/react';

const FIELD = 'crafftWordingFile';

function WordingInUse() {
  const resolution = crafftWording(useContentFile(CRAFFT_INSTRUMENT));
  if (resolution.status === 'licensed') {
    return (
      <p>
        In use: the licence holder&apos;s wording, licensed to {resolution.wording.licenceHolder}.
      </p>
    );
  }
  return (
    <>
      <p>In use: our own plain paraphrase. This is not the official CRAFFT wording.</p>
      {resolution.status === 'invalid-file' ? (
        <div className="app-save-status app-save-status--failed">
          <p>The installed wording file could not be read, so our paraphrase is shown:</p>
          <ul>
            {resolution.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

/** Reads a chosen file's text on the tablet. */
const readText = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(typeof reader.result === 'string' ? reader.result : '');
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('The file could not be read'));
    };
    reader.readAsText(file);
  });

export function ContentFileSettings({ canChange }: { canChange: boolean }) {
  const { device } = useRepositories();
  const installed = useContentFile(CRAFFT_INSTRUMENT) !== undefined;
  const input = useRef<HTMLInputElement>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [details, setDetails] = useState<string[]>([]);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const error = issues[0]?.message;

  const fail = (text: string, problems: string[] = []) => {
    setIssues([{ field: FIELD, message: text }]);
    setDetails(problems);
    setMessage(undefined);
  };

  const onInstall = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      fail('Select a wording file to install');
      return;
    }
    let text: string;
    try {
      text = await readText(file);
    } catch {
      fail('The selected file could not be read: choose it again');
      return;
    }
    const read = readContentFileUpload(CRAFFT_INSTRUMENT, crafftItemIds, text, file.size);
    if (!read.ok) {
      fail(read.error.message, read.error.details);
      return;
    }
    const holder = read.value.wording.licenceHolder ?? '';
    const saved = await device.setContentFile(CRAFFT_INSTRUMENT, read.value.json, `Substance use screen wording installed: licensed to ${holder}`);
    if (!saved.ok) {
      fail(saved.error.message);
      return;
    }
    setIssues([]);
    setDetails([]);
    setMessage(`Licensed wording installed: licensed to ${holder}`);
    if (input.current) input.current.value = '';
  };

  const onRemove = async () => {
    const saved = await device.setContentFile(CRAFFT_INSTRUMENT, undefined, 'Substance use screen wording removed: our paraphrase in use');
    if (!saved.ok) {
      fail(saved.error.message);
      return;
    }
    setIssues([]);
    setDetails([]);
    setMessage('Licensed wording removed: our paraphrase is in use');
  };

  const hint = 'A JSON content file from your trust, under its licence from the owner of CRAFFT. Scores never depend on the wording';
  return (
    <section aria-labelledby="substance-wording-heading">
      <h2 className="nhsuk-heading-m" id="substance-wording-heading">
        Substance use screen wording
      </h2>
      <WordingInUse />
      {!canChange ? (
        <p>{`Only ${whoMay('change-settings')} can change the wording.`}</p>
      ) : (
        <>
          <ErrorSummary issues={issues} />
          {message ? (
            <NotificationBanner title="Success" variant="success">
              <p className="nhsuk-notification-banner__heading">{message}</p>
            </NotificationBanner>
          ) : null}
          <FormGroup error={error}>
            <label className="nhsuk-label" htmlFor={fieldId(FIELD)}>
              Licensed wording file
            </label>
            <Hint name={FIELD}>{hint}</Hint>
            {error ? <ErrorMessage name={FIELD}>{error}</ErrorMessage> : null}
            {details.length > 0 ? (
              <ul className="nhsuk-list nhsuk-list--bullet" id={`${fieldId(FIELD)}-problems`}>
                {details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            ) : null}
            <input
              ref={input}
              className={`nhsuk-file-upload${error ? ' nhsuk-file-upload--error' : ''}`}
              id={fieldId(FIELD)}
              name={FIELD}
              type="file"
              accept="application/json,.json"
              aria-describedby={describedBy(FIELD, hint, error, details.length > 0 ? `${fieldId(FIELD)}-problems` : undefined)}
            />
          </FormGroup>
          <ButtonGroup>
            <Button variant="secondary" onClick={() => void onInstall()}>
              Install wording
            </Button>
            {installed ? (
              <Button variant="secondary" onClick={() => void onRemove()}>
                Remove licensed wording
              </Button>
            ) : null}
          </ButtonGroup>
        </>
      )}
    </section>
  );
}
