// @ts-check
/**
 * Lint rules, including the architecture: which layer may import which.
 *
 *   domain  <-  storage  <-  features  <-  app
 *   components serve features and app; pwa serves app.
 *
 * Only storage imports dexie; only storage/crypto uses crypto.subtle; only pwa imports the
 * service-worker registration; features never import each other. Cycles are caught by
 * tests/unit/architecture.test.ts, which also re-checks these directions.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

const featureNames = ['assessment', 'home', 'lock', 'setup', 'settings', 'audit-trail', 'letters', 'lookup', 'liaison', 'compliance'];

/** @param {string[]} groups @param {string} message */
const forbid = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  {
    ignores: ['dist/**', 'dev-dist/**', 'server/build/**', 'server-data/**', '.bench-out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'public/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js', 'tests/bench/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `const { secret: _secret, ...rest } = x` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      eqeqeq: 'error',
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'jsx-a11y': jsxA11y },
    rules: jsxA11y.flatConfigs.recommended.rules,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    // Keep disableTypeChecked's parserOptions (projectService off): plain JS is not in tsconfig.
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Patient data must never reach the console: app code may only report errors by name.
    files: ['src/**'],
    rules: { 'no-console': ['error', { allow: ['error', 'warn'] }] },
  },
  // --- Architecture -------------------------------------------------------------------
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['react', 'react-dom', 'react-dom/*', 'react-hook-form', 'dexie', 'dexie-react-hooks', 'workbox-window', 'virtual:*'], 'domain is pure TypeScript + zod: no React, Dexie or browser plumbing.'),
        forbid(['**/storage/**', '**/features/**', '**/components/**', '**/app/**', '**/pwa/**'], 'domain depends on nothing else in src.'),
      ] }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator', 'crypto', 'fetch'],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain has no clock: pass the time in.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'domain has no clock: pass the time in.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'domain is deterministic: pass randomness in.' },
      ],
    },
  },
  {
    files: ['src/storage/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['**/features/**', '**/components/**', '**/app/**', '**/pwa/**'], 'storage depends only on domain.'),
        forbid(['workbox-window', 'virtual:*'], 'only pwa touches the service worker.'),
      ] }],
    },
  },
  {
    files: ['src/storage/**'],
    ignores: ['src/storage/crypto/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'crypto', property: 'subtle', message: 'only storage/crypto uses crypto.subtle.' }],
    },
  },
  {
    files: ['src/components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['dexie', 'dexie-react-hooks', '**/storage/**'], 'components are presentational: data comes from features.'),
        forbid(['**/features/**', '**/app/**', '**/pwa/**'], 'components serve features and app, never the other way.'),
      ] }],
    },
  },
  ...featureNames.map((name) => ({
    files: [`src/features/${name}/**`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['dexie', 'dexie-react-hooks'], 'features get data only through storage repository hooks.'),
        forbid(['**/storage/db', '**/storage/db.ts', '**/storage/crypto/**'], 'features use repository hooks, never the database or crypto.'),
        forbid(['**/app/**', '**/pwa/**'], 'features are composed by app, never the other way.'),
        forbid(featureNames.filter((other) => other !== name).map((other) => `**/features/${other}/**`), 'features never import each other: compose them in app.'),
        forbid(['workbox-window', 'virtual:*'], 'only pwa touches the service worker.'),
      ] }],
      'no-restricted-properties': ['error', { object: 'crypto', property: 'subtle', message: 'only storage/crypto uses crypto.subtle.' }],
    },
  })),
  {
    files: ['src/pwa/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['dexie', 'dexie-react-hooks', '**/storage/db', '**/storage/crypto/**'], 'pwa uses storage only through its repositories.'),
        forbid(['**/features/**', '**/app/**'], 'pwa is plumbing composed by app.'),
      ] }],
    },
  },
  {
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['dexie', 'dexie-react-hooks', '**/storage/db', '**/storage/crypto/**'], 'app composes repositories; it does not touch the database.'),
        forbid(['workbox-window', 'virtual:*'], 'only pwa touches the service worker.'),
      ] }],
    },
  },
  {
    // The department server (server/): Node, its own tsconfig. It may import domain types, the
    // sealed-row formats and the one source of the security headers; never React, Dexie, the
    // app's screens or its repositories (ARCHITECTURE.md).
    files: ['server/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        forbid(['react', 'react-dom', 'react-dom/*', 'react-hook-form', 'dexie', 'dexie-react-hooks', 'workbox-*', 'virtual:*'], 'the server holds sealed rows only: no React, Dexie or browser plumbing.'),
        forbid(['**/src/features/**', '**/src/app/**', '**/src/components/**', '**/src/storage/repositories/**', '**/src/storage/db', '**/src/storage/db.ts'], 'the server never imports the app: only domain types, sealed-row formats and src/pwa/security-headers.ts.'),
      ] }],
    },
  },
  {
    files: ['server/tests/**', 'server/bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**', 'src/test-support/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
      'no-restricted-syntax': 'off',
      'no-restricted-properties': 'off',
    },
  },
);
