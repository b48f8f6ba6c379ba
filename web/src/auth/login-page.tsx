/** The sign-in page, shown when accounts are on and nobody is signed in. */
import { useState } from 'react';
import { ErrorBanner } from '../components/status.js';
import { useI18n } from '../i18n/i18n.js';
import { useLogin } from './viewer.js';

export function LoginPage() {
  const { t } = useI18n();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <div className="login-page">
      <form
        className="login-card"
        data-testid="login-form"
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ username: username.trim(), password });
        }}
      >
        <h2>{t('auth.title')}</h2>
        <p className="muted small">{t('auth.intro')}</p>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.error && <ErrorBanner error={login.error} />}
        <button type="submit" className="btn btn-primary" disabled={login.isPending || !username.trim() || !password}>
          {login.isPending ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}
