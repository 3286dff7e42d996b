// Lint doubles as the architecture check (ARCHITECTURE.md "Layers"):
// - only src/main/electron and src/preload may import 'electron';
// - src/shared and src/renderer import no Node built-ins;
// - src/shared, src/main and src/devices import no React or renderer code;
// - src/main/features import no other feature and no database;
// - the kiosk window's preload, and the modules it is built from, import nothing of the admin half;
// - only src/main/metrics/fleet-metrics.ts imports 'prom-client' (everything else reports through it).
// tests/lint/boundaries.test.ts proves each rule fires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const electronOnlyInShell = {
  name: 'electron',
  message: "Only src/main/electron and src/preload may import 'electron' (ARCHITECTURE.md: Layers).",
};

// One module defines every fleet metric (ARCHITECTURE.md "Fleet health"): features count through its reporter.
const FLEET_METRICS_MODULE = 'src/main/metrics/fleet-metrics.ts';
const promClientOnlyInFleetMetrics = {
  name: 'prom-client',
  message: `Only ${FLEET_METRICS_MODULE} imports 'prom-client': report through ctx.metrics (metrics-reporter.ts) instead.`,
};

const sharedRestrictions = {
  paths: [electronOnlyInShell, promClientOnlyInFleetMetrics, ...nodeBuiltins.map((name) => ({ name, message: 'src/shared runs in every layer, the renderer included: no Node built-ins.' }))],
  patterns: [{ group: ['react', 'react-dom', '**/renderer/**', '**/main/**', '**/devices/**'], message: 'src/shared imports nothing from other layers.' }],
};

// The kiosk window's preload and everything its bundle takes in (tests/preload/bundle.test.ts checks the bundle itself).
const kioskPreloadFiles = ['src/preload/kiosk.ts', 'src/preload/bridge.ts'];
const kioskPreloadSharedFiles = ['src/shared/bridge.ts', 'src/shared/contract-names.ts', 'src/shared/contract-table.ts', 'src/shared/result.ts'];
const noAdminHalf = {
  group: ['**/admin-*', '**/admin', '**/admin/**'],
  message: "The kiosk window's preload imports nothing of the admin half (ARCHITECTURE.md: The contract).",
};

// The core's rule (no UI code) plus the features' own: no database, no other feature.
const coreNoUi = { group: ['react', 'react-dom', '**/renderer/**'], message: 'The core and devices have no DOM and no UI code.' };
const featurePaths = [
  electronOnlyInShell,
  promClientOnlyInFleetMetrics,
  { name: 'better-sqlite3', message: 'Features never hold the database: the store that owns the table is a service (src/main/feature.ts).' },
];
const featurePatterns = [
  coreNoUi,
  { group: ['./*', '../features/*', '**/db/database'], message: 'Features do not import each other or the database: what two features share becomes a service both receive.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'warn',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, promClientOnlyInFleetMetrics] }],
    },
  },
  {
    // Tests poke at untyped JSON from real servers; `any` there beats a cast per line.
    files: ['tests/**/*.ts', 'tests/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests of the shell may name Electron's types and drive its binary.
    files: ['src/main/electron/**/*.ts', 'src/preload/**/*.ts', 'tests/main/electron/**/*.ts', 'tests/e2e/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Scripts the e2e tests add to the kiosk page.
    files: ['tests/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', sharedRestrictions] },
  },
  {
    files: kioskPreloadFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noAdminHalf] }] },
  },
  {
    files: kioskPreloadSharedFiles,
    rules: { 'no-restricted-imports': ['error', { ...sharedRestrictions, patterns: [...sharedRestrictions.patterns, noAdminHalf] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, promClientOnlyInFleetMetrics, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer is a web page: no Node built-ins. Ask the core through api.ts.' }))],
          patterns: [{ group: ['**/main/**', '**/devices/**', '**/preload/**'], message: 'The renderer talks to the core only through api.ts and src/shared.' }],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/devices/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, promClientOnlyInFleetMetrics],
          patterns: [coreNoUi],
        },
      ],
    },
  },
  {
    files: [FLEET_METRICS_MODULE],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [coreNoUi] }] },
  },
  {
    // A feature is handed the services it uses (src/main/feature.ts); what two features share is a service both
    // receive, never an import of one feature by the other, and no feature holds the database.
    files: ['src/main/features/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: featurePaths, patterns: featurePatterns }] },
  },
  {
    // Resident features are handed no admin service (src/main/feature.ts ResidentContext), and import none either.
    files: ['src/main/features/**/*.ts'],
    ignores: ['src/main/features/admin*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: featurePaths,
          patterns: [
            ...featurePatterns,
            { group: ['../admin/*', '**/shared/admin-*'], message: 'Resident features reach nothing of the admin half: they are handed adminOpen() and technicianCard() instead.' },
          ],
        },
      ],
    },
  },
);
