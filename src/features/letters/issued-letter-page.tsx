/**
 * An issued letter, as issued: the print view (A4 print stylesheet in letters.css: no app
 * chrome, the site in the page header, "Page N of M" at the foot) and Download as PDF.
 *
 * The letter is loaded and decrypted first; Print then records the audit event and opens
 * the print dialog with no storage transaction open (a dialog pauses the page and can time
 * out a pending IndexedDB transaction: Dexie issue 323). The PDF writer is imported only
 * when the nurse asks for a PDF, so it is never in the first-load JavaScript.
 */
import { useEffect, useState } from 'react';
import type { IssuedLetter, IssuedLetterSummary } from '../../domain/letters/issued';
import { formatDateTime } from '../../domain/shared/dates';
import { Button, ButtonGroup, ButtonLink } from '../../components/content/button';
import { downloadFile } from '../../components/content/download';
import { InsetText, NotificationBanner } from '../../components/content/feedback';
import { Page } from '../../components/layout/page';
import { paths } from '../../components/navigation/paths';
import { useRepositories } from '../../storage/repositories/react';
import type { StorageFailure } from '../../storage/repositories/types';
import { LetterView } from './letter-view';

type LetterState = { status: 'loading' } | { status: 'ready'; letter: IssuedLetter } | { status: 'failed'; failure: StorageFailure };

const summaryOf = (letter: IssuedLetter): IssuedLetterSummary => ({
  id: letter.id,
  attendanceId: letter.attendanceId,
  kind: letter.kind,
  version: letter.version,
  issuedAt: letter.issuedAt,
  issuedById: letter.issuedBy.id,
});

/** A CSS string literal: quotes, backslashes and line breaks escaped. */
const cssString = (text: string): string => `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/**
 * The printed page header names the site: a page margin box needs the name in CSS, and the
 * Content-Security-Policy forbids inline styles, so it is added as a constructed style
 * sheet (CSSOM), which the policy allows. Browsers without constructed sheets print the
 * site in the letter's own header instead.
 */
function usePrintHeader(site: string, title: string): void {
  useEffect(() => {
    if (typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return undefined;
    let sheet: CSSStyleSheet;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(`@page { @top-left { content: ${cssString(site)}; } @top-right { content: ${cssString(title)}; } }`);
    } catch {
      return undefined;
    }
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((candidate) => candidate !== sheet);
    };
  }, [site, title]);
}

/**
 * No patient identifier in the file name: it shows in the downloads folder. Nor the kind
 * (issue 11: a file named "mash-referral-…" says a child was referred): the opaque letter id only.
 */
export const pdfFileName = (letter: Pick<IssuedLetter, 'id'>): string => `letter-${letter.id}.pdf`;

export function IssuedLetterPage({ attendanceId, letterId, site }: { attendanceId: string; letterId: string; site: string }) {
  const { letters } = useRepositories();
  const [state, setState] = useState<LetterState>({ status: 'loading' });
  const [pdfNote, setPdfNote] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void letters.open(letterId).then((result) => {
      if (!cancelled) setState(result.ok ? { status: 'ready', letter: result.value } : { status: 'failed', failure: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [letters, letterId]);

  const letter = state.status === 'ready' ? state.letter : undefined;
  usePrintHeader(site || letter?.document.from.site || '', letter?.document.title ?? '');

  if (state.status === 'loading') {
    return (
      <Page title="Letter">
        <p role="status">Opening the letter…</p>
      </Page>
    );
  }
  if (state.status === 'failed') {
    return (
      <Page title="Letter could not be opened" backLink={{ to: paths.letters(attendanceId), text: 'Back to the letters' }}>
        <h1>The letter could not be opened</h1>
        <p>{state.failure.message}</p>
        <ButtonLink to={paths.letters(attendanceId)}>Go to the letters</ButtonLink>
      </Page>
    );
  }
  const issued = state.letter;

  const onPrint = async () => {
    await letters.recordPrinted(summaryOf(issued));
    window.print();
  };

  const onDownload = async () => {
    setBusy(true);
    try {
      const { renderLetterPdf } = await import('../../domain/letters/pdf/letter-pdf');
      const pdf = renderLetterPdf(issued.document, new Date().toISOString());
      downloadFile(pdfFileName(issued), 'application/pdf', pdf.bytes as Uint8Array<ArrayBuffer>);
      await letters.recordDownloaded(summaryOf(issued));
      const notes: string[] = [];
      if (pdf.unsupported > 0) notes.push('Some characters (for example non-Latin scripts or emoji) cannot be shown in the PDF and are marked [?].');
      if (pdf.simplified > 0) notes.push('Some letters are shown in the PDF without their accents.');
      setPdfNote(notes.length ? `${notes.join(' ')} The printed letter shows them in full.` : 'The PDF has been downloaded.');
    } finally {
      setBusy(false);
    }
  };

  return (
    // The window title names no kind of letter: it is kept in the browser's History and session files (issue 11); the heading does.
    <Page title={`Issued letter, version ${String(issued.version)}`} backLink={{ to: paths.letters(attendanceId), text: 'Back to the letters' }} wide>
      <div className="app-no-print">
        <span className="nhsuk-caption-l">Issued {formatDateTime(issued.issuedAt)} by {issued.issuedBy.name}</span>
        {pdfNote ? (
          <NotificationBanner title="Download" id="pdf-note">
            <p>{pdfNote}</p>
          </NotificationBanner>
        ) : null}
        {issued.choices.restricted.include ? (
          <InsetText>
            <p className="app-preserve-text" dir="auto">
              Restricted information is included. Reason: {issued.choices.restricted.reason}
            </p>
          </InsetText>
        ) : null}
        <ButtonGroup>
          <Button onClick={() => void onPrint()}>Print</Button>
          <Button variant="secondary" onClick={() => void onDownload()} disabled={busy}>
            Download as PDF
          </Button>
        </ButtonGroup>
      </div>
      <div className="app-letter-print">
        <LetterView document={issued.document} level={1} />
      </div>
    </Page>
  );
}
