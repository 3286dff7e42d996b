/**
 * The Content Security Policy for the kiosk UI, the same in both hosts. Only
 * our own bundle runs; images may be data URLs (the village logo, a letter's
 * pages drawn for its preview); connections go back to our own origin only
 * (the web host's WebSocket). The one worker is pdf.js's, our own file
 * (src/renderer/pdf/render-pdf.ts).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The policy as a page's <meta> may carry it: `frame-ancestors` only works as a header, and browsers warn about it in a meta. */
export function metaContentSecurityPolicy(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
}
