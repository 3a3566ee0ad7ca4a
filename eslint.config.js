import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS =
  'Dependencies point inward (functions → services → ports ← adapters): shared/ never imports functions/, ' +
  'services and ports never reach adapters, the container or HTTP; they take their dependencies.';
const PURE_DOMAIN = 'The domain is pure: it imports only other domain modules, shared/errors and libraries.';
const OWN_ADAPTER = "An adapter imports only its own folder's modules: what adapters share belongs in a port.";

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', '.yggdrasil/', 'cdk.out/', 'coverage/', 'bench/.work/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // `import { z }` drags every zod locale into each Lambda bundle (~450 KB); the namespace import tree-shakes.
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Use `import * as z from 'zod'`: it tree-shakes.",
        },
      ],
      // Skipped or focused tests are defects: they hide what does not work.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'skip' },
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'skip' },
        { object: 'describe', property: 'only' },
        { object: 'test', property: 'skip' },
        { object: 'test', property: 'only' },
      ],
    },
  },
  // Dependencies point inward: functions → services → ports ← adapters. Each layer names what it may not reach.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^#functions/|/functions/', message: LAYERS }] }],
    },
  },
  {
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^#functions/|^#shared/(?!domain/)[^/]+/|^\\.\\./', message: PURE_DOMAIN }] },
      ],
    },
  },
  {
    files: ['shared/services/**/*.ts', 'shared/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^#functions/|^#shared/(adapters|container|http)/', message: LAYERS }],
        },
      ],
    },
  },
  {
    files: ['shared/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#functions/|^#shared/(container|http|services)/', message: LAYERS },
            { regex: '^#shared/adapters/|^\\.\\./', message: OWN_ADAPTER },
          ],
        },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
