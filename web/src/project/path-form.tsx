import { useCallback, useState, type FormEvent } from 'react';
import { FormError } from '../ui/form-error';
import { useSubmit } from '../ui/use-submit';

/** One path field and a submit: new file, new folder, rename or move. */
export function PathForm(props: { label: string; initial: string; submitLabel: string; onSubmit: (path: string) => Promise<void>; onCancel: () => void }) {
  const { onSubmit, onCancel } = props;
  const [path, setPath] = useState(props.initial);
  const { busy, error, run } = useSubmit(useCallback(() => onSubmit(path.trim()), [onSubmit, path]));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (await run()) onCancel();
  }

  return (
    <form className="path-form" onSubmit={(e) => void submit(e)} aria-label={props.label}>
      <input aria-label={props.label} value={path} onChange={(e) => setPath(e.target.value)} autoFocus required onKeyDown={(e) => e.key === 'Escape' && onCancel()} />
      <button type="submit" className="primary" disabled={busy}>
        {props.submitLabel}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      <FormError error={error} />
    </form>
  );
}
