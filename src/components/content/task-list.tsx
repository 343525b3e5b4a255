/**
 * Task list (NHS.UK "complete multiple tasks" pattern): one row per section with its
 * status. Completed is plain text; Not started and In progress are tags.
 */
import { Link } from '../navigation/router';
import { Tag } from './feedback';

export interface TaskListItem {
  id: string;
  title: string;
  href?: string;
  status: 'not-started' | 'in-progress' | 'completed' | 'cannot-start';
  statusText: string;
  hint?: string;
}

export function TaskList({ items, idPrefix = 'task-list' }: { items: readonly TaskListItem[]; idPrefix?: string }) {
  return (
    <ul className="nhsuk-task-list">
      {items.map((item, index) => {
        const statusId = `${idPrefix}-${index + 1}-status`;
        const hintId = `${idPrefix}-${index + 1}-hint`;
        return (
          <li className={`nhsuk-task-list__item${item.href ? ' nhsuk-task-list__item--with-link' : ''}`} key={item.id}>
            <div className="nhsuk-task-list__name-and-hint">
              {item.href ? (
                <Link to={item.href} className="nhsuk-link nhsuk-task-list__link" aria-describedby={`${item.hint ? `${hintId} ` : ''}${statusId}`}>
                  {item.title}
                </Link>
              ) : (
                <div>{item.title}</div>
              )}
              {item.hint ? (
                <div className="nhsuk-task-list__hint" id={hintId}>
                  {item.hint}
                </div>
              ) : null}
            </div>
            <div className={`nhsuk-task-list__status${item.status === 'cannot-start' ? ' nhsuk-task-list__status--cannot-start-yet' : ''}`} id={statusId}>
              {item.status === 'completed' || item.status === 'cannot-start' ? item.statusText : <Tag colour={item.status === 'in-progress' ? 'blue' : 'grey'}>{item.statusText}</Tag>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
