import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentLabel,
  hostLabel,
  hostOf,
  isAgentLabel,
  isMount,
  isWidgetLabel,
  labelKind,
  labelOfUrl,
  originOf,
  widgetLabel,
} from '../../../main/core/hosts/index.js';

const PORT = 47800;
const key = fc.uint8Array({ minLength: 32, maxLength: 32 });
const anyText = fc.string({ unit: 'binary', maxLength: 120 });

/**
 * The one parser of hosts, labels and mounts: whatever it mints it parses
 * back to the same label and kind, and nothing else parses as one.
 */
describe('hosts: mint ↔ parse', () => {
  it('every minted agent label parses back, as a host and as a URL, and as nothing else', () => {
    fc.assert(
      fc.property(key, anyText, anyText, (k, name, path) => {
        const label = agentLabel(k, name, path);
        expect(isAgentLabel(label)).toBe(true);
        expect(isWidgetLabel(label)).toBe(false);
        expect(labelKind(label)).toBe('agent');
        expect(hostLabel(hostOf(label, PORT), PORT)).toBe(label);
        expect(labelOfUrl(`${originOf(label, PORT)}/chat/x?y=1`, PORT)).toBe(label);
        expect(labelOfUrl(`${originOf(label, PORT)}/`, PORT + 1)).toBeUndefined();
      }),
    );
  });

  it('every minted widget label parses back as a widget', () => {
    fc.assert(
      fc.property(key, anyText, fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/), (k, agent, mount) => {
        const label = widgetLabel(k, agent, mount);
        expect(labelKind(label)).toBe('widget');
        expect(hostLabel(hostOf(label, PORT), PORT)).toBe(label);
        expect(isMount(mount)).toBe(true);
      }),
    );
  });

  it('random strings are no label, host or mount of ours', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        // A random string that happens to be a well-formed label must have exactly the minted shape.
        const kind = labelKind(text);
        if (kind === 'agent') expect(text).toMatch(/^a-[a-z0-9]+(-[a-z0-9]+)*-[a-z2-7]{16}$/);
        else if (kind === 'widget') expect(text).toMatch(/^w-[a-z2-7]{26}$/);
        else if (kind !== undefined) expect(['desk', 'storage-probe']).toContain(text);
        const label = hostLabel(text, PORT);
        if (label !== undefined) expect(text).toBe(`${label}.localhost:${PORT}`);
      }),
    );
  });

  it('near-misses of minted labels and hosts do not parse', () => {
    fc.assert(
      fc.property(key, fc.string({ minLength: 1, maxLength: 20 }), anyText, (k, name, path) => {
        const label = agentLabel(k, name, path);
        const hash = label.slice(-16);
        const slug = label.slice(2, -17);
        const misses = [
          label.toUpperCase(),
          `${label}-`,
          `${label}a`,
          label.slice(0, -1),
          `a-${slug}-${hash.slice(0, 15)}1`,
          `a-${slug}-${hash.slice(0, 6)}`,
          `a--${slug}-${hash}`,
          `a-${slug}--${hash}`,
          `a-${'x'.repeat(31)}-${hash}`,
          `b-${slug}-${hash}`,
          `a-${hash}`,
        ];
        for (const miss of misses) expect(isAgentLabel(miss), miss).toBe(false);
        const host = hostOf(label, PORT);
        for (const miss of [`${host}.`, `${label}.localhost.:${PORT}`, `${label}.localhost:0${PORT}`, `x.${host}`, `${label}.LOCALHOST:${PORT}`, `u@${host}`, `${label}.localhost`, host.replace('.localhost', '.localhoste')]) {
          expect(hostLabel(miss, PORT), miss).toBeUndefined();
        }
        for (const miss of [`https://${host}/`, `http://u:p@${host}/`, `http://x.${host}/`, `http://${label}.localhost:${PORT + 1}/`, `ws://${host}/`, 'not a url']) {
          expect(labelOfUrl(miss, PORT), miss).toBeUndefined();
        }
      }),
    );
  });

  it('mounts: 1–64 of [a-z0-9-], not starting with a hyphen; nothing encoded', () => {
    for (const ok of ['a', 'clock', '0', 'a-b', 'x'.repeat(64)]) expect(isMount(ok)).toBe(true);
    for (const bad of ['', '-a', 'A', 'a_b', 'a.b', 'a/b', '%61', 'x'.repeat(65), 'é', undefined, 3]) expect(isMount(bad)).toBe(false);
    fc.assert(
      fc.property(anyText, (text) => {
        expect(isMount(text)).toBe(/^[a-z0-9][a-z0-9-]{0,63}$/.test(text));
      }),
    );
  });

  it('an agent label parses exactly when a plain reading of the minted form says so (label-like strings)', () => {
    const BASE32 = new Set('abcdefghijklmnopqrstuvwxyz234567');
    /** The minted form read by hand, without a regex: `a-`, a slug of 1–30, `-`, 16 base32. */
    const minted = (text: string): boolean => {
      if (!text.startsWith('a-') || text.length < 2 + 1 + 1 + 16) return false;
      const hash = text.slice(-16);
      if (text[text.length - 17] !== '-' || ![...hash].every((c) => BASE32.has(c))) return false;
      const slug = text.slice(2, -17);
      return slug.length >= 1 && slug.length <= 30 && slug.split('-').every((run) => run.length > 0 && /^[a-z0-9]+$/.test(run));
    };
    // Each part is either well-formed or a near miss, so both answers come up often.
    const slugChar = fc.constantFrom('a', 'z', '0', '9', '-');
    const hashChar = fc.constantFrom('a', 'q', '2', '7');
    const labelLike = fc
      .tuple(
        fc.oneof(fc.constant('a-'), fc.constantFrom('a--', 'A-', 'b-', 'a', '')),
        fc.oneof(fc.string({ unit: slugChar, minLength: 1, maxLength: 34 }), fc.string({ unit: fc.constantFrom('a', 'A', '_', '.', 'é'), maxLength: 5 })),
        fc.oneof(fc.constant('-'), fc.constantFrom('--', '', '.')),
        fc.oneof(fc.string({ unit: hashChar, minLength: 16, maxLength: 16 }), fc.string({ unit: fc.constantFrom('a', '2', '8', '1', 'A', '-'), minLength: 14, maxLength: 18 })),
      )
      .map((parts) => parts.join(''));
    const sample = fc.sample(labelLike, { numRuns: 2000, seed: 1 });
    expect(sample.filter(minted).length).toBeGreaterThan(40);
    expect(sample.filter((text) => !minted(text)).length).toBeGreaterThan(100);
    fc.assert(
      fc.property(labelLike, (text) => {
        expect(isAgentLabel(text), text).toBe(minted(text));
        if (isAgentLabel(text)) expect(labelKind(text)).toBe('agent');
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(key, anyText, anyText, (k, name, path) => {
        expect(minted(agentLabel(k, name, path))).toBe(true);
      }),
    );
  });
});
