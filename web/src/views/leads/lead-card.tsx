/** A lead in a list, on the board or in my work: its company, stage, owner, region and its flag. */
import type { DragEvent, ReactNode } from 'react';
import { EntityName } from '../../components/entity-name.js';
import { displayName, useI18n } from '../../i18n/i18n.js';
import { hrefOf, openLead } from './lead-nav.js';
import type { Lead } from './lead-queries.js';
import { leadName, shanghaiTime, urgencyOf, urgencyText } from './lead-text.js';

/** 逾期 / 即将到期 with the deadline and its rule in one sentence beside it. */
export function UrgencyFlag({ lead, full = true }: { lead: Lead; full?: boolean }) {
  const { t, lang } = useI18n();
  const text = urgencyText(lead, t, lang);
  if (!text || !lead.urgency) return null;
  return (
    <span className={`lead-flag lead-flag-${lead.urgency}`} data-testid="lead-flag" data-urgency={lead.urgency} title={text}>
      <strong>{t(`leads.urgency.${lead.urgency}`)}</strong>
      {full && <span className="lead-flag-text">{text}</span>}
    </span>
  );
}

export function LeadName({ lead }: { lead: Lead }) {
  const { lang } = useI18n();
  return (
    <a
      href={hrefOf({ view: 'leads', lead: lead.id })}
      className="lead-name"
      data-testid="lead-link"
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey) return;
        e.preventDefault();
        openLead(lead.id);
      }}
    >
      {lead.target ? <EntityName entity={lead.target} /> : leadName(lead, lang)}
    </a>
  );
}

export function LeadCard({
  lead,
  draggable,
  onDragStart,
  actions,
  showStage = true,
}: {
  lead: Lead;
  /** Off on the board, whose column names the stage. */
  showStage?: boolean;
  draggable?: boolean;
  onDragStart?: (e: DragEvent<HTMLElement>) => void;
  actions?: ReactNode;
}) {
  const { t, lang } = useI18n();
  // A flag about the next action already says what it is and when.
  const flaggedNext = urgencyOf(lead, t, lang)?.of === 'next';
  return (
    <article
      className={`lead-card${lead.urgency && lead.urgency !== 'ON_TRACK' ? ` urgent-${lead.urgency}` : ''}`}
      data-lead={lead.id}
      data-stage={lead.stage}
      draggable={draggable}
      onDragStart={onDragStart}
    >
      <div className="lead-card-head">
        <LeadName lead={lead} />
        {showStage && <span className={`stage-chip stage-${lead.stage}`}>{t(`leads.stage.${lead.stage}`)}</span>}
        {lead.proposal && !lead.target && <span className="lead-proposed-tag">{t('leads.proposed')}</span>}
      </div>
      <div className="lead-card-meta small muted">
        {displayName(lead.region, lang)}
        {lead.segment && ` · ${displayName(lead.segment, lang)}`} · {t('leads.ownerIs', { owner: lead.owner })}
      </div>
      {lead.nextAction && !flaggedNext && (
        <div className="lead-card-next small">
          {t('leads.nextIs', { action: lead.nextAction })}
          {lead.dueAt && ` · ${t('leads.dueIs', { due: shanghaiTime(lead.dueAt, lang) })}`}
        </div>
      )}
      <UrgencyFlag lead={lead} />
      {actions}
    </article>
  );
}
