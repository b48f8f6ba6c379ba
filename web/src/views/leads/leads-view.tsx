/**
 * 招商线索 / Leads: the list with its filters, the board by stage, my work, the weekly summary per
 * owner and (admins) the deadline rules; a lead's own page when one is open. The part, the lead and
 * the filters are in the URL (p.stage, p.owner, p.segment, p.overdue, and the region).
 */
import { useState } from 'react';
import { can, useViewer } from '../../auth/viewer.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import type { UpdateUrlState } from '../../state/use-url-state.js';
import { LEADS_PARTS, type LeadsPart, type UrlState } from '../../state/url-state.js';
import { CreateLeadDialog } from './create-lead-dialog.js';
import { LeadPage } from './lead-page.js';
import { LeadsBoard } from './leads-board.js';
import { LeadFilters, filterOf } from './lead-filters.js';
import { LeadsList } from './leads-list.js';
import { MyWork } from './my-work.js';
import { SlaRulesForm } from './sla-rules-form.js';
import { WeeklySummaryView } from './weekly-summary.js';
import './leads.css';

export interface LeadsViewProps {
  state: UrlState;
  update: UpdateUrlState;
  onShowEntity: (id: string) => void;
}

const PART_LABEL: Record<LeadsPart, MessageKey> = {
  list: 'leads.part.list',
  board: 'leads.part.board',
  mine: 'leads.part.mine',
  weekly: 'leads.part.weekly',
  rules: 'leads.part.rules',
};

export function LeadsView({ state, update, onShowEntity }: LeadsViewProps) {
  const { t } = useI18n();
  const me = useViewer().data?.me;
  const editor = can(me, 'editor');
  const [byHand, setByHand] = useState(false);
  const parts = LEADS_PARTS.filter((p) => (p === 'rules' ? can(me, 'admin') : p === 'mine' ? editor : true));
  const part = parts.includes(state.leads) ? state.leads : 'list';

  if (state.lead) return <LeadPage id={state.lead} onBack={() => update({ lead: null })} onShowEntity={onShowEntity} />;

  const filter = filterOf(state);
  return (
    <div className="leads-view pane" data-testid="leads-view" data-part={part}>
      <div className="canvas-toolbar leads-toolbar">
        <div className="view-switch" role="tablist" aria-label={t('tab.leads')}>
          {parts.map((p) => (
            <button
              key={p}
              type="button"
              role="tab"
              aria-selected={part === p}
              className={part === p ? 'active' : ''}
              onClick={() => update({ leads: p })}
              data-testid={`leads-part-${p}`}
            >
              {t(PART_LABEL[p])}
            </button>
          ))}
        </div>
        {editor && (
          <button
            type="button"
            className="btn btn-small btn-accent leads-by-hand"
            onClick={() => setByHand(true)}
            data-testid="lead-by-hand"
          >
            {t('leads.byHand')}
          </button>
        )}
      </div>
      {(part === 'list' || part === 'board') && <LeadFilters state={state} update={update} withStage={part === 'list'} />}
      <div className="pane-scroll leads-body">
        {part === 'list' && <LeadsList filter={filter} />}
        {part === 'board' && <LeadsBoard filter={{ ...filter, stage: null }} readOnly={!editor} />}
        {part === 'mine' && <MyWork />}
        {part === 'weekly' && <WeeklySummaryView me={me?.user?.username ?? null} />}
        {part === 'rules' && <SlaRulesForm />}
      </div>
      {byHand && <CreateLeadDialog target={null} origin={{ kind: 'MANUAL' }} region={state.region} onClose={() => setByHand(false)} />}
    </div>
  );
}
