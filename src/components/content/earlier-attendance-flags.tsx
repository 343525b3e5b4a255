/**
 * The flags from a patient's earlier attendances (3 or more in 12 months, an earlier concern,
 * CP-IS, open follow-ups), as one warning callout: the same list wherever the nurse meets it,
 * on the look-up page and in the information checks of a new assessment (issue 12).
 */
import type { LookUpFlag } from '../../domain/assessment/patient-look-up';
import { WarningCallout } from './feedback';

export function EarlierAttendanceFlags({ flags, id }: { flags: readonly LookUpFlag[]; id: string }) {
  if (flags.length === 0) return null;
  return (
    <WarningCallout title="Flags from earlier attendances" id={id}>
      <ul>
        {flags.map((flag) => (
          <li key={flag.kind}>
            {flag.text}
            {flag.kind === 'open-follow-ups' ? (
              <ul>
                {flag.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </WarningCallout>
  );
}
