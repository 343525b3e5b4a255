/**
 * The working-days settings: the site's bank holidays, which are not working days for the
 * paediatric liaison review ("not reviewed by the end of the next working day" is overdue,
 * issue 12). Starts with England and Wales 2026–2027 (domain/liaison/bank-holidays.ts);
 * validation is settings-validation.ts.
 */
import { Textarea } from '../../components/form/text-input';

export const workingDaysQuestion = {
  label: 'Bank holidays',
  hint: 'Not working days: the paediatric liaison review of an attendance is overdue if it is not done by the end of the next working day. One date per line, for example 25/12/2026. Set up with the England and Wales bank holidays for 2026 and 2027: add next year\'s, or your own nation\'s',
} as const;

export function WorkingDaysFields() {
  return <Textarea name="siteBankHolidays" label={workingDaysQuestion.label} hint={workingDaysQuestion.hint} rows={8} optional />;
}
