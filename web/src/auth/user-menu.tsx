/** The header's account corner: who is signed in and their role; change password, sign out (here or everywhere); or the local-mode label. */
import { useRef, useState } from 'react';
import { ErrorBanner } from '../components/status.js';
import { useDismiss } from '../components/use-dismiss.js';
import { roleLabel, useI18n } from '../i18n/i18n.js';
import { useChangePassword, useLogout, useLogoutEverywhere, type Viewer } from './viewer.js';

export function UserMenu({ viewer }: { viewer: Viewer }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const logout = useLogout();
  const everywhere = useLogoutEverywhere();
  useDismiss(box, open, setOpen);
  if (viewer.localMode) {
    return (
      <span className="local-mode" title={`${t('auth.localMode')}\n${t('auth.localModeHint')}`} data-testid="local-mode">
        <span className="sr-only">{t('auth.localMode')}</span>
        <span className="local-mode-full" aria-hidden>
          {t('auth.localMode')}
        </span>
        <span className="local-mode-short" aria-hidden>
          {t('auth.localModeShort')}
        </span>
      </span>
    );
  }
  if (!viewer.user || !viewer.role) return null;
  const name = viewer.user.displayName ?? viewer.user.username;
  return (
    <div className="user-menu" data-testid="user-menu" ref={box}>
      <button
        type="button"
        className="btn btn-small btn-quiet"
        aria-haspopup="menu"
        aria-expanded={open}
        title={name}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sr-only">{name}</span>
        <span className="user-name" aria-hidden>
          {name}
        </span>{' '}
        <span className="role-badge" data-role={viewer.role}>
          {roleLabel(viewer.role, lang)}
        </span>
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => logout.mutate({})} data-testid="logout">
        {t('auth.logout')}
      </button>
      {open && (
        <div className="menu user-dropdown" role="menu">
          <ChangePassword onDone={() => setOpen(false)} />
          <button type="button" role="menuitem" className="menu-item" onClick={() => everywhere.mutate({})}>
            {t('auth.logoutEverywhere')}
          </button>
        </div>
      )}
      {(logout.error ?? everywhere.error) && <ErrorBanner error={(logout.error ?? everywhere.error)!} />}
    </div>
  );
}

function ChangePassword({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  return (
    <form
      className="change-password"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ current, next }, { onSuccess: onDone });
      }}
    >
      <div className="menu-heading">{t('auth.changePassword')}</div>
      <label className="field">
        <span>{t('auth.currentPassword')}</span>
        <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('auth.newPassword')}</span>
        <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      {change.error && <ErrorBanner error={change.error} />}
      <button type="submit" className="btn btn-small btn-primary" disabled={change.isPending || !current || !next}>
        {t('auth.changePassword')}
      </button>
    </form>
  );
}
