/**
 * The curation API as the editor sees it: the mutations (each drops what it made stale, by key
 * prefix), an entity's history, the source documents and the duplicate warnings.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useGraphQL, useGraphQLMutation } from '../../api/query-client.js';
import { GRAPH_DATA_PREFIXES, keys } from '../../api/query-keys.js';
import { graphql } from '../../gql/index.js';
import type { EntityType, HistoryQuery, SimilarNamesQuery } from '../../gql/graphql.js';

/** Every cached answer a change can make stale is refetched (on screen) or dropped (off screen). */
export const invalidateGraphData = (client: QueryClient) =>
  client.invalidateQueries({ predicate: (q) => GRAPH_DATA_PREFIXES.includes(String(q.queryKey[0])) });

export const ChangeResultFieldsFragmentDoc = graphql(`
  fragment ChangeResultFields on ChangeResult {
    changeSet {
      id
      kind
    }
    entity {
      ...EntityRef
      version
    }
    edge {
      ...EdgeRef
      version
    }
  }
`);

const CreateEntityDocument = graphql(`
  mutation CreateEntity($input: EntityInput!, $placement: PlacementInput, $note: String!, $source: SourceInput!) {
    createEntity(input: $input, placement: $placement, note: $note, source: $source) {
      ...ChangeResultFields
    }
  }
`);

const UpdateEntityDocument = graphql(`
  mutation UpdateEntity($id: ID!, $expectedVersion: Int, $patch: EntityPatch!, $note: String!, $source: SourceInput!) {
    updateEntity(id: $id, expectedVersion: $expectedVersion, patch: $patch, note: $note, source: $source) {
      ...ChangeResultFields
    }
  }
`);

const RetractEntityDocument = graphql(`
  mutation RetractEntity($id: ID!, $expectedVersion: Int, $note: String!, $source: SourceInput!) {
    retractEntity(id: $id, expectedVersion: $expectedVersion, note: $note, source: $source) {
      ...ChangeResultFields
    }
  }
`);

const RestoreEntityDocument = graphql(`
  mutation RestoreEntity($id: ID!, $note: String!) {
    restoreEntity(id: $id, note: $note) {
      ...ChangeResultFields
    }
  }
`);

const MergeEntitiesDocument = graphql(`
  mutation MergeEntities($keepId: ID!, $mergeId: ID!, $keepVersion: Int, $mergeVersion: Int, $note: String!) {
    mergeEntities(keepId: $keepId, mergeId: $mergeId, keepVersion: $keepVersion, mergeVersion: $mergeVersion, note: $note) {
      ...ChangeResultFields
    }
  }
`);

const AddRelationDocument = graphql(`
  mutation AddRelation($input: RelationInput!, $note: String!, $source: SourceInput!) {
    addRelation(input: $input, note: $note, source: $source) {
      ...ChangeResultFields
    }
  }
`);

const RetractRelationDocument = graphql(`
  mutation RetractRelation($id: ID!, $from: ID, $to: ID, $expectedVersion: Int, $note: String!, $source: SourceInput!) {
    retractRelation(id: $id, from: $from, to: $to, expectedVersion: $expectedVersion, note: $note, source: $source) {
      ...ChangeResultFields
    }
  }
`);

const RestoreRelationDocument = graphql(`
  mutation RestoreRelation($id: ID!, $note: String!) {
    restoreRelation(id: $id, note: $note) {
      ...ChangeResultFields
    }
  }
`);

const ConfirmRelationDocument = graphql(`
  mutation ConfirmRelation($id: ID!, $from: ID, $to: ID, $expectedVersion: Int, $note: String!, $source: SourceInput!) {
    confirmRelation(id: $id, from: $from, to: $to, expectedVersion: $expectedVersion, note: $note, source: $source) {
      ...ChangeResultFields
    }
  }
`);

