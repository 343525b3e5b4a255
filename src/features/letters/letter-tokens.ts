/**
 * The opaque tokens that name letters in their addresses (issue 11): asked of storage (a
 * keyed hash of attendance + kind + child), so the browser's History and session files never
 * hold a letter's kind. One hook gives the letters page its links; the same tokens let the
 * routes find which letter an address names.
 */
import { useEffect, useState } from 'react';
import { letterIdentityKey } from '../../domain/letters/kinds';
import type { LetterIdentity } from '../../domain/letters/kinds';
import { useRepositories } from '../../storage/repositories/react';

/** Each letter's token by its identity key ("gp", "school-nurse/child/<id>"); undefined while they are worked out. */
export function useLetterTokens(attendanceId: string, identities: readonly LetterIdentity[]): Map<string, string> | undefined {
  const { letters } = useRepositories();
  const keys = identities.map(letterIdentityKey).join('|');
  const [tokens, setTokens] = useState<{ for: string; map: Map<string, string> } | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const list = keys === '' ? [] : keys.split('|');
    void Promise.all(
      identities.map(async (identity) => [letterIdentityKey(identity), await letters.routeToken(attendanceId, { kind: identity.kind, childId: identity.childId })] as const),
    ).then((pairs) => {
      if (!cancelled && pairs.length === list.length) setTokens({ for: `${attendanceId}#${keys}`, map: new Map(pairs) });
    });
    return () => {
      cancelled = true;
    };
    // identities are read through their keys: a new array with the same letters asks nothing again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [letters, attendanceId, keys]);
  return tokens?.for === `${attendanceId}#${keys}` ? tokens.map : undefined;
}
