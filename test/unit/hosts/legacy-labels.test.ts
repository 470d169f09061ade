import { describe, expect, it } from 'vitest';
import { agentLabel } from '../../../main/core/hosts/index.js';
import { carryOverAgentIds, legacyAgentLabel } from '../../../main/core/hosts/legacy-labels.js';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';

const workspace = (name: string, path: string) => ({ id: agentLabel(TEST_INSTALL_KEY, name, path), name, path });

describe('carrying per-agent ids over from the pre-0020 labels', () => {
  const alpha = workspace('alpha', '/r1/alpha');
  const twin = workspace('alpha', '/r2/alpha');

  it('the legacy label is the old public form: slug ≤ 40, 6 base32 of sha256(path)', () => {
    expect(legacyAgentLabel('alpha', '/r1/alpha')).toMatch(/^a-alpha-[a-z2-7]{6}$/);
    expect(legacyAgentLabel('x'.repeat(50), '/r')).toMatch(/^a-x{40}-[a-z2-7]{6}$/);
    expect(legacyAgentLabel('alpha', '/r1/alpha')).not.toBe(alpha.id);
  });

  it('replaces old ids by the current id of the same workspace, keeps others and their order, drops duplicates', () => {
    const ids = ['a-gone-abcdef', legacyAgentLabel('alpha', '/r2/alpha'), twin.id, legacyAgentLabel('alpha', '/r1/alpha')];
    expect(carryOverAgentIds(ids, [alpha, twin])).toEqual(['a-gone-abcdef', twin.id, alpha.id]);
  });

  it('says there is nothing to do when no id is an old one', () => {
    expect(carryOverAgentIds([], [alpha])).toBeUndefined();
    expect(carryOverAgentIds([alpha.id, 'a-gone-abcdef'], [alpha, twin])).toBeUndefined();
  });
});
