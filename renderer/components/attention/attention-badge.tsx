import type { AttentionCounts } from '../../../preload/contract.js';
import { badgeLabel } from '../../logic/attention-view.js';

/** A number for what needs the user, a dot for finished runs; labelled for screen readers. */
export function AttentionBadge({ counts }: { counts: AttentionCounts | undefined }) {
  const label = counts ? badgeLabel(counts) : null;
  if (!counts || label === null) return null;
  return (
    <span className="attention-badge" role="img" aria-label={label} title={label} data-testid="attention-badge">
      {counts.needsYou > 0 ? (
        <span className="attention-count" aria-hidden="true">
          {counts.needsYou}
        </span>
      ) : (
        <span className="attention-dot" aria-hidden="true" />
      )}
    </span>
  );
}
