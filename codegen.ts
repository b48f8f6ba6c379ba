/**
 * graphql-codegen: the SDL (server/schema/*.graphql plus the enums that follow from shared/model) is
 * the one contract. It generates the server's resolver types and the web app's typed documents (the
 * `graphql()` calls next to the components that use them). `npm run codegen` writes both; `npm start`,
 * `npm test` and `npm run build` run it first, and the output is git-ignored.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';
import { modelEnumsSdl } from './shared/model/index.ts';

const scalars = { JSON: 'unknown' };

const config: CodegenConfig = {
  schema: ['scalar JSON', modelEnumsSdl(), 'server/schema/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'server/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars,
        contextType: '../context.js#AppContext',
        // Domain objects the resolvers return, where they differ from the GraphQL shape.
        mappers: {
          Entity: '../domain/model.js#Entity as EntityModel',
          Edge: '../domain/model.js#Edge as EdgeModel',
          Source: '../domain/model.js#Source as SourceModel',
          ChangeSet: '../domain/curation/types.js#ChangeSet as ChangeSetModel',
          Revision: '../domain/curation/history.js#StoredRevision as RevisionModel',
          Document: '../domain/curation/sources.js#DocumentRecord as DocumentModel',
          ChangeSetPage: '../domain/curation/history.js#ChangeSetPage as ChangeSetPageModel',
          RevisionPage: '../domain/curation/history.js#RevisionPage as RevisionPageModel',
          ChangeResult: '../domain/curation/types.js#ChangeResultModel',
          ImportPlan: '../import/service.js#DecidedPlan',
          IngestJob: '../review/queue.js#IngestJob as IngestJobModel',
          Lead: '../domain/leads/read.js#LeadView as LeadModel',
          LeadEvent: '../domain/leads/types.js#LeadEvent as LeadEventModel',
          LeadSla: '../domain/leads/sla.js#Sla as LeadSlaModel',
          WeeklySummary: '../domain/leads/work.js#WeeklySummary as WeeklySummaryModel',
        },
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
    'web/src/gql/': {
      documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars, documentMode: 'string', skipTypename: true },
    },
  },
};

export default config;
