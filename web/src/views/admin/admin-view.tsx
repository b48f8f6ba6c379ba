/** Admin: user accounts (create, change role and region scope, reset a password, disable) and the audit log (filter, page, export). */
import type { QueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useGraphQL, useGraphQLMutation } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { useViewer } from '../../auth/viewer.js';
import { RegionSelect } from '../../components/region-select.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import { graphql } from '../../gql/index.js';
import type { Role, UsersQuery } from '../../gql/graphql.js';
import { formatTime, roleLabel, useI18n } from '../../i18n/i18n.js';
import { ROLES } from '../../../../shared/model/index.js';
import { AuditLog } from './audit-log.js';
import { ResetPasswordForm } from './reset-password-form.js';

const UsersDocument = graphql(`
  query Users {
    users {
      ...UserFields
    }
  }
`);

/** Every account (admins only: the server refuses anyone else), shared with the leads' people picker. */
export const useUsers = (enabled = true) => useGraphQL(keys.users(), UsersDocument, enabled ? {} : null);

const CreateUserDocument = graphql(`
  mutation CreateUser($input: NewUser!) {
    createUser(input: $input) {
      ...UserFields
    }
  }
`);

const UpdateUserDocument = graphql(`
  mutation UpdateUser($id: ID!, $change: UserChange!) {
    updateUser(id: $id, change: $change) {
      ...UserFields
    }
  }
`);

type User = UsersQuery['users'][number];

/** After a change to accounts, the user list is asked again. */
const refreshUsers = (client: QueryClient) => client.invalidateQueries({ queryKey: keys.users() });

export function AdminView() {
  const { t } = useI18n();
  const [tab, setTab] = useState<'users' | 'audit'>('users');
  return (
    <div className="admin-view pane" style={{ flex: 1 }}>
      <div className="canvas-toolbar">
        <div className="view-switch" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'users'}
            className={tab === 'users' ? 'active' : ''}
            onClick={() => setTab('users')}
          >
            {t('admin.users')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'audit'}
            className={tab === 'audit' ? 'active' : ''}
            onClick={() => setTab('audit')}
          >
            {t('admin.audit')}
          </button>
        </div>
      </div>
      <div className="pane-scroll">{tab === 'users' ? <Users /> : <AuditLog />}</div>
    </div>
  );
}

function Users() {
  const { t, lang } = useI18n();
  const users = useUsers();
  const update = useGraphQLMutation(UpdateUserDocument, refreshUsers);
  const me = useViewer().data?.me.user?.id ?? null;
  const [resetting, setResetting] = useState<string | null>(null);
  const [wasReset, setWasReset] = useState<string | null>(null);
  return (
    <div className="pane-section" data-testid="admin-users">
      <NewUserForm />
      {users.error && <ErrorBanner error={users.error} onRetry={users.reload} />}
      {update.error && <ErrorBanner error={update.error} />}
      {wasReset && (
        <p className="muted small" role="status" data-testid="password-reset-done">
          {t('admin.passwordReset', { name: wasReset })}
        </p>
      )}
      {!users.data && users.loading && <Spinner />}
      {users.data && users.data.users.length === 0 && <p className="muted">{t('admin.noUsers')}</p>}
      {users.data && users.data.users.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('admin.username')}</th>
              <th>{t('admin.displayName')}</th>
              <th>{t('admin.role')}</th>
              <th>{t('admin.region')}</th>
              <th>{t('admin.lastLogin')}</th>
              <th>{t('admin.status')}</th>
              <th>{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.data.users.map((u: User) => (
              <Fragment key={u.id}>
                <tr data-user={u.username}>
                  <td>{u.username}</td>
                  <td>{u.displayName ?? ''}</td>
                  <td>
                    <select
                      className="inline"
                      aria-label={`${t('admin.role')} · ${u.username}`}
                      value={u.role}
                      onChange={(e) => update.mutate({ id: u.id, change: { role: e.target.value as Role } })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r, lang)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <RegionSelect
                      label={t('admin.regionOf', { name: u.username })}
                      hideLabel
                      value={u.region?.id ?? null}
                      // An empty string clears the scope (null would leave it as it is).
                      onChange={(region) => update.mutate({ id: u.id, change: { region: region ?? '' } })}
                      emptyLabel={t('admin.everywhere')}
                      testId="user-region"
                    />
                  </td>
                  <td>{u.lastLoginAt ? formatTime(u.lastLoginAt, lang) : t('admin.never')}</td>
                  <td>
                    {u.disabled ? t('admin.disabled') : t('admin.active')}{' '}
                    <button
                      type="button"
                      className="link-btn"
                      onClick={() => update.mutate({ id: u.id, change: { disabled: !u.disabled } })}
                    >
                      {u.disabled ? t('admin.enable') : t('admin.disable')}
                    </button>
                  </td>
                  <td>
                    {/* One's own password is changed with the current one, from the account menu. */}
                    {u.id !== me && (
                      <button
                        type="button"
                        className="link-btn"
                        aria-expanded={resetting === u.id}
                        onClick={() => setResetting(resetting === u.id ? null : u.id)}
                      >
                        {t('admin.resetPassword')}
                      </button>
                    )}
                  </td>
                </tr>
                {resetting === u.id && (
                  <tr>
                    <td colSpan={7}>
                      <ResetPasswordForm
                        user={u}
                        onCancel={() => setResetting(null)}
                        onDone={() => {
                          setResetting(null);
                          setWasReset(u.username);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function NewUserForm() {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayNameText, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [region, setRegion] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const create = useGraphQLMutation(CreateUserDocument, refreshUsers);
  return (
    <form
      className="new-user"
      data-testid="new-user"
      onSubmit={(e) => {
        e.preventDefault();
        const name = username.trim();
        create.mutate(
          { input: { username: name, password, displayName: displayNameText.trim() || null, role, region } },
          {
            onSuccess: () => {
              setCreated(name);
              setUsername('');
              setPassword('');
              setDisplayName('');
            },
          },
        );
      }}
    >
      <div className="panel-heading">
        <span>{t('admin.newUser')}</span>
      </div>
      <div className="param-grid">
        <label className="field">
          <span>{t('admin.username')}</span>
          <input name="username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.displayName')}</span>
          <input name="displayName" value={displayNameText} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('admin.role')}</span>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <RegionSelect
        label={t('admin.region')}
        value={region}
        onChange={setRegion}
        emptyLabel={t('admin.everywhere')}
        testId="new-user-region"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending || !username.trim() || !password}>
          {t('admin.create')}
        </button>
        {created && !create.error && <span className="muted small">{t('admin.created', { name: created })}</span>}
      </div>
      {create.error && <ErrorBanner error={create.error} />}
    </form>
  );
}
