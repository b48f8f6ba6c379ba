/**
 * Creating a lead (建线索): from a gap candidate, a partner suggestion, Explore's details, or by hand
 * for a company not yet in the graph (the server queues it for review). One dialog for all; the
 * server freezes what the analysis said of the target, so the dialog sends only what was asked.
 */
import { useState, type FormEvent } from 'react';
import { can, useViewer } from '../../auth/viewer.js';
import { EntityName } from '../../components/entity-name.js';
import { RegionSelect } from '../../components/region-select.js';
import type { EntityRef } from '../../api/fragments.js';
import type { LeadOriginInput } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { Field } from '../edit/field.js';
import { Modal } from '../edit/modal.js';
import { LeadError } from './lead-error.js';
import { hrefOf, openLead } from './lead-nav.js';
import { useCreateLead, type Lead } from './lead-queries.js';
import { muOf } from './lead-text.js';
import { parseUrlState } from '../../state/url-state.js';

export interface CreateLeadProps {
  /** The organisation in the graph; null: a company typed by hand. */
  target: Pick<EntityRef, 'id' | 'name' | 'type' | 'nameEn'> | null;
  origin: LeadOriginInput;
  /** The region it is attracted to, when the view knows it (the gap analysis's). */
  region?: string | null;
  segment?: string | null;
}

/** A due date (YYYY-MM-DD) as the end of that working day in Shanghai. */
export const dueOf = (date: string): string | null => (date ? `${date}T18:00:00+08:00` : null);
/** A whole non-negative number typed in a field, or null when empty; NaN when not one. */
export const wholeOf = (text: string): number | null => (text.trim() === '' ? null : /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

/** The 建线索 button: editors and admins only; opens the dialog. */
export function CreateLeadButton(props: CreateLeadProps & { className?: string }) {
  const { t } = useI18n();
  const me = useViewer().data?.me;
  const [open, setOpen] = useState(false);
  if (!can(me, 'editor')) return null;
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'btn btn-small'}
        data-testid="create-lead"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {t('leads.create')}
      </button>
      {open && <CreateLeadDialog {...props} onClose={() => setOpen(false)} />}
    </>
  );
}

export function CreateLeadDialog({ target, origin, region: givenRegion, segment, onClose }: CreateLeadProps & { onClose: () => void }) {
  const { t } = useI18n();
  const me = useViewer().data?.me;
  const [region, setRegion] = useState<string | null>(givenRegion ?? me?.user?.region?.id ?? null);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [nextAction, setNextAction] = useState('');
  const [due, setDue] = useState('');
  const [investment, setInvestment] = useState('');
  const [area, setArea] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<Lead | null>(null);
  const create = useCreateLead();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const inv = wholeOf(investment);
    const sqm = wholeOf(area);
    if (!region) return setProblem(t('leads.form.regionRequired'));
    if (!target && !name.trim()) return setProblem(t('leads.form.nameRequired'));
    if (Number.isNaN(inv) || Number.isNaN(sqm)) return setProblem(t('leads.form.whole'));
    setProblem(null);
    create.mutate(
      {
        input: {
          ...(target ? { target: target.id } : { proposedCompany: { name: name.trim(), note: note.trim() || null } }),
          region,
          segment: segment ?? null,
          origin,
          nextAction: nextAction.trim() || null,
          dueAt: dueOf(due),
          estimatedInvestment: inv,
          area: sqm,
        },
      },
      { onSuccess: (r) => setCreated(r.createLead) },
    );
  };

  return (
    <Modal title={t('leads.create.title')} onClose={onClose} testId="create-lead-dialog">
      {created ? (
        <div className="lead-created" data-testid="lead-created">
          <p role="status">{t('leads.create.done')}</p>
          {created.proposal && (
            <p className="lead-proposal-note" data-testid="lead-proposal-note">
              {t('leads.proposal.queued', { name: created.proposedName ?? '' })}{' '}
              <a href={hrefOf({ view: 'review', lead: null })}>{t('leads.proposal.toReview')}</a>
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" data-testid="open-created-lead" onClick={() => openLead(created.id)}>
              {t('leads.open')}
            </button>
            <button type="button" className="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          </div>
        </div>
      ) : (
        <form className="edit-form lead-form" onSubmit={submit}>
          <p className="muted small">{t(`leads.origin.${origin.kind}.hint`)}</p>
          <div className="form-grid">
            {target ? (
              <div className="efield span-2">
                <span className="efield-label">{t('leads.field.target')}</span>
                <strong data-testid="create-lead-target">
                  <EntityName entity={target} />
                </strong>
              </div>
            ) : (
              <>
                <Field label={t('leads.field.companyName')} required wide>
                  <input value={name} onChange={(e) => setName(e.target.value)} data-testid="lead-company-name" />
                </Field>
                <Field label={t('leads.field.companyNote')} wide hint={t('leads.proposal.hint')}>
                  <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
                </Field>
              </>
            )}
            <div className="efield span-2 lead-region-field">
              <RegionSelect value={region} onChange={setRegion} label={t('leads.field.region')} testId="lead-region" />
            </div>
            <Field label={t('leads.field.nextAction')} wide>
              <input value={nextAction} onChange={(e) => setNextAction(e.target.value)} data-testid="lead-next-action" />
            </Field>
            <Field label={t('leads.field.dueAt')}>
              <input type="date" value={due} onChange={(e) => setDue(e.target.value)} data-testid="lead-due" />
            </Field>
            <Field label={t('leads.field.investment')}>
              <input inputMode="numeric" value={investment} onChange={(e) => setInvestment(e.target.value)} data-testid="lead-investment" />
            </Field>
            <Field
              label={t('leads.field.area')}
              hint={wholeOf(area) && !Number.isNaN(wholeOf(area)) ? t('leads.field.areaMu', { mu: muOf(Number(area)) }) : undefined}
            >
              <input inputMode="numeric" value={area} onChange={(e) => setArea(e.target.value)} data-testid="lead-area" />
            </Field>
          </div>
          {problem && (
            <p className="form-problem" role="alert">
              {problem}
            </p>
          )}
          {create.error && <LeadError error={create.error} />}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={create.isPending} data-testid="create-lead-submit">
              {create.isPending ? t('leads.saving') : t('leads.create.submit')}
            </button>
            <button type="button" className="btn" onClick={onClose}>
              {t('leads.cancel')}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}

/** 建线索 on a gap candidate: the region and benchmark are the gap view's, read from the URL. */
export function GapLeadButton({ entity, segment }: { entity: CreateLeadProps['target'] & object; segment: string }) {
  const { region, benchmark } = parseUrlState(window.location.search);
  return <CreateLeadButton target={entity} origin={{ kind: 'GAP_CANDIDATE', benchmark }} region={region} segment={segment} />;
}

/** 建线索 on a partner suggestion: whose partner it was suggested as is the partners view's subject. */
export function PartnerLeadButton({ entity }: { entity: CreateLeadProps['target'] & object }) {
  const { partner, region } = parseUrlState(window.location.search);
  return <CreateLeadButton target={entity} origin={{ kind: 'PARTNER_SUGGESTION', partnerOf: partner }} region={region} />;
}
