/**
 * UK postcodes, with the NHS pseudo-postcodes allowed first.
 * Source: research/clinical-content.md §8.2 (Royal Mail-derived letter rules; NHS Data
 * Dictionary pseudo-postcodes). Pseudo-postcodes such as ZZ99 3VZ deliberately break the
 * Royal Mail letter rules, so they are recognised before the pattern is applied.
 */

export const NO_FIXED_ABODE_POSTCODE = 'ZZ99 3VZ';
export const NOT_KNOWN_POSTCODE = 'ZZ99 3WZ';

const PSEUDO_POSTCODE_MEANINGS: Record<string, string> = {
  'ZZ99 3VZ': 'No fixed abode',
  'ZZ99 3WZ': 'Address not known',
  'ZZ99 3CZ': 'England or UK, not otherwise stated',
  'ZZ99 1WZ': 'Scotland',
  'ZZ99 2WZ': 'Northern Ireland',
  'ZZ99 3GZ': 'Wales',
};

/** Upper case, single space before the 3-character inward code. */
export function normalisePostcode(input: string): string {
  const compact = input.replace(/\s/g, '').toUpperCase();
  if (compact.length < 5) return compact;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

const PSEUDO = /^ZZ99 \d[A-Z]Z$/;
const ROYAL_MAIL = /^[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKSTUW]|[A-HK-Y][0-9][A-Z]) [0-9][ABD-HJLNP-UW-Z]{2}$/;

export type PostcodeCheck =
  | { ok: true; value: string; pseudo: boolean; meaning?: string }
  | { ok: false };

export function checkPostcode(input: string): PostcodeCheck {
  const value = normalisePostcode(input);
  if (PSEUDO.test(value)) {
    const meaning = PSEUDO_POSTCODE_MEANINGS[value] ?? 'Overseas (NHS pseudo-postcode)';
    return { ok: true, value, pseudo: true, meaning };
  }
  if (ROYAL_MAIL.test(value)) return { ok: true, value, pseudo: false };
  return { ok: false };
}

export const isValidPostcode = (input: string): boolean => checkPostcode(input).ok;
