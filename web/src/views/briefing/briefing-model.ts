/**
 * The district briefing as data: a title page and seven sections of sentences, tables and the chain
 * picture, in the reader's language. The page, the Word file and the Excel workbook are all drawn
 * from this one model, so the three say the same thing.
 */
import { CHANGE_KIND_LABELS, DOCUMENT_KIND_LABELS } from '../../../../shared/model/curation.js';
import type { EntityType, KeyPlayerLabel, LeadStage } from '../../gql/graphql.js';
import { displayName, entityTypeLabel, formatTime, tierLabel, type Lang, type Translate } from '../../i18n/i18n.js';
import { gapStatusLabel } from '../../i18n/analysis-text.js';
import type { ChainMap, GapCandidateList, GapReport } from '../chain/chain-queries.js';
import type { ChangeSetSummary } from '../changes/change-queries.js';
import { countsPhrase } from '../changes/change-text.js';
import { orgCountText, placeText, scoreText, shareText } from '../gaps/gap-text.js';
import { NEEDS_REASON, STAGES } from '../leads/lead-text.js';
import type { BriefingData, BriefingLeads } from './briefing-queries.js';

export type Cell = string | number;

export interface BriefingTable {
  /** Stable id (tests, CSS hooks). */
  id: string;
  /** The table's caption; also the Excel sheet's name. */
  title: string;
  columns: string[];
  /** Relative column widths (the page and the Word file share them). */
  widths: number[];
  rows: Cell[][];
  /** Per row, a gap status (or null) the page colours the row by. */
  tones?: (string | null)[];
}

export type Block =
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'table'; table: BriefingTable }
  /** The chain picture with the gaps marked (drawn off-screen, see chain-picture.ts). */
  | { kind: 'chain' };

export type SectionId = 'profile' | 'chain' | 'gaps' | 'players' | 'leads' | 'changes' | 'sources';

export interface BriefingSection {
  id: SectionId;
  heading: string;
  blocks: Block[];
}

export interface BriefingModel {
  title: string;
  region: string;
  benchmark: string;
  /** Title-page lines: region, benchmark, generation date. */
  cover: { label: string; value: string }[];
  sections: BriefingSection[];
  /** "目录", and who made the file (the app's name). */
  contentsLabel: string;
  creator: string;
  /** A file name stem: "闵行区_区域简报". */
  fileStem: string;
}

export interface BriefingInput {
  chain: ChainMap;
  gaps: GapReport;
  candidates: GapCandidateList;
  extras: BriefingData;
  /** The region's leads (those the reader may see). */
  leads: BriefingLeads;
  /** The region's change feed, newest first (the last 30 days are kept). */
  changes: readonly ChangeSetSummary[];
  now: Date;
  lang: Lang;
  t: Translate;
}

/** Days of changes the briefing lists. */
export const RECENT_DAYS = 30;

const isGap = (status: string) => status === 'MISSING' || status === 'THIN';

interface Cited {
  title: string;
  date: string;
  url: string;
  kind: string;
  sections: Set<SectionId>;
}

/** Stages set aside (搁置 / 放弃): counted, not listed as active. */
const INACTIVE = NEEDS_REASON;

