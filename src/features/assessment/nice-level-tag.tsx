/**
 * NICE CG89's level ("Consider" or "Suspect") as a tag, announced with what it is, for the
 * safeguarding checklist and the outcome page. The level is NICE's, per item: never a score.
 */
import type { NiceLevel } from '../../domain/rules/nice-alerting-features';
import { niceLevelLabels } from '../../domain/rules/nice-alerting-features';
import { Tag } from '../../components/content/feedback';

/** `announced`: say "NICE level:" to screen readers first (off where the words around already say it). */
export function NiceLevelTag({ level, announced = true }: { level: NiceLevel; announced?: boolean }) {
  const tag = <Tag colour={level === 'suspect' ? 'red' : 'yellow'}>{niceLevelLabels[level]}</Tag>;
  if (!announced) return tag;
  return (
    <>
      {/* The space outside the hidden span: accessible-name computation trims inside it. */}
      <span className="nhsuk-u-visually-hidden">NICE level:</span>{' '}
      {tag}
    </>
  );
}
