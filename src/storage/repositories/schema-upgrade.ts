/**
 * A newer version of the app, opened in another tab, asks to upgrade the database while this
 * tab still holds the old version (IndexedDB `versionchange`, Dexie's db.on('versionchange')).
 *
 * Dexie's default closes this tab's connection at once and lets the next write reopen it
 * silently at the new version: an autosave queued a moment earlier would fail, and this tab's
 * old code could then write rows in the old shape into the new schema. Instead this tab
 * writes what is pending first (the same tasks that run before a lock: every open form's
 * autosave, bounded by the lock's wait), then closes for good (no automatic reopen), and
 * reports 'reload' so the page tells the nurse to reload. What is on screen stays on screen.
 * A deletion of the database (the tablet handed back) keeps Dexie's default.
 */
import type { Dexie } from 'dexie';
import type { LiveValue, SchemaUpgradeRepository, SchemaUpgradeState } from './types';

export class SchemaUpgradeWatch implements SchemaUpgradeRepository {
  private current: SchemaUpgradeState = 'none';
  private readonly listeners = new Set<(value: SchemaUpgradeState) => void>();

  /** `writePending` writes every change still waiting to be saved (session-repository.ts). */
  constructor(
    private readonly db: Dexie,
    private readonly writePending: () => Promise<void>,
  ) {
    db.on('versionchange', (event: IDBVersionChangeEvent) => {
      if (!event.newVersion) return undefined; // a deletion: Dexie's default closes the connection
      if (this.current === 'none') void this.giveWay();
      return false; // this tab closes the connection itself, once pending changes are written
    });
  }

  private async giveWay(): Promise<void> {
    this.set('saving');
    try {
      await this.writePending();
    } finally {
      this.db.close({ disableAutoOpen: true });
      this.set('reload');
    }
  }

  private set(value: SchemaUpgradeState): void {
    this.current = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  state(): LiveValue<SchemaUpgradeState> {
    return {
      subscribe: (onNext) => {
        this.listeners.add(onNext);
        onNext(this.current);
        return { unsubscribe: () => this.listeners.delete(onNext) };
      },
    };
  }
}
