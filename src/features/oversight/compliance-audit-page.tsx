/**
 * The compliance audit page (PRODUCT.md section 6; issue 12) for the nurse in charge and the
 * paediatric liaison nurse: choose a date range, site and staff group; see each indicator as
 * numerator / denominator / percentage with who is counted and what counts in words; the
 * table is the source, the SVG chart repeats it with a text alternative; print (print CSS in
 * compliance-audit.css) and CSV export are both recorded in the audit trail.
 *
 * Everything counted is worked out in domain/oversight from the sealed summaries storage
 * returns for the range; this page only asks and shows. It opens with the last 30 days.
 */
import { useEffect, useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import type { Issue } from '../../domain/assessment/issues';
import { complianceAuditCsv, complianceAuditFileName, complianceAuditTrailDetail, staffGroupLabel } from '../../domain/oversight/audit-csv';
import { auditFilterDraftSchema, auditFilterQuestions, auditRangeInstants, defaultAuditFilterDraft, readAuditFilter, staffGroupFilterOptions } from '../../domain/oversight/audit-filter';
import type { AuditFilter, AuditFilterDraft } from '../../domain/oversight/audit-filter';
import { auditSites, complianceAudit, formatPercentage } from '../../domain/oversight/compliance-audit';
import type { AuditAttendance, ComplianceAuditReport } from '../../domain/oversight/compliance-audit';
import type { Result } from '../../domain/shared/result';
import { formatDate, toLondon } from '../../domain/shared/dates';
import type { IsoDate } from '../../domain/shared/dates';
import { Button } from '../../components/content/button';
import { downloadFile } from '../../components/content/download';
import { ErrorSummary } from '../../components/form/error-summary';
import { DateInput } from '../../components/form/date-input';
import { IssuesProvider } from '../../components/form/issues-context';
import { Radios } from '../../components/form/radios';
import { Select } from '../../components/form/select';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useDeviceSettings, useRepositories } from '../../storage/repositories/react';
import type { StorageFailure } from '../../storage/repositories/types';
import { ComplianceAuditChart } from './compliance-audit-chart';
import './compliance-audit.css';
import { Form } from '../../components/form/form';

type AuditState = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; report: ComplianceAuditReport; sites: string[] };

function toState(inputs: Result<AuditAttendance[], StorageFailure>, filter: AuditFilter, bankHolidays: readonly IsoDate[]): AuditState {
  if (!inputs.ok) return { status: 'failed', message: inputs.error.message };
  return { status: 'ready', report: complianceAudit(inputs.value, filter, new Date().toISOString(), bankHolidays), sites: auditSites(inputs.value) };
}

const plural = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

export function ComplianceAuditPage() {
  const { attendances, audit } = useRepositories();
  const settings = useDeviceSettings();
  // The site's bank holidays: the liaison review's working days skip them.
  const bankHolidays = settings?.bankHolidays;
  const [defaults] = useState(() => defaultAuditFilterDraft(toLondon(new Date()).date));
  const form = useForm<AuditFilterDraft>({ defaultValues: defaults, mode: 'onSubmit', reValidateMode: 'onSubmit', shouldFocusError: false });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [state, setState] = useState<AuditState>({ status: 'loading' });
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const run = async (draft: AuditFilterDraft) => {
    const read = readAuditFilter(auditFilterDraftSchema.parse(draft));
    setNotice(undefined);
    if (!read.ok) {
      setIssues(read.issues);
      return;
    }
    setIssues([]);
    setState({ status: 'loading' });
    setState(toState(await attendances.complianceAuditInputs(auditRangeInstants(read.value)), read.value, bankHolidays ?? []));
  };

  // The first audit: the last 30 days, as soon as the page and the settings (bank holidays) are open.
  useEffect(() => {
    const read = readAuditFilter(defaults);
    if (!read.ok || bankHolidays === undefined) return undefined;
    let current = true;
    void attendances.complianceAuditInputs(auditRangeInstants(read.value)).then((inputs) => {
      if (current) setState(toState(inputs, read.value, bankHolidays));
    });
    return () => {
      current = false;
    };
  }, [attendances, defaults, bankHolidays]);

  const siteNames = [...new Set([...(settings?.siteName ? [settings.siteName] : []), ...(state.status === 'ready' ? state.sites : [])])].sort((a, b) => a.localeCompare(b, 'en-GB'));

  const exportCsv = async (report: ComplianceAuditReport) => {
    await audit.record('export', '', complianceAuditTrailDetail(report, 'CSV exported'));
    downloadFile(complianceAuditFileName(report), 'text/csv;charset=utf-8', complianceAuditCsv(report));
    setNotice('The audit was exported as CSV. The export is recorded in the audit trail.');
  };
  const print = async (report: ComplianceAuditReport) => {
    await audit.record('print', '', complianceAuditTrailDetail(report, 'printed'));
    window.print();
  };

  return (
    <Page title="Compliance audit" hasErrors={issues.length > 0} backLink={{ to: paths.home(), text: 'Home' }} wide>
      <h1>Compliance audit</h1>
      <p className="app-no-print">
        How often each safeguarding step was recorded. Counted: assessments signed, and those started and left unsigned for more than 12 hours. The staff group is that of the nurse who
        signed.
      </p>
      <FormProvider {...form}>
        <IssuesProvider issues={issues}>
          <ErrorSummary issues={issues} />
          <Form
            onSubmit={() => {
              void run(form.getValues());
            }}
            className="app-audit-form"
          >
            <DateInput name="from" legend={auditFilterQuestions.from.legend} hint={auditFilterQuestions.from.hint} />
            <DateInput name="to" legend={auditFilterQuestions.to.legend} hint={auditFilterQuestions.to.hint} />
            <Select name="site" label={auditFilterQuestions.site.label} placeholder={auditFilterQuestions.site.allSites} options={siteNames.map((name) => ({ value: name, label: name }))} />
            <Radios name="staffGroup" legend={auditFilterQuestions.staffGroup.legend} hint={auditFilterQuestions.staffGroup.hint} options={staffGroupFilterOptions} inline small />
            <Button type="submit">Show the audit</Button>
          </Form>
        </IssuesProvider>
      </FormProvider>
      {state.status === 'loading' ? (
        <p role="status">Counting…</p>
      ) : state.status === 'failed' ? (
        <div className="app-save-status app-save-status--failed" role="alert">
          {state.message}
        </div>
      ) : (
        <AuditResults report={state.report} notice={notice} onExport={() => void exportCsv(state.report)} onPrint={() => void print(state.report)} />
      )}
    </Page>
  );
}

