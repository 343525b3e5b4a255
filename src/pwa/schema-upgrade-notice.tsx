/**
 * Told to reload (issue 13, failure journey "schema upgrade while another tab holds the old
 * version"): a newer version of the app opened in another tab has upgraded the database.
 * This tab has written what was pending and closed its connection (storage/repositories/
 * schema-upgrade.ts), so it can no longer save: the nurse reloads to carry on. Shown above
 * every screen, locked or not; what is on screen below it stays as it was.
 */
import { Button } from '../components/content/button';
import { useSchemaUpgrade } from '../storage/repositories/react';

export function SchemaUpgradeNotice() {
  const state = useSchemaUpgrade();
  if (state === 'none') return null;
  return (
    <div className="nhsuk-width-container">
      <div className="nhsuk-notification-banner" role="alert" aria-labelledby="schema-upgrade-title" id="schema-upgrade">
        <div className="nhsuk-notification-banner__header">
          <h2 className="nhsuk-notification-banner__title" id="schema-upgrade-title">
            Important
          </h2>
        </div>
        <div className="nhsuk-notification-banner__content">
          {state === 'saving' ? (
            <p className="nhsuk-notification-banner__heading">A newer version of the app has been opened in another tab. Saving your changes…</p>
          ) : (
            <>
              <p className="nhsuk-notification-banner__heading">A newer version of the app has been opened in another tab. Reload this page to carry on.</p>
              <p>Your changes up to now are saved on this tablet. Changes made here from now on cannot be saved until you reload.</p>
              <Button type="button" onClick={() => window.location.reload()}>
                Reload this page
              </Button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
