/**
 * The tamper reports of this page (issue 11): what storage found changed outside the app
 * (settings or an account failing their MAC, a record, summary or the referral worklist
 * older than the audit trail records). One report per thing, kept in memory for the page's
 * life and shown to whoever is signed in; the first time each is found while a key is in
 * memory it is written into the audit trail ('tamper-detected'), so the nurse in charge sees
 * it there after a reload too. A report that stops holding (the nurse in charge saved the
 * settings again) is cleared.
 */
import type { AuditLog } from './audit-log';
import type { LiveValue, TamperReport } from './types';
import type { Vault } from './vault';

export class TamperReports {
  private readonly reports = new Map<string, TamperReport>();
  /** Keys already written to the audit trail by this page, with the message written. */
  private readonly recorded = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly vault: Vault,
    private readonly audit: AuditLog,
  ) {}

  /** Reports `report` (once per key and message in the trail); `entityId` is an opaque id or ''. */
  report(report: TamperReport, entityId = ''): void {
    const previous = this.reports.get(report.key);
    this.reports.set(report.key, report);
    if (previous?.message !== report.message) this.emit();
    if (this.vault.peek() && this.recorded.get(report.key) !== report.message) {
      this.recorded.set(report.key, report.message);
      // Out of any Dexie live query's zone: a write must not run inside a read-only query.
      setTimeout(() => {
        // Locked meanwhile: no key to MAC it with (a keyless event here would read as a break); the next report writes it.
        if (this.vault.peek()) void this.audit.append('tamper-detected', entityId, report.message);
        else this.recorded.delete(report.key);
      }, 0);
    }
  }

  clear(key: string): void {
    if (this.reports.delete(key)) this.emit();
  }

  current(): TamperReport[] {
    return [...this.reports.values()];
  }

  /** The reports while unlocked; empty while locked (the lock screen shows nothing but names). */
  live(): LiveValue<TamperReport[]> {
    return {
      subscribe: (onNext) => {
        const send = () => onNext(this.vault.peek() ? this.current() : []);
        this.listeners.add(send);
        const session = this.vault.live().subscribe(send);
        return {
          unsubscribe: () => {
            this.listeners.delete(send);
            session.unsubscribe();
          },
        };
      },
    };
  }

  /** Forgets every report: the tablet was handed back and its database deleted (issue 13). */
  forgetAll(): void {
    this.reports.clear();
    this.recorded.clear();
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
