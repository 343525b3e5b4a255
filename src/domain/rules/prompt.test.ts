/**
 * The local number in a prompt: named and given when set on this tablet, and otherwise a
 * sentence that says to ask the nurse in charge (PRODUCT.md section 1: agency staff do not
 * know local numbers).
 */
import { describe, expect, test } from 'vitest';
import type { LocalContacts } from '../settings/device-settings';
import { localContactsSchema } from '../settings/device-settings';
import { contactPhrase } from './prompt';

const contacts = (changes: Partial<LocalContacts> = {}): LocalContacts => ({ ...localContactsSchema.parse({}), ...changes });

describe('contactPhrase', () => {
  test('names the contact and gives its number', () => {
    expect(contactPhrase(contacts({ safeguardingTeam: '0115 123 4567' }), 'safeguardingTeam')).toBe('Hospital safeguarding team on 0115 123 4567');
  });

  test('uses the contact asked for, not another one', () => {
    const set = contacts({ mash: '0115 000 1111', emergencyDutyTeam: '0300 456 7890' });
    expect(contactPhrase(set, 'emergencyDutyTeam')).toBe("Emergency duty team (children's social care out of hours) on 0300 456 7890");
    expect(contactPhrase(set, 'mash')).toBe("Children's social care (MASH) on 0115 000 1111");
  });

  test('trims spaces around a number', () => {
    expect(contactPhrase(contacts({ mash: '  0115 000 1111 \n' }), 'mash')).toBe("Children's social care (MASH) on 0115 000 1111");
  });

  test.each<[string, LocalContacts | undefined]>([
    ['blank', contacts({ safeguardingTeam: '' })],
    ['only spaces', contacts({ safeguardingTeam: '   ' })],
    ['settings not read yet', undefined],
  ])('a number that is %s: says to ask the nurse in charge', (_name, given) => {
    expect(contactPhrase(given, 'safeguardingTeam')).toBe('Hospital safeguarding team (ask the nurse in charge for the number: it is not set up on this tablet)');
  });
});
