// Strict, type-aware linting for services and libs (immich-style): promises must be awaited or
// voided, switches over unions must be exhaustive, comparisons are strict.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'URL',
    'URLSearchParams',
    'Buffer',
    'fetch',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'queueMicrotask',
    'structuredClone',
    'performance',
    'require',
    'module',
    '__dirname',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

const RELATIVE_IMPORTS = [{ group: ['../../*'], message: 'Use an absolute alias (@siaga/<lib>, @<service>/...) instead.' }];

// Rules that let bad input through (issue 13): their replacements in @siaga/contracts refuse it.
const RESTRICTED_IMPORTS = [
  {
    name: 'class-validator',
    importNames: ['ValidateNested', 'IsLatitude', 'IsLongitude', 'IsLatLong'],
    message:
      'Use IsNestedObject / IsNestedArray (a missing value or an array is refused) and IsLatitudeNumber / IsLongitudeNumber ' +
      '(the string "-8.32" is refused) from @siaga/contracts.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results/**', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-imports': ['error', { paths: RESTRICTED_IMPORTS, patterns: RELATIVE_IMPORTS }],
    },
  },
  {
    // The one place @ValidateNested is composed into IsNestedObject / IsNestedArray.
    files: ['libs/contracts/src/rules/nested-object.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: RESTRICTED_IMPORTS.map((p) => ({ ...p, importNames: p.importNames.filter((n) => n !== 'ValidateNested') })),
          patterns: RELATIVE_IMPORTS,
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: NODE_GLOBALS },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
      'preserve-caught-error': 'off',
    },
  },
);
