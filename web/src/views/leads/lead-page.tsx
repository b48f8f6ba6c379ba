/**
 * A lead's page: its company (into Explore), region, segment, people, stage with its history, the
 * next action and amounts (editable by its owner, collaborators and admins), the interactions log
 * with its form, the evidence frozen when it was opened next to what the same analysis says now, and
 * the company's neighbourhood on a small canvas. A viewer reads it all and changes nothing.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { can, useViewer } from '../../auth/viewer.js';
import { EntityName } from '../../components/entity-name.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import type { LeadStage } from '../../gql/graphql.js';
import { displayName, formatTime, useI18n } from '../../i18n/i18n.js';
import { Field } from '../edit/field.js';
import { wholeOf, dueOf } from './create-lead-dialog.js';
import { UrgencyFlag } from './lead-card.js';
import { LeadError } from './lead-error.js';
import { InteractionsLog } from './lead-interactions.js';
import { LeadNeighbourhood } from './lead-neighbourhood.js';
import { LeadPeopleForm } from './lead-people.js';
import { RepointForm } from './lead-repoint.js';
import { hrefOf } from './lead-nav.js';
import { OriginCompare } from './lead-origin.js';
import { reloadLeads, useLead, useUpdateLead, type Lead } from './lead-queries.js';
import { leadName, muOf, shanghaiTime, STAGES } from './lead-text.js';
import { StageDialog } from './stage-dialog.js';

export function LeadPage({ id, onBack, onShowEntity }: { id: string; onBack: () => void; onShowEntity: (id: string) => void }) {
  const { t, lang } = useI18n();
  const me = useViewer().data?.me;
  const result = useLead(id);
  const lead = result.data?.lead;
  const [moveTo, setMoveTo] = useState<LeadStage | null>(null);
  // The edit form starts afresh from the version read again after a CONFLICT: the page keeps saying why.
  const [conflict, setConflict] = useState(false);
  if (result.error) {
    return (
      <div className="lead-page pane">
        <button type="button" className="link-btn" onClick={onBack}>
          ← {t('leads.back')}
        </button>
        {result.error.code === 'FORBIDDEN' || result.error.code === 'BAD_USER_INPUT' ? (
          <LeadError error={result.error} />
        ) : (
          <ErrorBanner error={result.error} onRetry={result.reload} />
        )}
      </div>
    );
  }
  if (!lead) return <Spinner />;
  const username = me?.user?.username ?? null;
  const mine = username !== null && (lead.owner === username || lead.collaborators.includes(username));
  const canEdit = can(me, 'admin') || (can(me, 'editor') && mine);
  const history = lead.stageHistory;

  return (
    <div className="lead-page pane" data-testid="lead-page" data-lead={lead.id} data-editable={canEdit ? 'true' : 'false'}>
      <div className="pane-scroll lead-page-scroll">
        <div className="lead-page-head">
          <button type="button" className="link-btn" onClick={onBack} data-testid="lead-back">
            ← {t('leads.back')}
          </button>
          <h2 className="lead-title">
            {lead.target ? (
              <button
                type="button"
                className="entity-link"
                onClick={() => onShowEntity(lead.target!.id)}
                title={t('common.showInExplore')}
                data-testid="lead-target"
              >
                <EntityName entity={lead.target} />
              </button>
            ) : (
              <span data-testid="lead-target">{leadName(lead, lang)}</span>
            )}
            <span className={`stage-chip stage-${lead.stage}`} data-testid="lead-stage">
              {t(`leads.stage.${lead.stage}`)}
            </span>
          </h2>
          <UrgencyFlag lead={lead} />
          {lead.targetRetracted && (
            <p className="lead-warning" data-testid="lead-retracted">
              {t('leads.retracted')}
            </p>
          )}
          {lead.targetRetracted && canEdit && <RepointForm lead={lead} key={lead.version} />}
          {lead.proposal && !lead.proposal.entity && (
            <p className="lead-proposal-note" data-testid="lead-proposal-note">
              {t('leads.proposal.waiting', { status: t(`leads.proposalStatus.${lead.proposal.status}`) })}{' '}
              <a href={hrefOf({ view: 'review', lead: null })}>{t('leads.proposal.toReview')}</a>
            </p>
          )}
          <dl className="lead-facts">
            <dt>{t('leads.field.region')}</dt>
            <dd>{displayName(lead.region, lang)}</dd>
            <dt>{t('leads.field.segment')}</dt>
            <dd data-testid="lead-segment">{lead.segment ? displayName(lead.segment, lang) : '—'}</dd>
            <dt>{t('leads.field.owner')}</dt>
            <dd data-testid="lead-owner">{lead.owner}</dd>
            <dt>{t('leads.field.collaborators')}</dt>
            <dd data-testid="lead-collaborators">{lead.collaborators.length ? lead.collaborators.join(t('leads.listSeparator')) : '—'}</dd>
            <dt>{t('leads.field.created')}</dt>
            <dd>{t('leads.byAt', { who: lead.createdBy, at: formatTime(lead.createdAt, lang) })}</dd>
          </dl>
          {!canEdit && (
            <p className="muted small" data-testid="lead-read-only">
              {t(can(me, 'editor') ? 'leads.notYours' : 'leads.readOnly')}
            </p>
          )}
        </div>

        <div className="lead-grid">
          <section className="lead-section" aria-labelledby="lead-next-h">
            <h3 id="lead-next-h">{t('leads.section.next')}</h3>
            {conflict && (
              <p className="form-problem" role="alert" data-code="CONFLICT">
                {t('leads.error.CONFLICT')}
              </p>
            )}
            {canEdit ? (
              <LeadEditForm lead={lead} key={lead.version} onConflict={() => setConflict(true)} onSaved={() => setConflict(false)} />
            ) : (
              <LeadFactsView lead={lead} />
            )}
          </section>

          {canEdit && (
            <section className="lead-section" aria-labelledby="lead-people-h">
              <h3 id="lead-people-h">{t('leads.section.people')}</h3>
              <LeadPeopleForm lead={lead} key={lead.version} />
            </section>
          )}

          <section className="lead-section" aria-labelledby="lead-stage-h" data-testid="lead-stage-section">
            <h3 id="lead-stage-h">{t('leads.section.stage')}</h3>
            {canEdit && (
              <label className="lead-move">
                <span>{t('leads.board.moveTo')}</span>
                <select className="inline" value="" onChange={(e) => setMoveTo(e.target.value as LeadStage)} data-testid="lead-move-stage">
                  <option value="">…</option>
                  {STAGES.filter((s) => s !== lead.stage).map((s) => (
                    <option key={s} value={s}>
                      {t(`leads.stage.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {lead.stageReason && <p className="small">{t('leads.stageReason', { reason: lead.stageReason })}</p>}
            <ol className="lead-history" data-testid="lead-history">
              {[...history].reverse().map((ev) => (
                <li key={ev.id} data-kind={ev.kind}>
                  <span className="lead-history-what">
                    {ev.kind === 'CREATED'
                      ? t('leads.history.created')
                      : ev.kind === 'REASSIGNED'
                        ? t('leads.history.reassigned')
                        : t('leads.history.move', {
                            from: ev.fromStage ? t(`leads.stage.${ev.fromStage}`) : '—',
                            to: ev.toStage ? t(`leads.stage.${ev.toStage}`) : '—',
                          })}
                  </span>
                  <span className="muted small"> {t('leads.byAt', { who: ev.actor, at: formatTime(ev.at, lang) })}</span>
                  {ev.note && <div className="lead-history-note">{ev.note}</div>}
                </li>
              ))}
            </ol>
          </section>

          <section className="lead-section lead-section-wide" aria-labelledby="lead-log-h">
            <h3 id="lead-log-h">{t('leads.section.interactions')}</h3>
            <InteractionsLog lead={lead} events={lead.interactions} canEdit={canEdit} />
          </section>

          <section className="lead-section lead-section-wide" aria-labelledby="lead-origin-h" data-testid="lead-origin">
            <h3 id="lead-origin-h">{t('leads.section.origin')}</h3>
            <OriginCompare lead={lead} origin={lead.origin} />
          </section>

          {lead.target && (
            <section className="lead-section lead-section-wide" aria-labelledby="lead-hood-h">
              <h3 id="lead-hood-h">{t('leads.section.neighbourhood')}</h3>
              <LeadNeighbourhood target={lead.target.id} onShowEntity={onShowEntity} />
            </section>
          )}
        </div>
      </div>
      {moveTo && <StageDialog lead={lead} to={moveTo} onClose={() => setMoveTo(null)} />}
    </div>
  );
}

function LeadFactsView({ lead }: { lead: Lead }) {
  const { t, lang } = useI18n();
  return (
    <dl className="lead-facts" data-testid="lead-next-view">
      <dt>{t('leads.field.nextAction')}</dt>
      <dd>{lead.nextAction ?? '—'}</dd>
      <dt>{t('leads.field.dueAt')}</dt>
      <dd>{lead.dueAt ? shanghaiTime(lead.dueAt, lang) : '—'}</dd>
      <dt>{t('leads.field.investment')}</dt>
      <dd>{lead.estimatedInvestment ?? '—'}</dd>
      <dt>{t('leads.field.area')}</dt>
      <dd>{lead.area ? t('leads.areaWithMu', { sqm: lead.area, mu: muOf(lead.area) }) : '—'}</dd>
    </dl>
  );
}

/** The due date's day in Shanghai, for the date field. */
const dayOf = (iso: string | null | undefined): string => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : '');

