import { FormError } from './form-error';
import { Modal } from './modal';
import { useSubmit } from './use-submit';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** Asks before something that cannot be undone; shows the failure inline if it fails. */
export function ConfirmDialog({ title, message, confirmLabel, danger, onConfirm, onClose }: ConfirmDialogProps) {
  const { busy, error, run } = useSubmit(onConfirm);

  async function confirm(): Promise<void> {
    if (await run()) onClose();
  }

  return (
    <Modal title={title} onClose={onClose}>
      <p>{message}</p>
      <FormError error={error} />
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy} onClick={() => void confirm()} autoFocus>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
