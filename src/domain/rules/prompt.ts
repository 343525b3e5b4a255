/**
 * A prompt: what the app says to the nurse because of an answer, in plain words, with
 * what to do and the local number to call. Prompts carry the knowledge agency and bank
 * staff may not have (PRODUCT.md section 1); they never decide for the clinician.
 */
import type { LocalContacts } from '../settings/device-settings';
import { localContactLabels } from '../settings/device-settings';

export interface Prompt {
  id: string;
  /** 'escalate': act now (warning callout); 'consider': information (inset text). */
  kind: 'escalate' | 'consider';
  title: string;
  body: string;
  /** Where the rule comes from. */
  source: string;
}

/** "Hospital safeguarding team on 0115 123 4567", or a sentence that says to ask for the number. */
export function contactPhrase(contacts: LocalContacts | undefined, key: keyof LocalContacts): string {
  const number = contacts?.[key].trim();
  const name = localContactLabels[key];
  return number ? `${name} on ${number}` : `${name} (ask the nurse in charge for the number: it is not set up on this tablet)`;
}
