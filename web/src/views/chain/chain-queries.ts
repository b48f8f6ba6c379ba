/** The chain map and the gap report, shared by the Chain and Gaps views (one document per cache key). */
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { graphql } from '../../gql/index.js';
import type { ChainQuery, GapCandidatesQuery, GapsQuery } from '../../gql/graphql.js';

const ChainDocument = graphql(`
  query Chain($region: ID) {
    chain(region: $region) {
      region {
        ...EntityRef
      }
      totals {
        type
        count
      }
      tiers {
        tier
        totals {
          type
          count
        }
        segments {
          segment {
            ...EntityRef
            description
          }
          tier
          count
          byType {
            type
            count
          }
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
      totals {
        type
        count
      }
      benchmarkTotals {
        type
        count
      }
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
        byType {
          type
          count
        }
        benchmarkCount
        benchmarkByType {
          type
          count
        }
        share
        benchmarkShare
        expected
        status
      }
    }
  }
`);

const GapCandidatesDocument = graphql(`
  query GapCandidates($region: ID!, $benchmark: ID, $segment: ID) {
    gapCandidates(region: $region, benchmark: $benchmark, segment: $segment) {
      candidates {
        segment
        entity {
          ...EntityRef
        }
        score
        segmentPoints
        alliancePoints
        linkPoints
        inferred
        inferredBecause
        degree
        locality
        location
        sharedAlliances {
          alliance {
            ...EntityRef
          }
          members
          local
        }
        units {
          entity {
            ...EntityRef
          }
          location
          inRegion
          inSegment
        }
      }
      places {
        ...EntityRef
      }
    }
  }
`);

export type ChainMap = ChainQuery['chain'];
export type ChainSegmentCount = ChainMap['tiers'][number]['segments'][number];
export type GapReport = GapsQuery['gaps'];
export type GapSegment = GapReport['segments'][number];
export type GapCandidateList = GapCandidatesQuery['gapCandidates'];
export type GapCandidate = GapCandidateList['candidates'][number];

export const useChain = (region: string | null) => useGraphQL(keys.chain(region), ChainDocument, { region });

export const useGaps = (region: string | null, benchmark: string | null) =>
  useGraphQL(keys.gaps(region ?? '', benchmark), GapsDocument, region ? { region, benchmark } : null);

/** Candidates for the gaps of a region against a benchmark (all gap segments, or one). */
export const useGapCandidates = (region: string | null, benchmark: string | null, segment: string | null = null) =>
  // Under the gaps key, so whatever drops a gap report drops its candidates too.
  useGraphQL(
    [...keys.gaps(region ?? '', benchmark), 'candidates', segment] as const,
    GapCandidatesDocument,
    region ? { region, benchmark, segment } : null,
  );
