/**
 * The header's line about department sharing (issue 14: "Shared with the department at
 * 14:02", "Not shared for 3 hours"; design docs/design/department-sync.md §7). Only on a
 * tablet enrolled in a department; plain text, never a spinner, never in the way of work.
 * The words are the domain's (domain/sync/status.ts); this re-reads the clock each minute so
 * "Not shared for" stays true while nothing else changes.
 */
import { useEffect, useState } from 'react';
import { syncStatusText } from '../../domain/sync/status';
import type { SyncStatusFacts } from '../../domain/sync/status';
import { useSyncState } from '../../storage/repositories/react';

export function SyncStatusLine({ facts, now }: { facts: SyncStatusFacts; now: string }) {
  const status = syncStatusText(facts, now);
  return (
    <span className={`app-sync-status app-sync-status--${status.tone}`} data-testid="sync-status">
      {status.text}
      {status.details.map((detail) => (
        <span className="app-sync-status__detail" key={detail}>
          {detail}
        </span>
      ))}
    </span>
  );
}

export function SyncStatus() {
  const facts = useSyncState();
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!facts) return null;
  return <SyncStatusLine facts={facts} now={now} />;
}
