/** The leads list's and board's filters (stage, owner, region, segment, overdue), kept in the URL. */
import { RegionSelect } from '../../components/region-select.js';
import type { LeadFilter, LeadStage } from '../../gql/graphql.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import type { UrlState } from '../../state/url-state.js';
import { useChain } from '../chain/chain-queries.js';
import { STAGES } from './lead-text.js';

export function filterOf(state: UrlState): LeadFilter {
  const stage = STAGES.find((s) => s === state.params.stage) ?? null;
  return {
    stage,
    owner: state.params.owner?.trim() || null,
    region: state.region,
    segment: state.params.segment || null,
    overdue: state.params.overdue === '1' ? true : null,
  };
}

export function LeadFilters({ state, update, withStage }: { state: UrlState; update: UpdateUrlState; withStage: boolean }) {
  const { t, lang } = useI18n();
  const chain = useChain(null);
  const segments = (chain.data?.chain.tiers ?? []).flatMap((tier) => tier.segments.map((s) => s.segment));
  const f = filterOf(state);
  const setParam = (key: string, value: string | null) =>
    update((s) => {
      const params = { ...s.params };
      if (value) params[key] = value;
      else delete params[key];
      return { params };
    });
  return (
    <div className="lead-filters" data-testid="lead-filters">
      {withStage && (
        <label className="toolbar-group">
          <span className="toolbar-label">{t('leads.filter.stage')}</span>
          <select
            className="inline"
            value={f.stage ?? ''}
            onChange={(e) => setParam('stage', (e.target.value as LeadStage) || null)}
            data-testid="filter-stage"
          >
            <option value="">{t('leads.filter.any')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`leads.stage.${s}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="toolbar-group">
        <span className="toolbar-label">{t('leads.filter.owner')}</span>
        <input
          className="inline lead-owner-filter"
          value={state.params.owner ?? ''}
          placeholder={t('leads.filter.ownerHint')}
          onChange={(e) => setParam('owner', e.target.value)}
          data-testid="filter-owner"
        />
      </label>
      <RegionSelect
        value={state.region}
        onChange={(region) => update({ region })}
        emptyLabel={t('leads.filter.anyRegion')}
        label={t('leads.filter.region')}
        testId="filter-region"
      />
      <label className="toolbar-group">
        <span className="toolbar-label">{t('leads.filter.segment')}</span>
        <select
          className="inline"
          value={f.segment ?? ''}
          onChange={(e) => setParam('segment', e.target.value || null)}
          data-testid="filter-segment"
        >
          <option value="">{t('leads.filter.any')}</option>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {displayName(s, lang)}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-group lead-overdue-filter">
        <input
          type="checkbox"
          checked={f.overdue === true}
          onChange={(e) => setParam('overdue', e.target.checked ? '1' : null)}
          data-testid="filter-overdue"
        />
        <span>{t('leads.filter.overdue')}</span>
      </label>
    </div>
  );
}
