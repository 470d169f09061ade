import { describe, expect, it } from 'vitest';
import { TEST_INSTALL_KEY } from '../../fixtures/install-key.js';
import { agentLabel } from '../../../main/core/hosts/index.js';
import { decidePermission } from '../../../main/core/shell/permission-policy.js';

const PORT = 47800;
const alpha = agentLabel(TEST_INSTALL_KEY, 'alpha', '/ws/alpha');
const beta = agentLabel(TEST_INSTALL_KEY, 'beta', '/ws/beta');
const widget = `w-${'c'.repeat(26)}`;
const ask = (partition: string | undefined, permission: string, requestingOrigin: string | undefined) =>
  decidePermission({ partition, permission, requestingOrigin, gatewayPort: PORT });

describe('decidePermission', () => {
  it('allows notifications and clipboard writes to an agent from its own origin', () => {
    expect(ask(`persist:agent-${alpha}`, 'notifications', `http://${alpha}.localhost:${PORT}`)).toBe(true);
    expect(ask(`persist:agent-${alpha}`, 'clipboard-sanitized-write', `http://${alpha}.localhost:${PORT}/chat/`)).toBe(true);
  });

  it('denies everything else to agents', () => {
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'midiSysex', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'unknown', 'display-capture']) {
      expect(ask(`persist:agent-${alpha}`, permission, `http://${alpha}.localhost:${PORT}`), permission).toBe(false);
    }
  });

  it('denies an allowed permission asked from another origin inside the partition', () => {
    expect(ask(`persist:agent-${alpha}`, 'notifications', `http://${beta}.localhost:${PORT}`)).toBe(false);
    expect(ask(`persist:agent-${alpha}`, 'notifications', 'https://ads.example.com')).toBe(false);
    expect(ask(`persist:agent-${alpha}`, 'notifications', `http://${alpha}.localhost:${PORT + 1}`)).toBe(false);
    expect(ask(`persist:agent-${alpha}`, 'notifications', undefined)).toBe(false);
  });

  it('denies everything to widget partitions, the desk and unknown partitions', () => {
    for (const permission of ['notifications', 'clipboard-sanitized-write', 'media']) {
      expect(ask(`widget-${widget}`, permission, `http://${widget}.localhost:${PORT}`)).toBe(false);
      expect(ask('', permission, 'app://desk')).toBe(false);
      expect(ask(undefined, permission, 'app://desk')).toBe(false);
      expect(ask('persist:agent-NOT_A_LABEL', permission, 'http://x.localhost:47800')).toBe(false);
    }
  });
});

describe('agent notifications while desk notifications are on', () => {
  it('are denied, so nothing arrives twice; clipboard writes stay allowed', () => {
    const origin = `http://${alpha}.localhost:${PORT}`;
    const query = { partition: `persist:agent-${alpha}`, requestingOrigin: origin, gatewayPort: PORT };
    expect(decidePermission({ ...query, permission: 'notifications', deskNotifies: true })).toBe(false);
    expect(decidePermission({ ...query, permission: 'notifications', deskNotifies: false })).toBe(true);
    expect(decidePermission({ ...query, permission: 'clipboard-sanitized-write', deskNotifies: true })).toBe(true);
  });
});
