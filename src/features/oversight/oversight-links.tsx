/**
 * The home screen's way into oversight (PRODUCT.md section 6) for the roles that may use it:
 * the nurse in charge and the paediatric liaison nurse (domain/settings/permissions.ts).
 * Shows nothing to anyone else; the route and storage refuse them anyway.
 */
import { may } from '../../domain/settings/permissions';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useSession } from '../../storage/repositories/react';

export function OversightLinks() {
  const session = useSession();
  if (session.status !== 'unlocked' || !may(session.staff.role, 'view-compliance-audit')) return null;
  return (
    <>
      <h2 className="nhsuk-heading-m">Oversight</h2>
      <ul className="nhsuk-list">
        <li>
          <Link to={paths.complianceAudit()}>Compliance audit</Link>
        </li>
      </ul>
    </>
  );
}
