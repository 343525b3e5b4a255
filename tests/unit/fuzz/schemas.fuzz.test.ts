/**
 * Property: every zod schema the domain exports reads any stored value without throwing,
 * and what it reads survives the storage round trip (JSON, as the sealing codec writes it)
 * and a second read unchanged: no record ever fails, or changes under, its own schema on
 * re-read. Values are built from each schema's own shape (hostile strings, edge dates,
 * wrong types now and then) and also drawn from plain junk.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSchema, fuzzParameters, junk } from '../../../src/test-support/fuzz-arbitraries';

interface Parseable {
  _zod: { def: { type: string } };
  safeParse: (value: unknown) => { success: true; data: unknown } | { success: false };
}

const isSchema = (value: unknown): value is Parseable =>
  typeof value === 'object' && value !== null && '_zod' in value && 'safeParse' in value && typeof (value as { safeParse: unknown }).safeParse === 'function';

const modules = import.meta.glob<Record<string, unknown>>(['../../../src/domain/**/*.ts', '!../../../src/domain/**/*.test.ts'], { eager: true });

const schemas = Object.entries(modules).flatMap(([path, module]) =>
  Object.entries(module)
    .filter((entry): entry is [string, Parseable] => isSchema(entry[1]))
    .map(([name, schema]) => ({ name: `${path.replace('../../../src/domain/', '')} ${name}`, schema })),
);

/** What storage does to a value: JSON out and back (the codec seals JSON text). */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value === undefined ? null : value)) as unknown;

describe('every domain schema', () => {
  it('finds the domain schemas to fuzz (the record, settings, letters, audit events among them)', () => {
    const names = schemas.map((entry) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['assessment/record.ts assessmentRecordSchema', 'settings/device-settings.ts deviceSettingsSchema', 'letters/model.ts letterDocumentSchema']));
    expect(schemas.length).toBeGreaterThan(40);
  });

  it.each(schemas)('$name: reads any value without throwing, and what it reads is stable through storage and a re-read', ({ schema }) => {
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: fromSchema(schema) }, { weight: 1, arbitrary: junk }), (value) => {
        const first = schema.safeParse(value);
        if (!first.success) return;
        const again = schema.safeParse(stored(first.data));
        expect(again.success).toBe(true);
        // Compared as stored: JSON has no -0 or undefined, and storage keeps only what JSON keeps.
        if (again.success) expect(stored(again.data)).toEqual(stored(first.data));
      }),
      fuzzParameters(40),
    );
  });
});
