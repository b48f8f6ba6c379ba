/** The changes tab: the recent-changes feed and the source documents, each a sub-view. */
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { ChangeFeed } from './change-feed.js';
import { linkedChangeSet } from './change-link.js';
import { DocumentsList } from './documents-list.js';

export function ChangesView({ onShowEntity }: { onShowEntity: (id: string) => void }) {
  const { t } = useI18n();
  const [tab, setTab] = useState<'feed' | 'documents'>('feed');
  // A link from elsewhere (an import's change set) opens on that change set.
  const [focused, setFocused] = useState<string | null>(linkedChangeSet);
  return (
    <div className="changes-view pane" style={{ flex: 1 }}>
      <div className="canvas-toolbar">
        <div className="view-switch" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'feed'}
            className={tab === 'feed' ? 'active' : ''}
            onClick={() => setTab('feed')}
          >
            {t('changes.tabFeed')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'documents'}
            className={tab === 'documents' ? 'active' : ''}
            onClick={() => setTab('documents')}
            data-testid="changes-documents-tab"
          >
            {t('changes.tabDocuments')}
          </button>
        </div>
      </div>
      <div className="pane-scroll">
        {tab === 'feed' ? (
          <ChangeFeed
            focused={focused}
            onFocus={(id) => {
              setFocused(id);
              document.querySelector('.changes-view .pane-scroll')?.scrollTo({ top: 0 });
            }}
            onShowEntity={onShowEntity}
          />
        ) : (
          <DocumentsList onShowEntity={onShowEntity} />
        )}
      </div>
    </div>
  );
}
