// @ts-check
// `npm run lint` runs this with type information (typescript-eslint's project service reads
// tsconfig.json), so the promise rules see the real types across files. Style is checked, not
// reformatted: the @stylistic rules below encode the conventions the code already follows (2-space
// indent, single quotes, no semicolons, no trailing commas) and leave line length and line breaks to
// the author, because a formatter's reflow of the long lines and the aligned ternary chains would
// rewrite ~25 files for no gain.
import js from '@eslint/js'
import stylistic from '@stylistic/eslint-plugin'
import { defineConfig } from 'eslint/config'
import tseslint from 'typescript-eslint'

export default defineConfig(
  // test/bench-crypto imports packages that only its run.sh installs (tsconfig excludes it too).
  { ignores: ['dist/', 'coverage/', '.bench/', 'test/bench-crypto/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Files outside tsconfig's include (eslint.config.js, vitest.config.ts) get a default project.
        projectService: { allowDefaultProject: ['*.js', '*.mjs', '*.ts'] },
        tsconfigRootDir: import.meta.dirname
      }
    },
    plugins: { '@stylistic': stylistic },
    rules: {
      // In recommendedTypeChecked already; named here because they are why this linter is used.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // `import type { A }` when every name is a type, `import { f, type A }` when mixed.
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // Under verbatimModuleSyntax `import { type A } from './a.js'` still loads ./a.js: say `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],

      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      '@stylistic/semi': ['error', 'never'],
      // flatTernaryExpressions: the `a ? x :` / `b ? y :` / `z` chains stay aligned as written.
      '@stylistic/indent': ['error', 2, { SwitchCase: 1, flatTernaryExpressions: true }],
      '@stylistic/comma-dangle': ['error', 'never'],
      '@stylistic/member-delimiter-style': ['error', { multiline: { delimiter: 'none' }, singleline: { delimiter: 'semi', requireLast: false } }],
      '@stylistic/no-tabs': 'error',
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/eol-last': 'error',
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxBOF: 0, maxEOF: 0 }],
      '@stylistic/arrow-parens': ['error', 'always'],
      '@stylistic/arrow-spacing': 'error',
      '@stylistic/block-spacing': 'error',
      '@stylistic/brace-style': ['error', '1tbs', { allowSingleLine: true }],
      '@stylistic/comma-spacing': 'error',
      '@stylistic/comma-style': 'error',
      '@stylistic/key-spacing': 'error',
      '@stylistic/keyword-spacing': 'error',
      '@stylistic/space-before-blocks': 'error',
      '@stylistic/space-before-function-paren': ['error', { anonymous: 'always', named: 'never', asyncArrow: 'always' }],
      '@stylistic/space-in-parens': 'error',
      '@stylistic/space-infix-ops': 'error',
      '@stylistic/type-annotation-spacing': 'error',
      '@stylistic/no-multi-spaces': ['error', { ignoreEOLComments: true }]
    }
  },
  {
    files: ['test/**'],
    rules: {
      // Test doubles implement async interfaces (send, sleep, an oidc-provider adapter) without awaiting.
      '@typescript-eslint/require-await': 'off',
      // vitest's asymmetric matchers (expect.stringMatching, expect.any…) are typed `any` by vitest itself.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // The interop servers hand library methods to their request loop.
      '@typescript-eslint/unbound-method': 'off'
    }
  }
)
