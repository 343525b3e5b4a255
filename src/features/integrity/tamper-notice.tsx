/**
 * The tamper report (issue 11, "No clear value trusted"): what storage found changed
 * outside the app — the settings or an account failing their MAC, a record, its summary or
 * the referral worklist older than the audit trail records. Shown above every page to
 * whoever is signed in, for as long as it holds; storage has already put it in the audit
 * trail. Wording lives in storage's reports (they name no patient).
 */
import { WarningCallout } from '../../components/content/feedback';
import { useTamperReports } from '../../storage/repositories/react';

export function TamperNotice() {
  const reports = useTamperReports();
  if (!reports || reports.length === 0) return null;
  return (
    <div className="nhsuk-width-container" role="region" aria-label="Changed outside the app">
      <WarningCallout title="Something on this tablet was changed outside the app">
        <ul>
          {reports.map((report) => (
            <li key={report.key}>{report.message}</li>
          ))}
        </ul>
        <p>Tell the nurse in charge and the information governance team. The audit trail records what was found.</p>
      </WarningCallout>
    </div>
  );
}