const RevertChangeDocument = graphql(`
  mutation RevertChange($id: ID!, $note: String!) {
    revertChange(id: $id, note: $note) {
      ...ChangeResultFields
    }
  }
`);

export const useCreateEntity = () => useGraphQLMutation(CreateEntityDocument, invalidateGraphData);
export const useUpdateEntity = () => useGraphQLMutation(UpdateEntityDocument, invalidateGraphData);
export const useRetractEntity = () => useGraphQLMutation(RetractEntityDocument, invalidateGraphData);
export const useRestoreEntity = () => useGraphQLMutation(RestoreEntityDocument, invalidateGraphData);
export const useMergeEntities = () => useGraphQLMutation(MergeEntitiesDocument, invalidateGraphData);
export const useAddRelation = () => useGraphQLMutation(AddRelationDocument, invalidateGraphData);
export const useRetractRelation = () => useGraphQLMutation(RetractRelationDocument, invalidateGraphData);
export const useRestoreRelation = () => useGraphQLMutation(RestoreRelationDocument, invalidateGraphData);
export const useConfirmRelation = () => useGraphQLMutation(ConfirmRelationDocument, invalidateGraphData);
export const useRevertChange = () => useGraphQLMutation(RevertChangeDocument, invalidateGraphData);

const HistoryDocument = graphql(`
  query History($id: ID!, $limit: Int) {
    history(id: $id, limit: $limit) {
      items {
        id
        at
        author
        op
        target
        targetId
        label
        relationType
        fromId
        toId
        fromName
        toName
        mergedInto
        fields {
          field
          before
          after
        }
        changeSet {
          id
          kind
          note
          reverts
          revertedBy
          document {
            id
            kind
            title
            date
            url
          }
        }
      }
      next
    }
  }
`);

export type Revision = HistoryQuery['history']['items'][number];

/** An entity's history, newest first: the first `limit` revisions (its own and its relations'). */
export const useHistory = (id: string | null, limit: number) =>
  useGraphQL(keys.history(id ?? '', limit), HistoryDocument, id ? { id, limit } : null);

const DocumentsDocument = graphql(`
  query Documents($text: String, $limit: Int) {
    documents(text: $text, limit: $limit) {
      id
      kind
      title
      date
      url
    }
  }
`);

export const useDocuments = (text: string, enabled: boolean) =>
  useGraphQL(keys.documents(text), DocumentsDocument, enabled ? { text: text || null, limit: 30 } : null);

const SimilarNamesDocument = graphql(`
  query SimilarNames($name: String!, $type: EntityType, $creditCode: String, $excludeId: ID, $limit: Int) {
    similarNames(name: $name, type: $type, creditCode: $creditCode, excludeId: $excludeId, limit: $limit) {
      entity {
        ...EntityRef
        aliases
      }
      score
      reason
      matched
    }
  }
`);

export type NameMatch = SimilarNamesQuery['similarNames'][number];

/** At or above this score a match is confident: the person must say it is another organisation before saving. */
export const CONFIDENT_MATCH = 0.9;

/** Existing entities a name may refer to (null name: not asked). */
export function useSimilarNames(name: string | null, type: EntityType | null, excludeId: string | null, creditCode: string | null = null) {
  return useGraphQL(
    keys.similarNames(name ?? '', type, excludeId, creditCode),
    SimilarNamesDocument,
    name ? { name, type, excludeId, creditCode, limit: 5 } : null,
  );
}

/**
 * Runs a mutation, then `done` with its answer — even when the form that started it is gone by then:
 * the refetch after a change can replace the panel the form sits in, and a `mutate` callback would
 * then be dropped silently. A failure is the mutation's `error`, which the form shows while it is there.
 */
export function submitChange<R, V>(mutation: { mutateAsync: (vars: V) => Promise<R> }, vars: V, done?: (result: R) => void): void {
  mutation.mutateAsync(vars).then(
    (result) => done?.(result),
    () => undefined,
  );
}
