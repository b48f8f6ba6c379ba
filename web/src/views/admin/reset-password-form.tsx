/** Admin: a new password for another account (the server's password rules apply); every session of that account ends. */
import { useState } from 'react';
import { useGraphQLMutation } from '../../api/query-client.js';
import { ErrorBanner } from '../../components/status.js';
import { graphql } from '../../gql/index.js';
import { useI18n } from '../../i18n/i18n.js';

const ResetPasswordDocument = graphql(`
  mutation ResetPassword($id: ID!, $password: String!) {
    resetPassword(id: $id, password: $password)
  }
`);

export interface ResetPasswordFormProps {
  user: { id: string; username: string };
  onDone: () => void;
  onCancel: () => void;
}

export function ResetPasswordForm({ user, onDone, onCancel }: ResetPasswordFormProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const reset = useGraphQLMutation(ResetPasswordDocument);
  return (
    <form
      className="reset-password"
      data-testid="reset-password"
      onSubmit={(e) => {
        e.preventDefault();
        reset.mutate({ id: user.id, password }, { onSuccess: onDone });
      }}
    >
      <label className="field">
        <span>{t('admin.newPasswordFor', { name: user.username })}</span>
        <input
          name="new-password"
          type="password"
          autoComplete="new-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={reset.isPending || !password}>
          {t('admin.resetSubmit')}
        </button>
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {t('admin.cancel')}
        </button>
      </div>
      {reset.error && <ErrorBanner error={reset.error} />}
    </form>
  );
}
