import { afterEach, describe, expect, it } from 'vitest';
import { startScreenTiming } from '../../src/renderer/screen-timing';
import { SCREEN_TRANSITION_PREFIX } from '../../src/shared/screen-timing';

const measures = () => performance.getEntriesByType('measure').filter((entry) => entry.name.startsWith(SCREEN_TRANSITION_PREFIX));
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

afterEach(() => performance.clearMeasures());

describe('screen timing', () => {
  it('measures from the touch to the first frame of the screen it caused, once', async () => {
    const timing = startScreenTiming(window);
    window.dispatchEvent(new Event('pointerdown'));
    timing.screenShown('menu');
    await nextFrame();
    await nextFrame();
    expect(measures().map((m) => m.name)).toEqual([`${SCREEN_TRANSITION_PREFIX}menu`]);
    expect(measures()[0]!.duration).toBeGreaterThanOrEqual(0);

    // A screen no touch asked for (an idle reset, an event) is not a transition the resident waited for.
    timing.screenShown('attract');
    await nextFrame();
    expect(measures()).toHaveLength(1);
    timing.stop();
    window.dispatchEvent(new Event('pointerdown'));
    timing.screenShown('letters');
    await nextFrame();
    expect(measures()).toHaveLength(1);
  });

  it('keeps at most 200 entries', async () => {
    const timing = startScreenTiming(window);
    for (let i = 0; i < 205; i++) {
      window.dispatchEvent(new Event('pointerdown'));
      timing.screenShown(`s${i}`);
      await nextFrame();
    }
    expect(performance.getEntriesByType('measure').length).toBeLessThanOrEqual(200);
    timing.stop();
  });
});
