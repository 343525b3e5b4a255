/**
 * Build, dev-server, preview and unit-test configuration.
 *
 * Why these choices:
 * - The service worker uses the "prompt" update flow: a new build waits until a member of
 *   staff accepts it on the home screen, so an update never reloads a page mid-assessment
 *   or on the lock screen (vite-plugin-pwa issue 433; PRODUCT.md section 8).
 * - Every built asset is precached and navigation falls back to the app shell, so after one
 *   visit every screen works with no network.
 * - The Content-Security-Policy is also set as a <meta> in index.html so it holds when the
 *   page comes from the service worker cache; the preview server sends it as a header too
 *   (frame-ancestors only works as a header). Both come from src/pwa/security-headers.ts,
 *   the one source the static-host files are generated from too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';
import { contentSecurityPolicyForMeta, securityHeaders } from './src/pwa/security-headers.ts';
import { classesWritten, unusedLibraryRulesPlugin } from './src/styles/unused-rules.ts';
import packageJson from './package.json' with { type: 'json' };

/** Adds the CSP <meta> to the built index.html only: the dev server needs inline scripts. */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicyForMeta },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Leaves out of the built stylesheets every NHS.UK rule for a class the app's code never
 * writes (src/styles/unused-rules.ts says why and how): the first pages' stylesheet from
 * 210 kB to about 85 kB. The classes are read from the sources when the build starts; build
 * only, so a class added while the dev server runs is styled at once.
 * tests/unit/stylesheet-coverage.test.ts checks every class the code writes is still styled.
 */
function unusedLibraryRules(): Plugin {
  return {
    name: 'unused-nhsuk-rules',
    apply: 'build',
    config() {
      // From this file's folder, not the working directory: a tool that loads this config from
      // another folder (an editor's test runner, `vite build --config path/to/vite.config.ts`)
      // must read this app's sources, not fail on, or read, another folder's.
      const root = fileURLToPath(new URL('.', import.meta.url));
      const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
        .map((file) => join(root, 'src', file));
      const written = classesWritten([...sources, join(root, 'index.html')].map((file) => readFileSync(file, 'utf8')));
      return { css: { postcss: { plugins: [unusedLibraryRulesPlugin(written)] } } };
    },
  };
}

/**
 * Preloads the modules the entry imports in stages (src/main.tsx): Vite preloads only an
 * entry's static imports, and a stage's files would otherwise be fetched only when the stage
 * before it ends. Each stage (a dynamic import of the entry chunk) and everything it imports
 * statically gets a modulepreload link, so all are fetched and compiled while the page
 * parses; they are evaluated in turn, in tasks of their own. Only the entry chunk's own
 * dynamic imports: the pages loaded on demand later stay on demand.
 */
