import { useSyncExternalStore } from 'react';
import { Emitter } from '../../common/emitter.js';

/**
 * One shared one-second clock for every relative time on screen (a
 * directory of hundreds of cards must not run hundreds of timers). It runs
 * only while something subscribes.
 */
const ticks = new Emitter<void>('clock tick');
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

// React re-reads the snapshot right after subscribing, so a stale first value is replaced at once.
function subscribe(listener: () => void): () => void {
  const unsubscribe = ticks.event(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      ticks.fire();
    }, 1000);
  }
  return () => {
    unsubscribe();
    if (ticks.listenerCount === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The current time, updated every second while mounted. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}
