/** What shows while the session is read or a page's code loads: one status line. */
export function Loading() {
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <p role="status">Loading…</p>
      </main>
    </div>
  );
}
