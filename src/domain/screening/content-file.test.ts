/**
 * The licensed-wording content file (docs/content-files.md): the shipped example validates,
 * a missing file shows the paraphrase, and an invalid file is refused whole with reasons.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { screeningContext } from '../../test-support/screening-contexts';
import { CONTENT_FILE_FORMAT, MAX_CONTENT_FILE_BYTES, MAX_ITEM_TEXT, readContentFile, readContentFileUpload } from './content-file';
import { CRAFFT_INSTRUMENT, crafftItemIds, crafftParaphrase, crafftPartBIds, crafftResult, crafftWording, emptyCrafftDraft, stampPartB } from './crafft';

const EXAMPLE_PATH = new URL('../../../public/content/crafft-wording.example.json', import.meta.url);
const example = (): Record<string, unknown> => JSON.parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Record<string, unknown>;
const exampleItems = (): Record<string, unknown> => example().items as Record<string, unknown>;

describe('valid: the shipped example file', () => {
  test('validates and replaces every item text', () => {
    const resolved = crafftWording(example());
    expect(resolved.status).toBe('licensed');
    expect(resolved.wording.source).toBe('licensed');
    expect(Object.keys(resolved.wording.items)).toEqual([...crafftItemIds]);
    for (const id of crafftItemIds) expect(resolved.wording.items[id]).toMatch(/^PLACEHOLDER – /);
    expect(resolved.wording.licenceHolder).toMatch(/^EXAMPLE ONLY/);
  });

  test('declares the format, version and instrument', () => {
    expect(example()).toMatchObject({ format: CONTENT_FILE_FORMAT, formatVersion: 1, instrument: CRAFFT_INSTRUMENT });
  });

  test('scoring never depends on wording: the same answers score the same with either wording', () => {
    const draft = stampPartB({ ...emptyCrafftDraft(), daysAlcohol: '4', daysCannabis: '0', daysOther: '0', car: 'yes', relax: 'yes', alone: 'no', forget: 'no', friends: 'yes', trouble: 'no' });
    // crafftResult takes no wording at all; the item ids are the same in both.
    expect(Object.keys(crafftWording(example()).wording.items)).toEqual(Object.keys(crafftParaphrase.items));
    expect(crafftResult(draft, screeningContext(15))).toEqual({ state: 'scored', score: 3, positive: true, asked: crafftPartBIds, anyUse: true });
  });
});

describe('missing: no file installed', () => {
  test('the paraphrase is shown, marked as the paraphrase', () => {
    const resolved = crafftWording(undefined);
    expect(resolved).toEqual({ status: 'no-file', wording: crafftParaphrase });
    expect(resolved.wording.source).toBe('paraphrase');
  });
});

describe('invalid: refused whole, with reasons, and the paraphrase shown', () => {
  const { car: _car, ...withoutCar } = exampleItems();
  test.each<[string, unknown, string]>([
    ['an item missing', { ...example(), items: withoutCar }, 'items.car'],
    ['an unknown item', { ...example(), items: { ...exampleItems(), vaping: 'x' } }, 'items'],
    ['an empty item text', { ...example(), items: { ...exampleItems(), relax: '   ' } }, 'items.relax'],
    ['an item text too long', { ...example(), items: { ...exampleItems(), alone: 'x'.repeat(MAX_ITEM_TEXT + 1) } }, 'items.alone'],
    ['another instrument', { ...example(), instrument: 'audit-c' }, 'instrument'],
    ['a later format version', { ...example(), formatVersion: 2 }, 'formatVersion'],
    ['not a content file', { ...example(), format: 'something-else' }, 'format'],
    ['no licence holder', { ...example(), licenceHolder: '' }, 'licenceHolder'],
    ['an unknown top-level key', { ...example(), extra: true }, ''],
    ['a bad language tag', { ...example(), language: 'English' }, 'language'],
    ['not an object', ['car'], ''],
    ['null', null, ''],
  ])('%s', (_name, json, path) => {
    const resolved = crafftWording(json);
    expect(resolved.status).toBe('invalid-file');
    expect(resolved.wording).toBe(crafftParaphrase);
    if (resolved.status !== 'invalid-file') return;
    expect(resolved.problems.length).toBeGreaterThan(0);
    if (path !== '') expect(resolved.problems.some((problem) => problem.startsWith(`${path}:`))).toBe(true);
  });

  test('the generic reader returns the problems as a Result', () => {
    const read = readContentFile(CRAFFT_INSTRUMENT, crafftItemIds, { ...example(), formatVersion: 2 });
    expect(read.ok).toBe(false);
  });
});

describe('reading an uploaded content file', () => {
  const ids = ['days-alcohol', 'days-cannabis', 'days-other', 'car', 'relax', 'alone', 'forget', 'friends', 'trouble'] as const;
  const upload = (text: string, size = text.length) => readContentFileUpload('crafft-2.1', ids, text, size);

  test('accepts the example file and returns its JSON and wording', () => {
    const text = readFileSync(EXAMPLE_PATH, 'utf8');
    const read = upload(text);
    expect(read.ok && read.value.wording.source).toBe('licensed');
  });

  test('refuses an empty file, an oversized file, text that is not JSON and a file of the wrong shape, each with its own message', () => {
    expect(upload('')).toEqual({ ok: false, error: { message: 'The selected file is empty', details: [] } });
    expect(upload('{}', MAX_CONTENT_FILE_BYTES + 1)).toEqual({ ok: false, error: { message: 'The selected file must be smaller than 64 KB', details: [] } });
    expect(upload('not json')).toEqual({ ok: false, error: { message: 'The selected file must be a JSON content file: it could not be read as JSON', details: [] } });
    const wrong = upload(JSON.stringify({ ...example(), instrument: 'audit-c' }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.message).toBe('The selected file is not a valid wording file for crafft-2.1');
      expect(wrong.error.details.some((detail) => detail.startsWith('instrument'))).toBe(true);
    }
  });
});
