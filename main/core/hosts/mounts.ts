/** A widget mount as term-llm allows it (one path segment, literal, lower case). */
export const MOUNT_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isMount(value: unknown): value is string {
  return typeof value === 'string' && MOUNT_PATTERN.test(value);
}

/**
 * Why `mount` is not a widget mount, in words a person can act on, or
 * undefined when it is one. Percent-encoded names are refused outright: the
 * mount is compared literally, so `%61pp` would be a second name for `app`.
 */
export function mountProblem(mount: unknown): string | undefined {
  if (typeof mount !== 'string' || mount.length === 0) return 'a widget mount name is required';
  if (mount.includes('%')) return 'percent-encoded widget mount names are refused; use the plain name';
  if (!MOUNT_PATTERN.test(mount)) {
    const shown = JSON.stringify(mount.length > 80 ? `${mount.slice(0, 80)}…` : mount);
    return `widget mount ${shown} is not valid: use 1–64 lower-case letters, digits and hyphens, starting with a letter or digit`;
  }
  return undefined;
}

/** `{base}/widgets/<mount>/`: the one path tree a widget host serves. */
export function widgetPrefix(basePath: string, mount: string): string {
  return `${basePath}/widgets/${mount}/`;
}

/**
 * The (unchecked) mount segment of a path under `{base}/widgets/`, and
 * whether more follows it; undefined when the path is not there.
 */
export function widgetPathSegment(path: string, basePath: string): { mount: string; slash: number } | undefined {
  const widgets = `${basePath}/widgets/`;
  if (!path.startsWith(widgets)) return undefined;
  const slash = path.indexOf('/', widgets.length);
  return { mount: path.slice(widgets.length, slash < 0 ? undefined : slash), slash };
}
