/**
 * The follow-up list the liaison list reads: stable kinds, each tied to a screen.
 */
import { describe, expect, test } from 'vitest';
import { followUp, followUpDefinitions } from './follow-ups';

describe('follow-ups', () => {
  test('the released kinds, by stable id', () => {
    expect(Object.keys(followUpDefinitions)).toEqual([
      'cse-not-asked',
      'crafft-deferred-intoxicated',
      'crafft-not-asked',
      'crafft-suggests-cse',
      'fraser-power-imbalance',
      'fgm-at-risk',
      'fgm-police-report-due',
      'self-harm-parents-not-informed',
      'domestic-abuse-not-safe-to-ask',
      'domestic-abuse-not-asked',
      'audit-c-not-asked',
      'think-family-not-able-to-ask',
    ]);
  });

  test('a follow-up carries its screen, its sentence and the recorded reason when there is one', () => {
    expect(followUp('cse-not-asked', 'Not asked – declined')).toEqual({
      kind: 'cse-not-asked',
      screen: 'cse',
      text: followUpDefinitions['cse-not-asked'].text,
      detail: 'Not asked – declined',
    });
    expect(followUp('fgm-at-risk', '')).not.toHaveProperty('detail');
  });
});
