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

  /** The boxes a text node's lines take on screen. */
  const textLineRects = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
  };
  /** Elements showing text of their own (not only through their children). */
  const ownText = (el) => [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
  /** Moving text (the running text) passes through its window on purpose. */
  const moving = (el) => {
    for (let at = el; at; at = at.parentElement) if (at.getAnimations().length > 0) return true;
    return false;
  };
  /** A few points inside a box, kept off rounded corners; only those inside the viewport and the box one can see. */
  const samplePoints = (rect, seen) => {
    const points = [];
    for (const fx of [0.15, 0.5, 0.85]) for (const fy of [0.25, 0.5, 0.75]) {
      const x = rect.left + rect.width * fx;
      const y = rect.top + rect.height * fy;
      if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
      if (seen && (x < seen.left || x > seen.right || y < seen.top || y > seen.bottom)) continue;
      points.push([x, y]);
    }
    return points;
  };
  /** Paints at a point though it takes no taps: a background, a border or text of its own there, or a picture. */
  const paints = (el, x, y) => {
    const style = getComputedStyle(el);
    if (/^(img|svg|canvas|video|picture)$/i.test(el.tagName)) return true;
    if (style.backgroundImage !== 'none') return true;
    if (!/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(style.backgroundColor)) return true;
    if (['Top', 'Right', 'Bottom', 'Left'].some((side) => parseFloat(style[`border${side}Width`]) > 0 && style[`border${side}Style`] !== 'none')) return true;
    return ownText(el).some((node) => textLineRects(node).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom));
  };
  const invisible = (el) => {
    for (let at = el; at; at = at.parentElement) if (parseFloat(getComputedStyle(at).opacity) < 0.05) return true;
    return false;
  };

  /**
   * What a person sees and touches: no text and no tappable element may lie
   * under another part of the screen (a badge, a hidden corner, a banner, a
   * dialog, anything fixed or positioned), and no text may be cut off by its
   * box. Hit-testing at points inside each one finds what is on top there;
   * elements that take no taps are made hit-testable for the look, so a badge
   * painted over a button is found, and skipped where they paint nothing.
   */
  function coverProblems() {
    const problems = [];
    const modal = [...document.querySelectorAll('[role="dialog"][aria-modal="true"], [role="alertdialog"]')].filter(visible).at(-1);
    const scope = modal ?? document.body;
    const untappable = new Set();
    for (const el of document.querySelectorAll('*')) {
      if (getComputedStyle(el).pointerEvents !== 'none') continue;
      untappable.add(el);
      el.dataset.admPointer = el.style.getPropertyValue('pointer-events') + '|' + el.style.getPropertyPriority('pointer-events');
      el.style.setProperty('pointer-events', 'auto', 'important');
    }
    try {
      const reported = new Set();
      const check = (el, what, points) => {
        for (const [x, y] of points) {
          for (const top of document.elementsFromPoint(x, y)) {
            if (top === el || el.contains(top) || top.contains(el)) break;
            if (untappable.has(top) && (invisible(top) || !paints(top, x, y))) continue;
            const key = `${name(el)} under ${name(top)}`;
            if (!reported.has(key)) {
              reported.add(key);
              problems.push({ element: name(el), problem: `${what} lies under ${top.tagName.toLowerCase()}.${top.className} ${name(top)} at ${Math.round(x)},${Math.round(y)}` });
            }
            break;
          }
        }
      };
      const tappables = [...scope.querySelectorAll('button, [role="button"], a[href], input, select, textarea')].filter(visible);
      for (const el of tappables) {
        const seen = seenRect(el);
        if (seen) check(el, 'tappable', samplePoints(el.getBoundingClientRect(), seen));
      }
      const texts = [scope, ...scope.querySelectorAll('*')].filter((el) => visible(el) && ownText(el).length > 0 && !el.closest('[aria-hidden="true"]'));
      for (const el of texts) {
        const seen = seenRect(el);
        if (!seen) continue;
        const lines = ownText(el).flatMap(textLineRects);
        check(el, 'text', lines.flatMap((line) => samplePoints(line, seen)));
        if (moving(el)) continue;
        // Cut off: by its own box, or by a clipping box around it that does not scroll.
        const style = getComputedStyle(el);
        if ((style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) || (style.overflowY !== 'visible' && !scrolls(el) && el.scrollHeight > el.clientHeight + 1)) {
          problems.push({ element: name(el), problem: 'its text is cut off by its box' });
          continue;
        }
        const list = scrollingParent(el);
        for (let parent = el.parentElement; parent && parent !== list; parent = parent.parentElement) {
          if (getComputedStyle(parent).overflow === 'visible' && parent !== document.documentElement) continue;
          const box = parent === document.documentElement ? { left: 0, top: 0, right: innerWidth, bottom: innerHeight } : parent.getBoundingClientRect();
          if (lines.some((r) => r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1)) {
            problems.push({ element: name(el), problem: `its text is cut off by ${parent.tagName.toLowerCase()}.${parent.className}` });
            break;
          }
        }
      }
    } finally {
      for (const el of untappable) {
        const [value, priority] = (el.dataset.admPointer ?? '|').split('|');
        el.style.removeProperty('pointer-events');
        if (value) el.style.setProperty('pointer-events', value, priority);
        delete el.dataset.admPointer;
      }
    }
    return problems;
  }

  /**
   * Words broken in the middle: "Permo" at the end of one line and "honan" on
   * the next is hard to read for anyone and harder for an elderly resident.
   * Each run of letters in the visible text is measured as a Range; its boxes
   * on more than one line mean the run was split. A break after a hyphen, a
   * soft hyphen, a dot or a slash falls between two runs and is allowed. Codes
   * (a log, a path, an audit detail) are marked up as code (`code`, `pre`,
   * `kbd`, `samp`) and may break anywhere.
   */
  function splitWordProblems() {
    const problems = [];
    const modal = [...document.querySelectorAll('[role="dialog"][aria-modal="true"], [role="alertdialog"]')].filter(visible).at(-1);
    const scope = modal ?? document.body;
    const texts = [scope, ...scope.querySelectorAll('*')].filter(
      (el) => visible(el) && ownText(el).length > 0 && !el.closest('[aria-hidden="true"], code, pre, kbd, samp') && !moving(el),
    );
    const range = document.createRange();
    for (const el of texts) {
      for (const node of ownText(el)) {
        for (const word of node.textContent.matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu)) {
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const boxes = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
          if (boxes.some((r) => Math.abs(r.top - boxes[0].top) > boxes[0].height / 2)) {
            problems.push({ element: name(el), problem: `the word "${word[0]}" is split across lines` });
          }
        }
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

  window.admLayout = { layoutProblems, coverProblems, splitWordProblems, scrollingParts };
})();
