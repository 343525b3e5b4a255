/**
 * Arbitraries for the property-based ("fuzz") tests in tests/unit/fuzz: hostile strings,
 * edge dates and number-like text, and values built from a zod schema's own shape so a
 * generated record reaches every section and question, with the wrong type now and then.
 *
 * The seed is fixed so a CI run is reproducible; FUZZ_SEED=random (or a number) and
 * FUZZ_RUNS change it locally (docs/testing-fuzz.md).
 */
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';

/** The seed every CI run uses: a failure there is reproduced by running again. */
export const CI_FUZZ_SEED = 20_261_129;

function seedFromEnvironment(): number {
  const text = process.env.FUZZ_SEED;
  if (text === undefined || text === '') return CI_FUZZ_SEED;
  if (text === 'random') return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${text}`);
  return seed;
}

/** Runs per property: modest, so the whole fuzz suite stays well under 30 s on the CI machine. */
const runsFromEnvironment = (fallback: number): number => {
  const runs = Number(process.env.FUZZ_RUNS ?? '');
  return Number.isInteger(runs) && runs > 0 ? runs : fallback;
};

/** The seed this run uses (printed by fast-check with any counterexample). */
export const fuzzSeed = seedFromEnvironment();

/** Parameters for fc.assert: the pinned (or chosen) seed and a modest number of runs. */
export const fuzzParameters = (numRuns = 150): { seed: number; numRuns: number } => ({ seed: fuzzSeed, numRuns: runsFromEnvironment(numRuns) });

const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '<b>bold</b>',
  '&lt;&amp;&quot;',
  '<!-- comment -->',
  ']]>',
  "javascript:alert('x')",
  '{{constructor.constructor("x")()}}',
  '${process.exit()}',
  '\\u003cscript\\u003e',
];

const UNICODE = [
  '\u202Eevil\u202C', // right-to-left override
  '\u200F\u200E\u061C', // right-to-left and left-to-right marks
  'مرحبا بالعالم',
  'שלום',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  '\uD83D', // a lone surrogate
  '\u0000\u0007\u001B[31m',
  '\r\n\r\n\t',
  'Zoë Ångström-Łukasz',
  '\u00A0\u2028\u2029\uFEFF',
  'ﬁ ß İ ı',
];

const NUMBERS = [
  '-1',
  '0',
  '-0',
  '1.5',
  '0.000001',
  '1e308',
  '1e400',
  '9007199254740993',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x1F',
  '1,000',
  ' 12 ',
  '١٢',
  '３',
  '14.0',
  '+7',
  '',
  ' ',
];

const DATE_TEXTS = ['29', '2', '1900', '2100', '2000', '2024', '2025', '31', '0', '00', '0000', '0099', '13', 'Feb', 'february', '30', '10000'];

/** Short hostile strings: markup, bidirectional text, emoji, control characters, number-like text. */
export const nastyString: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKUP, ...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS, ...DATE_TEXTS) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...MARKUP, ...UNICODE), fc.string({ maxLength: 8 })).map(([a, b]) => `${b}${a}${b}`) },
);

/** A 10,000-character string (what a pasted document might be). */
export const longString: Arbitrary<string> = fc.tuple(fc.constantFrom('a', '<script>', '😀', '\u202E', 'x\n'), fc.string({ maxLength: 5 })).map(([unit, tail]) => `${unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000)}${tail}`);

/** Any string a field might hold, now and then a very long one. */
export const anyString: Arbitrary<string> = fc.oneof({ weight: 30, arbitrary: nastyString }, { weight: 1, arbitrary: longString });

/** Numbers the domain may meet in a wrongly typed field: negative, fractional, huge, not finite. */
export const anyNumber: Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -0, Number.NaN, Number.POSITIVE_INFINITY),
);

/** Calendar dates at the edges: 29 February, the London clock changes, years 1900 and 2100, month ends. */
export const EDGE_DATES = [
  '2024-02-29',
  '2000-02-29',
  '2100-02-28',
  '2100-03-01',
  '1900-02-28',
  '1900-03-01',
  '1900-01-01',
  '2100-12-31',
  '2026-03-29', // clocks go forward in London
  '2026-10-25', // clocks go back in London
  '2025-03-30',
  '2025-10-26',
  '2027-03-28',
  '2027-10-31',
  '2025-12-31',
  '2026-01-01',
] as const;

/** An ISO calendar date: an edge date or any real date from 1900 to 2100. */
export const isoDate: Arbitrary<string> = fc.oneof(
  fc.constantFrom(...EDGE_DATES),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
);

/** Times of day, including the hours that do not exist or happen twice on clock-change days. */
export const timeOfDay: Arbitrary<string> = fc.oneof(
  fc.constantFrom('00:00', '00:59', '01:00', '01:30', '01:59', '02:00', '02:30', '23:59', '12:00'),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
);

/** An ISO instant: midnight, the clock-change hours, or any instant from 1900 to 2100. */
export const isoInstant: Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-03-29T00:59:59.999Z',
    '2026-03-29T01:00:00.000Z',
    '2026-10-25T00:30:00.000Z',
    '2026-10-25T01:30:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '1900-01-01T00:00:00.000Z',
    '2100-12-31T23:59:59.999Z',
  ),
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
);

/** Day/month/year text as a date input holds it: real edge dates, or anything at all. */
export const dateParts: Arbitrary<{ day: string; month: string; year: string }> = fc.oneof(
  isoDate.map((iso) => {
    const [year = '', month = '', day = ''] = iso.split('-');
    return { day: String(Number(day)), month: String(Number(month)), year };
  }),
  fc.record({ day: fc.oneof(nastyString, fc.constantFrom(...DATE_TEXTS)), month: fc.oneof(nastyString, fc.constantFrom(...DATE_TEXTS)), year: fc.oneof(nastyString, fc.constantFrom(...DATE_TEXTS)) }),
);

/** Any JSON-like value: what a damaged or hand-edited stored field might hold. */
export const junk: Arbitrary<unknown> = fc.oneof(
  anyString,
  anyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

/** The parts of a zod (mini) schema definition this walker reads. */
interface SchemaDefinition {
  type: string;
  shape?: Record<string, SchemaLike>;
  innerType?: SchemaLike;
  element?: SchemaLike;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: SchemaLike[];
  in?: SchemaLike;
  keyType?: SchemaLike;
  valueType?: SchemaLike;
}

interface SchemaLike {
  _zod: { def: SchemaDefinition };
}

/** Leaf arbitraries by the field's name, so dates and times look like the real inputs. */
function byFieldName(name: string): Arbitrary<string> | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('at') && !lower.endsWith('format')) return fc.oneof(isoInstant, timeOfDay, anyString);
  if (lower.includes('time')) return fc.oneof(timeOfDay, anyString);
  if (lower.includes('date')) return fc.oneof(isoDate, anyString);
  if (lower.includes('age') || lower.includes('days') || lower.includes('count') || lower.includes('score')) return fc.oneof(fc.constantFrom(...NUMBERS), anyString);
  return undefined;
}

/**
 * A value shaped by the schema: every object key, enum values and strings from the hostile
 * set; with `wrongTypes`, now and then a value of the wrong type, which the schema's catches
 * must turn back into the empty answer.
 */
export function fromSchema(schema: SchemaLike, options: { wrongTypes?: boolean; fieldName?: string | undefined; depth?: number } = {}): Arbitrary<unknown> {
  const wrongTypes = options.wrongTypes ?? true;
  const depth = options.depth ?? 0;
  const def = schema._zod.def;
  const inner = (child: SchemaLike, fieldName = options.fieldName): Arbitrary<unknown> => fromSchema(child, { wrongTypes, fieldName, depth: depth + 1 });
  const shaped = ((): Arbitrary<unknown> => {
    switch (def.type) {
      case 'object': {
        const shape = def.shape ?? {};
        // A day/month/year date input: mostly real edge dates, so ages and arrivals are read.
        if ('day' in shape && 'month' in shape && 'year' in shape && Object.keys(shape).length === 3) return fc.oneof({ weight: 3, arbitrary: dateParts }, { weight: 1, arbitrary: fc.record({ day: anyString, month: anyString, year: anyString }) });
        return fc.record(Object.fromEntries(Object.entries(shape).map(([key, child]) => [key, inner(child, key)])), wrongTypes ? { requiredKeys: [] } : {});
      }
      case 'string':
        return (options.fieldName === undefined ? undefined : byFieldName(options.fieldName)) ?? anyString;
      case 'number':
        return anyNumber;
      case 'boolean':
        return fc.boolean();
      case 'enum': {
        const values = Object.values(def.entries ?? {});
        return values.length > 0 ? fc.constantFrom(...values) : fc.constant('');
      }
      case 'literal':
        return fc.constantFrom(...(def.values ?? [undefined]));
      case 'optional':
      case 'nullable':
      case 'catch':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
        return def.innerType ? inner(def.innerType) : junk;
      case 'array':
        return depth > 8 || !def.element ? fc.constant([]) : fc.array(inner(def.element), { maxLength: 3 });
      case 'union':
        return fc.oneof(...(def.options ?? []).map((option) => inner(option)));
      case 'pipe':
        return def.in ? inner(def.in) : junk;
      case 'record':
        return fc.dictionary(def.keyType ? (inner(def.keyType) as Arbitrary<string>).filter((key) => typeof key === 'string') : nastyString, def.valueType ? inner(def.valueType) : junk, { maxKeys: 3 });
      default:
        return junk;
    }
  })();
  return wrongTypes ? fc.oneof({ weight: 12, arbitrary: shaped }, { weight: 1, arbitrary: junk }) : shaped;
}

/** A damaged stored value that is not even an object reads as an empty one (storage does the same). */
export const asObject = (value: unknown): object => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {});

/** Every string inside a value, with its path: what the "user text only as text" properties read. */
export function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const entry of value) stringsIn(entry, found);
  else if (value !== null && typeof value === 'object') for (const entry of Object.values(value)) stringsIn(entry, found);
  return found;
}
