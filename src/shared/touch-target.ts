/**
 * Touch targets must be at least 12.7 mm on the real panel (UX.md), and never
 * below 44x44 CSS px; between two of them at least 2.54 mm. The panel's pixel density comes from the configuration;
 * a 21.5" 1080p panel is about 102 PPI.
 */
export const MIN_TARGET_MM = 12.7;
export const MIN_TARGET_CSS_PX = 44;
export const MIN_GAP_MM = 2.54;
export const DEFAULT_PANEL_PPI = 102;

export function minTouchTargetCssPx(panelPpi: number = DEFAULT_PANEL_PPI, devicePixelRatio = 1): number {
  const devicePx = (MIN_TARGET_MM / 25.4) * panelPpi;
  return Math.max(MIN_TARGET_CSS_PX, Math.ceil(devicePx / (devicePixelRatio || 1)));
}

/** The least space between two touch targets on the panel, in CSS px. */
export function minTouchGapCssPx(panelPpi: number = DEFAULT_PANEL_PPI, devicePixelRatio = 1): number {
  return Math.ceil(((MIN_GAP_MM / 25.4) * panelPpi) / (devicePixelRatio || 1));
}
