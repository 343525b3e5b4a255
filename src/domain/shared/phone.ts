/**
 * Telephone numbers for the people with the patient and for local contacts.
 * Accepts UK numbers as people write them (07700 900123, +44 7700 900123, (0115) 496 0000)
 * and international numbers in + form, since companions may use overseas mobiles.
 */

export function normalisePhone(input: string): string {
  return input.replace(/[\s\-().]/g, '');
}

export function isValidPhone(input: string): boolean {
  const value = normalisePhone(input);
  if (/^0\d{9,10}$/.test(value)) return true; // UK national format
  if (/^(\+|00)440?\d{9,10}$/.test(value)) return true; // UK in international format, also written +44 (0)… or 0044
  if (/^(\+|00)(?!44)\d{7,15}$/.test(value)) return true; // other countries
  return /^\d{3,6}$/.test(value); // hospital extensions and short codes such as 101, 999
}
