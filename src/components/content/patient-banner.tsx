/**
 * The patient banner: whose record is open (name, age, NHS number, pathway, arrival), on
 * every page of an assessment and its letters. A labelled region, not a heading, so each
 * page keeps one h1 and screen-reader users can jump to it by landmark. Text only; the facts
 * come from domain/assessment/patient-banner.ts.
 */
import type { PatientBannerFacts } from '../../domain/assessment/patient-banner';

export function PatientBanner({ facts }: { facts: PatientBannerFacts }) {
  return (
    <section className="app-patient-banner" aria-label="Patient">
      <p className="app-patient-banner__name" dir="auto">
        {facts.name}
      </p>
      <p className="app-patient-banner__details">
        {facts.age}. {facts.nhsNumber}. {facts.pathway}.{facts.arrived ? ` ${facts.arrived}.` : ''}
      </p>
    </section>
  );
}
