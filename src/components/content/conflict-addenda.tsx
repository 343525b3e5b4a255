/**
 * Conflicting edits to reconcile (issue 14; domain/sync/conflict-addendum.ts), shown on a
 * record on every tablet: who made each edit, where and when, what it says differently (as
 * the record view shows answers), and, on the record's current tablet, "Mark as reconciled".
 * Presentational: the feature hands in the words and rows (domain) and the action.
 */
import { leaseWords } from '../../domain/sync/lease';
import { Button } from './button';
import { Details } from './feedback';
import { SummaryList } from './summary-list';
import type { SummaryListRow } from './summary-list';

export interface ConflictAddendumItem {
  rowId: string;
  byline: string;
  reconciledLine: string | undefined;
  sections: { id: string; title: string; rows: readonly SummaryListRow[] }[];
  canReconcile: boolean;
}

export function ConflictAddenda({ items, onReconcile, busy }: { items: readonly ConflictAddendumItem[]; onReconcile?: (rowId: string) => void; busy?: boolean }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="conflict-addenda-heading" className="nhsuk-card">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m" id="conflict-addenda-heading">
          {leaseWords.conflictHeading}
        </h2>
        <p>{leaseWords.conflictLead}</p>
        {items.map((item) => (
          <div key={item.rowId} className="app-conflict-addendum">
            <h3 className="nhsuk-heading-s">{item.byline}</h3>
            {item.reconciledLine ? <p className="nhsuk-body-s">{item.reconciledLine}</p> : null}
            <Details summary="What this edit says">
              {item.sections.length === 0 ? <p>It records the same answers as the record.</p> : null}
              {item.sections.map((section) => (
                <div key={section.id}>
                  <h4 className="nhsuk-heading-xs">{section.title}</h4>
                  <SummaryList rows={section.rows} />
                </div>
              ))}
            </Details>
            {item.canReconcile && onReconcile ? (
              <Button variant="secondary" disabled={busy} onClick={() => onReconcile(item.rowId)}>
                {leaseWords.reconcile}
              </Button>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}
