/**
 * The compliance audit page (issue 12): the table is the source, with the denominators in
 * words; the SVG chart carries a text alternative with every figure; the staff group filter
 * separates agency from substantive; bad ranges get clear messages; an empty result says what
 * to do; CSV export and print are recorded in the audit trail; a triage nurse is refused.
 */
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { signAssessment } from '../../domain/assessment/lifecycle';
import type { Answers } from '../../domain/assessment/record';
import { emptyCseDraft } from '../../domain/screening/cse';
import { completeChildAnswers, recordWith, testStaff } from '../../test-support/fixtures';
import { TEST_NURSE, fakeRepositories, renderScreen } from '../../test-support/render-screen';
import { ComplianceAuditPage } from './compliance-audit-page';

const TODAY = new Date('2026-03-20T12:00:00.000Z');
const NURSE_IN_CHARGE = { ...TEST_NURSE, id: 'staff-9', name: 'Jo Reid', role: 'nurse-in-charge' as const };
const LIAISON = { ...TEST_NURSE, id: 'staff-8', name: 'Kim Lee', role: 'paediatric-liaison' as const };

function signed(id: string, answers: Answers, staffGroup: 'substantive' | 'agency') {
  const record = { ...recordWith(answers), id };
  return signAssessment(record, '2026-03-10T16:00:00.000Z', testStaff({ id: `signer-${staffGroup}`, staffGroup, ...(staffGroup === 'agency' ? { agencyName: 'Nurses Direct' } : {}) }));
}

/** A 15-year-old screened by a substantive nurse; a 14-year-old whose CSE screen an agency nurse left not asked. */
const attendances = () => [
  signed('a-substantive', completeChildAnswers({ ageYears: 15 }), 'substantive'),
  signed('a-agency', { ...completeChildAnswers({ ageYears: 14 }), cse: { ...emptyCseDraft(), notAsked: true, notAskedReason: 'declined' } }, 'agency'),
];

const show = (as: { id: string } = NURSE_IN_CHARGE) => renderScreen(<ComplianceAuditPage />, { repositories: fakeRepositories({ staff: [NURSE_IN_CHARGE, LIAISON, TEST_NURSE], unlockedAs: as.id, attendances: attendances() }) });

const row = (name: string) => {
  const header = screen.getByRole('rowheader', { name: new RegExp(`^${name}`) });
  const found = header.closest('tr');
  if (!found) throw new Error('no row');
  return within(found).getAllByRole('cell').map((cell) => cell.textContent);
};

const createObjectURL = vi.fn(() => 'blob:audit');
const print = vi.fn();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TODAY);
  createObjectURL.mockClear();
  print.mockClear();
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = vi.fn();
  window.print = print;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the audit of the last 30 days', () => {
  test('the table: each indicator with who is counted, numerator, denominator and percentage', async () => {
    show();
    expect(await screen.findByRole('heading', { name: '19 February 2026 to 20 March 2026, all sites, all staff groups' })).toBeInTheDocument();
    expect(screen.getByText(/2 attendances counted: 2 signed, 0 left unsigned/)).toBeInTheDocument();
    expect(row('CSE screen asked')).toEqual(['Attendances aged 11–17', '1', '2', '50%']);
    expect(row('Substance screen asked')).toEqual(['Attendances aged 12–17', '2', '2', '100%']);
    expect(row('CP-IS check recorded')).toEqual(['Attendances aged under 18', '2', '2', '100%']);
    expect(row('Suspect concerns with a referral recorded')).toEqual(['Attendances with the concern level Suspect', '0', '0', 'None to count']);
  });

  test('Think Family and the liaison review, each with its definition', async () => {
    show();
    await screen.findByRole('table');
    // Two children: Think Family does not apply; both on the liaison list, neither reviewed.
    expect(row('Think Family asked when triggered')).toEqual([
      'Attendances where Think Family was mandatory (a trigger applied: adults, and under 18 a parent, carer or pregnant young person)',
      '0',
      '0',
      'None to count',
    ]);
    expect(row('Liaison review within one working day')).toEqual(['Attendances on the paediatric liaison review list whose review fell due before the audit was run', '0', '2', '0%']);
    expect(screen.getByRole('rowheader', { name: /^Think Family asked when triggered/ })).toHaveTextContent('Counts: Asked whether the patient has children: answered Yes, No or Declined ("Not able to ask" does not count)');
    expect(screen.getByRole('rowheader', { name: /^Liaison review within one working day/ })).toHaveTextContent(
      'Counts: First liaison review recorded by the end of the next working day after arrival (weekends and bank holidays skipped)',
    );
  });

  test('the chart is an image named by its title, described with every figure', async () => {
    show(LIAISON);
    const chart = await screen.findByRole('img', { name: 'Compliance audit, 19 February 2026 to 20 March 2026, all sites, all staff groups: percentage met for each indicator' });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('CSE screen asked: 1 of 2 (50%).'));
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('Suspect concerns with a referral recorded: No attendances to count.'));
  });

  test('agency against substantive: the signer’s staff group', async () => {
    const { user } = show();
    await screen.findByRole('table');
    await user.click(screen.getByRole('radio', { name: 'Agency' }));
    await user.click(screen.getByRole('button', { name: 'Show the audit' }));
    expect(await screen.findByRole('heading', { name: /all sites, agency$/ })).toBeInTheDocument();
    expect(row('CSE screen asked')).toEqual(['Attendances aged 11–17', '0', '1', '0%']);
    await user.click(screen.getByRole('radio', { name: 'Substantive' }));
    await user.click(screen.getByRole('button', { name: 'Show the audit' }));
    expect(await screen.findByRole('heading', { name: /all sites, substantive$/ })).toBeInTheDocument();
    expect(row('CSE screen asked')).toEqual(['Attendances aged 11–17', '1', '1', '100%']);
  });

  test('CSV export and print are recorded in the audit trail', async () => {
    const { user, repositories } = show();
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Export the audit (CSV)' }));
    expect(await screen.findByText('The audit was exported as CSV. The export is recorded in the audit trail.')).toBeInTheDocument();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Print the audit' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(repositories.auditEvents.get().slice(-2).map((event) => [event.type, event.actor?.name, event.detail])).toEqual([
      ['export', 'Jo Reid', 'Compliance audit CSV exported: 2026-02-19 to 2026-03-20, all sites, all staff groups, 2 attendances'],
      ['print', 'Jo Reid', 'Compliance audit printed: 2026-02-19 to 2026-03-20, all sites, all staff groups, 2 attendances'],
    ]);
  });
});

