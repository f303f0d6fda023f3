// Elements that overlap one another, as a reader sees them: run in the page with
// `page.evaluate(findOverlaps)`. It returns one line per pair of boxes that share more than 2 px
// each way, at most 20.
//
// The boxes are the lines of text (each text node's rectangles, so a wrapped link is its lines,
// not the rectangle around them) and the pictures and controls (img, svg, video, iframe, input,
// select, textarea, button). Two boxes are compared only when they belong to different blocks,
// neither holding the other: lines of one paragraph may touch, a caption's text sits inside its
// figure. Left out as meant to overlap: anything positioned absolute, fixed or sticky (a play
// button over its poster, the skip link, a pause control over its animation), what is hidden,
// transparent, clipped away (text for screen readers only) or inside a closed <details>, and text inside an SVG.
export function findOverlaps() {
  const MARGIN = 2;
  const style = (el) => getComputedStyle(el);
  const hidden = (el) => {
    // Also what a closed <details> holds: Chromium lays it out but does not paint it.
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) return true;
    for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
      const s = style(e);
      if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) return true;
      if (s.clip !== "auto" && s.clip !== "" || s.clipPath !== "none") return true;
      if (["absolute", "fixed", "sticky"].includes(s.position)) return true;
    }
    return false;
  };
  const block = (el) => {
    let e = el;
    while (e.parentElement && style(e).display.startsWith("inline") && style(e).display !== "inline-block") e = e.parentElement;
    return e;
  };
  const name = (el) => {
    const id = el.id ? `#${el.id}` : "";
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
    const text = (el.textContent || el.getAttribute("src") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
  };
  const boxes = [];
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = texts.nextNode(); n; n = texts.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || el.closest("svg, script, style, noscript, template") || hidden(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) if (r.width > MARGIN && r.height > MARGIN) boxes.push({ el, owner: block(el), r });
  }
  for (const el of document.querySelectorAll("img, svg, video, iframe, input, select, textarea, button")) {
    if (el.parentElement && el.parentElement.closest("svg")) continue;
    if (hidden(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width > MARGIN && r.height > MARGIN) boxes.push({ el, owner: el, r });
  }
  const found = [];
  const seen = new Set();
  for (let i = 0; i < boxes.length && found.length < 20; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
      const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (w <= MARGIN || h <= MARGIN) continue;
      const pair = `${name(a.owner)} and ${name(b.owner)}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      found.push(`${pair} overlap by ${Math.round(w)}x${Math.round(h)} px at y=${Math.round(Math.max(a.r.top, b.r.top) + window.scrollY)}`);
      if (found.length >= 20) break;
    }
  }
  return found;
}
