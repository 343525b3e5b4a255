/** The department server's behaviour on PGlite (the embedded engine of a trial). */
import { describe } from 'vitest';
import { openPglite } from '../src/db.ts';
import { defineServerSuite } from './support/server-suite.ts';

describe('department server on PGlite', () => {
  defineServerSuite(() => openPglite(undefined));
});
