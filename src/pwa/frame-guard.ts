/**
 * Frame guard: the app never runs inside another page's frame.
 *
 * `frame-ancestors 'none'` (security-headers.ts) stops framing where the host sends the
 * header; a host that ignores headers would let another page frame the app and trick a nurse
 * into clicks on patient data (clickjacking). This is the fallback for that host: a framed
 * copy renders nothing of the app, opens no storage and registers no service worker, and
 * offers a link that opens the app as the whole page.
 */

/** True when this window is inside another page's frame (a cross-origin parent throws on access). */
export function isFramed(win: Pick<Window, 'top' | 'self'>): boolean {
  try {
    return win.top !== win.self;
  } catch {
    return true;
  }
}

/** Replaces the page with a plain notice (DOM calls only: no HTML string, so no Trusted Types sink). */
export function showFramedNotice(doc: Document, appUrl: string): void {
  const main = doc.createElement('main');
  main.className = 'nhsuk-width-container nhsuk-main-wrapper';
  const heading = doc.createElement('h1');
  heading.textContent = 'Safeguarding Triage cannot open inside another page';
  const paragraph = doc.createElement('p');
  const link = doc.createElement('a');
  link.href = appUrl;
  link.target = '_top';
  link.rel = 'noopener';
  link.textContent = 'Open Safeguarding Triage on its own';
  paragraph.append(link);
  main.append(heading, paragraph);
  doc.body.replaceChildren(main);
}
