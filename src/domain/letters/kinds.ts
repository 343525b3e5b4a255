/**
 * The kinds of letter and their names. Kept free of zod and of the letter modules: storage
 * and the home screen need only these, and they load with the first screen.
 */
export const letterKinds = ['gp', 'health-visitor', 'school-nurse', 'mash-referral'] as const;

export type LetterKind = (typeof letterKinds)[number];

export const isLetterKind = (value: unknown): value is LetterKind => typeof value === 'string' && (letterKinds as readonly string[]).includes(value);

export const letterKindLabels: Record<LetterKind, string> = {
  gp: 'GP discharge letter',
  'health-visitor': 'Notification to the health visitor',
  'school-nurse': 'Notification to the school nurse',
  'mash-referral': "Referral to children's social care (MASH)",
};

/** The label inside a sentence: "the GP discharge letter", "the notification to the school nurse". */
export const letterKindInSentence = (kind: LetterKind): string => {
  const label = letterKindLabels[kind];
  return /^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
};

/**
 * A letter's identity: attendance + kind + child (issue 10). The patient's own letters have
 * no child (`childId` absent); a notification about one child of an adult (Think Family)
 * carries that child's id. Versions, drafts and routes are keyed by it.
 */
export interface LetterIdentity {
  kind: LetterKind;
  childId?: string | undefined;
}

/** The identity as one stable string: "gp", "school-nurse/child/<id>". */
export const letterIdentityKey = (identity: LetterIdentity): string => (identity.childId ? `${identity.kind}/child/${identity.childId}` : identity.kind);

/** The same letter: the same kind and the same child (or both the patient's own). */
export const sameLetterIdentity = (a: LetterIdentity, b: LetterIdentity): boolean => a.kind === b.kind && (a.childId ?? '') === (b.childId ?? '');
