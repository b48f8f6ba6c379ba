/** The fields every view asks for when it shows an entity or a relation, as typed fragments. */
import { graphql } from '../gql/index.js';
import type { EdgeRefFragment, EntityRefFragment, SourceFieldsFragment } from '../gql/graphql.js';

export const EntityRefFragmentDoc = graphql(`
  fragment EntityRef on Entity {
    id
    type
    name
    nameEn
    kind
    tier
  }
`);

export const EdgeRefFragmentDoc = graphql(`
  fragment EdgeRef on Edge {
    id
    type
    source
    target
    role
    kind
    topic
    date
    inferred
    reason
  }
`);

export const SourceFieldsFragmentDoc = graphql(`
  fragment SourceFields on Source {
    document
    quote
    title
    date
    url
    kind
  }
`);

export const SubgraphFieldsFragmentDoc = graphql(`
  fragment SubgraphFields on Subgraph {
    nodes {
      ...EntityRef
    }
    edges {
      ...EdgeRef
    }
    truncated
  }
`);

export type EntityRef = EntityRefFragment;
export type EdgeRef = EdgeRefFragment;
export type Source = SourceFieldsFragment;
