/**
 * The application menu as data (Electron menu roles). Electron's default
 * menu has "Toggle Developer Tools" and "Force Reload"; the packaged app
 * ships without them — DevTools on the desk page would hand anyone at the
 * keyboard the desk's IPC. Unpackaged (`npm start`) keeps them for
 * development.
 */
export type MenuRole =
  | 'appMenu'
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front';

export type AppMenuItem = { role: MenuRole } | { type: 'separator' } | { label: string; submenu: AppMenuItem[] };

export function appMenuTemplate(platform: NodeJS.Platform, packaged: boolean): AppMenuItem[] {
  const separator = { type: 'separator' } as const;
  const view: AppMenuItem[] = packaged
    ? [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }]
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }];
  const edit: AppMenuItem[] = [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }];
  const menu: AppMenuItem[] = [];
  if (platform === 'darwin') {
    menu.push({ label: 'Agent Desk', submenu: [{ role: 'about' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] });
  } else {
    menu.push({ label: 'File', submenu: [{ role: 'close' }, { role: 'quit' }] });
  }
  menu.push({ label: 'Edit', submenu: edit }, { label: 'View', submenu: view });
  menu.push({ label: 'Window', submenu: platform === 'darwin' ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }] });
  return menu;
}

/** Every role a template uses, nested menus included. */
export function menuRoles(template: readonly AppMenuItem[]): MenuRole[] {
  return template.flatMap((item) => ('role' in item ? [item.role] : 'submenu' in item ? menuRoles(item.submenu) : []));
}
