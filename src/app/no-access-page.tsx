/**
 * What a route shows to a role that may not use it (domain/settings/permissions.ts): who can
 * do it and a way home. The route renders this instead of the page, so the form is never
 * mounted and the data never asked for; storage would refuse it anyway.
 */
import { Page } from '../components/layout/page';
import { Link } from '../components/navigation/router';
import { paths } from '../components/navigation/paths';
import { refusalMessage } from '../domain/settings/permissions';
import type { Permission } from '../domain/settings/permissions';

export function NoAccessPage({ permission }: { permission: Permission }) {
  return (
    <Page title="You do not have access">
      <h1>You do not have access</h1>
      <p>{refusalMessage(permission)}</p>
      <p>If you need this, ask the nurse in charge.</p>
      <p>
        <Link to={paths.home()}>Go to the home screen</Link>
      </p>
    </Page>
  );
}
