/** The chain map and the gap report, shared by the Chain and Gaps views (one document per cache key). */
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { graphql } from '../../gql/index.js';
import type { ChainQuery, GapsQuery } from '../../gql/graphql.js';

const ChainDocument = graphql(`
  query Chain($region: ID) {
    chain(region: $region) {
      region {
        ...EntityRef
      }
      tiers {
        tier
        segments {
          segment {
            ...EntityRef
            description
          }
          tier
          count
          enterprises {
            ...EntityRef
          }
        }
      }
      unclassified {
        ...EntityRef
      }
    }
  }
`);

const GapsDocument = graphql(`
  query Gaps($region: ID!, $benchmark: ID) {
    gaps(region: $region, benchmark: $benchmark) {
      region {
        ...EntityRef
      }
      benchmark {
        ...EntityRef
      }
      classified
      benchmarkClassified
      thresholds {
        thinBelow
        strongAtLeast
        strongMinCount
      }
      segments {
        segment {
          ...EntityRef
        }
        tier
        count
        benchmarkCount
        expected
        status
        candidates {
          entity {
            ...EntityRef
          }
          score
          inferred
          inferredBecause
          degree
          sharedAlliances {
            alliance {
              ...EntityRef
            }
            members
          }
        }
      }
    }
  }
`);

export type ChainMap = ChainQuery['chain'];
export type ChainSegmentCount = ChainMap['tiers'][number]['segments'][number];
export type GapReport = GapsQuery['gaps'];
export type GapSegment = GapReport['segments'][number];
export type GapCandidate = GapSegment['candidates'][number];

export const useChain = (region: string | null) => useGraphQL(keys.chain(region), ChainDocument, { region });

export const useGaps = (region: string | null, benchmark: string | null) =>
  useGraphQL(keys.gaps(region ?? '', benchmark), GapsDocument, region ? { region, benchmark } : null);
