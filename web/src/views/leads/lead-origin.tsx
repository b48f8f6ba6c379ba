/**
 * Why the lead was opened, frozen, next to what the same analysis says of the company now: the score
 * then and now, each part of it (parts that appeared or went away marked), and the evidence then.
 */
import { useGraphQL } from '../../api/query-client.js';
import type { EntityRef } from '../../api/fragments.js';
import { Spinner } from '../../components/status.js';
import { graphql } from '../../gql/index.js';
import type { EvidenceKind, LeadQuery } from '../../gql/graphql.js';
import { evidenceKindLabel, evidenceText } from '../../i18n/analysis-text.js';
import { displayName, formatTime, useI18n, type Translate } from '../../i18n/i18n.js';
import { useGapCandidates } from '../chain/chain-queries.js';
import type { Lead } from './lead-queries.js';

type Origin = LeadQuery['lead']['origin'];
type Parts = Record<string, number>;

const PartnersNowDocument = graphql(`
  query LeadPartnersNow($id: ID!, $limit: Int) {
    partners(id: $id, limit: $limit) {
      entity {
        id
      }
      score
      evidence {
        kind
        weight
      }
    }
  }
`);

type GapPart = 'segmentPoints' | 'alliancePoints' | 'linkPoints';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const partsOf = (v: unknown): Parts => {
  const out: Parts = {};
  if (isRecord(v)) for (const [k, n] of Object.entries(v)) if (typeof n === 'number') out[k] = n;
  return out;
};
const entityOf = (v: unknown): EntityRef | null =>
  isRecord(v) && typeof v.id === 'string' && typeof v.name === 'string'
    ? ({ id: v.id, name: v.name, type: v.type, kind: v.kind ?? null, nameEn: null, tier: null } as EntityRef)
    : null;

function partLabel(kind: string, key: string, t: Translate): string {
  if (kind === 'GAP_CANDIDATE') return t(`leads.scorePart.${key as GapPart}`);
  return evidenceKindLabel(key as EvidenceKind, t);
}

/** What the analysis says now: the score and its parts, or null when it no longer suggests the company. */
function useNow(lead: Lead, origin: Origin): { loading: boolean; now: { score: number; parts: Parts } | null } {
  const params = isRecord(origin.params) ? origin.params : {};
  const gap = origin.kind === 'GAP_CANDIDATE';
  const partner = origin.kind === 'PARTNER_SUGGESTION';
  const region = gap ? str(params.region) : null;
  const cands = useGapCandidates(region, str(params.benchmark), str(params.segment));
  const partnerOf = partner ? str(params.partnerOf) : null;
  const partners = useGraphQL(
    ['partners', partnerOf ?? '', 100, 'lead'],
    PartnersNowDocument,
    partnerOf ? { id: partnerOf, limit: 100 } : null,
  );
  const target = lead.targetId;
  if (gap) {
    const list = cands.data?.gapCandidates.candidates;
    if (!list) return { loading: true, now: null };
    const c = list.find((x) => x.entity.id === target || x.units.some((u) => u.entity.id === target));
    return {
      loading: false,
      now: c
        ? { score: c.score, parts: { segmentPoints: c.segmentPoints, alliancePoints: c.alliancePoints, linkPoints: c.linkPoints } }
        : null,
    };
  }
  if (partner) {
    const list = partners.data?.partners;
    if (!list) return { loading: true, now: null };
    const s = list.find((x) => x.entity.id === target);
    if (!s) return { loading: false, now: null };
    const parts: Parts = {};
    for (const e of s.evidence) parts[e.kind] = Math.round(((parts[e.kind] ?? 0) + e.weight) * 100) / 100;
    return { loading: false, now: { score: s.score, parts } };
  }
  return { loading: false, now: null };
}

