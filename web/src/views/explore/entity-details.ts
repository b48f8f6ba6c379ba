/**
 * Everything the details panel and the editor show of one entity: its fields, profile, version,
 * sources, and relations grouped by type with their quotes; and one relation with its sources.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { graphqlQuery, useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { graphql } from '../../gql/index.js';
import type { EdgeDetailsQuery, EntityDetailsQuery } from '../../gql/graphql.js';

export const EntityFullFragmentDoc = graphql(`
  fragment EntityFull on Entity {
    ...EntityRef
    aliases
    description
    date
    version
    updatedAt
    updatedBy
    creditCode
    registeredCapital
    founded
    address
    website
    contact
    headcount
    qualifications
    products
    sources {
      ...SourceFields
    }
  }
`);

const EntityDetailsDocument = graphql(`
  query EntityDetails($id: ID!) {
    entity(id: $id) {
      ...EntityFull
      relations {
        type
        direction
        count
        items {
          edge {
            ...EdgeRef
            version
            sources {
              ...SourceFields
            }
          }
          other {
            ...EntityRef
          }
        }
      }
    }
  }
`);

export type EntityDetails = NonNullable<EntityDetailsQuery['entity']>;
export type RelationGroup = EntityDetails['relations'][number];
export type RelationItem = RelationGroup['items'][number];

export const useEntityDetails = (id: string | null) => useGraphQL(keys.entityDetails(id ?? ''), EntityDetailsDocument, id ? { id } : null);

/** Reads an entity afresh from the server (after a conflict), updating every view of it. */
export function useFetchEntityDetails(): (id: string) => Promise<EntityDetails | null> {
  const client = useQueryClient();
  return useCallback(
    async (id) =>
      (await client.fetchQuery({ ...graphqlQuery(keys.entityDetails(id), EntityDetailsDocument, { id }), staleTime: 0 })).entity ?? null,
    [client],
  );
}

const EdgeDetailsDocument = graphql(`
  query EdgeDetails($id: ID!, $source: ID!, $target: ID!) {
    edge(id: $id, source: $source, target: $target) {
      ...EdgeRef
      version
      updatedAt
      updatedBy
      sources {
        ...SourceFields
      }
    }
  }
`);

export type EdgeDetails = NonNullable<EdgeDetailsQuery['edge']>;

/** One relation of the canvas with its sources (null: none selected). */
export const useEdgeDetails = (ref: { id: string; source: string; target: string } | null) =>
  useGraphQL(
    keys.edge(ref?.source ?? '', ref?.id ?? ''),
    EdgeDetailsDocument,
    ref ? { id: ref.id, source: ref.source, target: ref.target } : null,
  );
