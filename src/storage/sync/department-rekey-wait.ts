/**
 * Department re-keying (issue 14 §8): a pulled row sealed under a key epoch newer than this
 * tablet holds was written after a re-key made on another tablet. It is not tampered with: it
 * waits (as a row pulled while locked waits) until a member's unlock takes the re-key up
 * (department-rekey.ts), and is opened then. Owns only that test.
 */
import type { Unlocked } from '../repositories/vault';
import { boxFromWire } from './engine-wire';

/** True when the pulled box says it was sealed under a newer epoch than this tablet's keys. */
export function sealedAhead(unlocked: Pick<Unlocked, 'epoch'>, sealed: string): boolean {
  const epoch = boxFromWire(sealed)?.e;
  return epoch !== undefined && epoch > unlocked.epoch;
}
