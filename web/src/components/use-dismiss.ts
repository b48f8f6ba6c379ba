/** Closes a popup (a menu, a dropdown) when the user presses the mouse outside it. */
import { useEffect, type RefObject } from 'react';

export function useDismiss(box: RefObject<HTMLElement | null>, open: boolean, setOpen: (open: boolean) => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [box, open, setOpen]);
}
