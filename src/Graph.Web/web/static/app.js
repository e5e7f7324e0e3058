// The web view: a small single-page app over the server's /api endpoints and the Query API.
// In a shared snapshot (graph viz) the same code reads precomputed answers from window.GRAPH_SNAPSHOT.
(() => {
  'use strict';
  const snapshot = window.GRAPH_SNAPSHOT || null;
  const view = document.getElementById('view');
  const state = { cy: null, view: null };
  window.graphView = state; // for tests and the curious: state.view is the drawn view, state.cy the console's graph

  // ---------- helpers
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const h = (html) => { view.innerHTML = html; return view; };
  const link = (kind, id, text) => `<a href="${dated('#/' + kind + '/' + encodeURIComponent(id))}">${esc(text)}</a>`;
  const paradigmTint = '#5c6370';

  async function api(path) {
    if (snapshot) {
      const hit = snapshot.responses[path];
      if (hit === undefined) throw new Error('This shared snapshot does not include ' + path + '. Open it with graph serve for the full view.');
      return hit;
    }
    const response = await fetch(windowed(path), { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || (body.errors && body.errors[0] && body.errors[0].message) || response.statusText);
    return body;
  }

  // The range control: the dates every page, API answer and export covers. The range is part of the address
  // (#/expert/x?dates=2019-01-01..2019-12-31), so every link, tab and export carries it and a copied address shows
  // the same numbers. Dates are ISO (YYYY-MM-DD), typed as text: a date input would show the browser's locale.
  const ISO = /^\d{4}-\d{2}-\d{2}$/;
  function dates() {
    const q = (location.hash.split('?')[1] || '');
    const [from = '', to = ''] = (new URLSearchParams(q).get('dates') || '').split('..');
    return { from: ISO.test(from) ? from : '', to: ISO.test(to) ? to : '' };
  }
  const rangeParam = () => { const { from, to } = dates(); return from || to ? 'dates=' + from + '..' + to : ''; };
  // A page address with the current range.
  function dated(hash) {
    const r = rangeParam();
    return r ? hash + (hash.includes('?') ? '&' : '?') + r : hash;
  }
  // An API path with the current range: ?from=&to= (the experts of /api/path are from/to, so its dates are since/until).
  function windowed(path) {
    const { from, to } = dates();
    if (snapshot || (!from && !to) || !/^\/api\/(alignment|communities|matrix|evolution|experts\/|claims|pair|path|export\/|network-bound)/.test(path)) return path;
    const names = path.startsWith('/api/path') ? ['since', 'until'] : ['from', 'to'];
    const q = new URLSearchParams();
    if (from) q.set(names[0], from);
    if (to) q.set(names[1], to);
    return path + (path.includes('?') ? '&' : '?') + q.toString();
  }
  const go = hash => { location.hash = dated(hash); };
  function rangeControl() {
    if (snapshot) {
      // A windowed snapshot has no range control; it still says what its window's network left out.
      const bound = snapshot.responses['/api/network-bound'];
      return bound && bound.note ? `<div class="bound-note" data-testid="bound-note">${esc(bound.note[0].toUpperCase() + bound.note.slice(1))}.</div>` : '';
    }
    const { from, to } = dates();
    const active = from || to ? `stances dated ${from || '…'} to ${to || '…'}` : 'all dates';
    return `<div class="range" data-testid="range">Dates <input type="text" id="range-from" value="${esc(from)}" placeholder="YYYY-MM-DD" size="10" inputmode="numeric" aria-label="from (YYYY-MM-DD)"> to
      <input type="text" id="range-to" value="${esc(to)}" placeholder="YYYY-MM-DD" size="10" inputmode="numeric" aria-label="to (YYYY-MM-DD)"> <button type="button" id="range-apply" class="secondary">Apply</button>
      ${from || to ? '<button type="button" id="range-clear" class="secondary">All dates</button>' : ''}
      <span class="active-window" data-testid="active-window">Showing: <b>${esc(active)}</b></span>
      <span class="muted">(a stance's date is its session's, else its document's)</span> <span class="error-inline" id="range-error" role="alert"></span>
      ${from || to ? '<div class="bound-note" id="bound-note" data-testid="bound-note" hidden></div>' : ''}</div>`;
  }
  // Inside a window, the claims its network leaves out (more participants than the stored network's bound), as the CLI notes.
  async function showBoundNote() {
    const note = document.getElementById('bound-note');
    if (!note) return;
    try {
      const bound = await api('/api/network-bound');
      if (bound.note && document.body.contains(note)) { note.textContent = bound.note[0].toUpperCase() + bound.note.slice(1) + '.'; note.hidden = false; }
    } catch (e) { /* the view itself reports a failing store */ }
  }
  // The page's address with another range (or none).
  function withRange(from, to) {
    const [base, query = ''] = (location.hash || '#/alignment').split('?');
    const q = new URLSearchParams(query);
    q.delete('dates');
    if (from || to) q.set('dates', from + '..' + to);
    const text = q.toString().replace(/%2E%2E/gi, '..');
    return base + (text ? '?' + text : '');
  }
  function wireRange() {
    const apply = document.getElementById('range-apply');
    if (!apply) return;
    showBoundNote();
    const submit = () => {
      const from = document.getElementById('range-from').value.trim(), to = document.getElementById('range-to').value.trim();
      const bad = [[from, 'from'], [to, 'to']].find(([v]) => v && !ISO.test(v));
      if (bad) { document.getElementById('range-error').textContent = `'${bad[0]}' is not a date: use YYYY-MM-DD (e.g. 2019-01-01).`; return; }
      if (from && to && to < from) { document.getElementById('range-error').textContent = `${to} is before ${from}: the range would be empty; swap them.`; return; }
      location.hash = withRange(from, to);
    };
    apply.addEventListener('click', submit);
    for (const id of ['range-from', 'range-to']) document.getElementById(id).addEventListener('keydown', e => { if (e.key === 'Enter') submit(); });
    const clear = document.getElementById('range-clear');
    if (clear) clear.addEventListener('click', () => { location.hash = withRange('', ''); });
  }

  // Where a quote comes from, when the store holds stances of several documents.
  const docCite = d => d ? `<cite class="document" data-testid="document">${esc(d.title)}${d.date ? ` (${esc(d.date)})` : ''}</cite> · ` : '';

  function showError(e) {
    h(`<div class="error">${esc(e.message || e)}</div>`);
  }

  function destroyGraph() {
    if (state.cy) { state.cy.destroy(); state.cy = null; }
    state.view = null; state.kind = null;
    if (state.released) { state.released.abort(); state.released = null; }
  }

  // ---------- routing
  const routes = [
    [/^#\/(?:alignment|map)$/, () => renderAlignment()],
    [/^#\/communities$/, () => renderCommunities()],
    [/^#\/matrix$/, () => renderMatrix()],
    [/^#\/expert\/(.+)$/, m => renderExpert(decodeURIComponent(m[1]))],
    [/^#\/claim\/(.+)$/, m => renderClaim(decodeURIComponent(m[1]))],
    [/^#\/claims$/, () => renderClaims()],
    [/^#\/path(?:\?(.*))?$/, m => renderPath(new URLSearchParams(m[1] || ''))],
    [/^#\/console$/, () => renderConsole()],
    [/^#\/evolution(?:\?(.*))?$/, m => renderEvolution(new URLSearchParams(m[1] || ''))],
  ];

  async function route() {
    const full = location.hash || (snapshot && snapshot.start) || '#/alignment';
    // Routes see the address without its range (dates()); the tabs carry the range along.
    const [base, query = ''] = full.split('?');
    const rest = new URLSearchParams(query);
    rest.delete('dates');
    const hash = base + (rest.toString() ? '?' + rest.toString() : '');
    destroyGraph();
    document.querySelectorAll('nav a').forEach(a => {
      a.classList.toggle('active', hash.startsWith('#/' + a.dataset.nav));
      if (a.dataset.nav !== 'code' && a.dataset.nav !== 'console') a.setAttribute('href', dated('#/' + a.dataset.nav));
    });
    const brand = document.querySelector('a.brand');
    if (brand) brand.setAttribute('href', dated('#/alignment'));
    for (const [pattern, render] of routes) {
      const m = hash.match(pattern);
      if (m) {
        try { await render(m); } catch (e) { showError(e); }
        return;
      }
    }
    location.hash = '#/alignment';
  }
  window.addEventListener('hashchange', route);

  // ---------- search (the query library's accent- and case-insensitive name matching)
  const searchBox = document.getElementById('search');
  const searchResults = document.getElementById('search-results');
  let searchTimer = 0;
  searchBox.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const q = searchBox.value.trim();
      if (!q) { searchResults.hidden = true; return; }
      try {
        const hits = snapshot ? localSearch(q) : await api('/api/search?q=' + encodeURIComponent(q));
        searchResults.innerHTML = hits.length
          ? hits.map(x => `<li><a href="${hitHref(x)}">${esc(x.name)}<span class="kind">${esc(x.kind)}</span></a></li>`).join('')
          : '<li class="muted" style="padding:6px 12px">No match</li>';
        searchResults.hidden = false;
      } catch (e) { searchResults.innerHTML = `<li class="error">${esc(e.message)}</li>`; searchResults.hidden = false; }
    }, 150);
  });
  searchResults.addEventListener('click', () => { searchResults.hidden = true; searchBox.value = ''; });
  document.addEventListener('click', e => { if (!e.target.closest('.search')) searchResults.hidden = true; });
  // A shared snapshot has no server: match folded names of the experts and claims it carries.
  function localSearch(q) {
    const fold = t => String(t).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const words = fold(q).split(/\s+/).filter(Boolean);
    const pool = (snapshot.responses['/api/experts'] || []).map(x => ({ kind: 'expert', id: x.id, name: x.name }))
      .concat((snapshot.responses['/api/claims'] || []).map(c => ({ kind: 'claim', id: c.id, name: c.text })));
    return pool.filter(x => words.every(w => fold(x.name).split(/\W+/).some(t => t.startsWith(w)))).slice(0, 20);
  }

  function hitHref(x) {
    if (x.kind === 'expert') return dated('#/expert/' + encodeURIComponent(x.id));
    if (x.kind === 'claim') return dated('#/claim/' + encodeURIComponent(x.id));
    return dated('#/alignment');
  }

  // ---------- the three views of the debate (alignment, groups, matrix)
  // Layouts come from the server (same positions as the exports); the page draws circles on a canvas and places
  // labels as HTML on top, greedily and without overlap: more active experts first, the rest on hover.
  const LABEL_FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
  const measurer = document.createElement('canvas').getContext('2d');
  const textWidth = (text, font) => { measurer.font = font || LABEL_FONT; return measurer.measureText(text).width; };
  const overlaps = (a, b, pad = 1) => a.x < b.x + b.w + pad && b.x < a.x + a.w + pad && a.y < b.y + b.h + pad && b.y < a.y + a.h + pad;

  // A grid of boxes, to test a new label against the placed ones in O(1).
  function boxGrid(cell = 64) {
    const cells = new Map();
    const keys = b => { const out = []; for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.w) / cell); gx++) for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.h) / cell); gy++) out.push(gx + ',' + gy); return out; };
    return {
      free: b => keys(b).every(k => !(cells.get(k) || []).some(o => overlaps(o, b))),
      add: b => keys(b).forEach(k => { if (!cells.has(k)) cells.set(k, []); cells.get(k).push(b); }),
      each: (b, visit) => keys(b).forEach(k => (cells.get(k) || []).forEach(visit)),
    };
  }

  function legendHtml(title, entries) {
    return `<div class="legend" data-testid="legend"><div class="legend-title">${esc(title)}</div>${entries.map(e =>
      `<div class="entry" data-color="${esc(e.color)}"><i style="background:${esc(e.color)}"></i>${esc(e.label)}</div>`).join('')}</div>`;
  }

  function viewShell(kind, header, side) {
    h(`<div class="viewhead"><h1>${esc(header.title)}</h1><p class="sentence" data-testid="sentence">${esc(header.sentence)}</p>${rangeControl()}
      <div class="exports">Download: ${(kind === 'matrix' ? ['svg', 'png'] : ['svg', 'png', 'dot', 'gexf', 'graphml']).map(f =>
        snapshot ? '' : `<a href="${esc(windowed(`/api/export/${kind}.${f}`))}" download>${f.toUpperCase()}</a>`).join(' ')}${snapshot ? '<span class="muted">exports: graph viz --out file.svg|png|dot|gexf|graphml</span>' : ''}</div></div>
      <div class="layout"><div class="plot" id="plot" data-testid="plot" data-view="${kind}"><canvas></canvas><div class="labels"></div><div class="tip" hidden></div></div>
      <aside class="panel side">${side}</aside></div>
      <p class="caption muted" data-testid="caption">Data: ${esc(header.source)}. ${esc(header.settings)}.</p>`);
    wireRange();
    return document.getElementById('plot');
  }

  // A pan/zoom scatter of circles with HTML labels. nodes: {id, x, y, r, color, label, priority, tip};
  // fixed: texts that must show (paradigm names, captions, fault lines): {x, y, text, cls, font, dy, dx, align};
  // background(ctx, toScreen, k): the frame drawn under the circles.
  function scatter(plot, { nodes, fixed, background, bounds, onClick }) {
    const canvas = plot.querySelector('canvas'), labels = plot.querySelector('.labels'), tip = plot.querySelector('.tip');
    const ctx = canvas.getContext('2d');
    const big = nodes.length > 1500, ratio = big ? 1 : (window.devicePixelRatio || 1);
    const W = plot.clientWidth, H = plot.clientHeight;
    canvas.width = W * ratio; canvas.height = H * ratio; canvas.style.width = W + 'px'; canvas.style.height = H + 'px';
    const pad = 40;
    const k0 = Math.min((W - 2 * pad) / (bounds.maxX - bounds.minX), (H - 2 * pad) / (bounds.maxY - bounds.minY));
    const t = { k: k0, x: W / 2 - k0 * (bounds.minX + bounds.maxX) / 2, y: H / 2 - k0 * (bounds.minY + bounds.maxY) / 2 };
    const sx = x => t.x + t.k * x, sy = y => t.y + t.k * y;
    const radius = n => Math.max(1.5, n.r * Math.min(1.6, t.k));
    let frame = 0, settle = 0;
    const view = { nodes, placed: [], drawnAt: 0, draws: 0, transform: t };

    function draw() {
      frame = 0;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, W, H);
      if (background) background(ctx, { x: sx, y: sy }, t.k);
      for (const n of nodes) {
        ctx.beginPath();
        ctx.arc(sx(n.x), sy(n.y), radius(n), 0, 2 * Math.PI);
        ctx.fillStyle = n.color;
        ctx.fill();
        if (!big) { ctx.strokeStyle = '#fff'; ctx.lineWidth = 1; ctx.stroke(); }
      }
      view.draws++;
      view.drawnAt = performance.now();
    }
    const redraw = () => { if (!frame) frame = requestAnimationFrame(draw); };

    // Labels in priority order: fixed texts (paradigm names, captions, fault lines) whole or not at all, then
    // experts by activity, each beside its circle where it covers no other label and no other expert.
    function place() {
      const grid = boxGrid(), circles = boxGrid(), placed = [], html = [];
      const inside = b => b.x >= 0 && b.y >= 0 && b.x + b.w <= W && b.y + b.h <= H;
      const screen = nodes.map(n => { const x = sx(n.x), y = sy(n.y), r = radius(n); return { n, x, y, r }; });
      for (const c of screen) if (c.x + c.r >= 0 && c.y + c.r >= 0 && c.x - c.r <= W && c.y - c.r <= H) circles.add({ x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r, id: c.n.id });
      const circlesHit = (b, own) => { let hit = false; circles.each(b, o => { if (o.id !== own && overlaps(o, b, -1)) hit = true; }); return hit; };
      for (const f of fixed || []) {
        if (f.once && f.once.placed) continue;
        const font = f.font || LABEL_FONT, size = parseFloat(/(\d+)px/.exec(font)[1]), lh = Math.ceil(size * 1.35);
        const lines = f.lines || [f.text], total = lh * lines.length;
        const top = sy(f.y) + (f.dy || 0) - (f.anchor === 'bottom' ? total : f.anchor === 'top' ? 0 : total / 2);
        const boxes = lines.map((text, i) => {
          const w = textWidth(text, font);
          return { x: sx(f.x) + (f.dx || 0) - (f.align === 'left' ? 0 : f.align === 'right' ? w : w / 2), y: top + i * lh, w, h: lh - 1, text };
        });
        if (!boxes.every(b => inside(b) && grid.free(b) && (!f.avoidCircles || !circlesHit(b, null)))) continue;
        if (f.once) f.once.placed = true;
        boxes.forEach((b, i) => {
          grid.add(b); placed.push(b);
          html.push(`<span class="label ${f.cls || ''}${i ? '' : ' first'}" style="left:${b.x}px;top:${b.y}px;font:${font};line-height:${lh - 1}px">${esc(b.text)}</span>`);
        });
      }
      const order = screen.filter(c => c.n.label).sort((a, b) => b.n.priority - a.n.priority || (a.n.label < b.n.label ? -1 : 1));
      let budget = 300;
      for (const { n, x, y, r } of order) {
        if (budget <= 0) break;
        if (x < 0 || y < 0 || x > W || y > H) continue;
        const w = textWidth(n.label), hgt = 15;
        for (const b of [{ x: x + r + 3, y: y - hgt / 2 }, { x: x - r - 3 - w, y: y - hgt / 2 }, { x: x - w / 2, y: y - r - 1 - hgt }, { x: x - w / 2, y: y + r + 1 }]) {
          b.w = w; b.h = hgt;
          if (!inside(b) || !grid.free(b) || circlesHit(b, n.id)) continue;
          grid.add(b); placed.push({ ...b, text: n.label }); budget--;
          html.push(`<span class="label node" data-id="${esc(n.id)}" style="left:${b.x}px;top:${b.y}px">${esc(n.label)}</span>`);
          break;
        }
      }
      labels.innerHTML = html.join('');
      view.placed = placed;
      view.labelledAt = performance.now();
    }
    const later = () => { labels.style.visibility = 'hidden'; clearTimeout(settle); settle = setTimeout(() => { place(); labels.style.visibility = ''; }, 160); };

    plot.addEventListener('wheel', e => {
      e.preventDefault();
      const f = Math.exp(-e.deltaY * 0.0015), rect = canvas.getBoundingClientRect(), mx = e.clientX - rect.left, my = e.clientY - rect.top;
      const k = Math.min(Math.max(t.k * f, k0 * 0.5), k0 * 40);
      t.x = mx - (mx - t.x) * k / t.k; t.y = my - (my - t.y) * k / t.k; t.k = k;
      redraw(); later();
    }, { passive: false });
    let drag = null;
    plot.addEventListener('mousedown', e => { drag = { x: e.clientX, y: e.clientY, tx: t.x, ty: t.y, moved: false }; });
    // Released with the view (destroyGraph), so views opened one after another do not pile up listeners.
    if (state.released) state.released.abort();
    state.released = new AbortController();
    window.addEventListener('mouseup', () => { if (drag && drag.moved) later(); setTimeout(() => { drag = null; }, 0); }, { signal: state.released.signal });
    const hit = e => {
      const rect = canvas.getBoundingClientRect(), mx = e.clientX - rect.left, my = e.clientY - rect.top;
      let best = null, bestD = Infinity;
      for (const n of nodes) {
        const dx = sx(n.x) - mx, dy = sy(n.y) - my, d = dx * dx + dy * dy, r = radius(n) + 2;
        if (d <= r * r && d < bestD) { best = n; bestD = d; }
      }
      return { node: best, mx, my };
    };
    plot.addEventListener('mousemove', e => {
      if (drag && (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3)) {
        drag.moved = true; t.x = drag.tx + e.clientX - drag.x; t.y = drag.ty + e.clientY - drag.y; labels.style.visibility = 'hidden'; redraw(); return;
      }
      const { node, mx, my } = hit(e);
      plot.style.cursor = node ? 'pointer' : 'grab';
      if (!node) { tip.hidden = true; return; }
      tip.innerHTML = node.tip; tip.hidden = false;
      tip.style.left = Math.min(mx + 14, W - 280) + 'px'; tip.style.top = Math.min(my + 14, H - 80) + 'px';
    });
    plot.addEventListener('mouseleave', () => { tip.hidden = true; });
    plot.addEventListener('click', e => { if (drag && drag.moved) return; const { node } = hit(e); if (node && onClick) onClick(node); });
    draw(); place();
    view.redraw = () => { draw(); place(); };
    view.toScreen = n => ({ x: sx(n.x), y: sy(n.y), r: radius(n) });
    return view;
  }

  const scoreText = s => (s > 0 ? '+' : '') + Number(s).toFixed(2);
  function expertTip(x, paradigms) {
    return `<b>${esc(x.name)}</b><br>${x.activity} stance(s)${x.community ? ` · group ${x.community}` : ' · in no group'}<br>` +
      paradigms.map(p => `${esc(p.name)}: ${scoreText(x.scores[p.paradigmId || p.id] || 0)}`).join('<br>') +
      '<br><span class="muted">alignment: +1 supports every claim of the paradigm, −1 opposes every one; click for the expert page</span>';
  }

  async function renderAlignment() {
    const t0 = performance.now();
    const data = await api('/api/alignment');
    const mode = sessionStorage.getItem('graph.colorBy') || 'group';
    const legend = mode === 'paradigm' ? data.paradigmLegend : data.communityLegend;
    const paradigmColor = id => (data.paradigms.find(p => p.paradigmId === id) || { color: '#BDBDBD' }).color;
    const unplaced = data.unplaced.length
      ? `<h2>Not placed (${data.unplaced.length})</h2><p class="muted">No recorded stance, so no position: they are never drawn near a paradigm.</p>
         <ul class="plain unplaced" data-testid="unplaced">${data.unplaced.slice(0, 60).map(u => `<li>${link('expert', u.id, u.name)}</li>`).join('')}${data.unplaced.length > 60 ? `<li class="muted">and ${data.unplaced.length - 60} more</li>` : ''}</ul>` : '';
    const plot = viewShell('alignment', data.header, `
      <label for="colorBy" class="muted">Colour experts by</label>
      <select id="colorBy"><option value="group"${mode === 'group' ? ' selected' : ''}>group (who agrees with whom)</option><option value="paradigm"${mode === 'paradigm' ? ' selected' : ''}>paradigm they lean to</option></select>
      ${legendHtml(mode === 'paradigm' ? 'Colour: the paradigm an expert supports most' : 'Colour: group (community)', legend)}
      <p class="muted">Size: number of stances. Shaded discs: a paradigm's region (its supporters).</p>
      <p class="muted">${data.experts.length} experts placed.</p>${unplaced}`);
    document.getElementById('colorBy').addEventListener('change', e => { sessionStorage.setItem('graph.colorBy', e.target.value); renderAlignment(); });
    const R = data.radius;
    const extent = Math.max(R * 1.2, ...data.experts.map(x => Math.max(Math.abs(x.position.x), Math.abs(x.position.y)) + x.radius + 10));
    const nodes = data.experts.map(x => ({ id: x.id, x: x.position.x, y: x.position.y, r: x.radius, label: x.name, priority: x.activity,
      color: mode === 'paradigm' ? (x.dominant ? paradigmColor(x.dominant) : '#BDBDBD') : x.color, tip: expertTip(x, data.paradigms), data: x }));
    const fixed = [];
    for (const p of data.paradigms) {
      const up = p.for.y < 0, left = p.for.x < -1, right = p.for.x > 1;
      fixed.push({ x: p.for.x, y: p.for.y, text: 'supports ' + p.name, cls: 'paradigm', font: 'bold 13px system-ui, sans-serif', dy: up ? -6 : 6, anchor: up ? 'bottom' : 'top' });
      fixed.push({ x: p.against.x, y: p.against.y, text: 'opposes ' + p.name, cls: 'against', font: 'italic 12px system-ui, sans-serif', dy: p.against.y < 0 ? -6 : 6, anchor: p.against.y < 0 ? 'bottom' : 'top', dx: left || right ? 0 : 0 });
    }
    const centre = { placed: false };
    for (const [dx, dy, align] of [[-8, 0, 'right'], [8, 0, 'left'], [0, 12, 'center'], [0, -12, 'center'], [-40, -24, 'right'], [40, -24, 'left'], [-40, 24, 'right'], [40, 24, 'left']])
      fixed.push({ x: 0, y: 0, text: 'centre: no leaning', cls: 'muted', font: '11px system-ui, sans-serif', dx, dy, align, avoidCircles: true, once: centre });
    const background = (ctx, s, k) => {
      const pts = data.paradigms.flatMap(p => [p.for, p.against]).sort((a, b) => Math.atan2(a.y, a.x) - Math.atan2(b.y, b.x));
      ctx.setLineDash([4, 4]); ctx.strokeStyle = '#ccc'; ctx.lineWidth = 1; ctx.beginPath();
      pts.forEach((p, i) => i ? ctx.lineTo(s.x(p.x), s.y(p.y)) : ctx.moveTo(s.x(p.x), s.y(p.y))); ctx.closePath(); ctx.stroke(); ctx.setLineDash([]);
      ctx.beginPath(); data.paradigms.forEach((p, i) => i ? ctx.lineTo(s.x(p.for.x), s.y(p.for.y)) : ctx.moveTo(s.x(p.for.x), s.y(p.for.y))); ctx.closePath();
      ctx.fillStyle = '#f4f4f2'; ctx.fill(); ctx.strokeStyle = '#bbb'; ctx.stroke();
      for (const p of data.paradigms) {
        ctx.beginPath(); ctx.arc(s.x(p.for.x), s.y(p.for.y), data.regionRadius * k, 0, 2 * Math.PI);
        ctx.globalAlpha = 0.1; ctx.fillStyle = p.color; ctx.fill(); ctx.globalAlpha = 1;
        ctx.setLineDash([3, 3]); ctx.strokeStyle = p.color; ctx.stroke(); ctx.setLineDash([]);
      }
      ctx.strokeStyle = '#999'; ctx.beginPath(); ctx.moveTo(s.x(0) - 5, s.y(0)); ctx.lineTo(s.x(0) + 5, s.y(0)); ctx.moveTo(s.x(0), s.y(0) - 5); ctx.lineTo(s.x(0), s.y(0) + 5); ctx.stroke();
    };
    const view = scatter(plot, { nodes, fixed, background, bounds: { minX: -extent, minY: -extent, maxX: extent, maxY: extent },
      onClick: n => { go('#/expert/' + encodeURIComponent(n.id)); } });
    Object.assign(state, { view, kind: 'alignment', data, legend, firstDraw: view.drawnAt - t0 });
  }

  async function renderCommunities() {
    const t0 = performance.now();
    const data = await api('/api/communities');
    const plot = viewShell('communities', data.header, `
      ${legendHtml('Colour: group', data.legend)}
      <p class="muted">${esc(data.modularity)}</p><p class="muted">${esc(data.paradigmMatch)}</p>
      <p class="muted"><span class="dash"></span> a claim two groups take opposite sides on.</p>
      <h2>Groups</h2><ol class="captions">${data.groups.slice(0, 30).map(g => `<li><span class="swatch" style="background:${g.color}"></span>${esc(g.caption)}</li>`).join('')}${data.groups.length > 30 ? `<li class="muted">and ${data.groups.length - 30} smaller groups</li>` : ''}</ol>
      ${data.unclustered.length ? `<h2>In no group (${data.unclustered.length})</h2><p class="muted">They share no claim with anyone.</p><ul class="plain">${data.unclustered.slice(0, 40).map(u => `<li>${link('expert', u.id, u.name)}</li>`).join('')}${data.unclustered.length > 40 ? `<li class="muted">and ${data.unclustered.length - 40} more</li>` : ''}</ul>` : ''}
      ${data.faultLines.length ? `<h2>Fault lines</h2><ul class="plain">${data.faultLines.map(f => `<li>${link('claim', f.claimId, f.text)} <span class="muted">${esc(f.phrase)}</span></li>`).join('')}</ul>` : ''}`);
    const byNumber = new Map(data.groups.map(g => [g.number, g]));
    const paradigms = Object.keys((data.experts[0] || { scores: {} }).scores).map(id => ({ id, name: id }));
    const nodes = data.experts.map(x => ({ id: x.id, x: x.position.x, y: x.position.y, r: x.radius, label: x.name, priority: x.activity, color: x.color, tip: expertTip(x, paradigms) }));
    const fixed = [];
    const ring = data.groups.length <= 12;
    const captions = [];
    for (const g of data.groups) {
      // The caption outside its group (above for the upper half of the ring), wrapped to about the group's width; all lines or none.
      const words = g.shortCaption.split(' '), lines = []; let line = '';
      for (const w of words) { const c = line ? line + ' ' + w : w; if (line && textWidth(c) > 200) { lines.push(line); line = w; } else line = c; }
      if (line) lines.push(line);
      const above = ring && g.center.y < -1;
      captions.push({ x: g.center.x, y: g.center.y + (above ? -g.radius : g.radius), dy: above ? -4 : 4, anchor: above ? 'bottom' : 'top', lines, cls: 'caption', avoidCircles: true });
      // A small group's short name, placed if its full caption cannot be.
      captions.push({ x: g.center.x, y: g.center.y + (above ? -g.radius : g.radius), dy: above ? -4 : 4, anchor: above ? 'bottom' : 'top', lines: [g.number ? `Group ${g.number} (${g.size})` : `small groups (${g.size} experts)`], cls: 'caption', fallback: true });
    }
    fixed.push(...captions.filter(c => !c.fallback), ...captions.filter(c => c.fallback));
    for (const f of data.faultLines) {
      // On the line, where it covers no expert and no other text: the middle first, then either side.
      const a = byNumber.get(f.groupA), b = byNumber.get(f.groupB);
      const group = { placed: false };
      for (const at of [0.5, 0.38, 0.62, 0.28, 0.72])
        fixed.push({ x: a.center.x + (b.center.x - a.center.x) * at, y: a.center.y + (b.center.y - a.center.y) * at, text: '“' + f.shortText + '”', cls: 'fault', avoidCircles: true, once: group });
    }
    const background = (ctx, s, k) => {
      for (const g of data.groups) {
        ctx.beginPath(); ctx.arc(s.x(g.center.x), s.y(g.center.y), g.radius * k, 0, 2 * Math.PI);
        ctx.globalAlpha = 0.07; ctx.fillStyle = g.color; ctx.fill(); ctx.globalAlpha = 1; ctx.strokeStyle = '#aaa'; ctx.lineWidth = 1; ctx.stroke();
      }
      ctx.setLineDash([6, 4]); ctx.strokeStyle = '#444'; ctx.lineWidth = 1.5;
      for (const f of data.faultLines) {
        const a = byNumber.get(f.groupA), b = byNumber.get(f.groupB);
        const ax = s.x(a.center.x), ay = s.y(a.center.y), bx = s.x(b.center.x), by = s.y(b.center.y), d = Math.hypot(bx - ax, by - ay) || 1;
        const ux = (bx - ax) / d, uy = (by - ay) / d;
        ctx.beginPath(); ctx.moveTo(ax + ux * a.radius * k, ay + uy * a.radius * k); ctx.lineTo(bx - ux * b.radius * k, by - uy * b.radius * k); ctx.stroke();
      }
      ctx.setLineDash([]);
    };
    const xs = data.groups.flatMap(g => [g.center.x - Math.max(g.radius, 125), g.center.x + Math.max(g.radius, 125)]);
    const ys = data.groups.flatMap(g => [g.center.y - g.radius - (ring ? 110 : 0), g.center.y + g.radius + 110]);
    const view = scatter(plot, { nodes, fixed, background, bounds: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
      onClick: n => { go('#/expert/' + encodeURIComponent(n.id)); } });
    Object.assign(state, { view, kind: 'communities', data, legend: data.legend, firstDraw: view.drawnAt - t0 });
  }

  async function renderMatrix() {
    const t0 = performance.now();
    const data = await api('/api/matrix');
    const n = data.experts.length, max = data.maxAbsScore || 1;
    const color = s => { const t = Math.max(-1, Math.min(1, s / max)), a = Math.sqrt(Math.abs(t)), to = t >= 0 ? [0x5E, 0x3C, 0x99] : [0xB3, 0x58, 0x06]; return `rgb(${to.map(c => Math.round(255 + (c - 255) * a)).join(',')})`; };
    const scale = [-1, -0.5, 0, 0.5, 1].map(v => ({ color: color(v * max), label: v < 0 ? `${(v * max).toFixed(2)}: disagree more` : v > 0 ? `+${(v * max).toFixed(2)}: agree more` : '0 or no shared claim' }));
    const groups = [...new Set(data.blocks.map(b => b.community))];
    const plot = viewShell('matrix', data.header, `
      ${legendHtml(`Cell colour: ${data.scoreName}`, scale)}
      <p class="muted">${esc(data.scoreName)}: claims the two agree on minus claims they disagree on, each normalized (${esc(data.normalization)}); the bands and framed blocks are the groups (${groups.slice(0, 8).map(g => 'group ' + g).join(', ')}${groups.length > 8 ? ', …' : ''}).</p>
      <p class="muted">Hover a cell for the claims behind it.</p>
      ${data.unmatched.length ? `<p class="muted">Not in the matrix (sharing no claim with anyone): ${data.unmatched.length} expert(s).</p>` : ''}`);
    const canvas = plot.querySelector('canvas'), labels = plot.querySelector('.labels'), tip = plot.querySelector('.tip'), ctx = canvas.getContext('2d');
    const W = plot.clientWidth, H = plot.clientHeight, ratio = n > 1500 ? 1 : (window.devicePixelRatio || 1);
    canvas.width = W * ratio; canvas.height = H * ratio; canvas.style.width = W + 'px'; canvas.style.height = H + 'px';
    const nameWidth = n <= 150 ? Math.min(200, Math.max(...data.experts.map(x => textWidth(x.name)))) + 10 : 0;
    let cell = (Math.min(W - nameWidth, H) - 30) / n;
    const names = n <= 150 && cell >= 13;
    const left = (names ? nameWidth : 0) + 20, top = 20, side = cell * n;
    const cells = data.cells;
    const view = { nodes: [], placed: [], drawnAt: 0, draws: 0 };
    function draw() {
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0); ctx.clearRect(0, 0, W, H);
      ctx.fillStyle = '#fff'; ctx.fillRect(left, top, side, side); ctx.strokeStyle = '#ddd'; ctx.strokeRect(left, top, side, side);
      const c = Math.max(cell, 1);
      for (const [i, j, s] of cells) { ctx.fillStyle = color(s); ctx.fillRect(left + j * cell, top + i * cell, c, c); ctx.fillRect(left + i * cell, top + j * cell, c, c); }
      for (const b of data.blocks) {
        ctx.fillStyle = b.color; ctx.fillRect(left + b.start * cell, top - 12, (b.end - b.start) * cell, 8); ctx.fillRect(left - 12, top + b.start * cell, 8, (b.end - b.start) * cell);
        if ((b.end - b.start) * cell >= 3) { ctx.strokeStyle = '#333'; ctx.strokeRect(left + b.start * cell, top + b.start * cell, (b.end - b.start) * cell, (b.end - b.start) * cell); }
      }
      view.draws++; view.drawnAt = performance.now();
    }
    draw();
    if (names) {
      labels.innerHTML = data.experts.map((x, i) => `<span class="label node" style="right:${W - left + 14}px;top:${top + i * cell + cell / 2 - 8}px">${esc(x.name)}</span>`).join('');
      view.placed = [...labels.children].map(e => e.getBoundingClientRect());
    }
    const rowAt = (e) => { const r = canvas.getBoundingClientRect(); return { i: Math.floor((e.clientY - r.top - top) / cell), j: Math.floor((e.clientX - r.left - left) / cell), mx: e.clientX - r.left, my: e.clientY - r.top }; };
    const index = new Map(cells.map(c => [c[0] + '-' + c[1], c]));
    let pending = 0;
    plot.addEventListener('mousemove', e => {
      const { i, j, mx, my } = rowAt(e);
      if (i < 0 || j < 0 || i >= n || j >= n || i === j) { tip.hidden = true; return; }
      const [a, b] = i < j ? [i, j] : [j, i], c = index.get(a + '-' + b), x = data.experts[a], y = data.experts[b];
      const head = `<b>${esc(x.name)}</b> and <b>${esc(y.name)}</b> (groups ${x.community}, ${y.community})<br>`;
      tip.style.left = Math.min(mx + 14, W - 340) + 'px'; tip.style.top = Math.min(my + 14, H - 160) + 'px'; tip.hidden = false;
      if (!c) { tip.innerHTML = head + 'No claim in common.'; return; }
      const body = `${esc(data.scoreName)} ${scoreText(c[2])} · ${c[3]} claim(s) agreed, ${c[4]} disputed`;
      const list = (ids, title) => ids.length ? `<br><i>${title}</i><br>` + ids.slice(0, 6).map(id => '• ' + esc(data.claimTexts[id] || id)).join('<br>') + (ids.length > 6 ? `<br>… and ${ids.length - 6} more` : '') : '';
      if (data.claims) { const [agree, dispute] = data.claims[a + '-' + b]; tip.innerHTML = head + body + list(agree, 'shared') + list(dispute, 'disputed'); return; }
      tip.innerHTML = head + body;
      if (snapshot) return;
      clearTimeout(pending);
      pending = setTimeout(async () => {
        const p = await api(`/api/pair?a=${encodeURIComponent(x.id)}&b=${encodeURIComponent(y.id)}`);
        const l = (items, title) => items.length ? `<br><i>${title}</i><br>` + items.slice(0, 6).map(c => '• ' + esc(c.text) + (c.relation ? ` <span class="muted">(${esc(c.relation)})</span>` : '')).join('<br>') : '';
        tip.innerHTML = head + body + l(p.agree, 'shared') + l(p.disagree, 'disputed');
      }, 150);
    });
    plot.addEventListener('mouseleave', () => { tip.hidden = true; });
    plot.addEventListener('click', e => { const { i, j } = rowAt(e); if (i >= 0 && i < n && j >= 0 && j < n) go('#/expert/' + encodeURIComponent(data.experts[i].id)); });
    // Where a cell is on the page (tests hover it as a person would).
    view.cellAt = (i, j) => { const r = canvas.getBoundingClientRect(); return { x: r.left + left + (j + 0.5) * cell, y: r.top + top + (i + 0.5) * cell }; };
    // The pair under a page position, as the hover sees it (null: no shared claim there).
    view.pairAt = (x, y) => { const { i, j } = rowAt({ clientX: x, clientY: y }); const [a, b] = i < j ? [i, j] : [j, i]; return index.get(a + '-' + b) || null; };
    Object.assign(state, { view, kind: 'matrix', data, legend: scale, firstDraw: view.drawnAt - t0 });
  }

  // ---------- expert page
  async function renderExpert(id) {
    const x = await api('/api/experts/' + encodeURIComponent(id));
    const stance = (s, paradigm) => `<div class="stance ${esc(s.stance)}">
        <span class="tag ${esc(s.stance)}">${esc(s.stance)}</span> ${link('claim', s.claim.id, s.claim.text)}
        ${paradigm && s.sign < 0 ? `<span class="tag opposing" title="The claim opposes this paradigm, so ${esc(s.stance === 'endorses' ? 'endorsing' : 'criticizing')} it counts ${s.counts} ${esc(paradigm.name)}">claim opposes ${esc(paradigm.name)} · counts ${s.counts} it</span>` : ''}
        ${paradigm && s.sign > 0 ? `<span class="tag supporting">claim supports ${esc(paradigm.name)} · counts ${s.counts} it</span>` : ''}
        <blockquote>“${esc(s.quote)}”</blockquote>
        <span class="muted">${docCite(s.document)}Section ${esc(s.section)}${s.line ? `, line ${s.line}` : ''}${s.confidence < 1 ? ` · confidence ${s.confidence}: ${esc(s.note || '')}` : ''}</span></div>`;
    const people = (list, total, empty) => list.length ? `<ul class="plain">${list.map(a => `<li>${link('expert', a.expert.id, a.expert.name)} <span class="muted">${esc(x.scoreName)} ${scoreText(a.score)} · ${a.agreements} agreed, ${a.disagreements} disputed</span>
        <div class="muted small">${a.claims.slice(0, 3).map(c => `${esc(c.relation)} “${esc(c.text)}”`).join('; ')}${a.claims.length > 3 ? ` … ${a.claims.length - 3} more` : ''}</div></li>`).join('')}</ul>${total > list.length ? `<p class="muted">${list.length} of ${total} shown (graph allies lists all).</p>` : ''}` : `<p class="muted">${empty}</p>`;
    h(`<h1 data-testid="expert-name">${esc(x.name)}</h1>${rangeControl()}
      <p class="muted">${esc([x.country, (x.roles || []).join(', ')].filter(Boolean).join(' · '))}${x.aliases && x.aliases.length ? ` · also “${x.aliases.map(esc).join('”, “')}”` : ''}
        ${x.community ? ` · <span class="swatch" style="background:${x.communityColor}"></span><a href="${dated('#/communities')}">group ${x.community}</a>` : ' · in no group'}</p>
      ${x.bio ? `<p>${esc(x.bio)}</p>` : ''}
      <div class="columns">
        <div>
          <h2>Positions by paradigm</h2>
          <p class="muted">A stance counts for a paradigm when it endorses a claim that supports it or criticizes one that opposes it.</p>
          ${x.positions.map(g => `<h3 style="margin:10px 0 4px">${esc(g.paradigm ? g.paradigm.name : 'Not aligned with a paradigm')}</h3>${g.stances.map(s => stance(s, g.paradigm)).join('')}`).join('') || '<p class="muted">No recorded stances.</p>'}
        </div>
        <div>
          <h2>Paradigm profile</h2>
          <p class="muted">Mean of the stances' contributions: +1 every stance counts for the paradigm, −1 every one against it.</p>
          ${(x.profile || []).map(p => `<div data-testid="profile-row">${esc(p.name)} <span class="bar" style="width:${Math.round(Math.abs(p.score) * 120)}px;background:${p.score >= 0 ? '#5E3C99' : '#B35806'}"></span> ${scoreText(p.score)} <span class="muted">(${p.stances} stance(s))</span></div>`).join('')}
          <h2>Affiliations</h2>
          <ul class="plain">${x.affiliations.map(a => `<li>${esc(a.institution.name)}${a.institution.acronym ? ` (${esc(a.institution.acronym)})` : ''}${a.role ? ` <span class="muted">${esc(a.role)}</span>` : ''}</li>`).join('') || '<li class="muted">None recorded</li>'}</ul>
          <h2>Allies <span class="muted small">${esc(x.scoreName)}</span></h2>${people(x.allies, x.alliesTotal, 'No one agrees with this expert on more shared claims than they dispute.')}
          <h2>Opponents <span class="muted small">${esc(x.scoreName)}</span></h2>${people(x.opponents, x.opponentsTotal, 'No recorded disagreement.')}
          <p class="muted small">${esc(x.settings.description)}.</p>
          ${!snapshot || Object.keys(snapshot.responses).some(k => k.startsWith('/api/path?')) ? `<p><a href="${dated('#/path?from=' + encodeURIComponent(x.id))}">Find a path from ${esc(x.name)}…</a></p>` : ''}
        </div>
      </div>`);
    wireRange();
  }

  // ---------- claims
  async function renderClaims() {
    const claims = await api('/api/claims');
    h(`<h1>Claims</h1>${rangeControl()}<p class="muted">Contested claims (with both endorsers and critics) first.</p>
      ${snapshot ? '' : `<div class="exports muted" data-testid="two-mode-exports">Expert–claim network (one edge per expert and claim; "both" when they took both positions):
        ${['gexf', 'graphml', 'csv'].map(f => `<a href="${esc(windowed(`/api/export/two-mode.${f}`))}" download>${f.toUpperCase()}</a>`).join(' ')}</div>`}
      <table class="result" data-testid="claims-table"><tr><th>Claim</th><th>Topic</th><th>Endorsers</th><th>Critics</th></tr>
      ${claims.map(c => `<tr data-claim="${esc(c.id)}"><td>${link('claim', c.id, c.text)}</td><td>${esc(c.topic)}</td><td>${c.endorsers}</td><td>${c.critics}</td></tr>`).join('')}</table>`);
    wireRange();
  }

  async function renderClaim(id) {
    const c = await api('/api/claims/' + encodeURIComponent(id));
    const side = (list, kind) => list.length ? list.map(s => `<div class="stance ${kind}">${link('expert', s.expert.id, s.expert.name)}<blockquote>“${esc(s.quote)}”</blockquote><span class="muted">${docCite(s.document)}Section ${esc(s.section)}${s.confidence < 1 ? ` · confidence ${s.confidence}: ${esc(s.note || '')}` : ''}</span></div>`).join('') : '<p class="muted">None</p>';
    h(`<h1>${esc(c.text)}</h1>${rangeControl()}
      <p>${c.paradigms.map(p => `<span class="tag ${p.sign > 0 ? 'supporting' : 'opposing'}">${p.sign > 0 ? 'supports' : 'opposes'} ${esc(p.name)}</span>`).join('')} <span class="muted">topic: ${esc(c.topic)}</span></p>
      <div class="columns">
        <div><h2>Endorsed by (${c.endorsers.length})</h2>${side(c.endorsers, 'endorses')}</div>
        <div><h2>Criticized by (${c.critics.length})</h2>${side(c.critics, 'criticizes')}</div>
      </div>
      ${c.relations && c.relations.length ? `<h2>Related claims</h2><ul class="plain">${c.relations.map(r => `<li>${esc(r.kind)} ${link('claim', r.claim.id, r.claim.text)}</li>`).join('')}</ul>` : ''}`);
    wireRange();
  }

  // ---------- path view
  async function renderPath(params) {
    const experts = (state.experts || (state.experts = await api('/api/experts')));
    const option = sel => experts.map(x => `<option value="${esc(x.id)}"${x.id === sel ? ' selected' : ''}>${esc(x.name)}</option>`).join('');
    const from = params.get('from') || '', to = params.get('to') || '', kind = params.get('kind') || 'agreement';
    h(`<h1>Paths between experts</h1>${rangeControl()}
      <div class="panel" style="display:flex;gap:10px;align-items:end;flex-wrap:wrap">
        <div><label class="muted" for="pFrom">From</label><br><select id="pFrom"><option value="">choose…</option>${option(from)}</select></div>
        <div><label class="muted" for="pTo">To</label><br><select id="pTo"><option value="">choose…</option>${option(to)}</select></div>
        <div><label class="muted" for="pKind">Kind</label><br><select id="pKind">
          <option value="agreement"${kind === 'agreement' ? ' selected' : ''}>agreement chain</option>
          <option value="disagreement"${kind === 'disagreement' ? ' selected' : ''}>disagreement chain</option>
          <option value="signed"${kind === 'signed' ? ' selected' : ''}>signed (opponent of my opponent)</option></select></div>
        <button id="pGo">Find path</button>
      </div>
      <div id="pathResult" data-testid="path-result"></div>`);
    document.getElementById('pGo').addEventListener('click', () => {
      const q = new URLSearchParams({ from: document.getElementById('pFrom').value, to: document.getElementById('pTo').value, kind: document.getElementById('pKind').value });
      go('#/path?' + q.toString());
    });
    wireRange();
    if (!from || !to) return;
    const out = document.getElementById('pathResult');
    try {
      const result = await api(`/api/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&kind=${encodeURIComponent(kind)}&k=3`);
      if (!result.paths.length) { out.innerHTML = `<p class="muted">${esc(result.message || 'No path.')}</p>`; return; }
      const verdicts = new Set(result.paths.filter(p => p.tied).map(p => p.verdict));
      out.innerHTML = (result.tied > 1 ? `<p data-testid="tied">${result.tied} chains are equally short${kind === 'signed' && verdicts.size > 1 ? ', and their verdicts differ' : ''}: all are shown.</p>` : '') +
        result.paths.map((p, i) => `<div class="panel" style="margin-top:12px">
          <b>${p.tied ? (result.tied > 1 ? `Shortest (tied ${i + 1} of ${result.tied})` : 'Shortest') : 'Longer alternative'}</b> · ${p.hops.length} hop(s)${kind === 'signed' ? ` · sign ${p.sign > 0 ? '+' : '−'}: <span data-testid="verdict">${esc(p.verdict)}</span>` : ''}
          ${p.hops.map(hop => `<div class="hop"><span class="sign ${hop.sign > 0 ? 'plus' : 'minus'}">${hop.sign > 0 ? '+' : '−'}</span>
            <span>${link('expert', hop.from.id, hop.from.name)} ${hop.sign > 0 ? 'agrees with' : 'disagrees with'} ${link('expert', hop.to.id, hop.to.name)}:
            ${hop.claims.map(c => `<span class="muted" data-testid="relation">${esc(c.relation || '')}</span> ${link('claim', c.id, c.text)}`).join('; ')}</span></div>`).join('')}
        </div>`).join('');
    } catch (e) { out.innerHTML = `<div class="error">${esc(e.message)}</div>`; }
  }

  // ---------- Cypher console (the server's Query API, plain JSON)
  async function renderConsole() {
    if (snapshot) { h('<p class="muted">The Cypher console needs a running server: <code>graph serve</code>.</p>'); return; }
    const saved = sessionStorage.getItem('graph.query') || 'MATCH (e:Expert)-[s:ENDORSES]->(c:Claim)\nRETURN e, s, c LIMIT 25';
    h(`<h1>Cypher console</h1>
      <textarea id="query" spellcheck="false" aria-label="Cypher query">${esc(saved)}</textarea>
      <p><button id="run">Run</button> <span class="muted">Ctrl+Enter runs. Read-only unless your user may write.</span></p>
      <div id="consoleError"></div>
      <div id="consoleGraph" class="cy small" hidden></div>
      <div id="consoleTable" style="margin-top:12px;overflow:auto"></div>`);
    const run = () => runConsole(document.getElementById('query').value);
    document.getElementById('run').addEventListener('click', run);
    document.getElementById('query').addEventListener('keydown', e => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
  }

  async function runConsole(statement) {
    sessionStorage.setItem('graph.query', statement);
    const errorBox = document.getElementById('consoleError'), table = document.getElementById('consoleTable'), graphBox = document.getElementById('consoleGraph');
    errorBox.innerHTML = ''; table.innerHTML = ''; graphBox.hidden = true; destroyGraph();
    const response = await fetch('/db/neo4j/query/v2', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ statement }) });
    const body = await response.json().catch(() => ({ errors: [{ code: 'Neo.ClientError.Request.Invalid', message: response.statusText }] }));
    if (body.errors && body.errors.length) {
      const err = body.errors[0];
      errorBox.innerHTML = `<div class="error" data-testid="console-error">${esc(err.code)}\n${esc(err.message)}${caret(statement, err.message)}</div>`;
      return;
    }
    const fields = body.data.fields, rows = body.data.values;
    table.innerHTML = `<table class="result" data-testid="console-table"><tr>${fields.map(f => `<th>${esc(f)}</th>`).join('')}</tr>
      ${rows.map(r => `<tr>${r.map(v => `<td>${esc(display(v))}</td>`).join('')}</tr>`).join('')}</table>
      <p class="muted">${rows.length} row(s)</p>`;
    const elements = graphElements(rows);
    if (elements.length) {
      graphBox.hidden = false;
      state.cy = cytoscape({ container: graphBox, elements, layout: { name: 'cose', animate: false, randomize: false },
        style: [
          { selector: 'node', style: { label: 'data(label)', 'font-size': 9, 'background-color': 'data(color)', width: 16, height: 16 } },
          { selector: 'edge', style: { label: 'data(label)', 'font-size': 7, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 1.5, 'line-color': 'data(color)', 'target-arrow-color': 'data(color)' } },
        ] });
    }
  }

  // Neo4j messages end with "(line L, column C (offset: O))": draw a caret under that column.
  function caret(statement, message) {
    const m = /line (\d+), column (\d+)/.exec(message || '');
    if (!m) return '';
    const line = statement.split('\n')[Number(m[1]) - 1] ?? '';
    return `\n\n${esc(line)}\n${' '.repeat(Math.max(0, Number(m[2]) - 1))}^`;
  }

  const isNode = v => v && typeof v === 'object' && !Array.isArray(v) && 'elementId' in v && 'labels' in v;
  const isRel = v => v && typeof v === 'object' && !Array.isArray(v) && 'elementId' in v && 'startNodeElementId' in v;
  function display(v) {
    if (v === null || v === undefined) return 'null';
    if (isNode(v)) return `(${v.labels.map(l => ':' + l).join('')} ${JSON.stringify(v.properties)})`;
    if (isRel(v)) return `[:${v.type} ${JSON.stringify(v.properties)}]`;
    return typeof v === 'string' ? v : JSON.stringify(v);
  }
  function graphElements(rows) {
    const nodes = new Map(), rels = new Map();
    const visit = v => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (isNode(v)) nodes.set(v.elementId, v);
      else if (isRel(v)) rels.set(v.elementId, v);
      else if (v && typeof v === 'object') Object.values(v).forEach(visit);
    };
    rows.forEach(visit);
    const out = [...nodes.values()].map(n => ({ data: { id: n.elementId, label: n.properties.name || n.properties.text || n.properties.id || n.labels.join(':'), color: n.labels.includes('Expert') ? '#3656c9' : n.labels.includes('Claim') ? '#888' : paradigmTint } }));
    for (const r of rels.values()) {
      if (nodes.has(r.startNodeElementId) && nodes.has(r.endNodeElementId))
        out.push({ data: { id: r.elementId, source: r.startNodeElementId, target: r.endNodeElementId, label: r.type, color: /CRITICIZES|DISAGREES/.test(r.type) ? '#d64545' : /ENDORSES|AGREES/.test(r.type) ? '#2e9e5b' : '#999' } });
    }
    return out;
  }

  // ---------- the debate over time (graph evolution): one line per measure, one point per window
  async function renderEvolution(params) {
    const length = params.get('window') || '1y', step = params.get('step') || '6m';
    const data = await api(`/api/evolution?window=${encodeURIComponent(length)}&step=${encodeURIComponent(step)}`);
    const measures = [
      ['density', '#1b9e77', 'density: share of expert pairs that share a claim'],
      ['polarization', '#d95f02', 'polarization: chance that two experts on one claim disagree'],
      ['modularity', '#7570b3', `modularity of the groups (${data.method})`],
    ];
    h(`<div class="viewhead"><h1>The debate over time</h1>
      <p class="sentence" data-testid="sentence">Each point is one ${esc(data.window)} window of dated stances, starting every ${esc(data.step)}: how dense, how polarized and how split into groups the debate was then.</p>
      ${rangeControl()}
      <form id="evo-form" class="muted">Window <input id="evo-window" value="${esc(length)}" size="4"> every <input id="evo-step" value="${esc(step)}" size="4">
      <button type="submit" class="secondary">Show</button> (y, m, w, d: e.g. 1y, 6m, 2w)</form></div>
      <div class="panel"><svg id="evo-chart" data-testid="evolution-chart" width="1100" height="320" role="img" aria-label="density, polarization and modularity per window"></svg>
      <div class="legend">${measures.map(([, c, text]) => `<span class="legend-entry"><span class="swatch" style="background:${c}"></span>${esc(text)}</span>`).join(' ')}</div></div>
      <table class="evolution" data-testid="evolution-table"><thead><tr><th>window</th><th>experts</th><th>stances</th><th>density</th><th>polarization</th><th>modularity</th><th>groups</th><th>most contested claims</th></tr></thead>
      <tbody>${data.windows.map(w => `<tr><td>${esc(w.from)} to ${esc(w.to)}</td><td>${w.experts}</td><td>${w.stances}</td><td>${w.density.toFixed(3)}</td><td>${w.polarization.toFixed(3)}</td><td>${w.modularity.toFixed(3)}</td><td>${w.communities}</td>
        <td>${w.contested.map(c => `${link('claim', c.id, c.text)} <span class="muted">(${c.endorsers} endorse, ${c.critics} criticize)</span>`).join('<br>') || '<span class="muted">none</span>'}</td></tr>`).join('')}</tbody></table>
      ${data.windows.length ? '' : '<p class="muted">No stance has a date: nothing to show over time.</p>'}
      ${data.windows.filter(w => w.boundNote).map(w => `<p class="bound-note" data-testid="evolution-bound-note">${esc(w.boundNote[0].toUpperCase() + w.boundNote.slice(1))}.</p>`).join('')}`);
    wireRange();
    document.getElementById('evo-form').addEventListener('submit', e => {
      e.preventDefault();
      go(`#/evolution?window=${encodeURIComponent(document.getElementById('evo-window').value)}&step=${encodeURIComponent(document.getElementById('evo-step').value)}`);
    });
    const svg = document.getElementById('evo-chart');
    const W = 1100, H = 320, left = 50, right = 60, top = 16, bottom = 46;
    const n = data.windows.length;
    if (!n) return;
    const values = data.windows.flatMap(w => measures.map(([k]) => w[k]));
    const lo = Math.min(0, ...values), hi = Math.max(1, ...values);
    const x = i => left + (n === 1 ? (W - left - right) / 2 : i * (W - left - right) / (n - 1));
    const y = v => top + (hi - v) * (H - top - bottom) / (hi - lo);
    let out = `<line x1="${left}" y1="${y(0)}" x2="${W - right}" y2="${y(0)}" stroke="#bbb"/>`;
    for (const t of [lo, 0, 0.5, 1].filter((t, i, a) => t >= lo && t <= hi && a.indexOf(t) === i))
      out += `<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="12" fill="#555">${t.toFixed(1)}</text>`;
    data.windows.forEach((w, i) => { out += `<text x="${x(i)}" y="${H - bottom + 18}" text-anchor="middle" font-size="12" fill="#555">${esc(w.from)}</text>`; });
    for (const [k, color] of measures) {
      out += `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${data.windows.map((w, i) => `${x(i)},${y(w[k])}`).join(' ')}"/>`;
      data.windows.forEach((w, i) => { out += `<circle cx="${x(i)}" cy="${y(w[k])}" r="4" fill="${color}"><title>${esc(w.from)} to ${esc(w.to)}: ${k} ${w[k].toFixed(3)}, ${w.experts} experts, ${w.stances} stances</title></circle>`; });
    }
    svg.innerHTML = out;
  }

  // A shared snapshot (graph viz) answers only what it carries: hide the tabs it cannot answer.
  if (snapshot) {
    document.querySelector('nav a[data-nav="console"]').remove();
    document.querySelector('nav a[data-nav="evolution"]').remove();
    document.querySelector('nav a[data-nav="code"]').remove(); // coding needs graph serve --data
    if (!Object.keys(snapshot.responses).some(k => k.startsWith('/api/path?'))) document.querySelector('nav a[data-nav="path"]').remove();
    if (!snapshot.responses['/api/claims'] || !Object.keys(snapshot.responses).some(k => k.startsWith('/api/claims/'))) document.querySelector('nav a[data-nav="claims"]').remove();
  }
  route();
})();
