/**
 * Renders an open assessment page (task list, a section, check answers) over fake
 * repositories holding `record` and any `others`, following in-app navigation the way the
 * app's route table does for /assessments/:id/…
 */
import { AssessmentRoutes } from '../features/assessment/assessment-routes';
import type { AssessmentRecord } from '../domain/assessment/record';
import type { DeviceSettings } from '../domain/settings/device-settings';
import { fakeRepositories, renderScreen } from './render-screen';
import type { RenderedScreen } from './render-screen';

export interface RenderAssessmentOptions {
  /** Other attendances on this tablet. */
  others?: AssessmentRecord[];
  settings?: DeviceSettings;
}

/** `page`: '' for the task list, or a section slug such as 'outcome'. */
export function renderAssessment(record: AssessmentRecord, page: string, options: RenderAssessmentOptions = {}): RenderedScreen {
  const repositories = fakeRepositories({ attendances: [record, ...(options.others ?? [])], ...(options.settings ? { settings: options.settings } : {}) });
  return renderScreen(
    (pathname) => {
      const [first, id = '', ...rest] = pathname.split('/').filter(Boolean).map(decodeURIComponent);
      return first === 'assessments' ? <AssessmentRoutes key={id} id={id} rest={rest} /> : <h1>Home</h1>;
    },
    { repositories, path: `/assessments/${record.id}${page ? `/${page}` : ''}` },
  );
}
