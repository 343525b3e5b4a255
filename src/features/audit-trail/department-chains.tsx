/**
 * The department's audit trails on the audit trail page (issue 14: "each tablet's audit chain
 * kept whole"; design docs/design/department-sync.md §6): for the nurse in charge of a tablet
 * that shares with a department, every other tablet's trail held here, checked whole as that
 * tablet's own (storage/sync/chain-check.ts), and how much of this tablet's own trail the
 * department server holds. Nothing on a tablet that does not share. A break names the first
 * event that cannot be trusted and why, and whether that tablet recorded it itself.
 */
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../domain/shared/dates';
import { WarningCallout } from '../../components/content/feedback';
import { useDepartmentState, useRepositories } from '../../storage/repositories/react';
import type { DepartmentChainStatus, DepartmentChains } from '../../storage/repositories/types';

/** How a tablet is named here, as on the department page: its id is random, so its end tells two apart. */
export const chainTabletName = (tabletId: string): string => `Tablet ending ${tabletId.slice(-6).toUpperCase()}`;

function chainResult(chain: DepartmentChainStatus): string {
  const first = chain.breaks[0];
  if (!first) return 'Verified';
  return `Does not verify from event ${String(first.at)}: ${first.reason}${first.recordedByItsTablet ? ' That tablet recorded this break in its own trail.' : ''}`;
}

export function DepartmentChainsView({ chains }: { chains: DepartmentChains }) {
  const broken = chains.others.filter((chain) => chain.breaks.some((found) => !found.recordedByItsTablet));
  return (
    <section aria-labelledby="department-chains-heading">
      <h2 className="nhsuk-heading-m" id="department-chains-heading">
        Audit trails of the department&apos;s tablets
      </h2>
      <p>Every tablet of the department sends its audit trail to the department server, sealed: the server cannot read it. This tablet checks each other tablet&apos;s trail as that tablet&apos;s own, from when this tablet first received it, so an event left out, changed or taken back by the server shows here. Once checked, only the newest event of each trail is kept here.</p>
      <p>
        This tablet ({chainTabletName(chains.own.tabletId)}): {chains.own.shared} {chains.own.shared === 1 ? 'event' : 'events'} of its audit trail held by the department server.
      </p>
      {broken.length > 0 ? (
        <WarningCallout title="An audit trail from the department did not pass its check">
          <p>
            {broken.map((chain) => chainTabletName(chain.tabletId)).join(', ')}: events were left out, changed or taken back on the way through the department server. This is recorded in this tablet&apos;s audit trail. Tell the named nurse for safeguarding and the information governance team. Work on this tablet can go on.
          </p>
        </WarningCallout>
      ) : null}
      {chains.others.length === 0 ? (
        <p>No other tablet&apos;s audit trail has arrived yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Audit trails of other tablets</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Tablet</th>
              <th scope="col">Events in its trail</th>
              <th scope="col">Checked</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {chains.others.map((chain) => (
              <tr key={chain.tabletId}>
                <th scope="row">{chainTabletName(chain.tabletId)}</th>
                <td>{chain.count}</td>
                <td>{formatDateTime(chain.checkedAt)}</td>
                <td>{chainResult(chain)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Checks the department's chains once the page may show the trail (`allowed`); nothing on a tablet that does not share. */
export function DepartmentChainsSection({ allowed }: { allowed: boolean }) {
  const { audit } = useRepositories();
  const department = useDepartmentState();
  const sharing = department !== undefined && department !== null;
  const [chains, setChains] = useState<DepartmentChains | undefined | 'checking'>('checking');
  useEffect(() => {
    if (!allowed || !sharing) return;
    let live = true;
    void audit.departmentChains().then((result) => {
      if (live) setChains(result.ok ? result.value : undefined);
    });
    return () => {
      live = false;
    };
  }, [audit, allowed, sharing]);
  if (!allowed || !sharing || chains === undefined) return null;
  if (chains === 'checking') return <p role="status">Checking the department&apos;s audit trails…</p>;
  return <DepartmentChainsView chains={chains} />;
}
