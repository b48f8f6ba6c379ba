/**
 * The data of the changes and documents views: typed documents, their cache keys, and the revert
 * mutation. Keys start with what the data is about (`changes`, `changeSet`, `documents`,
 * `document`), like those of api/query-keys.ts.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useGraphQL, useGraphQLMutation } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { graphql } from '../../gql/index.js';
import type { ChangeKind, FeedChangeSetFieldsFragment, DocumentKind, EntityType } from '../../gql/graphql.js';

export const FeedChangeSetFieldsFragmentDoc = graphql(`
  fragment FeedChangeSetFields on ChangeSet {
    id
    at
    author
    kind
    note
    reverts
    revertedBy
    regions
    types
    counts {
      target
      op
      count
    }
    # The first facts it changed, to name on its card what the change is about.
    about: revisions(limit: 3) {
      target
      targetId
      label
      fromId
      toId
      fromName
      toName
    }
    document {
      id
      kind
      title
      date
      url
      publisher
    }
  }
`);

const ChangesDocument = graphql(`
  query FeedChanges($region: ID, $type: EntityType, $author: String, $kind: ChangeKind, $after: String, $limit: Int) {
    changes(region: $region, type: $type, author: $author, kind: $kind, after: $after, limit: $limit) {
      items {
        ...FeedChangeSetFields
      }
      next
    }
  }
`);

/** How many revisions an expanded change set shows (an import may have thousands). */
export const REVISIONS_SHOWN = 100;

const ChangeSetDetailDocument = graphql(`
  query FeedChangeSet($id: ID!, $limit: Int) {
    changeSet(id: $id) {
      ...FeedChangeSetFields
      revisions(limit: $limit) {
        id
        target
        targetId
        op
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
      }
    }
  }
`);

const RevertChangeDocument = graphql(`
  mutation FeedRevertChange($id: ID!, $note: String!) {
    revertChange(id: $id, note: $note) {
      changeSet {
        ...FeedChangeSetFields
      }
    }
  }
`);

const DocumentsDocument = graphql(`
  query FeedDocuments($kind: DocumentKind, $text: String, $limit: Int) {
    documents(kind: $kind, text: $text, limit: $limit) {
      id
      kind
      title
      date
      url
      publisher
      createdAt
      createdBy
      factCount
    }
  }
`);

const DocumentEntitiesDocument = graphql(`
  query FeedDocumentEntities($id: ID!, $limit: Int) {
    document(id: $id) {
      id
      entities(limit: $limit) {
        ...EntityRef
      }
    }
  }
`);

export type ChangeSetSummary = FeedChangeSetFieldsFragment;

export interface ChangeFilter {
  region: string | null;
  type: EntityType | null;
  author: string | null;
  kind: ChangeKind | null;
}

export const feedKeys = {
  changes: (filter: ChangeFilter, after: string | null) => ['changes', filter, after] as const,
  changeSet: (id: string) => ['changeSet', id] as const,
  documents: (kind: DocumentKind | null, text: string) => ['documents', kind, text] as const,
  document: (id: string) => ['document', id] as const,
};

export const CHANGES_PAGE = 30;
export const DOCUMENTS_SHOWN = 100;
export const DOCUMENT_ENTITIES = 100;

export const useChangesPage = (filter: ChangeFilter, after: string | null) =>
  useGraphQL(feedKeys.changes(filter, after), ChangesDocument, { ...filter, after, limit: CHANGES_PAGE });

export const useChangeSet = (id: string | null) =>
  useGraphQL(feedKeys.changeSet(id ?? ''), ChangeSetDetailDocument, id ? { id, limit: REVISIONS_SHOWN } : null);

export const useDocuments = (kind: DocumentKind | null, text: string) =>
  useGraphQL(feedKeys.documents(kind, text), DocumentsDocument, { kind, text: text || null, limit: DOCUMENTS_SHOWN });

export const useDocumentEntities = (id: string | null) =>
  useGraphQL(feedKeys.document(id ?? ''), DocumentEntitiesDocument, id ? { id, limit: DOCUMENT_ENTITIES } : null);

/**
 * A write (an import applied, a change reverted) can touch any entity, relation, chain count or
 * document: every cached answer but the viewer's own is stale, and the ones on screen are asked again.
 */
export const refreshAfterWrite = (client: QueryClient) => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.me()[0] });

export const useRevertChange = () => useGraphQLMutation(RevertChangeDocument, refreshAfterWrite);
