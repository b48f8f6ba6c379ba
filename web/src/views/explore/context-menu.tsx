/** The right-click (or long-press) menu of a node on the Explore canvas. */
import { useEffect } from 'react';
import { useI18n } from '../../i18n/i18n.js';

export interface ContextMenuState {
  id: string;
  at: { x: number; y: number };
}

export interface ContextMenuProps {
  menu: ContextMenuState;
  selected: string | null;
  pinned: boolean;
  /** In the multi-selection. */
  inSelection: boolean;
  onHide: (id: string) => void;
  onPin: (id: string, pin: boolean) => void;
  onToggleSelect: (id: string) => void;
  onExpandBy: (id: string, at: { x: number; y: number }) => void;
  onClose: () => void;
  onExpand: (id: string) => void;
  onDetails: (id: string) => void;
  onPathTo: (from: string, to: string) => void;
  onRemove: (id: string) => void;
  onPartners: (id: string) => void;
  typeOf: (id: string) => string | undefined;
  /** The node's name: a phone shows the menu as a sheet over the canvas, away from the node, so it says whose it is. */
  nameOf?: (id: string) => string | undefined;
  /** Start drawing a relation from this node (editors only). */
  onLinkFrom?: (id: string) => void;
}

export function ContextMenu({
  menu,
  selected,
  pinned,
  inSelection,
  onHide,
  onPin,
  onToggleSelect,
  onExpandBy,
  onClose,
  onExpand,
  onDetails,
  onPathTo,
  onRemove,
  onPartners,
  typeOf,
  nameOf,
  onLinkFrom,
}: ContextMenuProps) {
  const { t } = useI18n();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const type = typeOf(menu.id);
  const name = nameOf?.(menu.id);
  const act = (fn: () => void) => () => {
    fn();
    onClose();
  };
  return (
    <div className="menu context-menu" role="menu" style={{ left: menu.at.x, top: menu.at.y }} data-testid="context-menu">
      {name && <div className="menu-heading context-menu-title">{name}</div>}
      <button type="button" role="menuitem" className="menu-item" onClick={act(() => onExpand(menu.id))}>
        {t('menu.expand')}
      </button>
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        onClick={act(() => onExpandBy(menu.id, menu.at))}
        data-testid="menu-expand-by"
      >
        {t('canvas.menu.expandBy')}
      </button>
      <button type="button" role="menuitem" className="menu-item" onClick={act(() => onDetails(menu.id))}>
        {t('menu.details')}
      </button>
      {selected && selected !== menu.id && (
        <button type="button" role="menuitem" className="menu-item" onClick={act(() => onPathTo(selected, menu.id))}>
          {t('menu.pathTo')}
        </button>
      )}
      {(type === 'Enterprise' || type === 'Park') && (
        <button type="button" role="menuitem" className="menu-item" onClick={act(() => onPartners(menu.id))}>
          {t('menu.partners')}
        </button>
      )}
      {onLinkFrom && (
        <button type="button" role="menuitem" className="menu-item" onClick={act(() => onLinkFrom(menu.id))} data-testid="menu-link-from">
          {t('edit.menu.linkFrom')}
        </button>
      )}
      <div className="menu-group">
        <button type="button" role="menuitem" className="menu-item" onClick={act(() => onToggleSelect(menu.id))} data-testid="menu-select">
          {t(inSelection ? 'canvas.menu.deselect' : 'canvas.menu.select')}
        </button>
        <button type="button" role="menuitem" className="menu-item" onClick={act(() => onPin(menu.id, !pinned))} data-testid="menu-pin">
          {t(pinned ? 'canvas.menu.unpin' : 'canvas.menu.pin')}
        </button>
        <button type="button" role="menuitem" className="menu-item" onClick={act(() => onHide(menu.id))} data-testid="menu-hide">
          {t('canvas.menu.hide')}
        </button>
        <button type="button" role="menuitem" className="menu-item danger" onClick={act(() => onRemove(menu.id))} data-testid="menu-remove">
          {t('menu.remove')}
        </button>
      </div>
    </div>
  );
}
