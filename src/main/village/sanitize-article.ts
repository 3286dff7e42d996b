/**
 * Articles come from the village website as raw HTML written by staff. The
 * kiosk shows text formatting only: no scripts, no images or links (they
 * would reach outside the kiosk), no attributes at all.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote'];

export function sanitizeArticle(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {},
    // Headings from the website become the kiosk's small headings.
    transformTags: { h1: 'h3', h2: 'h3', h5: 'h4', h6: 'h4' },
  }).trim();
}
