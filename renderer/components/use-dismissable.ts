import { useEffect, type RefObject } from 'react';

/**
 * Closes an open `<details>` menu on Escape (focus back on its summary), on
 * a press outside it, and when the window loses focus (a click into an
 * agent's frame never reaches this document; the blur does).
 */
export function useDismissable(ref: RefObject<HTMLDetailsElement | null>): void {
  useEffect(() => {
    const close = (refocus: boolean) => {
      const details = ref.current;
      if (!details?.open) return;
      details.open = false;
      if (refocus) details.querySelector('summary')?.focus();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && ref.current?.open && ref.current.contains(event.target as Node)) {
        event.preventDefault();
        close(true);
      }
    };
    const onPointerDown = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) close(false);
    };
    const onBlur = () => close(false);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('mousedown', onPointerDown);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('mousedown', onPointerDown);
      window.removeEventListener('blur', onBlur);
    };
  }, [ref]);
}