function preloadStartStages(): Plugin {
  return {
    name: 'preload-start-stages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        const bundle = context.bundle;
        const entry = context.chunk;
        if (!bundle || !entry) return html;
        const files = new Set<string>();
        const add = (file: string) => {
          const chunk = bundle[file];
          if (files.has(file) || !chunk || chunk.type !== 'chunk') return;
          files.add(file);
          for (const imported of chunk.imports) add(imported);
        };
        for (const file of entry.dynamicImports) add(file);
        for (const file of entry.imports) files.delete(file);
        files.delete(entry.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Puts each stage of the staged start (src/main.tsx) in one file: the stage's dynamic import
 * and every module it brings statically that the entry or an earlier stage does not. Left to
 * itself the bundler split the start into some forty small shared files, and each one is a
 * request the page makes while it parses (Lighthouse: a 500 ms task before any script on the
 * lock screen at 4x CPU, and on slow 4G six requests at a time, which put the set-up page's
 * first paint past 2 s). A stage's modules are evaluated together anyway (a dynamic import
 * evaluates its whole static graph in one task), so one file changes only the file count, not
 * what runs when; the pages loaded on demand still import from these files what they share.
 * The stages are found from the module graph once it is built; `stageGroups` reads them when
 * the chunks are made.
 */
const startStages = new Map<string, string>();

function groupStartStages(): Plugin {
  return {
    name: 'group-start-stages',
    apply: 'build',
    buildEnd() {
      startStages.clear();
      const entry = [...this.getModuleIds()].find((id) => id.endsWith('/src/main.tsx'));
      if (!entry) return;
      const closure = (from: string, seen: Set<string>) => {
        const stack = [from];
        while (stack.length > 0) {
          const id = stack.pop() as string;
          if (seen.has(id)) continue;
          seen.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const taken = closure(entry, new Set());
      for (const [index, stage] of (this.getModuleInfo(entry)?.dynamicallyImportedIds ?? []).entries()) {
        const before = new Set(taken);
        // Virtual modules (the bundler's and Vite's helpers, shared with the entry) stay where the bundler puts them.
        for (const id of closure(stage, taken)) if (!before.has(id) && !id.startsWith('\0')) startStages.set(id, `start-${index + 1}`);
      }
    },
  };
}

/** One group per start stage, earlier stages first (a module goes to the first stage that needs it). */
const stageGroups = [1, 2, 3, 4, 5].map((stage) => ({
  name: `start-${stage}`,
  test: (id: string) => startStages.get(id) === `start-${stage}`,
  priority: 10 - stage,
  includeDependenciesRecursively: false,
}));

/**
 * Test files that need a module graph of their own: they replace modules with vi.mock (a
 * module another file imported first would stay the real one), or test what the page frame
 * does on the first page of a load (components/layout/page.tsx remembers it per load). The
 * .tsx ones ask for jsdom in their first line.
 */
const FRESH_MODULES = ['src/app/update-acceptance.test.tsx', 'src/features/assessment/section-page-renders.test.tsx', 'src/features/lock/early-lock-screen.test.tsx', 'src/storage/repositories/attendance-quick-write.test.ts'];

export default defineConfig({
  // The package version, in the page and the service worker: with the build's precache
  // revision it names the version a member of staff accepts (src/pwa/build-version.ts).
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  plugins: [
    contentSecurityPolicyMeta(),
    unusedLibraryRules(),
    groupStartStages(),
    preloadStartStages(),
    react(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      manifest: {
        id: '/',
        name: 'Safeguarding Triage',
        short_name: 'Safeguarding',
        description:
          'Structured safeguarding assessment at ED and MIU triage, with GP, health visitor, school nurse and MASH letters.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#005eb8',
        background_color: '#f0f4f5',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,ttf}'],
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
    }),
  ],
  resolve: {
    // Dexie's own ES module build: its package entry wraps the UMD build, about 1 kB gzip more
    // on every first load (PRODUCT.md section 10). One Dexie for the app, the hooks and the tests.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  // The seal worker (src/storage/repositories/attendance-sealer.ts) is started as a module
  // worker: the same ES module format as the app, and every supported browser runs them.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Every browser the app supports (Chromium-based tablets, Safari 17+) has modulepreload.
    // A page loaded on demand brings its own imports (no <link rel="modulepreload"> per file
    // before each dynamic import): every file is precached and comes from the service
    // worker, so the chain costs little, while appending the links did not. Profiled at 4x
    // CPU, the home screen's first effects spent about 100 ms appending the 22 links of one
    // dynamic import (PRODUCT.md section 10, total blocking time). The start stages keep
    // their links in index.html (preloadStartStages), and the entry's own imports theirs
    // (the bundler's runtime: without its link it was fetched only once the entry had been
    // parsed, one more round trip before the first script ran).
    modulePreload: { polyfill: false, resolveDependencies: (_file, dependencies, { hostType }) => (hostType === 'html' ? dependencies : []) },
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: { output: { codeSplitting: { groups: stageGroups } } },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { ...securityHeaders },
  },
  server: {
    headers: { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' },
  },
  test: {
    setupFiles: ['./src/test-support/setup.ts'],
    restoreMocks: true,
    testTimeout: 20_000,
    // One worker per core. Vitest's default leaves a core to its own process (cores - 1: a
    // single worker on a 2-core CI machine), but the tests spend much of their time in
    // WebCrypto and IndexedDB, which the workers' threads run beside them: on 2 cores, 2
    // workers took the whole run from 479 s to 276 s; 3 gave nothing more (286 s).
    maxWorkers: availableParallelism(),
    // Pure code runs in Node (fast: no DOM to build per file); components get jsdom.
    // Test files share their worker's module graph and globals (isolate: false): a fresh jsdom
    // and a fresh import of the app for each of 229 files was most of the run (6 min 17 s
    // against 3 min 20 s shared, 1 December 2026). Each file makes its own database
    // (uniqueDatabaseName) and its own repositories, so sharing changes no result; the few
    // files that need a graph of their own run isolated (FRESH_MODULES).
    projects: [
      { extends: true, test: { name: 'logic', environment: 'node', isolate: false, include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'], exclude: [...configDefaults.exclude, ...FRESH_MODULES] } },
      { extends: true, test: { name: 'components', environment: 'jsdom', isolate: false, include: ['src/**/*.test.tsx'], exclude: [...configDefaults.exclude, ...FRESH_MODULES] } },
      { extends: true, test: { name: 'fresh modules', environment: 'node', include: FRESH_MODULES } },
      // The department server (server/): Node only, one database per file (PGlite opens in ~3 s).
      { test: { name: 'server', environment: 'node', include: ['server/tests/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000 } },
    ],
  },
});
