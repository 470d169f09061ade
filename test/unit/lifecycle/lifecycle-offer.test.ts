import { describe, expect, it } from 'vitest';
import { lifecycleOffer, type OfferAgent } from '../../../common/lifecycle-offer.js';

const agent = (kind: string, status: string, container: string): OfferAgent => ({ state: 'ready', health: { status }, runtime: { kind, container } });
const verbs = (offer: ReturnType<typeof lifecycleOffer>) => offer && (['start', 'stop', 'restart'] as const).filter((verb) => offer[verb]);

describe('lifecycleOffer', () => {
  it('a custom runtime with no container Docker knows of: the offer comes from health', () => {
    expect(verbs(lifecycleOffer(agent('custom', 'online', 'missing'), undefined))).toEqual(['stop', 'restart']);
    expect(verbs(lifecycleOffer(agent('custom', 'unauthorized', 'missing'), undefined))).toEqual(['stop', 'restart']);
    expect(verbs(lifecycleOffer(agent('custom', 'offline', 'missing'), undefined))).toEqual(['start']);
    expect(verbs(lifecycleOffer(agent('custom', 'starting', 'missing'), undefined))).toEqual(['stop']);
    expect(verbs(lifecycleOffer(agent('custom', 'unknown', 'missing'), undefined))).toEqual(['start', 'stop', 'restart']);
  });

  it('a custom runtime whose container Docker does find still reads it', () => {
    expect(verbs(lifecycleOffer(agent('custom', 'offline', 'running'), undefined))).toEqual(['start', 'stop', 'restart']);
    expect(verbs(lifecycleOffer(agent('custom', 'online', 'stopped'), undefined))).toEqual(['start', 'stop', 'restart']);
  });

  it('term-llm and compose: no container means not running, whatever answers the port', () => {
    for (const kind of ['term-llm', 'compose']) {
      expect(verbs(lifecycleOffer(agent(kind, 'offline', 'missing'), undefined))).toEqual(['start']);
      expect(verbs(lifecycleOffer(agent(kind, 'online', 'running'), undefined))).toEqual(['stop', 'restart']);
      expect(verbs(lifecycleOffer(agent(kind, 'online', 'missing'), undefined))).toEqual(['start', 'stop', 'restart']);
    }
  });

  it('none, a workspace not ready, or a running command', () => {
    expect(lifecycleOffer(agent('none', 'online', 'missing'), undefined)).toBeNull();
    expect(lifecycleOffer({ ...agent('custom', 'online', 'missing'), state: 'invalid' }, undefined)).toBeNull();
    expect(lifecycleOffer(agent('custom', 'online', 'missing'), 'stop')).toEqual({ start: false, stop: false, restart: false, running: 'stop' });
  });
});
