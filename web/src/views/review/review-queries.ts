/**
 * The data of the review view: the queue of ingested articles, one article with its proposals,
 * ingesting an article, applying the reviewed proposals as one change set, discarding an article.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useGraphQL, useGraphQLMutation } from '../../api/query-client.js';
import { graphql } from '../../gql/index.js';
import type { IngestJobQuery, IngestStatus } from '../../gql/graphql.js';
import { refreshAfterWrite } from '../changes/change-queries.js';

const IngestJobsDocument = graphql(`
  query IngestJobs($status: IngestStatus, $limit: Int) {
    ingestJobs(status: $status, limit: $limit) {
      id
      title
      date
      publisher
      status
      createdBy
      createdAt
      entityCount
      relationCount
    }
  }
`);

const IngestJobDocument = graphql(`
  query IngestJob($id: ID!) {
    ingestJob(id: $id) {
      id
      title
      date
      url
      publisher
      text
      status
      createdBy
      createdAt
      warnings
      entities {
        key
        name
        type
        aliases
        quote
        spans {
          start
          end
        }
        match {
          entity {
            ...EntityRef
          }
          score
          reason
          matched
        }
      }
      relations {
        index
        type
        from
        to
        role
        quote
        span {
          start
          end
        }
      }
      changeSet {
        ...FeedChangeSetFields
      }
    }
  }
`);

const IngestArticleDocument = graphql(`
  mutation IngestArticle($input: ArticleInput!) {
    ingestArticle(input: $input) {
      id
    }
  }
`);

const ApplyIngestDocument = graphql(`
  mutation ApplyIngest($id: ID!, $entities: [EntityDecision!], $relations: [RelationDecision!], $note: String!) {
    applyIngest(id: $id, entities: $entities, relations: $relations, note: $note) {
      changeSet {
        ...FeedChangeSetFields
      }
    }
  }
`);

const DiscardIngestDocument = graphql(`
  mutation DiscardIngest($id: ID!) {
    discardIngest(id: $id) {
      id
      status
    }
  }
`);

export type IngestJob = NonNullable<IngestJobQuery['ingestJob']>;
export type Proposal = IngestJob['entities'][number];
export type RelationProposal = IngestJob['relations'][number];

export const reviewKeys = {
  jobs: (status: IngestStatus | null) => ['ingestJobs', status] as const,
  job: (id: string) => ['ingestJob', id] as const,
};

/** The queue and the article change with every ingest, apply and discard (and the graph with an apply). */
const refreshQueue = (client: QueryClient) =>
  Promise.all([client.invalidateQueries({ queryKey: ['ingestJobs'] }), client.invalidateQueries({ queryKey: ['ingestJob'] })]);

export const useIngestJobs = (status: IngestStatus | null) =>
  useGraphQL(reviewKeys.jobs(status), IngestJobsDocument, { status, limit: 50 });

export const useIngestJob = (id: string | null) => useGraphQL(reviewKeys.job(id ?? ''), IngestJobDocument, id ? { id } : null);

export const useIngestArticle = () => useGraphQLMutation(IngestArticleDocument, refreshQueue);
export const useApplyIngest = () => useGraphQLMutation(ApplyIngestDocument, refreshAfterWrite);
export const useDiscardIngest = () => useGraphQLMutation(DiscardIngestDocument, refreshQueue);
