/**
 * Conflicting edits to reconcile on this record (issue 14 clarification: an edit made offline
 * under a lost lease "becomes a conflict addendum for the record's owner to reconcile";
 * storage/sync/conflict.ts). Shown on the task list and the record on every tablet that holds
 * it; "Mark as reconciled" only where storage says this tablet holds the record's current
 * revision. Nothing on a tablet that does not share.
 */
import { useState } from 'react';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { conflictAddendumLines } from '../../domain/sync/conflict-addendum';
import { ConflictAddenda } from '../../components/content/conflict-addenda';
import { useConflictAddenda, useDeviceSettings, useRepositories } from '../../storage/repositories/react';

export function ConflictAddendaPanel({ record }: { record: AssessmentRecord }) {
  const { sync } = useRepositories();
  const views = useConflictAddenda(record.id);
  const settings = useDeviceSettings();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  if (!views || views.length === 0) return null;
  const items = conflictAddendumLines(views, record, new Date().toISOString(), { thinkFamilyTriggersOff: settings?.thinkFamilyTriggersOff ?? [] });
  const reconcile = async (rowId: string) => {
    if (!sync?.reconcileConflict) return;
    setBusy(true);
    const result = await sync.reconcileConflict(rowId);
    setBusy(false);
    setFailure(result.ok ? undefined : result.error.message);
  };
  return (
    <>
      {failure ? <p className="nhsuk-error-message">{failure}</p> : null}
      <ConflictAddenda items={items} busy={busy} onReconcile={(rowId) => void reconcile(rowId)} />
    </>
  );
}
