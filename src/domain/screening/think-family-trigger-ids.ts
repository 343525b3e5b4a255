/**
 * The Think Family trigger ids (issue 10), alone: the settings schema stores the ones turned
 * off and loads with the first screen, so it must not pull in the whole Think Family module.
 * Stable slugs stored in settings: never rename one once released. think-family.ts defines
 * each trigger's label and rule, and its test holds the two lists equal.
 */
export const thinkFamilyTriggerIds = ['self-harm', 'mental-health', 'intoxication', 'assault', 'domestic-abuse', 'pregnancy', 'sole-carer-admitted', 'adult-fgm'] as const;

export type ThinkFamilyTriggerId = (typeof thinkFamilyTriggerIds)[number];
