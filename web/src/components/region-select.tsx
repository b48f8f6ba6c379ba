/** A picker of regions (city, districts, towns), indented by level. */
import { useGraphQL } from '../api/query-client.js';
import { keys } from '../api/query-keys.js';
import { graphql } from '../gql/index.js';
import { displayName, useI18n } from '../i18n/i18n.js';
import { ErrorBanner } from './status.js';

const RegionsDocument = graphql(`
  query Regions {
    regions {
      ...EntityRef
    }
  }
`);

const INDENT: Record<string, string> = { city: '', district: '\u3000', town: '\u3000\u3000', subdistrict: '\u3000\u3000' };

export interface RegionSelectProps {
  value: string | null;
  onChange: (id: string | null) => void;
  /** The label of the empty choice (e.g. 全图); without it a region must be chosen. */
  emptyLabel?: string;
  label: string;
  /** The label is for screen readers only (a table column already says what the picker is). */
  hideLabel?: boolean;
  testId?: string;
  exclude?: string | null;
}

export function RegionSelect({ value, onChange, emptyLabel, label, hideLabel, testId, exclude }: RegionSelectProps) {
  const { lang, t } = useI18n();
  const { data, loading, error, reload } = useGraphQL(keys.regions(), RegionsDocument, {});
  return (
    <label className="toolbar-group">
      <span className={hideLabel ? 'sr-only' : 'toolbar-label'}>{label}</span>
      <select className="inline" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : !value && <option value="">{t('chain.pickRegion')}</option>}
        {loading && !data && <option disabled>{t('common.loading')}</option>}
        {data?.regions
          .filter((r) => r.id !== exclude)
          .map((r) => (
            <option key={r.id} value={r.id}>
              {(INDENT[r.kind ?? ''] ?? '') + displayName(r, lang)}
            </option>
          ))}
      </select>
      {error && <ErrorBanner error={error} onRetry={reload} />}
    </label>
  );
}