function describeFilter(report: ComplianceAuditReport): string {
  const { filter } = report;
  return `${formatDate(filter.from)} to ${formatDate(filter.to)}, ${filter.site === '' ? 'all sites' : filter.site}, ${staffGroupLabel(filter.staffGroup).toLowerCase()}`;
}

function AuditResults({ report, notice, onExport, onPrint }: { report: ComplianceAuditReport; notice: string | undefined; onExport: () => void; onPrint: () => void }) {
  const notCounted = [
    report.stillInProgress > 0 ? `${plural(report.stillInProgress, 'assessment was', 'assessments were')} started in the last 12 hours and not signed yet.` : '',
    report.awaitingRebuild > 0 ? `${plural(report.awaitingRebuild, 'attendance is', 'attendances are')} still being brought up to date after unlock: run the audit again in a minute.` : '',
  ].filter(Boolean);
  return (
    <section className="app-audit-print" aria-labelledby="audit-results">
      <h2 className="nhsuk-heading-m" id="audit-results">
        {describeFilter(report)}
      </h2>
      {report.counted === 0 ? (
        <>
          <p>No attendances to count for these dates, this site and this staff group.</p>
          <p>Choose a wider date range, All sites or All staff groups. Attendances are counted once they are signed, or once they have been left unsigned for more than 12 hours.</p>
          {notCounted.map((text) => (
            <p key={text}>{text}</p>
          ))}
        </>
      ) : (
        <>
          <p>
            {plural(report.counted, 'attendance', 'attendances')} counted: {plural(report.signed, 'signed', 'signed')}, {plural(report.leftUnsigned, 'left', 'left')} unsigned for more than 12
            hours.
            {report.ageNotRecorded > 0 ? ` ${plural(report.ageNotRecorded, 'has', 'have')} no age recorded and are in no age-based count.` : ''}
          </p>
          {report.fromOtherTablets > 0 ? (
            <p>
              {plural(report.fromOtherTablets, 'attendance was', 'attendances were')} recorded on other tablets of the department. They are in every count, with the liaison
              reviews recorded on any tablet of the department; their letters are issued on those tablets, and one whose shared summary does not yet say which letters are issued
              is not in the count for &quot;GP letter issued within 24 hours&quot;.
            </p>
          ) : null}
          {notCounted.length > 0 ? (
            <p>
              Not counted: {notCounted.join(' ')}
            </p>
          ) : null}
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Each indicator: how many of the attendances counted met it</caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Who is counted (denominator)</th>
                <th scope="col">Met (numerator)</th>
                <th scope="col">Denominator</th>
                <th scope="col">Percentage</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {report.indicators.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    {item.label}
                    <span className="app-audit-table__counts">
                      Counts: {item.numeratorText}
                    </span>
                  </th>
                  <td>{item.denominatorText}</td>
                  <td>{item.numerator.toLocaleString('en-GB')}</td>
                  <td>{item.denominator.toLocaleString('en-GB')}</td>
                  <td>{item.percentage === null ? 'None to count' : formatPercentage(item.percentage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2 className="nhsuk-heading-m">Chart</h2>
          <ComplianceAuditChart indicators={report.indicators} title={`Compliance audit, ${describeFilter(report)}: percentage met for each indicator`} />
          {notice ? (
            <p role="status" className="app-no-print">
              {notice}
            </p>
          ) : null}
          <div className="nhsuk-button-group app-no-print">
            <Button variant="secondary" onClick={onExport}>
              Export the audit (CSV)
            </Button>
            <Button variant="secondary" onClick={onPrint}>
              Print the audit
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
