/**
 * Restricted content (PRODUCT.md section 5): which letters carry it, the choice that puts it
 * in (include AND a reason), the notice said once per letter in its place, and the category
 * list found in a document. Each test asserts exact content, so a change to any branch of
 * restricted.ts shows here.
 */
import { describe, expect, test } from 'vitest';
import type { LetterBlock, LetterDocument, LetterKind, LetterSection, RestrictedCategory } from './model';
import { letterKinds, list, paragraph, quote, restrictedCategories, row, rows, section, slot } from './model';
import {
  alwaysCarriesRestricted,
  applyRestriction,
  includesRestricted,
  joinContinued,
  restrictedCategoriesIn,
  restrictedCategoryLabels,
  restrictedNotice,
  SECTION_LEFT_OUT,
  withholdRestricted,
} from './restricted';

const PHONE = '0115 924 9924';
const NOTICE = 'Further safeguarding information is held by the hospital safeguarding team: telephone 0115 924 9924.';

const documentOf = (kind: LetterKind, sections: LetterSection[]): LetterDocument => ({
  kind,
  title: 'Letter',
  from: { site: 'Site', lines: ['Site'] },
  recipient: { role: 'GP', lines: ['Practice'] },
  patientLine: 'Patient',
  marking: 'Confidential',
  dated: 'Draft',
  sections,
});

/** A GP-style letter: a clinical section with a restricted account, and Safeguarding with a restricted CSE block. */
const sample = (kind: LetterKind = 'gp'): LetterDocument =>
  documentOf(kind, [
    section('clinical-narrative', 'Clinical narrative', [quote("In the child's own words", 'He hit me', 'words-about-harm'), rows([row('Treatment given', 'Paracetamol')])]),
    section('diagnoses', 'Diagnoses', [paragraph('Bruise', 'sexual-health')]),
    section('safeguarding', 'Safeguarding', [rows([row('Safeguarding concern', 'Suspect')]), list(['Older boyfriend'], 'cse')]),
    section('contact', 'Contact', [rows([row('Site', 'Here')])]),
  ]);

const texts = (document: LetterDocument): string => JSON.stringify(document.sections);

describe('the categories', () => {
  test('are defined once, in this order, each with its label', () => {
    expect(restrictedCategories).toEqual(['words-about-harm', 'fraser', 'sexual-health', 'cse', 'fgm', 'domestic-abuse', 'substance-use']);
    expect(restrictedCategoryLabels).toEqual({
      'words-about-harm': 'Accounts, disclosures and explanations in the words given',
      fraser: 'Fraser and Gillick details',
      'sexual-health': 'Sexual health, contraception and pregnancy details',
      cse: 'Child sexual exploitation details',
      fgm: 'Female genital mutilation details',
      'domestic-abuse': 'Domestic abuse details',
      'substance-use': 'Substance use answers',
    });
  });

  test.each<[string, LetterBlock, RestrictedCategory]>([
    ['a paragraph', paragraph('x', 'fgm'), 'fgm'],
    ['a list', list(['x'], 'cse'), 'cse'],
    ['rows', rows([row('k', 'v')], 'domestic-abuse'), 'domestic-abuse'],
    ['a quote', quote('a', 'x', 'words-about-harm'), 'words-about-harm'],
    ['a slot', { ...slot({ slotId: 's', label: 'l', hint: 'h', required: false }, 'x'), restricted: 'fraser' }, 'fraser'],
  ])('are found on %s', (_name, block, category) => {
    expect(restrictedCategoriesIn(documentOf('gp', [section('a', 'A', [paragraph('public'), block])]))).toEqual([category]);
  });

  test('are listed once each, in the fixed order, from every section', () => {
    const document = documentOf('gp', [
      section('a', 'A', [paragraph('x', 'domestic-abuse'), paragraph('y', 'cse')]),
      section('b', 'B', [paragraph('z', 'cse'), paragraph('w', 'words-about-harm'), paragraph('public')]),
    ]);
    expect(restrictedCategoriesIn(document)).toEqual(['words-about-harm', 'cse', 'domestic-abuse']);
    expect(restrictedCategoriesIn(documentOf('gp', [section('a', 'A', [paragraph('public')])]))).toEqual([]);
  });
});

