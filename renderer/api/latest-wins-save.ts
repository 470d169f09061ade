/**
 * Saves one value at a time; a value given while a save runs waits, and a
 * newer one replaces it (the latest wins). Two saves in flight at once can
 * reach the desk out of order (browser mode sends them on two connections),
 * and the older answer would then put back what the user had moved on from.
 *
 * Every caller gets whether the last save of the burst went through;
 * `settled` runs once the burst is over, whichever way it went.
 */
export function latestWinsSave<T>(save: (value: T) => Promise<boolean>, settled: () => void): (value: T) => Promise<boolean> {
  let waiting: { value: T } | null = null;
  let running: Promise<boolean> | null = null;

  const drain = async (): Promise<boolean> => {
    let saved = true;
    try {
      while (saved && waiting) {
        const { value } = waiting;
        waiting = null;
        saved = await save(value);
      }
      return saved;
    } finally {
      waiting = null; // a failed save drops what was queued behind it: the user sees the desk's order again
      running = null;
      settled();
    }
  };

  return (value) => {
    waiting = { value };
    running ??= drain();
    return running;
  };
}
