// How far long work has got (an export, an import): a bar, filling when there is a measure and
// moving without one when there is not, and a few words.
export function ProgressStatus({ label, done, total, name }: { label: string; done?: number | undefined; total?: number | undefined; name?: string }) {
  return (
    <div className="progress-status" role="status" aria-label={name}>
      {done !== undefined && total ? <progress max={total} value={done} /> : <progress />}
      <span>{label}</span>
    </div>
  );
}
