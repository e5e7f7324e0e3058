// The web view: a small single-page app over the server's /api endpoints and the Query API.
// In a shared snapshot (graph viz) the same code reads precomputed answers from window.GRAPH_SNAPSHOT.
(() => {
  'use strict';
  const snapshot = window.GRAPH_SNAPSHOT || null;
  const PARADIGM_COLORS = { 'securitization': '#c8553d', 'shared-benefits': '#e0a100', 'human-development': '#2f7dbf' };
  const CLUSTER_COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac', '#eeca3b'];
  const view = document.getElementById('view');
  const state = { map: null, cy: null };
  window.graphView = state; // for tests and the curious: state.cy is the live Cytoscape instance

  // ---------- helpers
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const h = (html) => { view.innerHTML = html; return view; };
  const link = (kind, id, text) => `<a href="#/${kind}/${encodeURIComponent(id)}">${esc(text)}</a>`;
  const paradigmColor = id => PARADIGM_COLORS[id] || '#9aa0a6';

  async function api(path) {
    if (snapshot) {
      const hit = snapshot.responses[path];
      if (hit === undefined) throw new Error('This shared snapshot does not include ' + path + '. Open it with graph serve for the full view.');
      return hit;
    }
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || (body.errors && body.errors[0] && body.errors[0].message) || response.statusText);
    return body;
  }

  function showError(e) {
    h(`<div class="error">${esc(e.message || e)}</div>`);
  }

  function destroyGraph() {
    if (state.cy) { state.cy.destroy(); state.cy = null; }
  }

  // ---------- routing
  const routes = [
    [/^#\/map$/, () => renderMap()],
    [/^#\/expert\/(.+)$/, m => renderExpert(decodeURIComponent(m[1]))],
    [/^#\/claim\/(.+)$/, m => renderClaim(decodeURIComponent(m[1]))],
    [/^#\/claims$/, () => renderClaims()],
    [/^#\/path(?:\?(.*))?$/, m => renderPath(new URLSearchParams(m[1] || ''))],
    [/^#\/console$/, () => renderConsole()],
  ];

  async function route() {
    const hash = location.hash || (snapshot && snapshot.start) || '#/map';
    destroyGraph();
    document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', hash.startsWith('#/' + a.dataset.nav)));
    for (const [pattern, render] of routes) {
      const m = hash.match(pattern);
      if (m) {
        try { await render(m); } catch (e) { showError(e); }
        return;
      }
    }
    location.hash = '#/map';
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
    if (x.kind === 'expert') return '#/expert/' + encodeURIComponent(x.id);
    if (x.kind === 'claim') return '#/claim/' + encodeURIComponent(x.id);
    return '#/map';
  }

  // ---------- paradigm map
  async function renderMap() {
    const data = state.map || (state.map = await api('/api/map'));
    const options = (items, label) => `<option value="">All ${label}</option>` + items.map(x => `<option value="${esc(x.id)}">${esc(x.name)}</option>`).join('');
    const maxWeight = Math.max(1, ...data.edges.map(e => e.weight));
    h(`<div class="layout">
      <aside class="panel filters">
        <h2 style="margin-top:0">Paradigm map</h2>
        <div class="muted">${data.experts.length} experts, ${data.edges.length} edges${data.simplified ? ` (simplified: ${esc(data.simplified)})` : ''}</div>
        <label for="colorBy">Colour experts by</label>
        <select id="colorBy"><option value="paradigm">Dominant paradigm</option><option value="cluster">Cluster</option></select>
        <label for="fParadigm">Paradigm</label><select id="fParadigm">${options(data.paradigms, 'paradigms')}</select>
        <label for="fSession">Session</label><select id="fSession">${options(data.sessions, 'sessions')}</select>
        <label for="fInstitution">Institution</label><select id="fInstitution">${options(data.institutions, 'institutions')}</select>
        <label for="fWeight">Minimum edge weight: <b id="wVal">1</b></label><input id="fWeight" type="range" min="1" max="${maxWeight}" value="1">
        <label><input id="fAgree" type="checkbox" checked> agreement</label>
        <label><input id="fDisagree" type="checkbox" checked> disagreement</label>
        <div class="legend" style="margin-top:12px">
          ${data.paradigms.map(p => `<span><i style="background:${paradigmColor(p.id)}"></i>${esc(p.name)}</span>`).join('')}
          <span><i style="background:#9aa0a6"></i>none</span><br>
          <span><i class="edge" style="border-color:var(--agree)"></i>agrees</span>
          <span><i class="edge" style="border-color:var(--disagree);border-top-style:dashed"></i>disagrees</span>
        </div>
        ${data.clustering ? `<h2>Clusters</h2><div class="muted">${esc(data.clustering)}</div>` : ''}
      </aside>
      <div id="cy" data-testid="map"></div>
    </div>`);
    const cy = state.cy = cytoscape({
      container: document.getElementById('cy'),
      elements: mapElements(data),
      layout: { name: 'preset', fit: true, padding: 30 },
      minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3,
      // Big maps stay responsive: no edges or labels while panning, cached textures.
      textureOnViewport: data.experts.length > 1500, hideEdgesOnViewport: data.experts.length > 500, pixelRatio: data.experts.length > 1500 ? 1 : 'auto',
      style: [
        { selector: 'node[kind="expert"]', style: { 'background-color': 'data(color)', width: 'data(size)', height: 'data(size)', label: 'data(label)', 'font-size': 9, 'min-zoomed-font-size': 7, color: '#333', 'text-valign': 'bottom', 'text-margin-y': 2 } },
        { selector: 'node[kind="paradigm"]', style: { shape: 'round-rectangle', 'background-color': 'data(color)', width: 36, height: 36, label: 'data(label)', 'font-size': 13, 'font-weight': 700, color: '#111', 'text-valign': 'top', 'text-margin-y': -6 } },
        { selector: 'edge[kind="agree"]', style: { 'line-color': '#2e9e5b', width: 'data(width)', opacity: 0.55, 'curve-style': 'haystack' } },
        { selector: 'edge[kind="disagree"]', style: { 'line-color': '#d64545', 'line-style': 'dashed', width: 'data(width)', opacity: 0.7, 'curve-style': 'straight' } },
        { selector: '.hidden', style: { display: 'none' } },
        { selector: '.faded', style: { opacity: 0.12 } },
      ],
    });
    cy.on('tap', 'node[kind="expert"]', e => { location.hash = '#/expert/' + encodeURIComponent(e.target.id()); });
    const apply = () => applyMapFilters(cy, data);
    ['colorBy', 'fParadigm', 'fSession', 'fInstitution', 'fWeight', 'fAgree', 'fDisagree'].forEach(id => document.getElementById(id).addEventListener('input', apply));
    apply();
  }

  function mapElements(data) {
    const maxActivity = Math.max(1, ...data.experts.map(x => x.activity));
    const nodes = data.paradigms.map(p => ({ data: { id: 'paradigm:' + p.id, kind: 'paradigm', label: p.name, color: paradigmColor(p.id) }, position: p.position }));
    for (const x of data.experts) {
      nodes.push({ data: { id: x.id, kind: 'expert', label: x.name, size: 10 + 22 * Math.sqrt(x.activity / maxActivity), color: paradigmColor(x.dominant), dominant: x.dominant || '', cluster: x.cluster }, position: x.position });
    }
    const edges = data.edges.map((e, i) => ({ data: { id: 'tie:' + i, source: e.source, target: e.target, kind: e.kind, weight: e.weight, width: Math.min(8, 1 + Math.log2(e.weight) * 1.5) } }));
    return nodes.concat(edges);
  }

  function applyMapFilters(cy, data) {
    const value = id => document.getElementById(id).value;
    const minWeight = Number(value('fWeight'));
    document.getElementById('wVal').textContent = minWeight;
    const paradigm = value('fParadigm'), session = value('fSession'), institution = value('fInstitution'), colorBy = value('colorBy');
    const showAgree = document.getElementById('fAgree').checked, showDisagree = document.getElementById('fDisagree').checked;
    const byId = new Map(data.experts.map(x => [x.id, x]));
    cy.batch(() => {
      cy.nodes('[kind="expert"]').forEach(n => {
        const x = byId.get(n.id());
        const match = (!paradigm || x.dominant === paradigm) && (!session || x.sessions.includes(session)) && (!institution || x.institutions.includes(institution));
        n.toggleClass('faded', !match);
        n.data('color', colorBy === 'cluster' ? CLUSTER_COLORS[x.cluster % CLUSTER_COLORS.length] : paradigmColor(x.dominant));
      });
      cy.edges().forEach(e => {
        const visible = e.data('weight') >= minWeight && (e.data('kind') === 'agree' ? showAgree : showDisagree)
          && !e.source().hasClass('faded') && !e.target().hasClass('faded');
        e.toggleClass('hidden', !visible);
      });
    });
  }

  // ---------- expert page
  async function renderExpert(id) {
    const x = await api('/api/experts/' + encodeURIComponent(id));
    const stance = s => `<div class="stance ${esc(s.stance)}">
        <span class="tag ${esc(s.stance)}">${esc(s.stance)}</span> ${link('claim', s.claim.id, s.claim.text)}
        <blockquote>“${esc(s.quote)}”</blockquote>
        <span class="muted">Section ${esc(s.section)}${s.line ? `, line ${s.line}` : ''}${s.confidence < 1 ? ` · confidence ${s.confidence}: ${esc(s.note || '')}` : ''}</span></div>`;
    const people = (list, empty) => list.length ? `<ul class="plain">${list.map(a => `<li>${link('expert', a.expert.id, a.expert.name)} <span class="muted">score ${a.score.toFixed(2)} · ${a.claims.length} claim(s)</span></li>`).join('')}</ul>` : `<p class="muted">${empty}</p>`;
    h(`<h1 data-testid="expert-name">${esc(x.name)}</h1>
      <p class="muted">${esc([x.country, (x.roles || []).join(', ')].filter(Boolean).join(' · '))}${x.aliases && x.aliases.length ? ` · also “${x.aliases.map(esc).join('”, “')}”` : ''}</p>
      ${x.bio ? `<p>${esc(x.bio)}</p>` : ''}
      <div class="columns">
        <div>
          <h2>Positions by paradigm</h2>
          ${x.positions.map(g => `<h3 style="margin:10px 0 4px;color:${paradigmColor(g.paradigm && g.paradigm.id)}">${esc(g.paradigm ? g.paradigm.name : 'Not aligned with a paradigm')}</h3>${g.stances.map(stance).join('')}`).join('') || '<p class="muted">No recorded stances.</p>'}
        </div>
        <div>
          <h2>Paradigm profile</h2>
          ${(x.profile || []).map(p => `<div>${esc(p.name)} <span class="bar" style="width:${Math.round(Math.abs(p.score) * 120)}px;background:${p.score >= 0 ? 'var(--agree)' : 'var(--disagree)'}"></span> ${p.score.toFixed(2)}</div>`).join('')}
          <h2>Affiliations</h2>
          <ul class="plain">${x.affiliations.map(a => `<li>${esc(a.institution.name)}${a.institution.acronym ? ` (${esc(a.institution.acronym)})` : ''}${a.role ? ` <span class="muted">${esc(a.role)}</span>` : ''}</li>`).join('') || '<li class="muted">None recorded</li>'}</ul>
          <h2>Allies</h2>${people(x.allies, 'No one shares a stance with this expert.')}
          <h2>Opponents</h2>${people(x.opponents, 'No recorded disagreement.')}
          <p><a href="#/path?from=${encodeURIComponent(x.id)}">Find a path from ${esc(x.name)}…</a></p>
        </div>
      </div>`);
  }

  // ---------- claims
  async function renderClaims() {
    const claims = await api('/api/claims');
    h(`<h1>Claims</h1><p class="muted">Contested claims (with both endorsers and critics) first.</p>
      <table class="result"><tr><th>Claim</th><th>Topic</th><th>Endorsers</th><th>Critics</th></tr>
      ${claims.map(c => `<tr><td>${link('claim', c.id, c.text)}</td><td>${esc(c.topic)}</td><td>${c.endorsers}</td><td>${c.critics}</td></tr>`).join('')}</table>`);
  }

  async function renderClaim(id) {
    const c = await api('/api/claims/' + encodeURIComponent(id));
    const side = (list, kind) => list.length ? list.map(s => `<div class="stance ${kind}">${link('expert', s.expert.id, s.expert.name)}<blockquote>“${esc(s.quote)}”</blockquote><span class="muted">Section ${esc(s.section)}${s.confidence < 1 ? ` · confidence ${s.confidence}: ${esc(s.note || '')}` : ''}</span></div>`).join('') : '<p class="muted">None</p>';
    h(`<h1>${esc(c.text)}</h1>
      <p>${c.paradigms.map(p => `<span class="tag" style="border:1px solid ${paradigmColor(p.id)}">${p.sign > 0 ? 'supports' : 'opposes'} ${esc(p.name)}</span>`).join('')} <span class="muted">topic: ${esc(c.topic)}</span></p>
      <div class="columns">
        <div><h2>Endorsed by (${c.endorsers.length})</h2>${side(c.endorsers, 'endorses')}</div>
        <div><h2>Criticized by (${c.critics.length})</h2>${side(c.critics, 'criticizes')}</div>
      </div>
      ${c.relations && c.relations.length ? `<h2>Related claims</h2><ul class="plain">${c.relations.map(r => `<li>${esc(r.kind)} ${link('claim', r.claim.id, r.claim.text)}</li>`).join('')}</ul>` : ''}`);
  }

  // ---------- path view
  async function renderPath(params) {
    const experts = (state.experts || (state.experts = await api('/api/experts')));
    const option = sel => experts.map(x => `<option value="${esc(x.id)}"${x.id === sel ? ' selected' : ''}>${esc(x.name)}</option>`).join('');
    const from = params.get('from') || '', to = params.get('to') || '', kind = params.get('kind') || 'agreement';
    h(`<h1>Paths between experts</h1>
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
      location.hash = '#/path?' + q.toString();
    });
    if (!from || !to) return;
    const out = document.getElementById('pathResult');
    try {
      const result = await api(`/api/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&kind=${encodeURIComponent(kind)}&k=3`);
      if (!result.paths.length) { out.innerHTML = `<p class="muted">${esc(result.message || 'No path.')}</p>`; return; }
      out.innerHTML = result.paths.map((p, i) => `<div class="panel" style="margin-top:12px">
          <b>${i === 0 ? 'Shortest' : 'Alternative ' + i}</b> · ${p.hops.length} hop(s)${kind === 'signed' ? ` · overall sign ${p.sign > 0 ? '+ (allies)' : '− (opponents)'}` : ''}
          ${p.hops.map(hop => `<div class="hop"><span class="sign ${hop.sign > 0 ? 'plus' : 'minus'}">${hop.sign > 0 ? '+' : '−'}</span>
            <span>${link('expert', hop.from.id, hop.from.name)} ${hop.sign > 0 ? 'agrees with' : 'disagrees with'} ${link('expert', hop.to.id, hop.to.name)}
            <span class="muted">on</span> ${hop.claims.map(c => link('claim', c.id, c.text)).join('; ')}</span></div>`).join('')}
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
    const out = [...nodes.values()].map(n => ({ data: { id: n.elementId, label: n.properties.name || n.properties.text || n.properties.id || n.labels.join(':'), color: n.labels.includes('Expert') ? '#3656c9' : n.labels.includes('Claim') ? '#888' : paradigmColor(n.properties.id) } }));
    for (const r of rels.values()) {
      if (nodes.has(r.startNodeElementId) && nodes.has(r.endNodeElementId))
        out.push({ data: { id: r.elementId, source: r.startNodeElementId, target: r.endNodeElementId, label: r.type, color: /CRITICIZES|DISAGREES/.test(r.type) ? '#d64545' : /ENDORSES|AGREES/.test(r.type) ? '#2e9e5b' : '#999' } });
    }
    return out;
  }

  if (snapshot) document.querySelector('nav a[data-nav="console"]').remove();
  route();
})();
