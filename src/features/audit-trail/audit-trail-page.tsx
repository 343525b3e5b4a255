/**
 * The audit trail for the nurse in charge (PRODUCT.md section 7): newest events first,
 * whether the hash chain is intact (the first broken link is named), and CSV export,
 * which is itself recorded in the trail. Storage refuses all of it to every role but the
 * nurse in charge (domain/settings/permissions.ts); this page then says so in its words.
 */
import { useEffect, useState } from 'react';
import { auditTrailCsv } from '../../domain/audit/csv';
import { auditEventTypeLabels } from '../../domain/audit/events';
import { formatDateTime, toLondon } from '../../domain/shared/dates';
import { Button } from '../../components/content/button';
import { NotificationBanner, WarningCallout } from '../../components/content/feedback';
import { downloadFile } from '../../components/content/download';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useRecentAuditEvents, useRepositories } from '../../storage/repositories/react';
import type { AuditVerification } from '../../storage/repositories/types';

const SHOWN = 200;

export function AuditTrailPage() {
  const { audit } = useRepositories();
  const events = useRecentAuditEvents(SHOWN);
  const [verification, setVerification] = useState<AuditVerification | undefined>(undefined);
  const [exportFailure, setExportFailure] = useState<string | undefined>(undefined);
  const allowed = events?.ok === true;
  const count = events?.ok ? events.value.length : 0;

  useEffect(() => {
    if (!allowed) return;
    void audit.verify().then(setVerification);
  }, [audit, allowed, count]);

  const exportCsv = async () => {
    const all = await audit.exportAll();
    if (!all.ok) {
      setExportFailure(all.error.message);
      return;
    }
    setExportFailure(undefined);
    downloadFile(`audit-trail-${toLondon(new Date()).date}.csv`, 'text/csv;charset=utf-8', auditTrailCsv(all.value));
  };

  if (events !== undefined && !events.ok) {
    return (
      <Page title="Audit trail" backLink={{ to: paths.home(), text: 'Home' }}>
        <h1>Audit trail</h1>
        <p>{events.error.message}</p>
      </Page>
    );
  }

  return (
    <Page title="Audit trail" backLink={{ to: paths.settings(), text: 'Settings' }} wide>
      <h1>Audit trail</h1>
      {verification === undefined ? (
        <p role="status">Checking the audit trail…</p>
      ) : verification.ok ? (
        <NotificationBanner title="Checked" variant="success">
          <p className="nhsuk-notification-banner__heading">The audit trail is complete and unchanged: {verification.count} events checked.</p>
        </NotificationBanner>
      ) : 'refused' in verification ? (
        <p role="status">{verification.refused.message}</p>
      ) : (
        <WarningCallout title="The audit trail has been changed">
          <p>
            The first problem is at event {verification.brokenAt}: {verification.reason} Tell the named nurse for safeguarding and the information governance team. Do not delete anything.
          </p>
        </WarningCallout>
      )}
      {exportFailure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {exportFailure}
        </div>
      ) : null}
      <Button variant="secondary" onClick={() => void exportCsv()}>
        Export the audit trail (CSV)
      </Button>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Newest {SHOWN} events</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {(events?.value ?? []).map((event) => (
            <tr key={event.seq}>
              <td>{event.seq}</td>
              <td>{formatDateTime(event.at)}</td>
              <td>{event.actor?.name ?? 'Not signed in'}</td>
              <td>{auditEventTypeLabels[event.type]}</td>
              <td>{event.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
