/**
 * Back up this tablet (issue 13; docs/backup.md), for the nurse in charge: an encrypted
 * backup file under a passphrase generated and shown once here (or one they choose, checked
 * for strength), with a progress bar; restoring another tablet's backup into this one (its
 * records merged, staff and settings here left alone); and the audit trails brought in by
 * earlier restores, each checked as its own tablet's chain. The route shows this page to the
 * nurse in charge only; storage refuses anyone else.
 */
import { useEffect, useState } from 'react';
import type { Issue } from '../../domain/assessment/issues';
import { backupPassphraseProblem, generatePassphrase } from '../../domain/backup/backup-rules';
import { passphraseWords } from '../../domain/backup/passphrase-words';
import { formatDateTime } from '../../domain/shared/dates';
import { Button, ButtonGroup, ButtonLink } from '../../components/content/button';
import { downloadFile } from '../../components/content/download';
import { InsetText, NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { ErrorSummary } from '../../components/form/error-summary';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useBackupStatus, useRepositories } from '../../storage/repositories/react';
import type { BackupFile, BackupProgress, ImportedChainStatus, RestoreSummary } from '../../storage/repositories/types';
import { ConfirmCheckbox, PassphraseField, ProgressBar, RestoreForm } from './backup-parts';
import { Form } from '../../components/form/form';

/** A uniform whole number below `limit` from the platform's cryptographic source (rejection sampling, no modulo bias). */
function randomBelow(limit: number): number {
  const ceiling = Math.floor(0x1_0000_0000 / limit) * limit;
  const value = new Uint32Array(1);
  do crypto.getRandomValues(value);
  while ((value[0] ?? 0) >= ceiling);
  return (value[0] ?? 0) % limit;
}

type Progress = Parameters<BackupProgress>[0];

const count = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

function MakeBackup() {
  const { backup } = useRepositories();
  const [choice, setChoice] = useState<'generated' | 'own'>('generated');
  const [generated, setGenerated] = useState(() => generatePassphrase(passphraseWords, randomBelow));
  const [own, setOwn] = useState('');
  const [writtenDown, setWrittenDown] = useState(false);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [progress, setProgress] = useState<Progress | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [made, setMade] = useState<BackupFile | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const onSubmit = async () => {
    const passphrase = choice === 'generated' ? generated : own;
    const found: Issue[] = [];
    const weak = choice === 'own' ? backupPassphraseProblem(own) : undefined;
    if (weak) found.push({ field: 'ownPassphrase', message: weak });
    if (!writtenDown) found.push({ field: 'writtenDown', message: 'Confirm you have written down the backup passphrase' });
    setIssues(found);
    setFailure(undefined);
    if (found.length) return;
    setBusy(true);
    const result = await backup.create(passphrase, setProgress);
    setBusy(false);
    setProgress(undefined);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    downloadFile(result.value.fileName, 'application/octet-stream', new Blob(result.value.parts.map((part) => new Uint8Array(part))));
    // Shown once: the passphrase is not kept, on the page or on the tablet.
    setGenerated(generatePassphrase(passphraseWords, randomBelow));
    setOwn('');
    setWrittenDown(false);
    setMade(result.value);
  };

  if (made) {
    const { counts } = made.header;
    return (
      <NotificationBanner title="Success" variant="success" id="backup-made">
        <h3 className="nhsuk-notification-banner__heading">Backup file saved</h3>
        <p>
          The file {made.fileName} is in Downloads. It holds {count(counts.attendances, 'attendance', 'attendances')}, {count(counts.letters, 'issued letter', 'issued letters')} and{' '}
          {count(counts.auditEvents, 'audit event', 'audit events')}, encrypted under the backup passphrase. Move it to the place your trust keeps backups, apart from the passphrase.
        </p>
        {made.skipped > 0 ? <p>{made.skipped} rows on this tablet could not be opened (changed or damaged) and are not in the backup. Tell the safeguarding team.</p> : null}
        <Button variant="secondary" onClick={() => setMade(undefined)}>
          Make another backup
        </Button>
      </NotificationBanner>
    );
  }

  const ownError = issues.find((issue) => issue.field === 'ownPassphrase')?.message;
  const writtenError = issues.find((issue) => issue.field === 'writtenDown')?.message;
  return (
    <>
      <ErrorSummary issues={issues} />
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      <Form onSubmit={onSubmit}>
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset" aria-describedby="passphraseChoice-hint">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Backup passphrase</legend>
            <div className="nhsuk-hint" id="passphraseChoice-hint">
              The backup can only be restored with this passphrase. It is not kept on the tablet.
            </div>
            <div className="nhsuk-radios">
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="passphraseChoice" name="passphraseChoice" type="radio" checked={choice === 'generated'} onChange={() => setChoice('generated')} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="passphraseChoice">
                  Use a passphrase made for me (recommended)
                </label>
              </div>
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id="passphraseChoice-own" name="passphraseChoice" type="radio" checked={choice === 'own'} onChange={() => setChoice('own')} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor="passphraseChoice-own">
                  Choose my own passphrase
                </label>
              </div>
            </div>
          </fieldset>
        </div>
        {choice === 'generated' ? (
          <InsetText>
            <p>Your backup passphrase:</p>
            <p className="nhsuk-heading-m" id="generated-passphrase">
              {generated}
            </p>
            <p>Write it down now and keep it apart from the backup file. It is shown only here.</p>
          </InsetText>
        ) : (
          <PassphraseField
            id="ownPassphrase"
            label="Your backup passphrase"
            hint="At least 6 different words, or at least 24 characters. Not your PIN or a passphrase you use elsewhere"
            error={ownError}
            value={own}
            onChange={setOwn}
          />
        )}
        <ConfirmCheckbox id="writtenDown" label="I have written down the backup passphrase" error={writtenError} checked={writtenDown} onChange={setWrittenDown} />
        <ProgressBar progress={progress} label="Making the backup" />
        <Button type="submit" disabled={busy}>
          {busy ? 'Making the backup…' : 'Make the backup file'}
        </Button>
      </Form>
    </>
  );
}

