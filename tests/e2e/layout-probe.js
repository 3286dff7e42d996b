/*
 * Runs inside the kiosk page (added with page.addScriptTag by layout-checks.ts):
 * geometry checks of what a resident can touch, on the real layout.
 */
(() => {
  const name = (el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('aria-label') || ''}"`;
  const scrolls = (el) => {
    const style = getComputedStyle(el);
    return /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
  };
  const visible = (el) => {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 0 && rect.height > 0;
  };
  const scrollingParent = (el) => {
    for (let parent = el.parentElement; parent; parent = parent.parentElement) if (scrolls(parent)) return parent;
    return null;
  };
  const inScrollingList = (el) => scrollingParent(el) !== null;
  /** The part of an element one can see: inside a scrolling list, only what the list shows. */
  const seenRect = (el) => {
    const rect = el.getBoundingClientRect();
    const list = scrollingParent(el);
    if (!list) return rect;
    const box = list.getBoundingClientRect();
    const left = Math.max(rect.left, box.left);
    const top = Math.max(rect.top, box.top);
    const right = Math.min(rect.right, box.right);
    const bottom = Math.min(rect.bottom, box.bottom);
    return right > left && bottom > top ? { left, top, right, bottom } : null;
  };

  /** Every tappable element whole on screen, big enough, its label inside it, at least minGap from the others. */
  function layoutProblems(min, minGap) {
    const problems = [];
    // An open modal dialog covers everything else: only what is in it can be touched.
    const modal = [...document.querySelectorAll('[role="dialog"][aria-modal="true"], [role="alertdialog"]')].filter(visible).at(-1);
    const scope = modal ?? document;
    const tappables = [...scope.querySelectorAll('button, [role="button"], a[href], input, select, textarea')].filter(visible);
    const rects = new Map(tappables.map((el) => [el, el.getBoundingClientRect()]));
    for (const el of tappables) {
      const rect = rects.get(el);
      if (rect.width < min - 0.5 || rect.height < min - 0.5) {
        problems.push({ element: name(el), problem: `${Math.round(rect.width)}x${Math.round(rect.height)} px, below ${min} px` });
      }
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        problems.push({ element: name(el), problem: 'its label does not fit inside it' });
      }
      if (inScrollingList(el)) continue;
      if (rect.left < -0.5 || rect.top < -0.5 || rect.right > innerWidth + 0.5 || rect.bottom > innerHeight + 0.5) {
        problems.push({ element: name(el), problem: `off screen at ${Math.round(rect.left)},${Math.round(rect.top)}-${Math.round(rect.right)},${Math.round(rect.bottom)}` });
        continue;
      }
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflow === 'visible') continue;
        const box = parent.getBoundingClientRect();
        if (rect.left < box.left - 0.5 || rect.top < box.top - 0.5 || rect.right > box.right + 0.5 || rect.bottom > box.bottom + 0.5) {
          problems.push({ element: name(el), problem: `clipped by ${parent.tagName.toLowerCase()}.${parent.className}` });
          break;
        }
      }
    }
    for (let i = 0; i < tappables.length; i++) {
      for (let j = i + 1; j < tappables.length; j++) {
        const a = tappables[i];
        const b = tappables[j];
        if (a.contains(b) || b.contains(a)) continue;
        const ra = seenRect(a);
        const rb = seenRect(b);
        if (!ra || !rb) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 0.5 && h > 0.5) {
          problems.push({ element: name(a), problem: `overlaps ${name(b)}` });
          continue;
        }
        // The space between two targets: the larger of the horizontal and vertical distance.
        const gap = Math.max(-w, -h);
        if (gap < minGap - 0.5) problems.push({ element: name(a), problem: `${Math.round(gap * 10) / 10} px from ${name(b)}, below ${minGap} px` });
      }
    }
    return problems;
  }

  /** What scrolls: the page, or any part of it. */
  function scrollingParts() {
    const found = [];
    const root = document.scrollingElement;
    if (root && root.scrollHeight > innerHeight + 1) found.push('the page');
    for (const el of document.querySelectorAll('*')) if (scrolls(el)) found.push(`${el.tagName.toLowerCase()}.${el.className}`);
    return found;
  }

  window.admLayout = { layoutProblems, scrollingParts };
})();