describe('bad input', () => {
  const setDate = async (user: ReturnType<typeof show>['user'], legend: string, day: string, month: string, year: string) => {
    const group = screen.getByRole('group', { name: legend });
    for (const [label, value] of [['Day', day], ['Month', month], ['Year', year]] as const) {
      const input = within(group).getByLabelText(label);
      await user.clear(input);
      await user.type(input, value);
    }
  };

  test('end before start: an error summary linking to the end date', async () => {
    const { user } = show();
    await screen.findByRole('table');
    await setDate(user, 'From', '10', '3', '2026');
    await setDate(user, 'To', '9', '3', '2026');
    await user.click(screen.getByRole('button', { name: 'Show the audit' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'End date must be the same as or after the start date' })).toBeInTheDocument();
  });

  test('a ten-year range: asked for a year or less', async () => {
    const { user } = show();
    await screen.findByRole('table');
    await setDate(user, 'From', '1', '3', '2016');
    await user.click(screen.getByRole('button', { name: 'Show the audit' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /^The date range must be a year or shorter/ })).toBeInTheDocument();
  });

  test('nothing to count: says so and what to do, with no table or chart', async () => {
    const { user } = show();
    await screen.findByRole('table');
    await setDate(user, 'From', '1', '1', '2026');
    await setDate(user, 'To', '31', '1', '2026');
    await user.click(screen.getByRole('button', { name: 'Show the audit' }));
    expect(await screen.findByText('No attendances to count for these dates, this site and this staff group.')).toBeInTheDocument();
    expect(screen.getByText(/Choose a wider date range, All sites or All staff groups/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});

test('a triage nurse is refused by storage, in words', async () => {
  show(TEST_NURSE);
  expect(await screen.findByRole('alert')).toHaveTextContent('Only the nurse in charge or the paediatric liaison nurse can view the compliance audit.');
});

describe('the audit over the department (issue 14)', () => {
  test('says how many attendances came from other tablets and which count leaves them out', async () => {
    const base = fakeRepositories({ staff: [NURSE_IN_CHARGE, LIAISON, TEST_NURSE], unlockedAs: NURSE_IN_CHARGE.id, attendances: attendances() });
    const complianceAuditInputs: typeof base.attendances.complianceAuditInputs = async (range) => {
      const inputs = await base.attendances.complianceAuditInputs(range);
      return inputs.ok ? { ok: true, value: inputs.value.map((item) => (item.summary.id === 'a-agency' ? { ...item, site: '', recordedElsewhere: true as const } : item)) } : inputs;
    };
    renderScreen(<ComplianceAuditPage />, { repositories: { ...base, attendances: { ...base.attendances, complianceAuditInputs, create: base.attendances.create.bind(base.attendances) } } });
    expect(await screen.findByText(/2 attendances counted/)).toBeInTheDocument();
    expect(screen.getByText(/^1 attendance was recorded on other tablets of the department\./)).toHaveTextContent(
      'They are in every count, with the liaison reviews recorded on any tablet of the department; their letters are issued on those tablets, and one whose shared summary does not yet say which letters are issued is not in the count for "GP letter issued within 24 hours".',
    );
  });
});
