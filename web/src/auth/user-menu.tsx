/** The header's account corner: who is signed in, their role, sign out; or the local-mode label. */
import { ErrorBanner } from '../components/status.js';
import { roleLabel, useI18n } from '../i18n/i18n.js';
import { useLogout, type Viewer } from './viewer.js';

export function UserMenu({ viewer }: { viewer: Viewer }) {
  const { t, lang } = useI18n();
  const logout = useLogout();
  if (viewer.localMode) {
    return (
      <span className="local-mode" title={t('auth.localModeHint')} data-testid="local-mode">
        {t('auth.localMode')}
      </span>
    );
  }
  if (!viewer.user || !viewer.role) return null;
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-name">{viewer.user.displayName ?? viewer.user.username}</span>
      <span className="role-badge" data-role={viewer.role}>
        {roleLabel(viewer.role, lang)}
      </span>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => logout.mutate(undefined)} data-testid="logout">
        {t('auth.logout')}
      </button>
      {logout.error && <ErrorBanner error={logout.error} />}
    </div>
  );
}
