/**
 * The board: one column per stage. An editor drags a card to another column (native drag and drop)
 * or, on a phone or from the keyboard, picks the stage in the card's "move to" control; either opens
 * the stage-change dialog for the note (and the reason for 搁置 / 放弃). A viewer's board does not move.
 */
import { useState } from 'react';
import { EmptyState, ErrorBanner, Spinner } from '../../components/status.js';
import type { LeadFilter, LeadStage } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';
import { LeadCard } from './lead-card.js';
import { useLeads, type Lead } from './lead-queries.js';
import { STAGES } from './lead-text.js';
import { StageDialog } from './stage-dialog.js';

const DRAG_TYPE = 'application/x-lead';

export function LeadsBoard({ filter, readOnly }: { filter: LeadFilter; readOnly: boolean }) {
  const { t } = useI18n();
  const leads = useLeads(filter);
  const [moving, setMoving] = useState<{ lead: Lead; to: LeadStage } | null>(null);
  const [over, setOver] = useState<LeadStage | null>(null);
  const items = leads.data?.leads.items;
  if (leads.error) return <ErrorBanner error={leads.error} onRetry={leads.reload} />;
  if (!items) return <Spinner />;
  const byId = new Map(items.map((l) => [l.id, l]));
  const ask = (lead: Lead | undefined, to: LeadStage) => {
    if (lead && lead.stage !== to) setMoving({ lead, to });
  };
  return (
    <>
      {items.length === 0 && <EmptyState title={t('leads.none')} testId="leads-empty" />}
      {!readOnly && items.length > 0 && <p className="muted small board-hint">{t('leads.board.hint')}</p>}
      <div className="leads-board" data-testid="leads-board" data-readonly={readOnly ? 'true' : 'false'}>
        {STAGES.map((stage) => {
          const cards = items.filter((l) => l.stage === stage);
          return (
            <section
              key={stage}
              className={`board-column stage-col-${stage}${over === stage ? ' drop-over' : ''}`}
              data-stage-column={stage}
              aria-label={t(`leads.stage.${stage}`)}
              onDragOver={(e) => {
                if (readOnly || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setOver(stage);
              }}
              onDragLeave={() => setOver((o) => (o === stage ? null : o))}
              onDrop={(e) => {
                if (readOnly) return;
                e.preventDefault();
                setOver(null);
                ask(byId.get(e.dataTransfer.getData(DRAG_TYPE)), stage);
              }}
            >
              <h3 className="board-column-head">
                <span className={`stage-chip stage-${stage}`}>{t(`leads.stage.${stage}`)}</span>
                <span className="muted small">{cards.length}</span>
              </h3>
              {cards.map((l) => (
                <LeadCard
                  key={l.id}
                  lead={l}
                  showStage={false}
                  draggable={!readOnly}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, l.id);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  actions={
                    !readOnly && (
                      <label className="lead-move small">
                        <span>{t('leads.board.moveTo')}</span>
                        <select
                          className="inline"
                          value=""
                          onChange={(e) => ask(l, e.target.value as LeadStage)}
                          data-testid="move-to-stage"
                        >
                          <option value="">…</option>
                          {STAGES.filter((s) => s !== l.stage).map((s) => (
                            <option key={s} value={s}>
                              {t(`leads.stage.${s}`)}
                            </option>
                          ))}
                        </select>
                      </label>
                    )
                  }
                />
              ))}
            </section>
          );
        })}
      </div>
      {moving && <StageDialog lead={moving.lead} to={moving.to} onClose={() => setMoving(null)} />}
    </>
  );
}