describe('the choice', () => {
  test.each<[boolean, string, boolean]>([
    [false, '', false],
    [false, 'A reason left in the box', false],
    [true, '', false],
    [true, '   ', false],
    [true, 'She asked for it', true],
  ])('include %s with reason %j puts restricted content in: %s', (include, reason, expected) => {
    expect(includesRestricted({ include, reason })).toBe(expected);
  });

  test('withholding is the default', () => {
    expect(withholdRestricted()).toEqual({ include: false, reason: '' });
  });

  test.each(letterKinds)('only the MASH referral always carries it (%s)', (kind) => {
    expect(alwaysCarriesRestricted(kind)).toBe(kind === 'mash-referral');
  });

  test.each<[string, string]>([
    [PHONE, NOTICE],
    [`  ${PHONE}  `, NOTICE],
    ['', 'Further safeguarding information is held by the hospital safeguarding team.'],
    ['  ', 'Further safeguarding information is held by the hospital safeguarding team.'],
  ])('the notice with the number %j', (phone, expected) => {
    expect(restrictedNotice(phone)).toBe(expected);
  });
});

describe('applying the choice', () => {
  test('withheld: every restricted block goes; the notice is said once, at the end of Safeguarding; an emptied section says so', () => {
    const out = applyRestriction(sample(), withholdRestricted(), PHONE);
    expect(out.sections).toEqual([
      section('clinical-narrative', 'Clinical narrative', [rows([row('Treatment given', 'Paracetamol')])]),
      section('diagnoses', 'Diagnoses', [paragraph(SECTION_LEFT_OUT)]),
      section('safeguarding', 'Safeguarding', [rows([row('Safeguarding concern', 'Suspect')]), paragraph(NOTICE)]),
      section('contact', 'Contact', [rows([row('Site', 'Here')])]),
    ]);
    expect(SECTION_LEFT_OUT).toBe('Left out of this letter: see Safeguarding.');
    expect(restrictedCategoriesIn(out)).toEqual([]);
    expect(out.title).toBe('Letter');
  });

  test('withheld from a letter with no Safeguarding section: the notice goes at the end of the last section', () => {
    const document = documentOf('school-nurse', [section('a', 'A', [paragraph('public'), paragraph('secret', 'fgm')]), section('b', 'B', [paragraph('end')])]);
    expect(applyRestriction(document, withholdRestricted(), PHONE).sections).toEqual([section('a', 'A', [paragraph('public')]), section('b', 'B', [paragraph('end'), paragraph(NOTICE)])]);
  });

  test('withheld, when Safeguarding itself is emptied: it says only where the information is held', () => {
    const document = documentOf('gp', [section('safeguarding', 'Safeguarding', [paragraph('secret', 'cse')]), section('z', 'Z', [paragraph('end')])]);
    expect(applyRestriction(document, withholdRestricted(), '').sections[0]?.blocks).toEqual([paragraph('Further safeguarding information is held by the hospital safeguarding team.')]);
  });

  test('a reason left in the box after switching back to withhold lets nothing through', () => {
    const out = applyRestriction(sample(), { include: false, reason: 'She asked for it' }, PHONE);
    expect(texts(out)).not.toContain('He hit me');
    expect(texts(out)).not.toContain('Older boyfriend');
    expect(texts(out)).not.toContain('She asked for it');
    expect(texts(out)).toContain(NOTICE);
  });

  test('include without a reason withholds', () => {
    const out = applyRestriction(sample(), { include: true, reason: ' ' }, PHONE);
    expect(texts(out)).not.toContain('He hit me');
    expect(texts(out)).toContain(NOTICE);
  });

  test('included with a reason: everything stays, and Safeguarding says what and why, once', () => {
    const out = applyRestriction(sample(), { include: true, reason: '  She asked for her GP to know  ' }, PHONE);
    expect(out.sections[0]).toEqual(sample().sections[0]);
    expect(out.sections[1]).toEqual(sample().sections[1]);
    expect(out.sections[2]?.blocks).toEqual([
      ...(sample().sections[2]?.blocks ?? []),
      paragraph(
        'This letter includes restricted safeguarding information (accounts, disclosures and explanations in the words given; sexual health, contraception and pregnancy details; child sexual exploitation details). Reason for including it: She asked for her GP to know. Please take care over who can read it.',
      ),
    ]);
    expect(out.sections[3]).toEqual(sample().sections[3]);
    expect(texts(out)).not.toContain('Further safeguarding information');
  });

  test('included in a letter with no Safeguarding section: the note goes at the end of the last section', () => {
    const document = documentOf('gp', [section('a', 'A', [paragraph('secret', 'fgm')]), section('b', 'B', [paragraph('end')])]);
    const out = applyRestriction(document, { include: true, reason: 'Asked' }, PHONE);
    expect(out.sections[0]?.blocks).toEqual([paragraph('secret', 'fgm')]);
    expect(out.sections[1]?.blocks).toEqual([
      paragraph('end'),
      paragraph('This letter includes restricted safeguarding information (female genital mutilation details). Reason for including it: Asked. Please take care over who can read it.'),
    ]);
  });

  test('the MASH referral always carries everything, without a note or the notice', () => {
    const document = sample('mash-referral');
    expect(applyRestriction(document, withholdRestricted(), PHONE)).toEqual(document);
    expect(applyRestriction(document, { include: true, reason: 'x' }, PHONE)).toEqual(document);
  });

  test('a letter with nothing restricted is unchanged, whatever the choice', () => {
    const document = documentOf('gp', [section('safeguarding', 'Safeguarding', [paragraph('No concerns identified.')])]);
    expect(applyRestriction(document, withholdRestricted(), PHONE)).toEqual(document);
    expect(applyRestriction(document, { include: true, reason: 'x' }, PHONE)).toEqual(document);
  });
});

