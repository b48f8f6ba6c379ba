/**
 * Who works a lead and on which chain segment: its owners, collaborators and admins change the owner,
 * the collaborators and the segment. Admins pick people from the accounts (enabled editors and
 * admins); an editor may not list accounts, so types usernames, which the server checks
 * (NOT_ASSIGNABLE when one is not an enabled editor or admin). Only the owner or an admin hands the
 * lead over to another owner; a collaborator sees the owner without a control.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { can, useViewer } from '../../auth/viewer.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { useUsers } from '../admin/admin-view.js';
import { useChain } from '../chain/chain-queries.js';
import { Field } from '../edit/field.js';
import { LeadError } from './lead-error.js';
import { reloadLeads, useUpdateLead, type Lead } from './lead-queries.js';

/** Usernames typed as a list: commas (either width), 、 or spaces between them; each once. */
const namesOf = (text: string): string[] => [...new Set(text.split(/[,，、\s]+/).filter(Boolean))];

export function LeadPeopleForm({ lead }: { lead: Lead }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const me = useViewer().data?.me;
  const admin = can(me, 'admin');
  const mayHandOver = admin || me?.user?.username === lead.owner;
  const users = useUsers(admin);
  const chain = useChain(null);
  const segments = (chain.data?.chain.tiers ?? []).flatMap((tier) => tier.segments.map((s) => s.segment));
  const update = useUpdateLead();
  const [owner, setOwner] = useState(lead.owner);
  const [collaborators, setCollaborators] = useState(lead.collaborators.join(', '));
  const [segment, setSegment] = useState(lead.segment?.id ?? '');
  const [saved, setSaved] = useState(false);
  // Who may own or help on a lead: enabled editors and admins (the accounts list, for admins).
  const assignable = (users.data?.users ?? [])
    .filter((u) => !u.disabled && (u.role === 'editor' || u.role === 'admin'))
    .map((u) => u.username);
  const people = admin && users.data ? [...new Set([...assignable, lead.owner, ...lead.collaborators])] : null;
  const helpers = namesOf(collaborators);
  const changed = owner.trim() !== lead.owner || helpers.join(',') !== lead.collaborators.join(',') || segment !== (lead.segment?.id ?? '');
  const toggle = (name: string, on: boolean) => setCollaborators((on ? [...helpers, name] : helpers.filter((h) => h !== name)).join(', '));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      {
        id: lead.id,
        expectedVersion: lead.version,
        patch: {
          ...(owner.trim() !== lead.owner ? { owner: owner.trim() } : {}),
          ...(helpers.join(',') !== lead.collaborators.join(',') ? { collaborators: helpers } : {}),
          ...(segment !== (lead.segment?.id ?? '') ? { segment: segment || null } : {}),
        },
      },
      {
        onSuccess: () => setSaved(true),
        onError: (err) => {
          if (err.code === 'CONFLICT') void reloadLeads(client);
        },
      },
    );
  };

  return (
    <form className="edit-form lead-people" onSubmit={submit} data-testid="lead-people">
      <div className="form-grid">
        <Field label={t('leads.field.owner')} hint={people || !mayHandOver ? undefined : t('leads.people.usernameHint')}>
          {!mayHandOver ? (
            <span data-testid="lead-owner-fixed">{lead.owner}</span>
          ) : people ? (
            <select value={owner} onChange={(e) => setOwner(e.target.value)} data-testid="lead-owner-select">
              {people.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          ) : (
            <input value={owner} onChange={(e) => setOwner(e.target.value)} autoComplete="off" data-testid="lead-owner-input" />
          )}
        </Field>
        <Field label={t('leads.field.segment')}>
          <select value={segment} onChange={(e) => setSegment(e.target.value)} data-testid="lead-segment-select">
            <option value="">{t('leads.people.noSegment')}</option>
            {lead.segment && !segments.some((s) => s.id === lead.segment!.id) && (
              <option value={lead.segment.id}>{displayName(lead.segment, lang)}</option>
            )}
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {displayName(s, lang)}
              </option>
            ))}
          </select>
        </Field>
        {people ? (
          <Field label={t('leads.field.collaborators')} wide group>
            <div className="lead-people-picks" data-testid="lead-collaborators-picks">
              {people
                .filter((u) => u !== owner)
                .map((u) => (
                  <label key={u} className="lead-people-pick">
                    <input type="checkbox" checked={helpers.includes(u)} onChange={(e) => toggle(u, e.target.checked)} value={u} />
                    <span>{u}</span>
                  </label>
                ))}
            </div>
          </Field>
        ) : (
          <Field label={t('leads.field.collaborators')} hint={t('leads.people.collaboratorsHint')} wide>
            <input
              value={collaborators}
              onChange={(e) => setCollaborators(e.target.value)}
              autoComplete="off"
              data-testid="lead-collaborators-input"
            />
          </Field>
        )}
      </div>
      {update.error && <LeadError error={update.error} />}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!changed || !owner.trim() || update.isPending}
          data-testid="lead-people-save"
        >
          {update.isPending ? t('leads.saving') : t('leads.save')}
        </button>
        {saved && !changed && <span role="status">{t('leads.saved')}</span>}
      </div>
    </form>
  );
}
