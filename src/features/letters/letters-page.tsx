/**
 * The letters of one attendance: which apply and why, whether each is issued or what it
 * still needs, and every issued version (PRODUCT.md section 5).
 */
import { deriveContext } from '../../domain/assessment/derive-context';
import { currentAnswers } from '../../domain/assessment/lifecycle';
import type { AssessmentRecord } from '../../domain/assessment/record';
import { letterIdentityKey, sameLetterIdentity } from '../../domain/letters/kinds';
import type { LetterIdentity } from '../../domain/letters/kinds';
import { applicableLetters, letterIdentityLabel, letterReadiness } from '../../domain/letters/letters';
import { letterKindInSentence } from '../../domain/letters/model';
import { noChoices } from '../../domain/letters/facts';
import { formatDateTime } from '../../domain/shared/dates';
import type { DeviceSettings } from '../../domain/settings/device-settings';
import { patientBannerFacts } from '../../domain/assessment/patient-banner';
import { ButtonLink } from '../../components/content/button';
import { PatientBanner } from '../../components/content/patient-banner';
import { Tag } from '../../components/content/feedback';
import { Page } from '../../components/layout/page';
import { Link } from '../../components/navigation/router';
import { paths } from '../../components/navigation/paths';
import { useLetterVersions } from '../../storage/repositories/react';
import { useLetterTokens } from './letter-tokens';

export function LettersPage({ record, settings }: { record: AssessmentRecord; settings: DeviceSettings }) {
  const versions = useLetterVersions(record.id);
  const now = new Date().toISOString();
  const answers = currentAnswers(record);
  const letters = applicableLetters(answers, deriveContext(answers, now));
  // Letter identity: attendance + kind + child (a child's notification is its own letter).
  const latest = (identity: LetterIdentity) => versions?.find((version) => sameLetterIdentity(version, identity));
  // Each letter's address names it by an opaque token, never its kind (issue 11).
  const tokens = useLetterTokens(record.id, letters);
  return (
    <Page title="Letters" backLink={{ to: paths.assessment(record.id), text: 'Back to the assessment' }} wide>
      <PatientBanner facts={patientBannerFacts(answers.patient, now)} />
      <h1>Letters</h1>
      <p>Letters are made from the signed record. You can add your own words in marked places. Issuing a letter keeps that version; issuing again makes a new version and the earlier one stays readable.</p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">Letters for this attendance</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Letter</th>
            <th scope="col">Why</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="nhsuk-u-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {letters.map((letter) => {
            const issued = latest(letter);
            const missing = letterReadiness(letter.kind, { record, settings, at: now, choices: noChoices(), childId: letter.childId }).filter((problem) => problem.fix.to !== 'slot');
            return (
              <tr key={letterIdentityKey(letter)}>
                <td>{letterIdentityLabel(answers, letter)}</td>
                <td>{letter.why}</td>
                <td>
                  {issued ? (
                    <Tag colour="green">{`Issued: version ${issued.version}`}</Tag>
                  ) : missing.length > 0 ? (
                    <>
                      <Tag colour="grey">Not ready</Tag>
                      <span className="app-summary-line">{missing[0]?.message}</span>
                    </>
                  ) : (
                    <Tag colour="blue">Not issued</Tag>
                  )}
                </td>
                <td>
                  {tokens?.get(letterIdentityKey(letter)) ? (
                    <Link to={paths.letter(record.id, tokens.get(letterIdentityKey(letter)) ?? '')}>
                      {issued ? 'Issue again' : 'Prepare and issue'}{' '}
                      <span className="nhsuk-u-visually-hidden">
                        the {letterKindInSentence(letter.kind)}
                        {letter.childName ? ` about ${letter.childName}` : ''}
                      </span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2 className="nhsuk-heading-m">Issued versions</h2>
      {versions === undefined ? (
        <p role="status">Loading…</p>
      ) : versions.length === 0 ? (
        <p>No letters have been issued for this attendance yet.</p>
      ) : (
        <ul className="nhsuk-list nhsuk-list--border">
          {versions.map((version) => (
            <li key={version.id}>
              <Link to={paths.issuedLetter(record.id, version.id)}>
                {letterIdentityLabel(answers, version)}, version {version.version}
              </Link>
              , issued {formatDateTime(version.issuedAt)}
            </li>
          ))}
        </ul>
      )}
      <ButtonLink to={paths.assessment(record.id)} variant="secondary">
        Back to the assessment
      </ButtonLink>
    </Page>
  );
}
