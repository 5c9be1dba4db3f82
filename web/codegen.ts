import type { CodegenConfig } from '@graphql-codegen/cli';

// Run from the repository root: `npm run web:codegen` writes web/src/gql/, `npm run web:codegen:check`
// fails when a document no longer validates against schema/schema.graphql or the output is stale.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', Date: 'string' },
      },
    },
  },
};

export default config;
