/**
 * What article ingest takes and proposes. Pure data: the extractor reads text and a name index,
 * never the store; the review queue, API and CLI are built on these types.
 */
import type { MatchReason, NameMatch } from '../domain/curation/types.js';
import type { EntityKind, EntityType, RelationKind, RelationType } from '../domain/model.js';

/** Why an input cannot be ingested at all (nothing is proposed). */
export const CLEAN_ERROR_CODES = ['EMPTY', 'BINARY', 'ENCODING', 'TOO_LARGE', 'ONLY_FURNITURE'] as const;
export type CleanErrorCode = (typeof CLEAN_ERROR_CODES)[number];

export interface CleanError {
  code: CleanErrorCode;
  /** A sentence for the person who pasted or uploaded the article. */
  message: string;
  /** The encoding the bytes were read in, when decoding got that far. */
  encoding: TextEncoding | null;
}

/** How bytes were decoded (null when the input was a string). */
export type TextEncoding = 'utf-8' | 'gb18030' | 'big5';

export type ArticleFormat = 'text' | 'html';

/** An article as pasted or uploaded. `text` is raw: bytes of a file, or a string. */
export interface ArticleInput {
  text: string | Uint8Array;
  /** `html` extracts the text with an HTML parser first; default `text`. */
  format?: ArticleFormat;
  title?: string | null;
  date?: string | null;
  url?: string | null;
  publisher?: string | null;
}

export interface Span {
  start: number;
  end: number;
}

/** A sentence of the cleaned text: split at 。！？；!?; and line breaks. */
export interface Sentence extends Span {
  index: number;
  text: string;
}

/** Why a stretch of the normalised text was dropped as page furniture. */
export type FurnitureReason =
  'navigation' | 'byline' | 'image' | 'link' | 'contact' | 'copyright' | 'related-list' | 'after-article' | 'share' | 'list-item' | 'blank';

export interface Furniture extends Span {
  reason: FurnitureReason;
  text: string;
}

/** What the page said about itself (bylines are kept here, not in the text). */
export interface ArticleMetadata {
  title: string | null;
  date: string | null;
  source: string | null;
  editor: string | null;
  author: string | null;
  url: string | null;
}

/** A piece of the cleaned text and where it lies in the normalised text. */
export interface Segment {
  clean: number;
  source: number;
  length: number;
}

/** The article after decoding, normalisation and furniture removal. */
export interface CleanArticle {
  /** The cleaned text every span refers to. */
  text: string;
  /** The normalised text before furniture was dropped (what seed quotes are checked against). */
  source: string;
  format: ArticleFormat;
  encoding: TextEncoding | null;
  sentences: Sentence[];
  /** Cleaned offsets → normalised offsets, in order; see `toSourceOffset`. */
  segments: Segment[];
  furniture: Furniture[];
  metadata: ArticleMetadata;
}

export type CleanResult = { ok: true; article: CleanArticle } | { ok: false; error: CleanError };

/** The existing entity a proposal most likely is (null on the proposal: new). */
export interface ProposalMatch {
  id: string;
  name: string;
  score: number;
  reason: MatchReason;
}

/** How a proposal was found. */
export type EntitySource = 'graph' | 'suffix' | 'title' | 'list' | 'event' | 'context' | 'inner' | 'lexicon';

export interface EntityProposal {
  /** Stable within one run (`e1`, `e2` … in order of first mention). */
  key: string;
  name: string;
  type: EntityType;
  kind?: EntityKind;
  /** Other forms the text uses (a party-branch form, a short name). */
  aliases: string[];
  /** The best existing entity at or above POSSIBLE_MATCH; null: new. */
  match: ProposalMatch | null;
  /** Up to three existing entities it may be, best first (for re-linking). */
  candidates: NameMatch[];
  /** The sentence of the first mention. */
  quote: string;
  /** Every mention in the cleaned text. */
  spans: Span[];
  found: EntitySource;
}

export interface RelationProposal {
  type: RelationType;
  /** Entity keys. */
  from: string;
  to: string;
  role?: string;
  kind?: RelationKind;
  topic?: string;
  date?: string;
  /** The sentence (or, in a long one, its clause) that states it. */
  quote: string;
  /** Where the evidence lies in the cleaned text. */
  span: Span;
  /** The pattern that proposed it (`title`, `member-list`, `signing` …). */
  rule: string;
  /** Set when the text implies rather than states it (a district of Shanghai); `reason` says why. */
  inferred?: boolean;
  reason?: string;
}

export interface IngestWarning {
  code: string;
  message: string;
  span?: Span;
}

export interface Proposals {
  /** The cleaned text the spans refer to (empty when the input was refused). */
  text: string;
  article: CleanArticle | null;
  /** Why nothing was proposed, when the input was refused. */
  error: CleanError | null;
  entities: EntityProposal[];
  relations: RelationProposal[];
  warnings: IngestWarning[];
}
