// The panel's small building blocks. Dialogs and drawers are Radix primitives (focus trap, Escape,
// labelled by their title, the page behind made inert); this file only dresses them.
import { useId, useState, type ReactElement, type ReactNode } from 'react';
import { AlertDialog, Dialog } from 'radix-ui';
import { X } from 'lucide-react';
import { usePageTitle } from '../incidents.tsx';

/** The page's H1 (and the tab title), with its main actions beside it. */
export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <header className="page-head">
      <div>
        <h1>{title}</h1>
        {children && <p className="muted">{children}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}

/** A label above its input, help text below it (tied to the input for screen readers). */
export function Field({ label, help, children }: { label: string; help?: ReactNode; children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(helpId ? { 'aria-describedby': helpId } : {}) })}
      {help && (
        <p className="help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}

/** A panel that slides in from the side (from the bottom on a phone) for adding and editing. */
export function Drawer({
  title,
  description,
  trigger,
  open,
  onOpenChange,
  children,
}: {
  title: string;
  description?: string;
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  children: ReactNode;
}) {
  return (
    <Dialog.Root {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content className="drawer" {...(description ? {} : { 'aria-describedby': undefined })}>
          <header className="drawer-head">
            <Dialog.Title>{title}</Dialog.Title>
            <Dialog.Close className="btn ghost icon" aria-label="Close">
              <X size={20} aria-hidden="true" />
            </Dialog.Close>
          </header>
          {description && <Dialog.Description className="muted">{description}</Dialog.Description>}
          <div className="drawer-body">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/**
 * Asks before anything is removed or replaced. The title says what it acts on; the action runs
 * only on the explicit button, and its error shows in the dialog.
 */
export function Confirm({
  trigger,
  title,
  description,
  action,
  onConfirm,
  tone = 'danger',
}: {
  trigger: ReactElement;
  title: string;
  description: ReactNode;
  action: string;
  onConfirm: () => Promise<unknown>;
  tone?: 'danger' | 'primary';
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async () => {
    setBusy(true);
    setError('');
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title>{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="muted">{description}</div>
          </AlertDialog.Description>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel className="btn secondary">Cancel</AlertDialog.Cancel>
            <button
              type="button"
              className={`btn ${tone}`}
              disabled={busy}
              onClick={(e) => {
                // Stays open until the action is done (or failed with a message).
                e.preventDefault();
                void run();
              }}
            >
              {action}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/** A toggle chip for filters. */
export function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="chip" aria-pressed={pressed} onClick={onClick}>
      {children}
    </button>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'ok' | 'warn' | 'alert' | 'neutral' | 'info'; children: ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}

/** Something shown once (a password, a key): it says so, and it is selectable. */
export function ShownOnce({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="notice" role="status" aria-label={label}>
      {children}
    </div>
  );
}

/** A message after an action; errors are announced at once. */
export function Status({ message, error }: { message?: string; error?: string }) {
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  return message ? <p role="status">{message}</p> : null;
}

/** Runs an action and keeps its outcome for a Status line. */
export function useAction(): { message: string; error: string; run: (fn: () => Promise<unknown>, done?: string) => Promise<boolean>; clear: () => void } {
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const run = async (fn: () => Promise<unknown>, done = '') => {
    setError('');
    setMessage('');
    try {
      await fn();
      setMessage(done);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  return { message, error, run, clear: () => (setMessage(''), setError('')) };
}
