/** Small building blocks of the school cabinet: a confirmation dialog, a list of facts, a debounced value. */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Badge } from '../../ui/kit.tsx';
import { RefusalNotice } from './refusal.tsx';

/**
 * A modal confirmation on the native `<dialog>`: it keeps focus inside, closes on Escape and returns focus
 * to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  busy = false,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="school-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={`${id}-title`}>{title}</h2>
          <div className="school-dialog-body">{children}</div>
          {error ? <RefusalNotice error={error} /> : null}
          <div className="actions">
            <button
              type="button"
              className={`button ${danger ? 'button-danger' : 'button-primary'}`}
              disabled={busy}
              onClick={onConfirm}
            >
              {busy ? 'Выполняется…' : confirmLabel}
            </button>
            <button type="button" className="button" autoFocus disabled={busy} onClick={onCancel}>
              Отмена
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** One labelled fact of a card; a missing mandatory value is flagged, not left blank. */
export function Fact({ label, value, missing = false }: { label: string; value: ReactNode; missing?: boolean }) {
  const empty = value === null || value === undefined || value === '';
  return (
    <div className={`school-fact${missing ? ' school-fact-missing' : ''}`}>
      <dt>{label}</dt>
      <dd>
        {empty ? <span className="muted">—</span> : value}
        {missing && (
          <>
            {' '}
            <Badge tone="warning">не заполнено</Badge>
          </>
        )}
      </dd>
    </div>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="school-facts">{children}</dl>;
}

/** `value` once it has stopped changing for `delay` ms (typing into a search box). */
export function useDebounced<T>(value: T, delay = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}
