import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Only repositories touch the database (docs/architecture.md): outside `*.repository.ts`, no SQL, no query
 * builder, no entity-manager reads or writes, no connection of one's own. A service may hold an EntityManager
 * as the transaction handle and pass it to repositories; it never queries through it.
 */
const DATABASE_ACCESS = [
  { selector: "CallExpression[callee.property.name='query']", message: 'SQL belongs in a *.repository.ts file.' },
  {
    selector: "CallExpression[callee.property.name='createQueryBuilder']",
    message: 'Query builders belong in a *.repository.ts file.',
  },
  {
    selector: "CallExpression[callee.property.name='getRepository']",
    message: 'TypeORM repositories are used inside *.repository.ts files only.',
  },
  {
    // manager.findOne(Place, …), manager.insert(User, …): the entity manager reading or writing an entity.
    selector:
      "CallExpression[callee.property.name=/^(find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|findAndCountBy|count|countBy|exists|existsBy|sum|average|minimum|maximum|save|insert|update|upsert|delete|remove|softDelete|restore|increment|decrement|clear)$/][arguments.0.type='Identifier'][arguments.0.name=/^[A-Z]/]",
    message: 'Entity reads and writes belong in a *.repository.ts file.',
  },
  { selector: "NewExpression[callee.name='Pool']", message: 'Connections of their own are made in src/db only.' },
  { selector: "NewExpression[callee.name='Client']", message: 'Connections of their own are made in src/db only.' },
];

/** Where database access outside a repository is the point of the file (each with its reason). */
const DATABASE_ACCESS_EXCEPTIONS = [
  // The database itself: data source, migrations runner and list, embedded PostgreSQL, prepared statements,
  // scratch databases, the readiness probe's own connection, and the demo seed.
  'src/db/**',
  // One-shot commands (migrate, provision, seed, create-admin, audit:verify, schema and migration checks) that run
  // outside any request, on connections they open and close themselves.
  'src/cli/**',
  // The audit verifier streams the whole chain with binary COPY on a connection of its own, inside one exported
  // snapshot (REPEATABLE READ, read only); its SQL is the algorithm and is reviewed with it.
  'src/modules/audit/audit.verify*.ts',
  // Its binary COPY reader (the COPY statement is built from the verifier's query).
  'src/modules/audit/audit.copy-out.ts',
  // The job queue: graphile-worker needs a pg Pool of its own and grants on its own schema at migration time.
  'src/jobs/**',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'migrations/*.js',
      'web/dist/**',
      'web/src/gql/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts that run without TypeScript (production installs).
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', ...DATABASE_ACCESS_EXCEPTIONS],
    rules: {
      'no-restricted-syntax': ['error', ...DATABASE_ACCESS],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'pg',
              message: 'Connections of their own are made in src/db only; repositories use the data source.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
