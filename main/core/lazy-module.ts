import { createRequire } from 'node:module';
import type * as HttpProxy3 from 'http-proxy-3';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

/**
 * The CommonJS packages loaded on first use instead of at start-up. A closed
 * list: a `require` by name is invisible to the layer rules
 * (.dependency-cruiser.cjs), so only packages named here can be loaded so.
 */
interface LazyPackages {
  undici: typeof Undici;
  'http-proxy-3': typeof HttpProxy3;
}

/**
 * A package loaded on the first call instead of at start-up. An idle desk
 * with no agent never proxies, yet importing undici and http-proxy-3 eagerly
 * held ~10 MB of its RSS (bench/README.md, "Headless idle RSS"). `require` is
 * synchronous, so the first use stays on the caller's stack and later calls
 * cost one field read.
 */
export function lazyModule<K extends keyof LazyPackages>(specifier: K): () => LazyPackages[K] {
  let loaded: LazyPackages[K] | undefined;
  return () => (loaded ??= require(specifier) as LazyPackages[K]);
}
