import type { GapStatus } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/zh.js';

/** A segment's gap status (MISSING, THIN, PRESENT, STRONG) as a coloured badge. */
export function StatusBadge({ status }: { status: GapStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-${status}`}>{t(`gapStatus.${status}` as MessageKey)}</span>;
}
