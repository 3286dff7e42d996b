/** The User Timing name of a screen change: `adm:transition:<screen>` (written by the renderer, read by `npm run bench`). */
export const SCREEN_TRANSITION_PREFIX = 'adm:transition:';
