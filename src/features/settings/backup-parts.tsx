/**
 * What the backup, restore and hand-back pages share: the progress bar of a long backup or
 * restore (an HTML progress element with the same words beside it, for screen readers),
 * and the restore form (a file and its passphrase), used on the set-up screen of a new
 * tablet and by the nurse in charge of a tablet in use. Every rule and message comes from
 * storage and domain/backup; this only asks and shows.
 */
import { useState } from 'react';
import type { Issue } from '../../domain/assessment/issues';
import { Button } from '../../components/content/button';
import { ErrorSummary } from '../../components/form/error-summary';
import { useRepositories } from '../../storage/repositories/react';
import type { BackupProgress, RestoreSummary } from '../../storage/repositories/types';

type Progress = Parameters<BackupProgress>[0];

const stageWords: Record<Progress['stage'], string> = {
  reading: 'Reading the records',
  encrypting: 'Encrypting',
  decrypting: 'Decrypting',
  checking: 'Checking every record and the audit trail',
  writing: 'Writing to this tablet',
};

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
      <form
        autoComplete="off"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit();
        }}
      >
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
        <div className={`nhsuk-form-group${passphraseError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="backupPassphrase">
            Backup passphrase
          </label>
          <div className="nhsuk-hint" id="backupPassphrase-hint">
            The words given when the backup was made, with a space between each
          </div>
          {passphraseError ? (
            <span className="nhsuk-error-message" id="backupPassphrase-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {passphraseError}
            </span>
          ) : null}
          <input
            className={`nhsuk-input${passphraseError ? ' nhsuk-input--error' : ''}`}
            id="backupPassphrase"
            name="backupPassphrase"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={passphraseError ? 'backupPassphrase-hint backupPassphrase-error' : 'backupPassphrase-hint'}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </div>
        <ProgressBar progress={progress} label="Restoring the backup" />
        <Button type="submit" disabled={busy}>
          {busy ? 'Restoring…' : submitText}
        </Button>
      </form>
    </>
  );
}
