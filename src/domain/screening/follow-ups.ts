/**
 * Follow-ups the young-person screens create: one typed list, so the liaison list (PRODUCT.md
 * section 6, the safety net) can read them from every record the same way.
 *
 * Owns: each follow-up's stable kind id, which screen raises it, and the sentence the liaison
 * nurse reads. A follow-up is not an alert at triage: it says what was left to do (a screen
 * not asked, deferred, or a link to another screen) so that "was it asked?" stays measurable
 * (PRODUCT.md section 2, principle 4) and someone comes back to it.
 *
 * Kind ids are stable slugs stored with the record: never rename or reuse one once released.
 */

export type ScreeningInstrument = 'cse' | 'crafft' | 'fraser' | 'fgm' | 'self-harm' | 'domestic-abuse' | 'audit-c' | 'think-family';

export interface FollowUpDefinition {
  screen: ScreeningInstrument;
  /** What the liaison nurse reads on the list. */
  text: string;
}

/** Every follow-up a screen can create, by stable kind id. */
export const followUpDefinitions = {
  'cse-not-asked': {
    screen: 'cse',
    text: 'The child sexual exploitation screen was not asked: ask it at the next contact',
  },
  'crafft-deferred-intoxicated': {
    screen: 'crafft',
    text: 'The substance use screen was deferred because the young person was intoxicated: ask it when they are sober',
  },
  'crafft-not-asked': {
    screen: 'crafft',
    text: 'The substance use screen was not asked: ask it at the next contact',
  },
  'crafft-suggests-cse': {
    screen: 'crafft',
    text: 'Riding with an impaired driver or intoxication at presentation: check the child sexual exploitation screen was done',
  },
  'fraser-power-imbalance': {
    screen: 'fraser',
    text: "A power imbalance with the young person's partner was recorded: complete the child sexual exploitation screen and follow it up",
  },
  'fgm-at-risk': {
    screen: 'fgm',
    text: 'The young person may be at risk of FGM: check the local safeguarding referral and the FGM-IS indicator',
  },
  'fgm-police-report-due': {
    screen: 'fgm',
    text: 'Known FGM in an under-18: the police (101) report has not been recorded',
  },
  'self-harm-parents-not-informed': {
    screen: 'self-harm',
    text: 'Parents or carers were not informed of the self-harm or mental health attendance: check the reason and the plan',
  },
  'domestic-abuse-not-safe-to-ask': {
    screen: 'domestic-abuse',
    text: 'Domestic abuse: it was not safe to ask at this attendance. Find a safe, private way to ask, or pass it to the safeguarding team',
  },
  'domestic-abuse-not-asked': {
    screen: 'domestic-abuse',
    text: 'Domestic abuse: indicators were present but the patient was not asked. Ask at the next contact, in private',
  },
  'audit-c-not-asked': {
    screen: 'audit-c',
    text: 'Alcohol was involved in the attendance but AUDIT-C was not asked: ask it when the patient is able to answer',
  },
  'think-family-not-able-to-ask': {
    screen: 'think-family',
    text: 'Think Family: the nurse was not able to ask whether the patient has or cares for children: ask at the next contact',
  },
} as const satisfies Record<string, FollowUpDefinition>;

export type FollowUpKind = keyof typeof followUpDefinitions;

/** One follow-up on a record: the kind and, where there is one, the nurse's recorded reason. */
export interface ScreeningFollowUp {
  kind: FollowUpKind;
  screen: ScreeningInstrument;
  text: string;
  /** The reason recorded on the screen ("Not asked – declined"), if any. */
  detail?: string;
}

/** Builds a follow-up from its kind, with an optional recorded reason. */
export function followUp(kind: FollowUpKind, detail?: string): ScreeningFollowUp {
  const definition: FollowUpDefinition = followUpDefinitions[kind];
  return detail === undefined || detail === '' ? { kind, screen: definition.screen, text: definition.text } : { kind, screen: definition.screen, text: definition.text, detail };
}
