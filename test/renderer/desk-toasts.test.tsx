// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskToast } from '../../preload/contract.js';
import { cleanup, renderDesk } from './render-desk.js';

afterEach(() => cleanup());

const toast = (id: string, message: string, count = 1): DeskToast => ({ id, level: 'warning', message, count });

describe('desk toasts (the shell reports problems without modals)', () => {
  it('shows a toast, updates it in place by id with its count, keeps at most three, and dismisses', async () => {
    const { api } = renderDesk();
    act(() => api.emit({ channel: 'desk:toast', payload: { toast: toast('toast-1', 'A widget was not opened.') } }));
    const region = await screen.findByRole('status', { name: 'Notifications' });
    expect(within(region).getAllByTestId('desk-toast')).toHaveLength(1);

    act(() => api.emit({ channel: 'desk:toast', payload: { toast: toast('toast-1', 'Another widget was not opened.', 40) } }));
    expect(within(region).getAllByTestId('desk-toast')).toHaveLength(1);
    expect(region.textContent).toContain('Another widget was not opened.');
    expect(region.textContent).toContain('×40');

    act(() => {
      for (const id of ['toast-2', 'toast-3', 'toast-4']) api.emit({ channel: 'desk:toast', payload: { toast: toast(id, `problem ${id}`) } });
    });
    const shown = within(region).getAllByTestId('desk-toast');
    expect(shown).toHaveLength(3);
    expect(region.textContent).not.toContain('Another widget');

    fireEvent.click(within(shown[0]!).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(within(region).getAllByTestId('desk-toast')).toHaveLength(2));
  });
});

describe('port setting', () => {
  it('saves a valid port, refuses one below 1024, and says a change applies at the next start', async () => {
    const { api } = renderDesk();
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const input = await screen.findByLabelText('Gateway port');
    expect((input as HTMLInputElement).value).toBe('47800');
    const form = input.closest('form')!;

    fireEvent.change(input, { target: { value: '80' } });
    expect(await within(form).findByRole('alert')).toHaveProperty('textContent', 'Enter a port from 1024 to 65535.');
    fireEvent.submit(form);
    expect(api.settings.port).toBe(47800);

    fireEvent.change(input, { target: { value: '47900' } });
    fireEvent.submit(form);
    await waitFor(() => expect(api.settings.port).toBe(47900));
    expect((await screen.findByTestId('port-pending')).textContent).toBe('Running on 47800 now; 47900 is used from the next start.');
  });
});
