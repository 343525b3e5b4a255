/**
 * First run (PRODUCT.md section 7): what set-up involves and a start button, or (from its link)
 * restoring a backup onto this new tablet. The form itself loads when set-up starts: a new
 * tablet's first load carries no form code (PRODUCT.md section 10: JavaScript on first load).
 */
import { lazy, Suspense, useState } from 'react';
import { Button, ButtonLink } from '../../components/content/button';
import { Page } from '../../components/layout/page';
import { Link, useLocation } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';

const RestorePage = lazy(() => import('./restore-page').then((module) => ({ default: module.RestorePage })));
const SetUpForm = lazy(() => import('./setup-form').then((module) => ({ default: module.SetUpForm })));

/** First run: set up, or (from its link) restore a backup onto this new tablet. */
export function SetupPage() {
  const location = useLocation();
  const [started, setStarted] = useState(false);
  if (location.pathname === paths.restoreFromBackup()) {
    return (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <RestorePage />
      </Suspense>
    );
  }
  if (started) {
    return (
      <Suspense fallback={<p role="status">Loading…</p>}>
        <SetUpForm />
      </Suspense>
    );
  }
  return (
    <Page title="Set up this tablet">
      <h1>Set up this tablet</h1>
      <p>This is done once, by the nurse in charge. Patient information entered on this tablet is encrypted and can only be opened with a staff PIN or passphrase.</p>
      <p>You will need:</p>
      <ul>
        <li>the name of the site and whether it is an emergency department, minor injury unit or urgent treatment centre</li>
        <li>your name, staff group and professional registration number, and a passphrase of at least 12 characters</li>
        <li>the local safeguarding contacts: the safeguarding team, the MASH and its hours, the emergency duty team</li>
      </ul>
      <p>When the tablet is set up you will be shown a recovery key once. The trust keeps it, so a forgotten passphrase never locks the department out.</p>
      <Button type="button" onClick={() => setStarted(true)}>
        Start set-up
      </Button>
      <p>
        Replacing a tablet that was backed up? <Link to={paths.restoreFromBackup()}>Restore from a backup</Link> instead.
      </p>
      <h2 className="nhsuk-heading-m">Join a department</h2>
      <p>If the other tablets of your department already share their records, this tablet joins them instead of being set up: the nurse in charge shows you a code on one of them. Staff then unlock it with their own PIN or passphrase.</p>
      <ButtonLink to={paths.joinDepartment()} variant="secondary">
        Join a department
      </ButtonLink>
    </Page>
  );
}
