/**
 * JavaScript on first load (PRODUCT.md section 10): every script file a page fetches while it
 * opens, weighed as it ships, gzip level 6 (as Vite reports), from the built `dist`. Shared by
 * the size check in `npm test` (first-load-budget.spec.ts) and the benchmark, so the two print
 * the same figure. The service worker's own script is not the page's and is left out.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';

/** PRODUCT.md section 10: 160 kB gzip or less for each first screen (new tablet, set-up tablet). */
export const FIRST_LOAD_BUDGET_KB = 160;

const dist = resolve(import.meta.dirname, '../../dist');

export interface FirstLoadJs {
  gzipKb: number;
  files: { file: string; gzipKb: number }[];
}

/** Gzip size of every listed script, one decimal, largest first. */
export function jsBytes(urls: readonly string[]): FirstLoadJs {
  const files = urls
    .map((url) => {
      const path = new URL(url).pathname;
      const gzip = gzipSync(readFileSync(resolve(dist, `.${path}`)), { level: 6 }).length / 1024;
      return { file: path, gzipKb: Math.round(gzip * 10) / 10 };
    })
    .sort((a, b) => b.gzipKb - a.gzipKb);
  return { gzipKb: Math.round(files.reduce((sum, file) => sum + file.gzipKb, 0) * 10) / 10, files };
}

/**
 * The scripts the page fetched while `open` ran and until the network went quiet after it
 * (so a chunk loaded on demand by the first screen counts too).
 */
export async function firstLoadJs(page: Page, open: () => Promise<void>): Promise<FirstLoadJs> {
  const urls = new Set<string>();
  const onResponse = (response: { url(): string }) => {
    const url = response.url();
    if (/\.m?js(\?|$)/.test(url) && !/\/sw\.m?js(\?|$)/.test(url)) urls.add(url);
  };
  page.on('response', onResponse);
  await open();
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  return jsBytes([...urls]);
}

/** One line per file and the total, for the test output and the benchmark log. */
export function describeFirstLoad(what: string, figures: FirstLoadJs): string {
  const lines = figures.files.map((file) => `    ${file.gzipKb.toFixed(1).padStart(6)} kB  ${file.file}`);
  return [`JavaScript on first load, ${what}: ${figures.gzipKb.toFixed(1)} kB gzip (budget ${FIRST_LOAD_BUDGET_KB} kB)`, ...lines].join('\n');
}
