/**
 * The compliance audit as a simple bar chart (PRODUCT.md section 6): one bar per indicator,
 * its percentage. The table beside it is the source; the chart repeats it for a glance and
 * for print. An SVG with role="img" named by its <title> and described by its <desc>, which
 * says every figure in words (WCAG 2.2 1.1.1 non-text content), so nothing is in the chart
 * alone. Colours and shapes only: the text is in the labels, never in colour.
 */
import { useId } from 'react';
import { describeResult, formatPercentage } from '../../domain/oversight/compliance-audit';
import type { IndicatorResult } from '../../domain/oversight/compliance-audit';

const WIDTH = 640;
const BAR_LEFT = 0;
const BAR_WIDTH = 520;
const ROW = 52;
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 20;

export function ComplianceAuditChart({ indicators, title }: { indicators: readonly IndicatorResult[]; title: string }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const height = indicators.length * ROW + 8;
  return (
    <figure className="app-audit-chart">
      <svg role="img" aria-labelledby={titleId} aria-describedby={descId} viewBox={`0 0 ${String(WIDTH)} ${String(height)}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={titleId}>{title}</title>
        <desc id={descId}>{indicators.map((item) => `${item.label}: ${describeResult(item)}.`).join(' ')}</desc>
        {indicators.map((item, index) => {
          const top = index * ROW + 4;
          const barWidth = item.percentage === null ? 0 : (BAR_WIDTH * item.percentage) / 100;
          return (
            <g key={item.id} aria-hidden="true">
              <text x={BAR_LEFT} y={top + 14} className="app-audit-chart__label">
                {item.label}
              </text>
              <rect x={BAR_LEFT} y={top + LABEL_HEIGHT} width={BAR_WIDTH} height={BAR_HEIGHT} className="app-audit-chart__track" />
              <rect x={BAR_LEFT} y={top + LABEL_HEIGHT} width={barWidth} height={BAR_HEIGHT} className="app-audit-chart__bar" />
              <text x={BAR_LEFT + BAR_WIDTH + 8} y={top + LABEL_HEIGHT + 15} className="app-audit-chart__value">
                {item.percentage === null ? 'None to count' : formatPercentage(item.percentage)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="nhsuk-body-s">The same figures as the table: the percentage of the attendances counted for each indicator.</figcaption>
    </figure>
  );
}
