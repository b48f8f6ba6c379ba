/** A picker of regions: the city, each district, and the towns indented under their own district. */
import { useGraphQL } from '../api/query-client.js';
import { keys } from '../api/query-keys.js';
import { graphql } from '../gql/index.js';
import { displayName, entityName, useI18n } from '../i18n/i18n.js';
import { ErrorBanner } from './status.js';

const RegionTreeDocument = graphql(`
  query RegionTree {
    regionTree {
      region {
        ...EntityRef
      }
      parent
      depth
    }
  }
`);

/** Full-width spaces per level, and a corner before a town so it reads as part of the district above. */
const indent = (depth: number) => '\u3000'.repeat(Math.max(depth, 0)) + (depth >= 2 ? '└ ' : '');

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
  const { data, loading, error, reload } = useGraphQL([...keys.regions(), 'tree'] as const, RegionTreeDocument, {});
  return (
    <label className="toolbar-group">
      <span className={hideLabel ? 'sr-only' : 'toolbar-label'}>{label}</span>
      <select className="inline" value={value ?? ''} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : !value && <option value="">{t('chain.pickRegion')}</option>}
        {loading && !data && <option disabled>{t('common.loading')}</option>}
        {data?.regionTree
          .filter((o) => o.region.id !== exclude)
          .map((o) => (
            <option
              key={o.region.id}
              value={o.region.id}
              data-depth={o.depth}
              data-parent={o.parent ?? ''}
              lang={entityName(o.region, lang).zhOnly ? 'zh-CN' : undefined}
            >
              {indent(o.depth) + displayName(o.region, lang)}
            </option>
          ))}
      </select>
      {error && <ErrorBanner error={error} onRetry={reload} />}
    </label>
  );
}
