/**
 * What the write model takes and keeps. Every change is a change set (who, when, why, from which
 * source) of revisions; a revision holds one entity's or relation's version before and after
 * (null = absent from the live graph). Reverting a change set applies its revisions backwards.
 */
import type { ChangeKind, RevisionOp, TargetKind } from '../../../shared/model/curation.js';
import type { EntityKind, EntityType, RelationKind, RelationType } from '../model.js';

/** An entity's editable fields (create: all that apply; update: those given change). */
export interface EntityDraft {
  type: EntityType;
  name: string;
  nameEn?: string | null;
  aliases?: string[];
  kind?: EntityKind | null;
  description?: string | null;
  creditCode?: string | null;
  registeredCapital?: string | null;
  founded?: string | null;
  address?: string | null;
  website?: string | null;
  contact?: string | null;
  headcount?: number | null;
  qualifications?: string[];
  products?: string[];
}

/** A relation to add: between two entities that exist. */
export interface RelationDraft {
  type: RelationType;
  from: string;
  to: string;
  role?: string | null;
  kind?: RelationKind | null;
  topic?: string | null;
  date?: string | null;
}

/**
 * Where a change comes from. Every source becomes a document + quote on the facts it supports: an
 * existing document with a verbatim quote; a web page by URL (a `web` document is created or
 * reused); a staff note (a `note` document: "visit on 2026-11-02, by …").
 */
export type SourceInput =
  | { kind: 'document'; document: string; quote: string }
  | { kind: 'url'; url: string; title?: string | null; date?: string | null; quote?: string | null }
  | { kind: 'note'; note: string; date?: string | null }
  /** An imported file (not an API input: the import makes it); each fact quotes its row. */
  | { kind: 'import'; fileName: string }
  /** An ingested article (not an API input: the review queue makes it); each fact quotes its sentence. */
  | { kind: 'article'; key: string; title: string; date?: string | null; url?: string | null; publisher?: string | null };

/** Who makes a change, from where. */
export interface ChangeAuthor {
  username: string;
  /** The editor's region scope (null: everywhere). */
  region: string | null;
  clientAddress: string | null;
}

export interface Revision {
  id: string;
  changeSet: string;
  seq: number;
  target: TargetKind;
  targetId: string;
  op: RevisionOp;
  /** The stored row before (null: it did not exist or was retracted). */
  before: Record<string, unknown> | null;
  /** The stored row after (null: retracted). */
  after: Record<string, unknown> | null;
  /** What else a reader needs (a merge: the entity merged into). */
  detail: Record<string, unknown> | null;
}

export interface ChangeSet {
  id: string;
  at: string;
  author: string;
  kind: ChangeKind;
  note: string;
  /** The document id every fact of this change is sourced to (null for a merge or revert). */
  document: string | null;
  /** The change set this one reverts, if any. */
  reverts: string | null;
  /** The change set that reverted this one, if any. */
  revertedBy: string | null;
  /** Region ids the change touched (for the feed's region filter). */
  regions: string[];
  /** Entity types the change touched (for the feed's type filter). */
  types: EntityType[];
  summary: string;
}

/** Why a name was matched to an existing entity (entity resolution), strongest first. */
export type MatchReason = 'CREDIT_CODE' | 'EXACT_NAME' | 'ALIAS' | 'TRADITIONAL' | 'NORMALISED' | 'ENGLISH' | 'SHORT_NAME' | 'PINYIN';

/** An existing entity a name may refer to, with a score in [0, 1] and why. */
export interface NameMatch {
  id: string;
  name: string;
  type: EntityType;
  score: number;
  reason: MatchReason;
  /** The name or alias of the entity that matched. */
  matched: string;
}

/** At or above this score a match is confident (still shown, never merged silently); below, a person decides. */
export const CONFIDENT_MATCH = 0.9;

/** What a change mutation answers: the change set, and the entity or relation as it now is. */
export interface ChangeResultModel {
  changeSet: ChangeSet;
  entity: import('../model.js').Entity | null;
  edge: import('../model.js').Edge | null;
}
