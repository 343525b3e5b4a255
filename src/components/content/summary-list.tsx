/**
 * Summary list (NHS.UK): check answers and record views. Answers are rendered as text,
 * one line per entry, so nothing a nurse typed is ever interpreted as markup.
 */
import type { ReactNode } from 'react';
import { Link } from '../navigation/router';

export interface SummaryListRow {
  key: string;
  value: readonly string[];
  /** Where "Change" goes; no action when absent. */
  change?: { to: string; focus?: string; label?: string };
}

export function SummaryList({ rows, noBorder }: { rows: readonly SummaryListRow[]; noBorder?: boolean }) {
  return (
    <dl className={`nhsuk-summary-list${noBorder ? ' nhsuk-summary-list--no-border' : ''}`}>
      {rows.map((row, index) => (
        <div className="nhsuk-summary-list__row" key={`${row.key}-${index}`}>
          <dt className="nhsuk-summary-list__key">{row.key}</dt>
          <dd className="nhsuk-summary-list__value app-preserve-text" dir="auto">
            {row.value.map((line, lineIndex) => (
              <SummaryLine key={lineIndex} first={lineIndex === 0}>
                {line}
              </SummaryLine>
            ))}
          </dd>
          {row.change ? (
            <dd className="nhsuk-summary-list__actions">
              <Link to={row.change.to} {...(row.change.focus ? { focus: row.change.focus } : {})}>
                {row.change.label ?? 'Change'}
                <span className="nhsuk-u-visually-hidden"> {row.key.toLowerCase()}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

function SummaryLine({ first, children }: { first: boolean; children: ReactNode }) {
  return first ? <span className="app-summary-line">{children}</span> : <span className="app-summary-line app-summary-line--next">{children}</span>;
}
