/**
 * The changes feed's items, and where a page ends. Items are ordered newest first by the time part of
 * their source's id (a change set `cs-<time>-<seq>-<rand>`, a lead event `lev-<time>-…`: both sort by
 * time), and within a change set in the order it made its revisions.
 */
import type { LeadStage } from '../leads/types.js';
import type { EntityType, RelationType } from '../model.js';
import type { WatchRecord } from './watches.js';

export type FeedItemKind = 'FACT_ADDED' | 'FACT_CHANGED' | 'FACT_RETRACTED' | 'LEAD_CREATED' | 'LEAD_STAGE_CHANGED';

export interface FeedEntityRef {
  id: string;
  name: string;
  type: EntityType | null;
  live: boolean;
}

export interface FeedRelationRef {
  id: string;
  type: RelationType | null;
  from: FeedEntityRef;
  to: FeedEntityRef;
  live: boolean;
}

export interface FeedLeadRef {
  id: string;
  /** The target's name, or the proposed name of a company not in the graph yet. */
  name: string;
  stage: LeadStage;
  fromStage: LeadStage | null;
  toStage: LeadStage | null;
}

export interface FeedItem {
  kind: FeedItemKind;
  at: string;
  by: string;
  changeSet: string | null;
  revision: string | null;
  entity: FeedEntityRef | null;
  relation: FeedRelationRef | null;
  lead: FeedLeadRef | null;
  /** The fact's fields an edit changed; provenance (sources, lastSeen) is `sourcesChanged`. */
  fields: string[];
  sourcesChanged: boolean;
  matchedBy: WatchRecord[];
}

/** A place in the feed: the time part of a source's id, and the revision's seq within a change set (0 otherwise). */
export interface Position {
  key: string;
  seq: number;
}

/** The time part of an id made as `<prefix>-<time>-<seq>-<rand>`. */
export const keyOf = (id: string): string => id.slice(id.indexOf('-') + 1);

/** Newest first; within one change set, in the order of its revisions. */
export const newestFirst = (a: Position, b: Position): number => (a.key < b.key ? 1 : a.key > b.key ? -1 : a.seq - b.seq);

/** Whether `p` comes after `cursor` in the feed's order (null: from the start). */
export const isAfter = (p: Position, cursor: Position | null): boolean => !cursor || newestFirst(cursor, p) < 0;