const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(2)}`;

export function OriginCompare({ lead, origin }: { lead: Lead; origin: Origin }) {
  const { t, lang } = useI18n();
  const { loading, now } = useNow(lead, origin);
  const params = isRecord(origin.params) ? origin.params : {};
  const analysed = origin.kind === 'GAP_CANDIDATE' || origin.kind === 'PARTNER_SUGGESTION';
  const intro = (
    <p className="small" data-testid="origin-kind">
      {t(`leads.origin.${origin.kind}`)} · {t('leads.origin.frozenAt', { at: formatTime(origin.frozenAt, lang) })}
      {origin.kind === 'SEARCH' && str(params.searchText) && ` · ${t('leads.origin.searched', { text: str(params.searchText) ?? '' })}`}
    </p>
  );
  if (!analysed || origin.score === null || origin.score === undefined) return intro;
  const then = partsOf(origin.parts);
  const keys = [...new Set([...Object.keys(then), ...Object.keys(now?.parts ?? {})])].filter(
    (k) => (then[k] ?? 0) !== 0 || (now?.parts[k] ?? 0) !== 0,
  );
  return (
    <div className="origin-compare">
      {intro}
      <div className="origin-columns">
        <div className="origin-then" data-testid="origin-frozen">
          <h4>{t('leads.origin.then', { at: formatTime(origin.frozenAt, lang) })}</h4>
          <p className="origin-score">
            {t('leads.origin.score')} <strong data-testid="origin-frozen-score">{origin.score.toFixed(2)}</strong>
          </p>
          <FrozenEvidence kind={origin.kind} evidence={origin.evidence} />
        </div>
        <div className="origin-now" data-testid="origin-now">
          <h4>{t('leads.origin.now')}</h4>
          {loading ? (
            <Spinner />
          ) : now ? (
            <p className="origin-score">
              {t('leads.origin.score')} <strong data-testid="origin-now-score">{now.score.toFixed(2)}</strong>{' '}
              <span className="muted">({signed(now.score - origin.score)})</span>
            </p>
          ) : (
            <p className="lead-warning" data-testid="origin-gone">
              {t('leads.origin.gone')}
            </p>
          )}
        </div>
      </div>
      <table className="data-table origin-parts" data-testid="origin-parts">
        <thead>
          <tr>
            <th>{t('leads.origin.part')}</th>
            <th className="num">{t('leads.origin.thenCol')}</th>
            <th className="num">{t('leads.origin.nowCol')}</th>
            <th>{t('leads.origin.change')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const a = then[k] ?? 0;
            const b = now ? (now.parts[k] ?? 0) : null;
            const change =
              b === null
                ? ''
                : a === 0 && b !== 0
                  ? t('leads.origin.added')
                  : a !== 0 && b === 0
                    ? t('leads.origin.removed')
                    : a === b
                      ? t('leads.origin.same')
                      : signed(b - a);
            return (
              <tr key={k} data-part={k}>
                <td>{partLabel(origin.kind, k, t)}</td>
                <td className="num">{a.toFixed(2)}</td>
                <td className="num">{b === null ? '—' : b.toFixed(2)}</td>
                <td className={a === 0 && b ? 'part-added' : a && b === 0 ? 'part-removed' : ''}>{change}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">{t('leads.origin.namesThen')}</p>
    </div>
  );
}

function FrozenEvidence({ kind, evidence }: { kind: string; evidence: unknown }) {
  const { t, lang } = useI18n();
  if (!isRecord(evidence)) return null;
  if (kind === 'GAP_CANDIDATE') {
    const alliances = Array.isArray(evidence.sharedAlliances)
      ? evidence.sharedAlliances.map((s) => (isRecord(s) ? entityOf(s.alliance) : null)).filter((e): e is EntityRef => e !== null)
      : [];
    return (
      <ul className="plain-list origin-evidence small">
        <li>
          {evidence.inferred
            ? t('leads.origin.segmentInferred', { why: str(evidence.inferredBecause) ?? '' })
            : t('leads.origin.segmentStated')}
        </li>
        {alliances.length > 0 && (
          <li>{t('leads.origin.alliances', { list: alliances.map((a) => displayName(a, lang)).join(t('leads.listSeparator')) })}</li>
        )}
        {typeof evidence.degree === 'number' && <li>{t('leads.origin.degree', { n: evidence.degree })}</li>}
      </ul>
    );
  }
  const target = entityOf(evidence.entity);
  const items = Array.isArray(evidence.evidence) ? evidence.evidence.filter(isRecord) : [];
  return (
    <ul className="plain-list origin-evidence small">
      {items.map((e, i) => (
        <li key={i}>
          {evidenceText(
            { kind: e.kind as EvidenceKind, via: entityOf(e.via), count: typeof e.count === 'number' ? e.count : null },
            target,
            t,
            lang,
          )}
          {typeof e.weight === 'number' && <span className="muted"> +{e.weight}</span>}
        </li>
      ))}
    </ul>
  );
}
