/**
 * The home screen's count of overdue paediatric liaison reviews (issue 12), for the liaison
 * nurse and the nurse in charge. Its own module, loaded when those roles open the home
 * screen, so the liaison rules are not in every tablet's first-load JavaScript.
 */
import { useState } from 'react';
import { arrivalRange, OVERDUE_COUNT_WINDOW_DAYS, overdueCount } from '../../domain/liaison/liaison-list';
import { addDays, toLondon } from '../../domain/shared/dates';
import { Tag } from '../../components/content/feedback';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useDeviceSettings, useLiaisonList } from '../../storage/repositories/react';

/**
 * For the paediatric liaison nurse and the nurse in charge: how many liaison reviews are
 * overdue (issue 12), counted by the domain rule over the last four weeks of arrivals, with
 * the way to the list. Storage gives the data to these roles only.
 */
export function LiaisonOverdue({ now }: { now: string }) {
  const settings = useDeviceSettings();
  const [range] = useState(() => {
    const today = toLondon(now).date;
    return arrivalRange(addDays(today, -(OVERDUE_COUNT_WINDOW_DAYS - 1)), today);
  });
  const data = useLiaisonList(range, false);
  const count =
    data?.ok && settings
      ? overdueCount(data.value.summaries, new Map(data.value.reviews.map((record) => [record.attendanceId, record])), { now, bankHolidays: settings.bankHolidays })
      : undefined;
  return (
    <>
      <h2 className="nhsuk-heading-m">Paediatric liaison review</h2>
      {data !== undefined && !data.ok ? (
        <p>{data.error.message}</p>
      ) : count === undefined ? (
        <p role="status">Loading…</p>
      ) : (
        <p data-testid="liaison-overdue-count">
          {count === 0 ? 'No liaison reviews are overdue' : count === 1 ? <Tag colour="red">1 liaison review overdue</Tag> : <Tag colour="red">{`${String(count)} liaison reviews overdue`}</Tag>}
          {` (attendances in the last ${String(OVERDUE_COUNT_WINDOW_DAYS)} days). `}
          <Link to={paths.liaison()}>Open the liaison review list</Link>
        </p>
      )}
    </>
  );
}

