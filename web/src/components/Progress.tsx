/** A progress bar from basis points (0..10000). */
export function Progress({ bps, label }: { bps: number; label?: string }) {
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(bps / 100)} aria-label={label}>
      <div style={{ width: `${bps / 100}%` }} />
    </div>
  );
}
