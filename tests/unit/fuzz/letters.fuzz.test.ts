/**
 * Properties of the letter composers and renderers over any record storage could hand back:
 * composing, readiness and the restricted-content check never throw for any letter kind;
 * every document is exactly the letter model (its schema reads it back unchanged, so no
 * block type or field outside the model appears); user text reaches the letter as text,
 * verbatim, and the templates themselves never add markup; the plain-text and PDF
 * renderers take any document without throwing and the PDF stays well formed whatever
 * characters the nurse typed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentRecordSchema } from '../../../src/domain/assessment/record';
import type { AssessmentRecord } from '../../../src/domain/assessment/record';
import type { StaffRef } from '../../../src/domain/assessment/staff-ref';
import { deriveContext } from '../../../src/domain/assessment/derive-context';
import { currentAnswers } from '../../../src/domain/assessment/lifecycle';
import type { LetterChoices, LetterInput } from '../../../src/domain/letters/facts';
import { applicableLetters, composeFullLetter, composeLetter, letterReadiness, restrictedContentOf } from '../../../src/domain/letters/letters';
import { letterFacts } from '../../../src/domain/letters/facts';
import { documentSlots, letterDocumentSchema, letterKinds } from '../../../src/domain/letters/model';
import type { LetterDocument } from '../../../src/domain/letters/model';
import { renderLetterPdf } from '../../../src/domain/letters/pdf/letter-pdf';
import { renderLetterText } from '../../../src/domain/letters/render-text';
import type { DeviceSettings } from '../../../src/domain/settings/device-settings';
import { anyString, fuzzParameters, isoInstant, nastyString } from '../../../src/test-support/fuzz-arbitraries';
import { fuzzCase, fuzzSettings } from '../../../src/test-support/fuzz-records';
import { readPdf } from '../../../src/test-support/pdf-reader';

const BLOCK_TYPES = ['paragraph', 'list', 'rows', 'quote', 'slot'];

/** Letters are made from signed records: sign half of the cases, at a valid instant. */
const letterCase = fc
  .record({ fuzz: fuzzCase, settings: fuzzSettings, sign: fc.boolean(), include: fc.boolean(), reason: anyString, kind: fc.constantFrom(...letterKinds) })
  .map(({ fuzz, settings, sign, include, reason, kind }) => {
    const record: AssessmentRecord = sign ? { ...fuzz.record, status: 'signed', signature: { signedAt: fuzz.now, signedBy: fuzz.record.updatedBy } } : fuzz.record;
    const choices: LetterChoices = { slots: {}, restricted: { include, reason } };
    return { input: { record, settings, at: fuzz.now, choices, issuedBy: fuzz.record.updatedBy, version: 1 } satisfies LetterInput, kind };
  });

/** The document as its schema reads it back: anything outside the model would be dropped or refused. */
function expectOnlyTheModel(document: LetterDocument): void {
  const reread = letterDocumentSchema.safeParse(JSON.parse(JSON.stringify(document)));
  expect(reread.success).toBe(true);
  if (reread.success) expect(reread.data).toEqual(JSON.parse(JSON.stringify(document)));
  for (const entry of document.sections) for (const block of entry.blocks) expect(BLOCK_TYPES).toContain(block.type);
}

/** Every string in a value with < and > taken out: user text with no markup characters at all. */
function withoutAngleBrackets(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[<>]/g, '');
  if (Array.isArray(value)) return value.map(withoutAngleBrackets);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withoutAngleBrackets(entry)]));
  return value;
}

describe('letter composers', () => {
  it('compose, readiness and restricted content are total for every letter kind, and every document is exactly the letter model', () => {
    fc.assert(
      fc.property(letterCase, ({ input, kind }) => {
        const answers = currentAnswers(input.record);
        for (const letter of applicableLetters(answers, deriveContext(answers, input.at))) expect(letterKinds).toContain(letter.kind);
        const document = composeLetter(kind, input);
        expectOnlyTheModel(document);
        // A health visitor / school nurse notification is addressed by the child's age, whichever was asked for.
        expect(kind === 'health-visitor' || kind === 'school-nurse' ? ['health-visitor', 'school-nurse'] : [kind]).toContain(document.kind);
        for (const problem of letterReadiness(kind, input)) expect(problem.message.length).toBeGreaterThan(0);
        restrictedContentOf(kind, input);
        const text = renderLetterText(document);
        expect(text.endsWith('\n')).toBe(true);
      }),
      fuzzParameters(100),
    );
  });

  it('the templates add no markup of their own: answers with no angle brackets make letters with none', () => {
    fc.assert(
      fc.property(letterCase, ({ input, kind }) => {
        const record = assessmentRecordSchema.parse(withoutAngleBrackets(input.record));
        const settings = withoutAngleBrackets(input.settings) as DeviceSettings;
        const clean: LetterInput = { ...input, record, settings, issuedBy: withoutAngleBrackets(input.issuedBy) as StaffRef, choices: { ...input.choices, restricted: { ...input.choices.restricted, reason: input.choices.restricted.reason.replace(/[<>]/g, '') } } };
        const document = composeLetter(kind, clean);
        const withBrackets = JSON.stringify(document).match(/.{0,60}[<>].{0,60}/g) ?? [];
        expect(withBrackets).toEqual([]);
        expect(renderLetterText(document)).not.toMatch(/[<>]/);
      }),
      fuzzParameters(100),
    );
  });

  it("the nurse's own text in a letter's slots reaches the model and the plain text verbatim, markup and all", () => {
    fc.assert(
      fc.property(letterCase, fc.array(nastyString, { minLength: 1, maxLength: 4 }), ({ input, kind }, texts) => {
        const slots = documentSlots(composeFullLetter(kind, letterFacts(input)));
        const filled: Record<string, string> = Object.fromEntries(slots.map((entry, index) => [entry.slotId, `<b>${texts[index % texts.length] ?? ''}</b>`]));
        const document = composeLetter(kind, { ...input, choices: { ...input.choices, slots: filled } });
        const text = renderLetterText(document);
        for (const entry of documentSlots(document)) {
          const typed = filled[entry.slotId];
          if (typed === undefined) continue;
          expect(entry.text).toBe(typed.trim());
          for (const line of typed.trim().split(/\r\n|\r|\n/)) expect(text).toContain(line);
        }
      }),
      fuzzParameters(100),
    );
  });
});

describe('letter PDF', () => {
  it('renders any composed letter to a well-formed PDF, whatever characters the answers hold', () => {
    fc.assert(
      fc.property(letterCase, isoInstant, ({ input, kind }, createdAt) => {
        const pdf = renderLetterPdf(composeLetter(kind, input), createdAt);
        const read = readPdf(pdf.bytes);
        expect(read.pageCount).toBe(pdf.pageCount);
        expect(pdf.pageCount).toBeGreaterThan(0);
      }),
      fuzzParameters(40),
    );
  });
});

