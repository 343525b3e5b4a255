/**
 * NHS.UK header for a staff-facing service: logo, service name, the site, who is signed in
 * and a Lock button that is always one tap away on a shared ward tablet.
 */
import type { ReactNode } from 'react';
import { Link } from '../navigation/router';
import { NHS_LOGO, SERVICE_NAME } from './brand';

export interface HeaderProps {
  siteName?: string | undefined;
  staffName?: string | undefined;
  onLock?: (() => void) | undefined;
  navigation?: readonly { to: string; text: string; current?: boolean }[];
  children?: ReactNode;
}

/** `children`: a line shown with the account items (the department sharing status on an enrolled tablet, features/sync). */
export function Header({ siteName, staffName, onLock, navigation = [], children }: HeaderProps) {
  return (
    <header className="nhsuk-header" role="banner">
      <div className="nhsuk-header__container nhsuk-width-container">
        <div className="nhsuk-header__service">
          <Link className="nhsuk-header__service-logo" to="/" aria-label={`NHS ${SERVICE_NAME} homepage`}>
            <svg className="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox={NHS_LOGO.viewBox} height="40" width="100" focusable="false" role="img" aria-label="NHS">
              <title>NHS</title>
              <path fill="currentcolor" d={NHS_LOGO.path} />
            </svg>
            <span className="nhsuk-header__service-name">{SERVICE_NAME}</span>
          </Link>
        </div>
        {staffName || onLock ? (
          <nav className="nhsuk-header__account" aria-label="Account">
            <ul className="nhsuk-header__account-list">
              {siteName ? <li className="nhsuk-header__account-item">{siteName}</li> : null}
              {staffName ? <li className="nhsuk-header__account-item">{staffName}</li> : null}
              {children ? <li className="nhsuk-header__account-item">{children}</li> : null}
              {onLock ? (
                <li className="nhsuk-header__account-item">
                  <button type="button" className="nhsuk-header__account-button" onClick={onLock}>
                    Lock
                  </button>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </div>
      {navigation.length ? (
        <nav className="nhsuk-header__navigation" aria-label="Menu">
          <div className="nhsuk-header__navigation-container nhsuk-width-container">
            <ul className="nhsuk-header__navigation-list">
              {navigation.map((item) => (
                <li className={`nhsuk-header__navigation-item${item.current ? ' nhsuk-header__navigation-item--current' : ''}`} key={item.to}>
                  <Link className="nhsuk-header__navigation-link" to={item.to} aria-current={item.current ? 'page' : undefined}>
                    {item.text}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      ) : null}
    </header>
  );
}
