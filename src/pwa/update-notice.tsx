/**
 * "An update is ready": on the home screen with a button to apply it now; elsewhere a
 * quiet line saying it will wait until the nurse is back on the home screen.
 */
import { Button } from '../components/content/button';
import { NotificationBanner } from '../components/content/feedback';
import { applyUpdate, useUpdateReady } from './service-worker';

export function UpdateNotice({ where }: { where: 'home' | 'elsewhere' }) {
  const ready = useUpdateReady();
  if (!ready) return null;
  if (where === 'elsewhere') {
    return (
      <p className="app-update-line" role="status">
        An update to the app is ready. It will be applied when you are back on the home screen.
      </p>
    );
  }
  return (
    <NotificationBanner title="Update ready" id="update-banner">
      <p className="nhsuk-notification-banner__heading">A new version of the app is ready.</p>
      <p>Everything you entered is saved. Updating takes a few seconds.</p>
      <Button onClick={() => void applyUpdate()}>Update now</Button>
    </NotificationBanner>
  );
}
