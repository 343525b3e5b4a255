/**
 * What the backup, restore and hand-back pages share: the progress bar of a long backup or
 * restore (an HTML progress element with the same words beside it, for screen readers); the
 * two plain fields they ask with, outside react-hook-form (a passphrase typed in clear and
 * never offered to a password manager, and a confirmation checkbox); and the restore form (a
 * file and its passphrase), used on the set-up screen of a new tablet and by the nurse in
 * charge of a tablet in use. Every rule and message comes from storage and domain/backup;
 * this only asks and shows.
 */
import { useState } from 'react';
import type { Issue } from '../../domain/assessment/issues';
import { Button } from '../../components/content/button';
import { ErrorSummary } from '../../components/form/error-summary';
import { useRepositories } from '../../storage/repositories/react';
import type { BackupProgress, RestoreSummary } from '../../storage/repositories/types';
import { Form } from '../../components/form/form';

type Progress = Parameters<BackupProgress>[0];

const stageWords: Record<Progress['stage'], string> = {
  reading: 'Reading the records',
  encrypting: 'Encrypting',
  decrypting: 'Decrypting',
  checking: 'Checking every record and the audit trail',
  sealing: 'Encrypting the records for this tablet',
  writing: 'Writing to this tablet',
};

const errorIds = (id: string, error: string | undefined) => (error ? `${id}-hint ${id}-error` : `${id}-hint`);

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <span className="nhsuk-error-message" id={`${id}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {error}
    </span>
  ) : null;
}

/**
 * A backup passphrase, typed in clear: it is words to read back, and a password field would
 * be offered to the browser's password manager (issue 11: nothing typed is kept outside
 * IndexedDB), so it opts out of autocomplete, capitalisation and spelling.
 */
export function PassphraseField({ id, label, hint, error, value, onChange }: { id: string; label: string; hint: string; error: string | undefined; value: string; onChange: (value: string) => void }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <div className="nhsuk-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <FieldError id={id} error={error} />
      <input
        className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        aria-describedby={errorIds(id, error)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** One checkbox that confirms an act ("I have written down…", "I understand that…"), with its error above it. */
export function ConfirmCheckbox({ id, label, error, checked, onChange }: { id: string; label: string; error: string | undefined; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <FieldError id={id} error={error} />
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input className="nhsuk-checkboxes__input" id={id} type="checkbox" aria-describedby={error ? `${id}-error` : undefined} checked={checked} onChange={(event) => onChange(event.target.checked)} />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
        </div>
      </div>
    </div>
  );
}

/** The progress of a long backup or restore: a bar and the same in words. */
export function ProgressBar({ progress, label }: { progress: Progress | undefined; label: string }) {
  if (!progress) return null;
  const percent = progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100);
  const words = `${stageWords[progress.stage]}: ${String(percent)}%`;
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor="backup-progress">
        {label}
      </label>
      <progress id="backup-progress" max={100} value={percent} aria-valuetext={words}>
        {words}
      </progress>
      <p className="nhsuk-body-s" role="status">
        {words}
      </p>
    </div>
  );
}

/** Reads the chosen file's bytes. */
async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export function RestoreForm({ submitText, onRestored }: { submitText: string; onRestored?: (summary: RestoreSummary) => void }) {
  const { backup } = useRepositories();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [passphrase, setPassphrase] = useState('');
  const [issues, setIssues] = useState<Issue[]>([]);
  const [refusal, setRefusal] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const fileError = issues.find((issue) => issue.field === 'backupFile')?.message;
  const passphraseError = issues.find((issue) => issue.field === 'backupPassphrase')?.message;

  const onSubmit = async () => {
    const found: Issue[] = [];
    if (!file) found.push({ field: 'backupFile', message: 'Choose the backup file' });
    if (passphrase.trim() === '') found.push({ field: 'backupPassphrase', message: 'Enter the backup passphrase' });
    setIssues(found);
    setRefusal(undefined);
    if (!file || found.length) return;
    setBusy(true);
    const result = await backup.restore(await fileBytes(file), passphrase, setProgress);
    setBusy(false);
    setProgress(undefined);
    if (!result.ok) {
      setRefusal(result.error.message);
      return;
    }
    setPassphrase('');
    onRestored?.(result.value);
  };

  return (
    <>
      <ErrorSummary issues={issues} />
      {refusal ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          <h2 className="nhsuk-heading-s">The backup was not restored</h2>
          <p>{refusal}</p>
        </div>
      ) : null}
      <Form onSubmit={onSubmit}>
        <div className={`nhsuk-form-group${fileError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="backupFile">
            Backup file
          </label>
          <div className="nhsuk-hint" id="backupFile-hint">
            The file made from Settings, Back up this tablet. Its name starts with backup-
          </div>
          {fileError ? (
            <span className="nhsuk-error-message" id="backupFile-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {fileError}
            </span>
          ) : null}
          <input
            className={`nhsuk-input${fileError ? ' nhsuk-input--error' : ''}`}
            id="backupFile"
            name="backupFile"
            type="file"
            aria-describedby={fileError ? 'backupFile-hint backupFile-error' : 'backupFile-hint'}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
        </div>
        <PassphraseField
          id="backupPassphrase"
          label="Backup passphrase"
          hint="The words given when the backup was made, with a space between each"
          error={passphraseError}
          value={passphrase}
          onChange={setPassphrase}
        />
        <ProgressBar progress={progress} label="Restoring the backup" />
        <Button type="submit" disabled={busy}>
          {busy ? 'Restoring…' : submitText}
        </Button>
      </Form>
    </>
  );
}
