import { useNow } from '../hooks/use-now.js';
import { formatAgo } from '../logic/relative-time.js';

/** A time shown as "12 s ago" that keeps ticking; the exact time is in the tooltip and datetime. */
export function RelativeTime({ at }: { at: number }) {
  const now = useNow();
  const date = new Date(at);
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString()}>
      {formatAgo(at, now)}
    </time>
  );
}
