/**
 * The home screen's retention reminder (issue 13 "Retention purge"), for the nurse in charge:
 * how many finished records are past the retention period, the way to make a backup first,
 * and the choice to remove them now. Nothing is removed until the nurse in charge chooses to,
 * after seeing this reminder. Its own module, loaded for the nurse in charge only.
 *
 * The backup page (/settings/backup) is built by the backup work of issue 13; this only links
 * to it. What a purge removes and keeps is written once, in domain/retention/retention.ts.
 */
import { useEffect, useState } from 'react';
import { Button } from '../../components/content/button';
import { WarningCallout } from '../../components/content/feedback';
import { Link } from '../../components/navigation/router';
import { useRepositories } from '../../storage/repositories/react';

/** The backup page of issue 13 (encrypted backup export), where the nurse in charge makes a backup first. */
export const BACKUP_PATH = '/settings/backup';

interface Due {
  attendances: number;
  stubs: number;
  retentionDays: number;
  stubMonths: number;
}

const plural = (count: number, one: string, many: string): string => `${String(count)} ${count === 1 ? one : many}`;

export function RetentionReminder() {
  const { retention } = useRepositories();
  const [due, setDue] = useState<Due | undefined>(undefined);
  const [outcome, setOutcome] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void retention.due().then((result) => {
      if (live && result.ok) setDue(result.value);
    });
    return () => {
      live = false;
    };
  }, [retention, outcome]);

  const purge = async () => {
    setBusy(true);
    const result = await retention.purge();
    setBusy(false);
    setOutcome(
      result.ok
        ? `${plural(result.value.purged, 'record was', 'records were')} removed, each leaving a sealed stub for look-ups; ${plural(result.value.stubsRemoved, 'stub', 'stubs')} past ${String(due?.stubMonths ?? 12)} months removed.${result.value.skipped > 0 ? ` ${plural(result.value.skipped, 'record was', 'records were')} open in another tab or saved just now, and will be removed next time.` : ''}`
        : result.error.message,
    );
  };

  if (!due || (due.attendances === 0 && due.stubs === 0)) {
    return outcome ? (
      <p role="status" data-testid="retention-outcome">
        {outcome}
      </p>
    ) : null;
  }
  return (
    <WarningCallout title="Records past the retention period">
      <p data-testid="retention-due">
        {due.attendances > 0
          ? `${plural(due.attendances, 'finished record is', 'finished records are')} more than ${String(due.retentionDays)} days old, signed, with every letter issued and the liaison review done. `
          : ''}
        {due.stubs > 0 ? `${plural(due.stubs, 'stub of a removed record is', 'stubs of removed records are')} older than ${String(due.stubMonths)} months. ` : ''}
        Removing them deletes each record, its letters, letter drafts and liaison reviews from this tablet; a sealed stub (no name, date of birth or NHS number) stays {String(due.stubMonths)} months so a look-up still counts the attendance.
      </p>
      <p>
        Make a backup first if your trust keeps one: <Link to={BACKUP_PATH}>back up this tablet</Link>.
      </p>
      {outcome ? <p role="status">{outcome}</p> : null}
      <Button variant="warning" disabled={busy} onClick={() => void purge()}>
        {due.attendances > 0 ? `Remove ${plural(due.attendances, 'record', 'records')} now` : `Remove ${plural(due.stubs, 'stub', 'stubs')} now`}
      </Button>
    </WarningCallout>
  );
}
