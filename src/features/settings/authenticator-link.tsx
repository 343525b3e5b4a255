/**
 * Whether the optional hardware-bound factor (issue 11) can be offered on this tablet, whether
 * the signed-in member has added it, and the link to its page from "Change your PIN or
 * passphrase" (shown only where the tablet has a platform authenticator with PRF, or the
 * factor is already in use).
 */
import { useEffect, useState } from 'react';
import { hardwareFactorQuestions as q } from '../../domain/settings/hardware-factor';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useRepositories, useSession, useStaffList } from '../../storage/repositories/react';

/** Whether the tablet offers the factor: undefined while asking. */
export function useHardwareFactorAvailable(): boolean | undefined {
  const { staff } = useRepositories();
  const [available, setAvailable] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void staff.hardwareFactorAvailable().then((answer) => {
      if (live) setAvailable(answer);
    });
    return () => {
      live = false;
    };
  }, [staff]);
  return available;
}

/** Whether the signed-in member has added the factor: undefined while loading. */
export function useEnrolled(): boolean | undefined {
  const session = useSession();
  const list = useStaffList();
  const id = session.status === 'unlocked' ? session.staff.id : '';
  const me = list?.find((member) => member.id === id);
  return list === undefined ? undefined : me?.hardwareFactor === true;
}

/** The link from "Change your PIN or passphrase": shown only where the factor can be used, or is in use. */
export function AuthenticatorLink() {
  const available = useHardwareFactorAvailable();
  const enrolled = useEnrolled();
  if (!available && !enrolled) return null;
  return (
    <p>
      <Link to={paths.authenticator()}>{q.link}</Link>
    </p>
  );
}

