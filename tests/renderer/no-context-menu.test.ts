import { describe, expect, it } from 'vitest';
import { turnOffContextMenu } from '../../src/renderer/no-context-menu';

describe('turnOffContextMenu', () => {
  it('refuses the context menu a long press opens, until turned back on', () => {
    const stop = turnOffContextMenu(window);
    const pressed = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(pressed);
    expect(pressed.defaultPrevented).toBe(true);
    stop();
    const later = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(later);
    expect(later.defaultPrevented).toBe(false);
  });
});
