/**
 * The Think Family trigger settings, apart from the fields first-run set-up shares: set-up
 * never shows them, and the trigger labels come with the whole Think Family module, which
 * must not load with the first screen (PRODUCT.md section 10).
 */
import { thinkFamilyTriggers } from '../../domain/screening/think-family';
import { Checkboxes } from '../../components/form/checkboxes';

/**
 * The Think Family triggers (PRODUCT.md 4.7: configurable): each ticked trigger makes the
 * section required for an adult; untick one to turn it off on this tablet.
 */
export function ThinkFamilyTriggerFields() {
  return (
    <Checkboxes
      name="thinkFamilyTriggersOn"
      legend="Think Family is required for an adult with"
      hint="Untick a trigger to turn it off. Without a trigger Think Family is still offered for every adult"
      options={thinkFamilyTriggers.map((trigger) => ({ value: trigger.id, label: trigger.label }))}
      small
    />
  );
}
