/**
 * Letter generation benchmark (PRODUCT.md section 10: letter generation under 50 ms).
 * Standalone: run with
 *
 *   TZ=Europe/London node tests/bench/letters.bench.mjs
 *
 * For each representative record (src/test-support/letter-fixtures.ts) and each letter that
 * applies, it times composing the letter (record in, document model out, restricted content
 * applied) and writing its PDF, and prints the median and 95th percentile in milliseconds
 * with the sizes of the text rendering, the document model (JSON) and the PDF. It prints
 * figures and never fails on timing. The TypeScript sources are loaded through Vite's SSR
 * module loader, so no build step is needed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createServer } from 'vite';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARM_UP = 20;

const server = await createServer({ configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom', optimizeDeps: { noDiscovery: true, include: [] } });
try {
  const fixtures = await server.ssrLoadModule('/src/test-support/letter-fixtures.ts');
  const letters = await server.ssrLoadModule('/src/domain/letters/letters.ts');
  const { renderLetterText } = await server.ssrLoadModule('/src/domain/letters/render-text.ts');
  const { renderLetterPdf } = await server.ssrLoadModule('/src/domain/letters/pdf/letter-pdf.ts');
  const { deriveContext } = await server.ssrLoadModule('/src/domain/assessment/derive-context.ts');

  const records = [
    ['infant, suspect', fixtures.infantSuspectRecord],
    ['15-year-old, restricted', fixtures.youngPersonRestrictedRecord],
    ['adult, children at home', fixtures.adultWithChildrenRecord],
    ['8-year-old, no concerns', fixtures.noConcernsChildRecord],
  ];
  const settings = fixtures.letterSettings();
  const choices = { slots: {}, restricted: { include: false, reason: '' } };

  const time = (fn) => {
    for (let index = 0; index < WARM_UP; index += 1) fn();
    const samples = [];
    for (let index = 0; index < ITERATIONS; index += 1) {
      const start = performance.now();
      fn();
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
    return { median: at(0.5), p95: at(0.95) };
  };

  const rows = [];
  for (const [name, make] of records) {
    const record = make();
    const kinds = letters.applicableLetters(record.answers, deriveContext(record.answers, fixtures.LETTER_TIME)).map((letter) => letter.kind);
    for (const kind of kinds) {
      const input = { record, settings, at: fixtures.LETTER_TIME, choices, version: 1 };
      const compose = time(() => letters.composeLetter(kind, input));
      const document = letters.composeLetter(kind, input);
      const pdfTime = time(() => renderLetterPdf(document, fixtures.LETTER_TIME));
      const pdf = renderLetterPdf(document, fixtures.LETTER_TIME);
      rows.push({
        record: name,
        letter: kind,
        'compose median ms': compose.median.toFixed(3),
        'compose p95 ms': compose.p95.toFixed(3),
        'pdf median ms': pdfTime.median.toFixed(3),
        'text bytes': Buffer.byteLength(renderLetterText(document), 'utf8'),
        'model bytes': Buffer.byteLength(JSON.stringify(document), 'utf8'),
        'pdf bytes': pdf.bytes.length,
        'pdf pages': pdf.pageCount,
      });
    }
  }
  console.log(`Letter generation (${ITERATIONS} runs each after ${WARM_UP} warm-up; budget: under 50 ms)`);
  console.table(rows);
  const medians = rows.map((row) => Number(row['compose median ms'])).sort((a, b) => a - b);
  console.log(`Slowest compose median: ${medians[medians.length - 1]?.toFixed(3)} ms`);
  // Merged into the table npm run bench prints (tests/bench/run.mjs).
  const pdfMedians = rows.map((row) => Number(row['pdf median ms'])).sort((a, b) => a - b);
  const resultsFile = resolve(import.meta.dirname, '../../.bench-out/results.json');
  const all = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
  all.letters = { medianMs: medians[medians.length - 1], pdfMedianMs: pdfMedians[pdfMedians.length - 1], letters: rows.length };
  mkdirSync(dirname(resultsFile), { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
} finally {
  await server.close();
}