export function buildBriefing({ chain, gaps, candidates, extras, leads, changes, now, lang, t }: BriefingInput): BriefingModel {
  const regionName = displayName(gaps.region, lang);
  const benchName = gaps.benchmark ? displayName(gaps.benchmark, lang) : t('common.wholeGraph');
  const cited = new Map<string, Cited>();
  const cite = (
    section: SectionId,
    s: { document: string; title?: string | null; date?: string | null; url?: string | null; kind?: string | null },
  ) => {
    const known = cited.get(s.document);
    if (known) return void known.sections.add(section);
    cited.set(s.document, {
      title: s.title || s.document,
      date: s.date ?? '',
      url: s.url ?? '',
      kind: s.kind && s.kind in DOCUMENT_KIND_LABELS ? DOCUMENT_KIND_LABELS[s.kind as keyof typeof DOCUMENT_KIND_LABELS][lang] : '',
      sections: new Set([section]),
    });
  };

  // 1 Region profile: where it sits, what is in it by type, how its organisations fall into the chain.
  for (const s of extras.region?.sources ?? []) cite('profile', s);
  const tree = extras.regionTree;
  const parent = tree.find((o) => o.region.id === tree.find((x) => x.region.id === gaps.region.id)?.parent)?.region;
  const towns = tree.filter((o) => o.parent === gaps.region.id).map((o) => displayName(o.region, lang));
  const byType = [...(extras.stats?.byEntityType ?? [])].filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  const segments = chain.tiers.flatMap((tier) => tier.segments);
  const profile: Block[] = [
    {
      kind: 'text',
      text: t('briefing.profileIntro', {
        region: regionName,
        parent: parent ? displayName(parent, lang) : '—',
        entities: extras.stats?.entities ?? 0,
        relations: extras.stats?.relations ?? 0,
      }),
    },
    { kind: 'text', text: towns.length ? t('briefing.towns', { towns: towns.join(t('briefing.listSep')) }) : t('briefing.noTowns') },
    {
      kind: 'text',
      text: t('briefing.classified', {
        classified: gaps.classified,
        orgs: orgCountText(chain.totals, t, lang),
        unclassified: chain.unclassified.length,
      }),
    },
    {
      kind: 'table',
      table: {
        id: 'byType',
        title: t('briefing.tableByType'),
        columns: [t('briefing.colType'), t('briefing.colCount')],
        widths: [2, 1],
        rows: byType.map((c) => [entityTypeLabel(c.type as EntityType, lang), c.count]),
      },
    },
    {
      kind: 'table',
      table: {
        id: 'bySegment',
        title: t('briefing.tableBySegment'),
        columns: [t('gaps.tier'), t('gaps.segment'), t('briefing.colCount'), t('briefing.colByType')],
        widths: [1, 2, 1, 3],
        rows: segments.map((s) => [tierLabel(s.tier, lang), displayName(s.segment, lang), s.count, orgCountText(s.byType, t, lang)]),
      },
    },
  ];

  // 2 The chain picture, gaps marked.
  const gapNames = gaps.segments
    .filter((s) => isGap(s.status))
    .map((s) => t('briefing.gapMark', { segment: displayName(s.segment, lang), status: gapStatusLabel(s.status, t) }));
  const chainBlocks: Block[] = [
    { kind: 'text', text: t('briefing.chainIntro', { region: regionName, benchmark: benchName }) },
    {
      kind: 'text',
      text: gapNames.length ? t('briefing.chainGaps', { gaps: gapNames.join(t('briefing.listSep')) }) : t('briefing.chainNoGaps'),
    },
    { kind: 'chain' },
  ];

  // 3 The gap table, then the candidates of each gap with their reasons in one sentence.
  const places = new Map(candidates.places.map((p) => [p.id, p]));
  const segmentRef = new Map(gaps.segments.map((s) => [s.segment.id, s.segment]));
  const candidateRows: Cell[][] = [];
  for (const g of gaps.segments.filter((s) => isGap(s.status))) {
    const list = candidates.candidates.filter((c) => c.segment === g.segment.id);
    // As on screen: those to attract first, then those already or likely here.
    const local = (c: (typeof list)[number]) => c.locality === 'LOCAL' || c.locality === 'LIKELY_LOCAL';
    for (const c of [...list.filter((c) => !local(c)), ...list.filter(local)]) {
      candidateRows.push([
        displayName(g.segment, lang),
        displayName(c.entity, lang),
        placeText(c.location, places, t, lang),
        local(c) ? t(`locality.${c.locality as 'LOCAL' | 'LIKELY_LOCAL'}`) : t('gaps.toAttract'),
        Number(c.score.toFixed(2)),
        scoreText(c, segmentRef.get(c.segment) ?? g.segment, t, lang),
      ]);
    }
  }
  for (const c of extras.gapCandidates.candidates) for (const s of c.entity.sources) cite('gaps', s);
  const gapBlocks: Block[] = [
    {
      kind: 'text',
      text: t('gaps.rule', {
        here: gaps.classified,
        bench: gaps.benchmarkClassified,
        thin: gaps.thresholds.thinBelow,
        strong: gaps.thresholds.strongAtLeast,
        min: gaps.thresholds.strongMinCount,
      }),
      muted: true,
    },
    {
      kind: 'table',
      table: {
        id: 'gaps',
        title: t('briefing.tableGaps'),
        columns: [t('gaps.segment'), t('gaps.tier'), t('gaps.count'), t('gaps.share'), t('gaps.benchmarkShare'), t('gaps.status')],
        widths: [2, 1, 2.4, 1.4, 1.4, 1],
        rows: gaps.segments.map((s) => [
          displayName(s.segment, lang),
          tierLabel(s.tier, lang),
          orgCountText(s.byType, t, lang),
          shareText(s.count, gaps.classified, t),
          shareText(s.benchmarkCount, gaps.benchmarkClassified, t),
          gapStatusLabel(s.status, t),
        ]),
        tones: gaps.segments.map((s) => s.status),
      },
    },
    candidateRows.length
      ? {
          kind: 'table',
          table: {
            id: 'candidates',
            title: t('briefing.tableCandidates'),
            columns: [
              t('briefing.colGap'),
              t('gaps.candidates'),
              t('briefing.colPlace'),
              t('briefing.colLocality'),
              t('briefing.colScore'),
              t('briefing.colReason'),
            ],
            widths: [1.2, 2.2, 1.6, 1, 0.8, 4.2],
            rows: candidateRows,
          },
        }
      : { kind: 'text', text: t('briefing.noCandidates') },
  ];

  // 4 Key players: the top ten with the rules that score and label them.
  const map = extras.keyPlayerMap;
  const maxDegree = Math.max(1, ...map.players.map((p) => p.degree));
  const labelText = (l: KeyPlayerLabel) => t(`players.label.${l}`);
  for (const p of map.players) for (const s of p.entity.sources) cite('players', s);
  const playerBlocks: Block[] = [
    {
      kind: 'text',
      text: t('players.rule.score', {
        dw: map.rules.degreeWeight,
        bw: map.rules.betweennessWeight,
        bonus: map.rules.districtBonus,
        max: maxDegree,
      }),
      muted: true,
    },
    {
      kind: 'text',
      text: `${t('players.rule.CHAIN_LEADER', { top: map.rules.leaderTop, min: map.rules.leaderMinDegree })} ${t('players.rule.BRIDGE', {
        districts: map.rules.bridgeMinDistricts,
        min: map.rules.bridgeMinDegree,
      })}`,
      muted: true,
    },
    map.players.length
      ? {
          kind: 'table',
          table: {
            id: 'players',
            title: t('briefing.tablePlayers', { n: map.players.length }),
            columns: [
              t('players.rank'),
              t('players.name'),
              t('players.type'),
              t('players.labels'),
              t('players.score'),
              t('players.degree'),
              t('players.betweenness'),
              t('players.districts'),
            ],
            widths: [0.6, 3.2, 1, 1.2, 0.9, 0.9, 1, 1.8],
            rows: map.players.map((p, i) => [
              i + 1,
              displayName(p.entity, lang),
              entityTypeLabel(p.entity.type, lang),
              p.labels.map(labelText).join(t('players.listSeparator')),
              Number(p.score.toFixed(3)),
              p.degree,
              Number(p.betweenness.toFixed(3)),
              p.districts.length ? p.districts.join(t('players.listSeparator')) : t('players.noDistrict'),
            ]),
          },
        }
      : { kind: 'text', text: t('players.none') },
  ];

  // 5 Active leads by stage (on hold and abandoned ones only counted).
  const stageName = (s: LeadStage) => t(`leads.stage.${s}`);
  const countOf = (s: LeadStage) => leads.items.filter((l) => l.stage === s).length;
  const active = leads.items.filter((l) => !INACTIVE.has(l.stage)).sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
  const byStage = STAGES.filter((s) => !INACTIVE.has(s) && countOf(s) > 0)
    .map((s) => t('briefing.stageCount', { stage: stageName(s), n: countOf(s) }))
    .join(t('briefing.listSep'));
  const leadBlocks: Block[] = leads.items.length
    ? [
        {
          kind: 'text',
          text: t('briefing.leadsIntro', {
            n: active.length,
            stages: byStage || '—',
            hold: countOf('ON_HOLD'),
            abandoned: countOf('ABANDONED'),
          }),
        },
        ...(active.length
          ? [
              {
                kind: 'table' as const,
                table: {
                  id: 'leads',
                  title: t('briefing.tableLeads'),
                  columns: [
                    t('briefing.colStage'),
                    t('briefing.colCompany'),
                    t('gaps.segment'),
                    t('briefing.colOwner'),
                    t('briefing.colNext'),
                    t('briefing.colDue'),
                    t('briefing.colInvestment'),
                    t('briefing.colUrgency'),
                  ],
                  widths: [0.8, 2.4, 1.2, 0.9, 2.2, 1.1, 1, 0.9],
                  rows: active.map((l) => [
                    stageName(l.stage),
                    l.target ? displayName(l.target, lang) : (l.proposedName ?? ''),
                    l.segment ? displayName(l.segment, lang) : '',
                    l.owner,
                    l.nextAction ?? '',
                    l.dueAt ? l.dueAt.slice(0, 10) : '',
                    l.estimatedInvestment ?? '',
                    l.urgency && l.urgency !== 'ON_TRACK' ? t(`briefing.urgency.${l.urgency}`) : '',
                  ]),
                },
              },
            ]
          : []),
      ]
    : [{ kind: 'text', text: t('briefing.noLeads'), muted: true }];

  // 6 Recent changes: the last 30 days of the region's change feed.
  const since = now.getTime() - RECENT_DAYS * 24 * 3600_000;
  const recent = changes.filter((c) => new Date(c.at).getTime() >= since);
  for (const c of recent) if (c.document) cite('changes', { document: c.document.id, ...c.document });
  const changeBlocks: Block[] = recent.length
    ? [
        { kind: 'text', text: t('briefing.changesIntro', { n: recent.length, days: RECENT_DAYS }) },
        {
          kind: 'table',
          table: {
            id: 'changes',
            title: t('briefing.tableChanges'),
            columns: [
              t('briefing.colTime'),
              t('changes.kind'),
              t('changes.by'),
              t('briefing.colWhat'),
              t('briefing.colNote'),
              t('briefing.colSource'),
            ],
            widths: [1.5, 0.8, 0.9, 2.2, 2.6, 2.2],
            rows: recent.map((c) => [
              formatTime(c.at, lang),
              CHANGE_KIND_LABELS[c.kind][lang],
              c.author,
              countsPhrase(c.counts, lang, t) || t('changes.nothingChanged'),
              c.note,
              c.document?.title ?? '',
            ]),
          },
        },
      ]
    : [{ kind: 'text', text: t('briefing.noChanges', { days: RECENT_DAYS }) }];

  // 7 Sources: every document the sections above rest on.
  const order: SectionId[] = ['profile', 'chain', 'gaps', 'players', 'leads', 'changes'];
  const sources = [...cited.values()].sort((a, b) => (b.date || '').localeCompare(a.date || '') || a.title.localeCompare(b.title));
  const sectionName = (id: SectionId) => t(`briefing.section.${id}`);
  const sourceBlocks: Block[] = sources.length
    ? [
        { kind: 'text', text: t('briefing.sourcesIntro', { n: sources.length }) },
        {
          kind: 'table',
          table: {
            id: 'sources',
            title: t('briefing.tableSources'),
            columns: [
              '#',
              t('briefing.colTitle'),
              t('briefing.colDocKind'),
              t('briefing.colDate'),
              t('briefing.colUrl'),
              t('briefing.colCitedIn'),
            ],
            widths: [0.4, 3.2, 0.8, 1.1, 3.2, 1.6],
            rows: sources.map((s, i) => [
              i + 1,
              s.title,
              s.kind,
              s.date,
              s.url,
              order
                .filter((id) => s.sections.has(id))
                .map(sectionName)
                .join(t('briefing.listSep')),
            ]),
          },
        },
      ]
    : [{ kind: 'text', text: t('briefing.noSources') }];

  const section = (id: SectionId, blocks: Block[], n: number): BriefingSection => ({
    id,
    heading: t('briefing.heading', { n, title: sectionName(id) }),
    blocks,
  });
  const title = t('briefing.title', { region: regionName });
  return {
    title,
    region: regionName,
    benchmark: benchName,
    cover: [
      { label: t('briefing.coverRegion'), value: regionName },
      { label: t('briefing.coverBenchmark'), value: benchName },
      { label: t('briefing.coverGenerated'), value: formatTime(now.toISOString(), lang) },
      { label: t('briefing.coverSource'), value: t('app.title') },
    ],
    sections: [
      section('profile', profile, 1),
      section('chain', chainBlocks, 2),
      section('gaps', gapBlocks, 3),
      section('players', playerBlocks, 4),
      section('leads', leadBlocks, 5),
      section('changes', changeBlocks, 6),
      section('sources', sourceBlocks, 7),
    ],
    contentsLabel: t('briefing.contents'),
    creator: t('app.title'),
    fileStem: t('briefing.fileStem', { region: regionName }),
  };
}

/** Every table of a briefing, in order (the Excel workbook's sheets). */
export const briefingTables = (m: BriefingModel): BriefingTable[] =>
  m.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : [])));
