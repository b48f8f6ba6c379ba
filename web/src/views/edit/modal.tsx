/**
 * A modal dialog on the native <dialog>: focus moves in and stays there, Escape closes it, the page
 * behind is inert. Centred on a desktop; the whole screen on a phone.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.js';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}

export function Modal({ title, onClose, children, testId }: ModalProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Escape in an open list of suggestions closes the list, not the whole form.
  const escapeInList = useRef(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Start at the first field rather than on the close button.
      dialog.querySelector<HTMLElement>('.modal-body input, .modal-body select, .modal-body textarea')?.focus();
    }
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={titleId}
      data-testid={testId}
      onKeyDownCapture={(e) => {
        if (e.key === 'Escape') escapeInList.current = (e.target as HTMLElement).getAttribute('aria-expanded') === 'true';
      }}
      onCancel={(e) => {
        e.preventDefault();
        if (!escapeInList.current) onClose();
        escapeInList.current = false;
      }}
    >
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="modal-close" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
