/**
 * A long press on a touchscreen opens Chromium's context menu (Back, Reload,
 * Save as, Inspect): an exit from the kiosk, and a puzzle for an elderly
 * resident. Both pages turn it off; the Electron shell also refuses it.
 */
export function turnOffContextMenu(target: Window = window): () => void {
  const refuse = (event: Event): void => event.preventDefault();
  target.addEventListener('contextmenu', refuse, { capture: true });
  return () => target.removeEventListener('contextmenu', refuse, { capture: true });
}
