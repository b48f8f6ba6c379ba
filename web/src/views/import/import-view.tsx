/** Placeholder: being built. */
import { EmptyState } from '../../components/status.js';
import { useI18n } from '../../i18n/i18n.js';

export function ImportView(_props: { onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  return <EmptyState title={t('tab.import')} />;
}
