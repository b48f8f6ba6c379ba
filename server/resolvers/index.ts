import type { Resolvers } from '../generated/resolvers-types.js';
import { auditLogResolver } from './auth/audit-log.js';
import { createUserResolver, resetPasswordResolver, updateUserResolver, usersResolver } from './auth/users.js';
import { changePasswordResolver, loginResolver, logoutEverywhereResolver, logoutResolver, meResolver } from './auth/viewer.js';
import { changeSetFields, curationMutations, curationQueries, documentFields, revisionFields } from './curation.js';
import { entityFields, sourceFields } from './entity.js';
import { importMutations, importPlanFields, importQueries } from './import.js';
import { ingestJobFields, reviewMutations, reviewQueries } from './review.js';
import { leadFields, leadMutations, leadQueries, leadSlaFields, weeklySummaryFields } from './leads.js';
import {
  chainResolver,
  gapCandidatesResolver,
  gapsResolver,
  keyPlayerMapResolver,
  keyPlayersResolver,
  partnersResolver,
  regionsResolver,
  regionTreeResolver,
} from './query/analysis.js';
import { entityResolver } from './query/entity.js';
import { exportSubgraphResolver } from './query/export.js';
import { neighborhoodResolver } from './query/neighborhood.js';
import { edgeResolver, pathsResolver } from './query/paths.js';
import { runCypherResolver, runSavedQueryResolver, savedQueriesResolver } from './query/queries.js';
import { searchResolver } from './query/search.js';
import { statsResolver } from './query/stats.js';
import { watchMutations, watchQueries } from './watch.js';

export const resolvers: Resolvers = {
  Query: {
    search: searchResolver,
    entity: entityResolver,
    neighborhood: neighborhoodResolver,
    paths: pathsResolver,
    edge: edgeResolver,
    stats: statsResolver,
    chain: chainResolver,
    gaps: gapsResolver,
    gapCandidates: gapCandidatesResolver,
    partners: partnersResolver,
    keyPlayers: keyPlayersResolver,
    keyPlayerMap: keyPlayerMapResolver,
    regions: regionsResolver,
    regionTree: regionTreeResolver,
    savedQueries: savedQueriesResolver,
    runSavedQuery: runSavedQueryResolver,
    runCypher: runCypherResolver,
    exportSubgraph: exportSubgraphResolver,
    me: meResolver,
    users: usersResolver,
    auditLog: auditLogResolver,
    ...curationQueries,
    ...importQueries,
    ...reviewQueries,
    ...watchQueries,
    ...leadQueries,
  },
  Mutation: {
    login: loginResolver,
    logout: logoutResolver,
    logoutEverywhere: logoutEverywhereResolver,
    changePassword: changePasswordResolver,
    createUser: createUserResolver,
    updateUser: updateUserResolver,
    resetPassword: resetPasswordResolver,
    ...curationMutations,
    ...importMutations,
    ...reviewMutations,
    ...watchMutations,
    ...leadMutations,
  },
  Entity: entityFields,
  Source: sourceFields,
  ChangeSet: changeSetFields,
  Revision: revisionFields,
  Document: documentFields,
  ImportPlan: importPlanFields,
  IngestJob: ingestJobFields,
  Lead: leadFields,
  LeadSla: leadSlaFields,
  WeeklySummary: weeklySummaryFields,
};