describe('lists a restricted line interrupted', () => {
  const before = rows([row('Alerting feature', 'Bruise')]);
  const cut = { ...rows([row('Explanation given, and by whom', 'Fell off the sofa')], 'words-about-harm'), continues: true };
  const after = { ...rows([row('Known risks in the household', 'None known')]), continues: true };

  test('join up again when the line is left out', () => {
    const document = documentOf('gp', [section('safeguarding', 'Safeguarding', [before, cut, after])]);
    expect(applyRestriction(document, withholdRestricted(), PHONE).sections[0]?.blocks).toEqual([
      { ...before, rows: [row('Alerting feature', 'Bruise'), row('Known risks in the household', 'None known')] },
      paragraph(NOTICE),
    ]);
  });

  test('read as one list when the line is carried', () => {
    const document = documentOf('mash-referral', [section('worried', 'Worried', [before, cut, after])]);
    expect(applyRestriction(document, withholdRestricted(), PHONE).sections[0]?.blocks).toEqual([
      { ...before, rows: [row('Alerting feature', 'Bruise'), row('Explanation given, and by whom', 'Fell off the sofa'), row('Known risks in the household', 'None known')] },
    ]);
  });

  test('only rows marked as continuing join, and only onto rows', () => {
    const separate = rows([row('What we ask of the GP', 'Nothing')]);
    expect(joinContinued([before, separate])).toEqual([before, separate]);
    expect(joinContinued([paragraph('Text'), after])).toEqual([paragraph('Text'), after]);
    expect(joinContinued([after])).toEqual([after]);
  });
});
