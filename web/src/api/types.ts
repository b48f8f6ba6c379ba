/** Shapes of the GraphQL answers the web app asks for (see server/schema/*.graphql). */
import type { GapStatus } from '../../../server/domain/analysis/gaps.js';
import type { EntityType, RelationType } from '../../../server/domain/model.js';
import type { ParamType } from '../../../server/domain/saved-queries.js';
import type { ExportFormat } from '../../../server/export/formats.js';

export type { EntityType, ExportFormat, GapStatus, ParamType, RelationType };

export interface Source {
  document: string;
  quote: string;
  title: string | null;
  date: string | null;
}

/** The fields every view asks for when it shows an entity as a node. */
export interface EntityRef {
  id: string;
  type: EntityType;
  name: string;
  nameEn: string | null;
  kind?: string | null;
  tier?: string | null;
}

export interface Entity extends EntityRef {
  aliases: string[];
  description: string | null;
  sources: Source[];
}

export interface EdgeRef {
  id: string;
  type: RelationType;
  source: string;
  target: string;
  role?: string | null;
  kind?: string | null;
  topic?: string | null;
  date?: string | null;
  inferred?: boolean;
  reason?: string | null;
}

export interface Edge extends EdgeRef {
  sources: Source[];
}

export interface Subgraph {
  nodes: EntityRef[];
  edges: EdgeRef[];
  truncated: boolean;
}

export interface RelationGroup {
  type: RelationType;
  direction: 'OUT' | 'IN';
  count: number;
  items: { edge: Edge; other: EntityRef }[];
}

export interface EntityDetails extends Entity {
  relations: RelationGroup[];
}

export interface Path {
  length: number;
  nodes: EntityRef[];
  edges: EdgeRef[];
}

export interface Stats {
  entities: number;
  relations: number;
  byEntityType: { type: string; count: number }[];
  byRelationType: { type: string; count: number }[];
}

export interface ChainSegmentCount {
  /** The CHAIN query also selects the segment's description. */
  segment: EntityRef & { description?: string | null };
  tier: string;
  count: number;
  enterprises: EntityRef[];
}

export interface ChainMap {
  region: EntityRef | null;
  tiers: { tier: string; name: string; nameEn: string; segments: ChainSegmentCount[] }[];
  unclassified: EntityRef[];
}

export interface GapCandidate {
  entity: EntityRef;
  score: number;
  reason: string;
  reasonEn: string;
}

export interface GapSegment {
  segment: EntityRef;
  tier: string;
  count: number;
  benchmarkCount: number;
  expected: number;
  status: GapStatus;
  candidates: GapCandidate[];
}

export interface GapReport {
  region: EntityRef;
  benchmark: EntityRef | null;
  thresholds: string;
  segments: GapSegment[];
}

export interface ExplanationPath {
  kind: string;
  nodes: EntityRef[];
  edges: EdgeRef[];
}

export interface PartnerSuggestion {
  entity: EntityRef;
  score: number;
  role: string;
  sentence: string;
  sentenceEn: string;
  paths: ExplanationPath[];
}

export interface QueryParam {
  name: string;
  type: ParamType;
  default: unknown;
  description: string | null;
}

export interface SavedQuery {
  name: string;
  title: string;
  titleEn: string;
  description: string;
  params: QueryParam[];
  cypher: string;
}

export interface QueryResult {
  columns: string[];
  rows: unknown[];
  graph: Subgraph;
  truncated: boolean;
  elapsedMs: number;
}

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
}
