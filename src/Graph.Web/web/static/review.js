// The review page: per coder pair of a document the agreement numbers (computed by the same code as `graph
// agreement`), then every disagreement with both codings side by side. An editor decides which coding stands (A, B
// or neither); the decision is saved into documents/<id>/reviews.yaml and the store at once, conditionally: a
// decision made from an outdated copy (another tab, another reviewer) is refused (409) and shown, never overwriting.
(() => {
  'use strict';
  const { $, esc, call, banner } = window.GraphCoding;
  const num = v => v == null ? 'undefined' : v.toFixed(3);
  const state = { me: null, agreement: null };
  window.reviewPage = state; // for the browser tests

  async function start() {
    state.me = await call('GET', '/api/coding/me');
    $('who').textContent = state.me.canWrite ? `reviewing as ${state.me.coder}` : `${state.me.user}: read-only`;
    if (!state.me.enabled) { banner('Reviewing is off: start <code>graph serve --data &lt;graph-data directory&gt;</code>.'); return; }
    if (!state.me.canWrite) banner(`You are signed in as <b>${esc(state.me.user)}</b>, a reader: you can see the agreement but not decide disagreements.`);
    const { documents } = await call('GET', '/api/coding/documents');
    $('document').innerHTML = documents.map(d => `<option value="${esc(d.id)}">${esc(d.title)} (${esc(d.date ?? 'no date')})</option>`).join('');
    const wanted = new URLSearchParams(location.search).get('document');
    if (wanted && documents.some(d => d.id === wanted)) $('document').value = wanted;
    $('document').addEventListener('change', () => { history.replaceState(null, '', '/review?document=' + encodeURIComponent($('document').value)); banner(''); load(); });
    await load();
  }

  async function load() {
    const id = $('document').value;
    $('code-link').href = '/code?document=' + encodeURIComponent(id);
    state.agreement = await call('GET', `/api/coding/documents/${encodeURIComponent(id)}/agreement`);
    const a = state.agreement;
    $('doc-meta').textContent = `coders: ${a.coders.join(', ') || 'none'}`;
    $('method').textContent = a.method;
    $('pairs').innerHTML = a.pairs.length ? a.pairs.map(renderPair).join('')
      : `<p class="muted">This document needs two coders to compare; it has ${a.coders.length ? esc(a.coders.join(', ')) : 'none'}.</p>`;
  }

  function renderPair(p, i) {
    const rows = p.variables.map(v => `<tr><td>${esc(v.variable)}</td><td>${num(v.observed)}</td><td>${num(v.kappa)}</td><td>${num(v.alpha)}</td></tr>`).join('');
    return `<section class="pair" data-testid="pair">
      <h2>${esc(p.a)} (A) and ${esc(p.b)} (B)</h2>
      <div>units: ${esc(p.a)} ${p.unitsA}, ${esc(p.b)} ${p.unitsB}, matched ${p.matched} · unitizing: coded text overlap
        <b data-testid="overlap">${num(p.textOverlap)}</b> (characters both coded / either coded: ${p.codedBoth} / ${p.codedEither})</div>
      <table class="agreement" data-testid="agreement"><thead><tr><th>on matched units</th><th>agreement</th><th>Cohen's kappa</th><th>Krippendorff's alpha</th></tr></thead>
        <tbody>${rows}</tbody></table>
      <div data-testid="summary">${p.disagreements.length} disagreements, ${p.resolved} resolved by review</div>
      ${p.disagreements.map((d, k) => renderDisagreement(p, d, i, k)).join('')}
    </section>`;
  }

  function side(u, coder, letter, fate) {
    if (!u) return `<div class="side empty">${esc(coder)} (${letter}) did not code this passage</div>`;
    const cls = fate === 'stands' ? ' stands' : fate === 'rejected' ? ' rejected' : '';
    return `<div class="side ${esc(u.stance)}${cls}" data-testid="side-${letter}">
      <div><span class="coder">${letter}: ${esc(u.coder)}</span> · ${esc(u.expert.name)} <span class="verb ${esc(u.stance)}">${esc(u.stance)}</span> “${esc(u.claim.text)}”</div>
      <div class="context">…${esc(u.context.before)}<mark>${esc(u.context.quote)}</mark>${esc(u.context.after)}…</div>
      <div class="muted">${esc(u.location)}</div></div>`;
  }

  // What the reviews say of a disagreement: its own review, or (three or more coders) other pairs' reviews that decide
  // every stance of it; a review whose compared coding changed since needs review again.
  function status(d) {
    const r = d.review;
    const stands = s => s === 'neither' ? 'neither coding stands' : `${esc(s)}'s coding stands`;
    let text = r ? `resolved by ${esc(r.reviewer)}: ${stands(r.stands)}`
      : d.decidedElsewhere.length ? `resolved by the reviews of other pairs: ${d.decidedElsewhere.map(e => `${esc(e.reviewer)}: ${stands(e.stands)} (${esc(e.location)})`).join('; ')}`
      : 'unresolved';
    if (d.changed.length) text = `needs review again: ${d.changed.map(esc).join('; ')}`;
    return text;
  }

  function renderDisagreement(p, d, i, k) {
    const r = d.review;
    const button = (stands, label) => `<button type="button" data-pair="${i}" data-index="${k}" data-stands="${esc(stands)}"
      class="${r && r.stands === stands ? 'chosen' : ''}" ${state.me.canWrite ? '' : 'disabled'}>${label}</button>`;
    const choices = [d.a && button(d.a.coder, 'A stands'), d.b && button(d.b.coder, 'B stands'), button('neither', 'neither')].filter(Boolean).join('');
    return `<div class="disagreement${d.resolved ? ' resolved' : ''}${d.changed.length ? ' changed' : ''}" data-testid="disagreement">
      <div><span class="kind">${esc(d.kind)}</span>${d.variables.length ? ` (${esc(d.variables.join(', '))})` : ''}</div>
      <div class="sides">${side(d.a, p.a, 'A', d.fates.a)}${side(d.b, p.b, 'B', d.fates.b)}</div>
      <div class="decision">${choices}<span class="status" data-testid="status">${status(d)}</span></div></div>`;
  }

  async function decide(button) {
    const p = state.agreement.pairs[+button.dataset.pair];
    const d = p.disagreements[+button.dataset.index];
    // What the reviewer compared goes with the decision: a coding changed since the page loaded is refused (409).
    const stance = u => u && { coder: u.coder, expert: u.expert.id, claim: u.claim.id, seen: u.seen };
    const body = { a: stance(d.a), b: stance(d.b), stands: button.dataset.stands, version: d.review ? d.review.version : null };
    try {
      const saved = await call('POST', `/api/coding/documents/${encodeURIComponent(state.agreement.id)}/reviews`, body);
      await load();
      banner(`Saved: ${saved.stands === 'neither' ? 'neither coding stands' : `${esc(saved.stands)}'s coding stands`}` +
        (saved.copied ? `, copied from ${esc(saved.stands)}'s coding into stances.yaml` : '') +
        ` (the graph now holds ${saved.standing} stances of this document).`, 'ok');
    } catch (e) {
      banner(esc(e.message), e.status === 409 ? 'conflict' : '');
      // Also where the reviewer is looking: the page may be scrolled far below the banner.
      const status = button.closest('.disagreement').querySelector('.status');
      status.textContent = e.message;
      status.classList.add('conflict');
    }
  }

  $('pairs').addEventListener('click', e => {
    const button = e.target.closest('button[data-stands]');
    if (button && !button.disabled) decide(button);
  });
  start().catch(e => banner(esc(e.message)));
})();
