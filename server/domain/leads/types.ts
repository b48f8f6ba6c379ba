/**
 * Leads (招商线索): what the store keeps of a company being attracted to a region, its stages and
 * the SLA rules that set its deadlines. Stage codes are the API's enum values and the stored codes.
 */

/** 线索 → 接洽 → 走访 → 研判 → 谈判 → 签约 → 注册 → 投产, and 搁置 / 放弃 beside them. */
export const LEAD_STAGES = [
  'LEAD',
  'CONTACT',
  'VISIT',
  'ASSESSMENT',
  'NEGOTIATION',
  'SIGNED',
  'REGISTERED',
  'PRODUCTION',
  'ON_HOLD',
  'ABANDONED',
] as const;
export type LeadStage = (typeof LEAD_STAGES)[number];

/** Stages a lead leaves only by someone's decision: no deadline runs there, and a move into them needs a reason. */
export const CLOSED_STAGES: readonly LeadStage[] = ['PRODUCTION', 'ON_HOLD', 'ABANDONED'];
export const REASON_REQUIRED: readonly LeadStage[] = ['ON_HOLD', 'ABANDONED'];
export const isOpenStage = (s: LeadStage): boolean => !CLOSED_STAGES.includes(s);

export const INTERACTION_KINDS = ['CALL', 'VISIT', 'MEETING', 'EMAIL'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const LEAD_ORIGINS = ['GAP_CANDIDATE', 'PARTNER_SUGGESTION', 'SEARCH', 'MANUAL'] as const;
export type LeadOriginKind = (typeof LEAD_ORIGINS)[number];

/** What the analysis a lead came from said at the time, frozen: later changes to the graph do not change it. */
export interface LeadOrigin {
  kind: LeadOriginKind;
  /** The analysis's score of the target, when it has one. */
  score: number | null;
  /** The score's parts (a gap candidate's segmentPoints …), as the analysis named them. */
  parts: Record<string, number> | null;
  /** The analysis's own evidence for the target (a GapCandidate or a PartnerSuggestion's shape), as JSON. */
  evidence: unknown;
  /** What the analysis was asked (region, benchmark, segment; partners of whom; the search text). */
  params: Record<string, unknown>;
  /** When it was frozen (ISO). */
  at: string;
}

/** What an SLA rule measures a stage's deadline from, and what it asks for. */
export const SLA_KINDS = ['RESPOND', 'ASSESS', 'FEEDBACK', 'PROGRESS'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];

/** From entering the stage, or from the lead's last recorded activity (stage change or interaction). */
export const SLA_CLOCKS = ['STAGE_ENTERED', 'LAST_ACTIVITY'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export interface SlaRule {
  stage: LeadStage;
  kind: SlaKind;
  /** Working days (Mon–Fri, Asia/Shanghai) from the clock's start to the deadline. */
  workingDays: number;
  clock: SlaClock;
  /** A lead is DUE_SOON this many hours before its deadline. */
  dueSoonHours: number;
}

export const SLA_STATUSES = ['ON_TRACK', 'DUE_SOON', 'OVERDUE'] as const;
export type SlaStatus = (typeof SLA_STATUSES)[number];

/**
 * The defaults: respond to a new lead within 1 working day, feedback within a week (5 working days)
 * of contact and of a visit, 研判 within 3 working days, then progress reported every two weeks (10
 * working days) from the last activity while negotiating, signed and registering.
 */
export const DEFAULT_SLA_RULES: readonly SlaRule[] = [
  { stage: 'LEAD', kind: 'RESPOND', workingDays: 1, clock: 'STAGE_ENTERED', dueSoonHours: 24 },
  { stage: 'CONTACT', kind: 'FEEDBACK', workingDays: 5, clock: 'STAGE_ENTERED', dueSoonHours: 24 },
  { stage: 'VISIT', kind: 'FEEDBACK', workingDays: 5, clock: 'STAGE_ENTERED', dueSoonHours: 24 },
  { stage: 'ASSESSMENT', kind: 'ASSESS', workingDays: 3, clock: 'STAGE_ENTERED', dueSoonHours: 24 },
  { stage: 'NEGOTIATION', kind: 'PROGRESS', workingDays: 10, clock: 'LAST_ACTIVITY', dueSoonHours: 48 },
  { stage: 'SIGNED', kind: 'PROGRESS', workingDays: 10, clock: 'LAST_ACTIVITY', dueSoonHours: 48 },
  { stage: 'REGISTERED', kind: 'PROGRESS', workingDays: 10, clock: 'LAST_ACTIVITY', dueSoonHours: 48 },
];

export interface Attachment {
  url: string;
  title: string | null;
}

/** A lead as stored (times ISO). */
export interface LeadRecord {
  id: string;
  /** The entity being attracted; null while it is only proposed. */
  targetId: string | null;
  /** A company not in the graph yet: its name and the review-queue job that proposes it. */
  proposedName: string | null;
  proposalJob: string | null;
  region: string;
  segment: string | null;
  origin: LeadOrigin;
  owner: string;
  collaborators: string[];
  stage: LeadStage;
  stageReason: string | null;
  stageEnteredAt: string;
  lastActivityAt: string;
  nextAction: string | null;
  dueAt: string | null;
  /** 万元. */
  estimatedInvestment: number | null;
  /** ㎡ (1 亩 = 666.67 ㎡; the client converts). */
  area: number | null;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export const LEAD_EVENT_KINDS = ['CREATED', 'UPDATED', 'STAGE', 'INTERACTION', 'REASSIGNED'] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];

/** One entry of a lead's log: a stage change, an interaction, an edit or a reassignment. */
export interface LeadEvent {
  id: string;
  lead: string;
  kind: LeadEventKind;
  /** When it was recorded (ISO), and by whom. */
  at: string;
  actor: string;
  fromStage: LeadStage | null;
  toStage: LeadStage | null;
  /** A stage change's note or reason; an interaction's notes. */
  note: string | null;
  interactionKind: InteractionKind | null;
  /** When the interaction took place (YYYY-MM-DD). */
  date: string | null;
  /** Who took part (free text: names of the company's and our people). */
  who: string | null;
  attachments: Attachment[];
  /** An edit's fields (before/after), a reassignment's owners. */
  changes: Record<string, unknown> | null;
}

/** Who acts on leads: the account (or `local`), its role and region scope. */
export interface LeadActor {
  username: string;
  role: 'viewer' | 'analyst' | 'editor' | 'admin';
  /** Region scope: only leads whose region lies in it (null: all). */
  region: string | null;
  clientAddress: string | null;
}
