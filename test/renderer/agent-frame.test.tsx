// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentFrame, FrameKindContext } from '../../renderer/components/agent-frame.js';

afterEach(cleanup);

const URL_ONE = 'http://a-alpha-abcdef.localhost:47800/__desk/enter?g=one';

describe('AgentFrame', () => {
  it('is a sandboxed iframe in browser mode', () => {
    const { container } = render(<AgentFrame url={URL_ONE} title="alpha" />);
    const frame = container.querySelector('iframe')!;
    expect(frame.getAttribute('src')).toBe(URL_ONE);
    expect(frame.getAttribute('sandbox')).toContain('allow-scripts');
    expect(frame.getAttribute('sandbox')).not.toContain('allow-top-navigation');
  });

  it('is a webview with its src present from creation in Electron', () => {
    const { container } = render(
      <FrameKindContext.Provider value="webview">
        <AgentFrame url={URL_ONE} title="alpha" />
      </FrameKindContext.Provider>,
    );
    const view = container.querySelector('webview')!;
    expect(view).not.toBeNull();
    expect(view.getAttribute('src')).toBe(URL_ONE);
    // Main forces these; the renderer must not try to choose them.
    expect(view.hasAttribute('preload')).toBe(false);
    expect(view.hasAttribute('partition')).toBe(false);
    expect(container.querySelector('iframe')).toBeNull();
  });

  it('keeps its first URL when re-rendered with another', () => {
    const { container, rerender } = render(<AgentFrame url={URL_ONE} title="alpha" />);
    rerender(<AgentFrame url="http://elsewhere.localhost/" title="alpha" />);
    expect(container.querySelector('iframe')!.getAttribute('src')).toBe(URL_ONE);
  });
});