function ImportedChains({ refresh }: { refresh: number }) {
  const { backup } = useRepositories();
  const [chains, setChains] = useState<ImportedChainStatus[] | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void backup.importedChains().then((result) => {
      if (live) setChains(result.ok ? result.value : []);
    });
    return () => {
      live = false;
    };
  }, [backup, refresh]);
  if (!chains || chains.length === 0) return null;
  return (
    <>
      <h2 className="nhsuk-heading-m">Audit trails from restored backups</h2>
      <p>Each backup restored into this tablet keeps its own tablet's audit trail, checked as that tablet's.</p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Audit trails from restored backups</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Tablet</th>
            <th scope="col">Backup made</th>
            <th scope="col">Events</th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {chains.map((chain) => (
            <tr key={chain.sourceTabletId}>
              <td>{chain.sourceTabletId}</td>
              <td>{chain.backupCreatedAt ? formatDateTime(chain.backupCreatedAt) : 'Not known'}</td>
              <td>{chain.count}</td>
              <td>{chain.ok ? 'Verified' : 'Changed since it was restored: tell the safeguarding team'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RestoreSummaryBanner({ summary }: { summary: RestoreSummary }) {
  return (
    <NotificationBanner title="Success" variant="success" id="backup-restored">
      <h3 className="nhsuk-notification-banner__heading">Backup restored</h3>
      <p>
        {count(summary.added, 'attendance', 'attendances')} added, {summary.updated} replaced by a newer copy from the backup, {summary.kept} kept because the copy on this tablet is as new
        or newer, and {count(summary.lettersAdded, 'issued letter', 'issued letters')} added. Staff accounts and settings on this tablet have not changed.
      </p>
    </NotificationBanner>
  );
}

export function BackupPage() {
  const status = useBackupStatus();
  const [restored, setRestored] = useState<RestoreSummary | undefined>(undefined);
  return (
    <Page title="Back up this tablet" backLink={{ to: paths.settings(), text: 'Settings' }}>
      <h1>Back up this tablet</h1>
      <p>
        A backup is one encrypted file holding every assessment, issued letter, unfinished letter, liaison review, staff account, setting and the audit trail. If this tablet is lost, broken or
        cleared, a new tablet restored from it carries on where this one stopped, and everyone&apos;s PIN still works.
      </p>
      <p>{status?.lastBackupAt ? `The last backup was made ${formatDateTime(status.lastBackupAt)}.` : 'No backup has been made on this tablet yet.'}</p>
      <MakeBackup />
      <h2 className="nhsuk-heading-m">Restore another tablet&apos;s backup into this one</h2>
      <p>The records in the backup are added to this tablet. A record already here is replaced only by a newer copy. Staff accounts and settings on this tablet stay as they are.</p>
      {restored ? <RestoreSummaryBanner summary={restored} /> : null}
      <RestoreForm submitText="Restore the records from this backup" onRestored={setRestored} />
      <ImportedChains refresh={restored ? 1 : 0} />
      <h2 className="nhsuk-heading-m">Hand the tablet back</h2>
      <WarningCallout title="Deletes everything on this tablet">
        <p>When the tablet leaves the ward, delete every record, letter, account and setting on it.</p>
      </WarningCallout>
      <ButtonGroup>
        <ButtonLink to={paths.handBack()} variant="secondary">
          Hand the tablet back
        </ButtonLink>
      </ButtonGroup>
    </Page>
  );
}
