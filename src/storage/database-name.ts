/**
 * The name of this tablet's IndexedDB database, in a module of its own: the lock screen's
 * first read (lock-screen-facts.ts) needs it without loading Dexie and the schema (db.ts).
 */
export const DATABASE_NAME = 'safeguarding-triage';
