import { describe, expect, it } from 'vitest';
import { sanitizeArticle } from '../../../src/main/village/sanitize-article';

describe('sanitizeArticle', () => {
  it('keeps text formatting and drops scripts, images, links and every attribute', () => {
    const html =
      '<h1 onclick="x()">Judul</h1><p style="color:red">Halo <strong>warga</strong> &amp; <a href="https://evil.example">tautan</a></p>' +
      '<script>alert(1)</script><img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>';
    expect(sanitizeArticle(html)).toBe('<h3>Judul</h3><p>Halo <strong>warga</strong> &amp; tautan</p>');
  });
});
