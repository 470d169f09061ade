import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { Desk } from '../core/desk.js';
import { buildTrayMenu, shellAttention, trayIconSpec, trayMenuSignature, type TrayItem } from '../core/shell/index.js';
import type { LoginItem } from './login-item.js';
import type { LifecycleVerb } from '../../preload/contract.js';

export interface TrayOptions {
  desk: Desk;
  loginItem: LoginItem;
  openDesk(): void;
  openAgent(id: string): void;
  /** Start, stop or restart (the desk runs it; progress shows in the desk), or cancel the running command. */
  runLifecycle(id: string, verb: LifecycleVerb | 'cancel'): void;
  quit(): void;
  log(line: string): void;
}

/** The tray icon from its spec: one representation per scale factor; a template image on macOS. */
function trayIcon(variant: 'normal' | 'attention'): NativeImage {
  const spec = trayIconSpec(process.platform, variant);
  const icon = nativeImage.createEmpty();
  for (const { scaleFactor, size, bitmap } of spec.representations) icon.addRepresentation({ scaleFactor, width: size, height: size, buffer: bitmap });
  if (spec.template) icon.setTemplateImage(true);
  return icon;
}

/**
 * The tray icon and its menu, rebuilt from buildTrayMenu when agents or
 * settings change; the icon's variant and tooltip follow attention.
 */
export class DeskTray {
  readonly #tray: Tray;
  readonly #options: TrayOptions;
  readonly #unsubscribe: () => void;
  #signature = '';
  #variant: 'normal' | 'attention' = 'normal';
  #tooltip = 'Agent Desk';

  constructor(options: TrayOptions) {
    this.#options = options;
    this.#tray = new Tray(trayIcon(this.#variant));
    this.#tray.setToolTip(this.#tooltip);
    this.#tray.on('click', () => options.openDesk());
    this.#unsubscribe = options.desk.service.subscribe((event) => {
      if (event.channel === 'agents:changed' || event.channel === 'settings:changed' || event.channel === 'agents:progress') this.render();
    });
    this.render();
    void options.loginItem.refresh().then(
      () => this.render(),
      (error: Error) => options.log(`could not read the start-at-login state: ${error.message}`),
    );
  }

  render(): void {
    const { desk, loginItem } = this.#options;
    const agents = desk.registry.list();
    const attention = shellAttention(agents);
    if (attention.trayVariant !== this.#variant) {
      this.#variant = attention.trayVariant;
      this.#tray.setImage(trayIcon(this.#variant));
    }
    if (attention.trayTooltip !== this.#tooltip) {
      this.#tooltip = attention.trayTooltip;
      this.#tray.setToolTip(this.#tooltip);
    }
    const items = buildTrayMenu({
      agents,
      order: desk.settings.current.agentOrder,
      startAtLogin: { supported: loginItem.supported, enabled: loginItem.enabled },
      running: (id) => desk.lifecycle.running(id),
    });
    const signature = trayMenuSignature(items);
    if (signature === this.#signature) return;
    this.#signature = signature;
    this.#tray.setContextMenu(Menu.buildFromTemplate(items.map((item) => this.#toMenuItem(item))));
  }

  dispose(): void {
    this.#unsubscribe();
    this.#tray.destroy();
  }

  #toMenuItem(item: TrayItem): MenuItemConstructorOptions {
    const options = this.#options;
    switch (item.kind) {
      case 'agent':
        if (item.actions.length === 0) return { label: item.label, enabled: item.enabled, click: () => options.openAgent(item.id) };
        return {
          label: item.label,
          submenu: item.actions.map((action): MenuItemConstructorOptions => {
            if (action.kind === 'open') return { label: action.label, enabled: action.enabled, click: () => options.openAgent(item.id) };
            const verb = action.kind === 'cancel' ? 'cancel' : action.verb;
            return { label: action.label, click: () => options.runLifecycle(item.id, verb) };
          }),
        };
      case 'note':
        return { label: item.label, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'open-desk':
        return { label: item.label, click: () => options.openDesk() };
      case 'start-at-login':
        return {
          label: item.label,
          type: 'checkbox',
          checked: item.checked,
          enabled: item.enabled,
          click: (menuItem) => {
            options.loginItem
              .set(menuItem.checked)
              .catch((error: Error) => options.log(`could not change start at login: ${error.message}`))
              .finally(() => {
                // Electron flipped the checkbox already; redraw from the OS state, even if unchanged.
                this.#signature = '';
                this.render();
              });
          },
        };
      case 'quit':
        return { label: item.label, click: () => options.quit() };
    }
  }
}
