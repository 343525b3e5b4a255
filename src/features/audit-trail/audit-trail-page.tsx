/**
 * The audit trail for the nurse in charge (PRODUCT.md section 7): newest events first,
 * whether the hash chain is intact (the first broken link is named), and CSV export,
 * which is itself recorded in the trail. Storage refuses all of it to every role but the
 * nurse in charge (domain/settings/permissions.ts); this page then says so in its words.
 *
 * A break stays reported (here and on the home screen) until the nurse in charge
 * acknowledges it; the acknowledgement is an audit event of its own, and acknowledged
 * breaks stay listed with who acknowledged them and when.
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
import type { AuditBreakReport, AuditVerification } from '../../storage/repositories/types';
import { DepartmentChainsSection } from './department-chains';

const SHOWN = 200;

export function AuditTrailPage() {
  const { audit } = useRepositories();
  const events = useRecentAuditEvents(SHOWN);
  const [verification, setVerification] = useState<AuditVerification | undefined>(undefined);
  /** Why the last acknowledgement or export did not happen. */
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const allowed = events?.ok === true;
  const count = events?.ok ? events.value.length : 0;

  useEffect(() => {
    if (!allowed) return;
    void audit.verify().then(setVerification);
  }, [audit, allowed, count]);

  const acknowledge = async (brokenAt: number) => {
    const result = await audit.acknowledgeBreak(brokenAt);
    setFailure(result.ok ? undefined : result.error.message);
    setVerification(await audit.verify());
  };
  const breaks = verification === undefined || 'refused' in verification ? [] : (verification.breaks ?? []);
  const open = breaks.filter((item) => item.acknowledged === null);
  const acknowledged = breaks.filter((item) => item.acknowledged !== null);

  const exportCsv = async () => {
    const all = await audit.exportAll();
    if (!all.ok) {
      setFailure(all.error.message);
      return;
    }
    setFailure(undefined);
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
          <p className="nhsuk-notification-banner__heading">
            {acknowledged.length === 0
              ? `The audit trail is complete and unchanged: ${String(verification.count)} events checked.`
              : `No unacknowledged breaks: ${String(verification.count)} events checked. The breaks acknowledged earlier are listed below.`}
          </p>
        </NotificationBanner>
      ) : 'refused' in verification ? (
        <p role="status">{verification.refused.message}</p>
      ) : (
        <WarningCallout title="The audit trail has been changed">
          <p>
            The first problem is at event {verification.brokenAt}: {verification.reason} Tell the named nurse for safeguarding and the information governance team. Do not delete anything.
          </p>
          {open.length > 0 ? (
            <>
              <p>This stays reported, here and on the home screen, until you acknowledge it. Acknowledging is recorded in the audit trail with your name; the break itself stays in the trail.</p>
              <ul className="nhsuk-list">
                {open.map((item) => (
                  <li key={item.brokenAt}>
                    <BreakText item={item} />{' '}
                    <Button variant="secondary" onClick={() => void acknowledge(item.brokenAt)}>
                      Acknowledge the break at event {item.brokenAt}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </WarningCallout>
      )}
      {failure ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {failure}
        </div>
      ) : null}
      {acknowledged.length > 0 ? (
        <>
          <h2 className="nhsuk-heading-m">Acknowledged breaks</h2>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {acknowledged.map((item) => (
              <li key={item.brokenAt}>
                <BreakText item={item} /> Acknowledged by {item.acknowledged?.by} on {item.acknowledged ? formatDateTime(item.acknowledged.at) : ''}.
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <DepartmentChainsSection allowed={allowed} />
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

function BreakText({ item }: { item: AuditBreakReport }) {
  return (
    <>
      From event {item.brokenAt}: {item.reason}
      {item.detectedAt ? ` Found on ${formatDateTime(item.detectedAt)}.` : ''}
    </>
  );
}
