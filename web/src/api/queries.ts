/** The GraphQL documents the views send, with fragments shared between them. */

const ENTITY_REF = 'id type name nameEn kind tier';
const EDGE_REF = 'id type source target role kind topic date inferred reason';
const SOURCE = 'document quote title date';
const SUBGRAPH = `nodes { ${ENTITY_REF} } edges { ${EDGE_REF} } truncated`;

export const SEARCH = `query Search($text: String!, $types: [EntityType!], $limit: Int) {
  search(text: $text, types: $types, limit: $limit) { ${ENTITY_REF} aliases }
}`;

export const NEIGHBORHOOD = `query Neighborhood($ids: [ID!]!, $depth: Int, $limit: Int) {
  neighborhood(ids: $ids, depth: $depth, limit: $limit) { ${SUBGRAPH} }
}`;

export const ENTITY_DETAILS = `query EntityDetails($id: ID!) {
  entity(id: $id) {
    ${ENTITY_REF} aliases description
    sources { ${SOURCE} }
    relations {
      type direction count
      items { edge { ${EDGE_REF} sources { ${SOURCE} } } other { ${ENTITY_REF} } }
    }
  }
}`;

export const PATHS = `query Paths($from: ID!, $to: ID!, $maxLength: Int, $limit: Int) {
  paths(from: $from, to: $to, maxLength: $maxLength, limit: $limit) { length nodes { ${ENTITY_REF} } edges { ${EDGE_REF} } }
}`;

export const STATS = `query Stats { stats { entities relations byEntityType { type count } byRelationType { type count } } }`;

export const ENTITY_NAMES = `query EntityName($id: ID!) { entity(id: $id) { ${ENTITY_REF} } }`;

export const REGIONS = `query Regions { regions { ${ENTITY_REF} } }`;

export const CHAIN = `query Chain($region: ID) {
  chain(region: $region) {
    region { ${ENTITY_REF} }
    tiers { tier name nameEn segments { segment { ${ENTITY_REF} description } tier count enterprises { ${ENTITY_REF} } } }
    unclassified { ${ENTITY_REF} }
  }
}`;

export const GAPS = `query Gaps($region: ID!, $benchmark: ID) {
  gaps(region: $region, benchmark: $benchmark) {
    region { ${ENTITY_REF} }
    benchmark { ${ENTITY_REF} }
    thresholds
    segments {
      segment { ${ENTITY_REF} } tier count benchmarkCount expected status
      candidates { entity { ${ENTITY_REF} } score reason reasonEn }
    }
  }
}`;

export const PARTNERS = `query Partners($id: ID!, $limit: Int) {
  partners(id: $id, limit: $limit) {
    entity { ${ENTITY_REF} } score role sentence sentenceEn
    paths { kind nodes { ${ENTITY_REF} } edges { ${EDGE_REF} } }
  }
}`;

export const SAVED_QUERIES = `query SavedQueries { savedQueries { name title titleEn description params { name type default description } cypher } }`;

const QUERY_RESULT = `columns rows truncated elapsedMs graph { ${SUBGRAPH} }`;

export const RUN_SAVED_QUERY = `query RunSavedQuery($name: String!, $params: JSON) { runSavedQuery(name: $name, params: $params) { ${QUERY_RESULT} } }`;

export const RUN_CYPHER = `query RunCypher($cypher: String!, $params: JSON) { runCypher(cypher: $cypher, params: $params) { ${QUERY_RESULT} } }`;

export const EXPORT_SUBGRAPH = `query ExportSubgraph($ids: [ID!]!, $depth: Int, $format: ExportFormat!) {
  exportSubgraph(ids: $ids, depth: $depth, format: $format) { filename mimeType content }
}`;
