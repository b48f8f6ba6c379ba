/**
 * The top edge of a side panel when a phone shows it as a bottom sheet over the canvas: a handle that
 * folds the sheet down to a peek (the canvas stays usable) and back, and a close button. Hidden on
 * wider screens, where the panel is a column beside the canvas (web/src/phone.css).
 */
import { useI18n } from '../../i18n/i18n.js';

export interface SheetBarProps {
  /** Folded down to its peek height. */
  collapsed?: boolean;
  /** Folds or unfolds the sheet; without it the sheet has only its close button. */
  onToggle?: () => void;
  onClose: () => void;
  /** Prefix of the test ids: `${testId}-handle`, `${testId}-close`. */
  testId: string;
}

export function SheetBar({ collapsed = false, onToggle, onClose, testId }: SheetBarProps) {
  const { t } = useI18n();
  return (
    <div className="sheet-bar">
      {onToggle ? (
        <button
          type="button"
          className="sheet-handle"
          aria-expanded={!collapsed}
          aria-label={t(collapsed ? 'phone.sheetExpand' : 'phone.sheetCollapse')}
          title={t(collapsed ? 'phone.sheetExpand' : 'phone.sheetCollapse')}
          onClick={(e) => {
            // Folded, the sheet shows its top (the name), wherever its content had been scrolled to.
            const sheet = e.currentTarget.closest<HTMLElement>('.sheet');
            if (sheet) sheet.scrollTop = 0;
            onToggle();
          }}
          data-testid={`${testId}-handle`}
        />
      ) : (
        <span className="sheet-handle" aria-hidden />
      )}
      <button
        type="button"
        className="sheet-close"
        aria-label={t('phone.sheetClose')}
        title={t('phone.sheetClose')}
        onClick={onClose}
        data-testid={`${testId}-close`}
      >
        <svg viewBox="0 0 16 16" aria-hidden>
          <path d="M4 4 L12 12 M12 4 L4 12" />
        </svg>
      </button>
    </div>
  );
}
