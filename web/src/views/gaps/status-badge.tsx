import type { GapStatus } from '../../gql/graphql.js';
import { gapStatusLabel } from '../../i18n/analysis-text.js';
import { useI18n } from '../../i18n/i18n.js';

/** A segment's gap status (MISSING, THIN, PRESENT, STRONG) as a coloured badge. */
export function StatusBadge({ status }: { status: GapStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-${status}`}>{gapStatusLabel(status, t)}</span>;
}
