/**
 * NICE CG89's level ("Consider" or "Suspect") as a tag, announced with what it is, for the
 * safeguarding checklist and the outcome page. The level is NICE's, per item: never a score.
 */
import type { NiceLevel } from '../../domain/rules/nice-alerting-features';
import { niceLevelLabels } from '../../domain/rules/nice-alerting-features';
import { Tag } from '../../components/content/feedback';

export function NiceLevelTag({ level }: { level: NiceLevel }) {
  return (
    <>
      <span className="nhsuk-u-visually-hidden">NICE level: </span>
      <Tag colour={level === 'suspect' ? 'red' : 'yellow'}>{niceLevelLabels[level]}</Tag>
    </>
  );
}
