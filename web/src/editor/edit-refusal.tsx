/** Why the last edit did not happen (it would have passed a limit); stays until dismissed or the next edit. */
export function EditRefusal({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="notice notice-error edit-refusal" role="alert">
      <span>{message}</span>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
