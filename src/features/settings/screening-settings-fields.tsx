/**
 * The screening settings on the settings page: the number of child sexual exploitation
 * "other indicators" that together prompt a discussion (issue 9; research §3.2 "several
 * together", no published number). The range and default are the domain's
 * (screening/cse-threshold.ts); validation is settings-validation.ts.
 */
import { DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD, MAX_CSE_OTHER_INDICATOR_THRESHOLD, MIN_CSE_OTHER_INDICATOR_THRESHOLD } from '../../domain/screening/cse-threshold';
import { TextInput } from '../../components/form/text-input';

export const cseThresholdQuestion = {
  label: 'Child sexual exploitation screen: how many other indicators together prompt a discussion with the safeguarding lead?',
  hint: `A whole number from ${String(MIN_CSE_OTHER_INDICATOR_THRESHOLD)} to ${String(MAX_CSE_OTHER_INDICATOR_THRESHOLD)}. The default is ${String(DEFAULT_CSE_OTHER_INDICATOR_THRESHOLD)}. Any significant indicator always prompts a discussion the same day. Use the number your local safeguarding partnership's tool sets`,
} as const;

export function ScreeningFields() {
  return <TextInput name="cseOtherIndicatorThreshold" label={cseThresholdQuestion.label} hint={cseThresholdQuestion.hint} width={3} inputMode="numeric" />;
}
