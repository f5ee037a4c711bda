/** The toolbar's Blame button: pressed while the gutter of line authors is shown. */
export function BlameToggle({ pressed, onToggle }: { pressed: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      title={pressed ? 'Hide who wrote each line' : 'Show who wrote each line'}
      onClick={onToggle}
    >
      Blame
    </button>
  );
}
