/**
 * What the district briefing asks for beyond the chain, gap and change views' own (cached) documents:
 * the region's entity counts and its place in the region tree, the top key players with the rules of
 * their score, and the sources behind the region, its key players and the gap candidates — for the
 * "sources cited" section.
 */
import { useGraphQL } from '../../api/query-client.js';
import { graphql } from '../../gql/index.js';
import type { BriefingLeadsQuery, BriefingQuery } from '../../gql/graphql.js';

/** Key players listed in a briefing. */
export const BRIEFING_PLAYERS = 10;

const BriefingDocument = graphql(`
  query Briefing($region: ID!, $benchmark: ID, $players: Int) {
    region: entity(id: $region) {
      ...EntityRef
      sources {
        ...SourceFields
      }
    }
    stats(region: $region) {
      entities
      relations
      byEntityType {
        type
        count
      }
    }
    regionTree {
      region {
        ...EntityRef
      }
      parent
      depth
    }
    keyPlayerMap(region: $region, limit: $players) {
      organisations
      measured
      rules {
        degreeWeight
        betweennessWeight
        districtBonus
        leaderTop
        leaderMinDegree
        bridgeMinDistricts
        bridgeMinDegree
      }
      players {
        entity {
          ...EntityRef
          sources {
            ...SourceFields
          }
        }
        degree
        betweenness
        districts
        score
        labels
      }
    }
    gapCandidates(region: $region, benchmark: $benchmark) {
      candidates {
        segment
        entity {
          id
          sources {
            ...SourceFields
          }
        }
      }
    }
  }
`);

const BriefingLeadsDocument = graphql(`
  query BriefingLeads($region: ID!, $limit: Int) {
    leads(filter: { region: $region }, limit: $limit) {
      total
      items {
        id
        target {
          ...EntityRef
        }
        proposedName
        segment {
          ...EntityRef
        }
        owner
        stage
        stageEnteredAt
        lastActivityAt
        nextAction
        dueAt
        estimatedInvestment
        urgency
      }
    }
  }
`);

/** Leads read for a briefing (the region's, most recently changed first). */
export const BRIEFING_LEADS = 200;

export type BriefingData = BriefingQuery;
export type BriefingLeads = BriefingLeadsQuery['leads'];
export type BriefingPlayer = BriefingQuery['keyPlayerMap']['players'][number];

/** Under the leads key, so a lead created or moved drops it. */
export const useBriefingLeads = (region: string | null) =>
  useGraphQL(['leads', 'briefing', region] as const, BriefingLeadsDocument, region ? { region, limit: BRIEFING_LEADS } : null);

/** Under the gaps key, so an edit that drops the gap report drops the briefing's extras too. */
export const useBriefing = (region: string | null, benchmark: string | null) =>
  useGraphQL(
    ['gaps', region ?? '', benchmark, 'briefing'] as const,
    BriefingDocument,
    region ? { region, benchmark, players: BRIEFING_PLAYERS } : null,
  );