function LeadEditForm({ lead, onConflict, onSaved }: { lead: Lead; onConflict: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const update = useUpdateLead();
  const [nextAction, setNextAction] = useState(lead.nextAction ?? '');
  const [due, setDue] = useState(dayOf(lead.dueAt));
  const [investment, setInvestment] = useState(lead.estimatedInvestment?.toString() ?? '');
  const [area, setArea] = useState(lead.area?.toString() ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const sqm = wholeOf(area);
  const changed = useMemo(
    () =>
      nextAction !== (lead.nextAction ?? '') ||
      due !== dayOf(lead.dueAt) ||
      investment !== (lead.estimatedInvestment?.toString() ?? '') ||
      area !== (lead.area?.toString() ?? ''),
    [nextAction, due, investment, area, lead],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const inv = wholeOf(investment);
    if (Number.isNaN(inv) || Number.isNaN(sqm)) return setProblem(t('leads.form.whole'));
    setProblem(null);
    update.mutate(
      {
        id: lead.id,
        expectedVersion: lead.version,
        patch: {
          nextAction: nextAction.trim() || null,
          // A due date kept as it was keeps its time of day.
          dueAt: due === dayOf(lead.dueAt) ? (lead.dueAt ?? null) : dueOf(due),
          estimatedInvestment: inv,
          area: sqm,
        },
      },
      {
        onSuccess: () => {
          setSaved(true);
          onSaved();
        },
        onError: (err) => {
          if (err.code !== 'CONFLICT') return;
          onConflict();
          void reloadLeads(client);
        },
      },
    );
  };
  return (
    <form className="edit-form lead-edit" onSubmit={submit} data-testid="lead-edit">
      <div className="form-grid">
        <Field label={t('leads.field.nextAction')} wide>
          <input value={nextAction} onChange={(e) => setNextAction(e.target.value)} data-testid="lead-next-action" />
        </Field>
        <Field label={t('leads.field.dueAt')}>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} data-testid="lead-due" />
        </Field>
        <Field label={t('leads.field.investment')}>
          <input inputMode="numeric" value={investment} onChange={(e) => setInvestment(e.target.value)} data-testid="lead-investment" />
        </Field>
        <Field label={t('leads.field.area')} hint={sqm && !Number.isNaN(sqm) ? t('leads.field.areaMu', { mu: muOf(sqm) }) : undefined}>
          <input inputMode="numeric" value={area} onChange={(e) => setArea(e.target.value)} data-testid="lead-area" />
        </Field>
      </div>
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      {update.error && update.error.code !== 'CONFLICT' && <LeadError error={update.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!changed || update.isPending} data-testid="lead-save">
          {update.isPending ? t('leads.saving') : t('leads.save')}
        </button>
        {saved && !changed && <span role="status">{t('leads.saved')}</span>}
      </div>
    </form>
  );
}
