// The Code page: a document's text with its coded passages, and a form that codes a selected passage as a stance
// (expert, claim, endorses/criticizes, confidence, note). Saves go to /api/coding, which writes graph-data and the
// store at once and refuses a save made from an outdated copy (409): the page then says so and never overwrites.
(() => {
  'use strict';
  const { $, esc, call, banner } = window.GraphCoding;
  const fold = s => String(s ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const state = { me: null, doc: null, editing: null, selection: null, expert: null, claim: null };
  window.codePage = state; // for the browser tests

  async function start() {
    state.me = await call('GET', '/api/coding/me');
    $('who').textContent = state.me.canWrite ? `coding as ${state.me.coder}` : `${state.me.user}: read-only`;
    if (!state.me.enabled) { banner('Coding is off: start <code>graph serve --data &lt;graph-data directory&gt;</code>.'); return; }
    if (!state.me.canWrite) banner(`You are signed in as <b>${esc(state.me.user)}</b>, a reader: you can see the codings but not change them.`);
    const { documents } = await call('GET', '/api/coding/documents');
    $('document').innerHTML = documents.map(d => `<option value="${esc(d.id)}">${esc(d.title)} (${esc(d.date ?? 'no date')})</option>`).join('');
    const wanted = new URLSearchParams(location.search).get('document');
    if (wanted && documents.some(d => d.id === wanted)) $('document').value = wanted;
    $('document').addEventListener('change', () => { history.replaceState(null, '', '/code?document=' + encodeURIComponent($('document').value)); load(); });
    await load();
  }

  async function load() {
    closeForm();
    $('review-link').href = '/review?document=' + encodeURIComponent($('document').value);
    state.doc = await call('GET', '/api/coding/documents/' + encodeURIComponent($('document').value));
    $('doc-meta').textContent = `${state.doc.date} · ${state.doc.stances.length} coded passages`;
    renderText();
    renderList();
  }

  // The text split at every quote boundary; each piece knows the stances covering it (quotes may overlap).
  function renderText() {
    const { text, stances } = state.doc;
    const cuts = new Set([0, text.length]);
    stances.forEach(s => { if (s.start != null) { cuts.add(s.start); cuts.add(s.end); } });
    const points = [...cuts].sort((a, b) => a - b);
    let html = '';
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const covering = stances.map((s, k) => [s, k]).filter(([s]) => s.start != null && s.start <= a && s.end >= b);
      const piece = esc(text.slice(a, b));
      if (!covering.length) { html += piece; continue; }
      const kinds = new Set(covering.map(([s]) => s.stance));
      const cls = kinds.size > 1 ? 'mixed' : [...kinds][0];
      html += `<mark class="${cls}" data-stances="${covering.map(([, k]) => k).join(' ')}">${piece}</mark>`;
    }
    $('text').innerHTML = html;
  }

  function describe(s) {
    return `<b>${esc(s.expert.name)}</b> <span class="verb ${s.stance}">${s.stance}</span> “${esc(s.claim.text)}”` +
      (s.confidence != null ? ` <span class="muted">(confidence ${s.confidence})</span>` : '') +
      `<br><span class="muted">coded by ${esc(s.coder)}${s.note ? ' · ' + esc(s.note) : ''}</span>` +
      (s.rejected ? ' <span class="rejected-note">rejected by review: not in the graph</span>' : '');
  }

  function renderList() {
    $('count').textContent = `(${state.doc.stances.length})`;
    $('stances').innerHTML = state.doc.stances.map((s, k) => `<li data-stance="${k}">${describe(s)}</li>`).join('');
  }

  // Hover: who said what; click: edit.
  $('text').addEventListener('mousemove', e => {
    const mark = e.target.closest('mark');
    const tip = $('tip');
    if (!mark) { tip.hidden = true; return; }
    tip.innerHTML = mark.dataset.stances.split(' ').map(k => `<div>${describe(state.doc.stances[+k])}</div>`).join('');
    tip.hidden = false;
    tip.style.left = Math.min(e.clientX + 14, innerWidth - 380) + 'px';
    tip.style.top = (e.clientY + 16) + 'px';
  });
  $('text').addEventListener('mouseleave', () => { $('tip').hidden = true; });
  $('text').addEventListener('click', e => {
    const mark = e.target.closest('mark');
    if (mark && window.getSelection().isCollapsed) edit(+mark.dataset.stances.split(' ')[0]);
  });
  $('stances').addEventListener('click', e => { const li = e.target.closest('li[data-stance]'); if (li) edit(+li.dataset.stance); });

  // A selection inside the text becomes the quote (whitespace runs as one space, as the validator compares).
  function currentSelection() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !$('text').contains(sel.anchorNode) || !$('text').contains(sel.focusNode)) return null;
    const quote = sel.toString().replace(/\s+/g, ' ').trim();
    if (!quote) return null;
    const range = sel.getRangeAt(0);
    const before = document.createRange();
    before.setStart($('text'), 0);
    before.setEnd(range.startContainer, range.startOffset);
    return { quote, start: before.toString().length };
  }

  document.addEventListener('mouseup', e => {
    if (!$('text').contains(e.target)) return;
    const s = currentSelection();
    if (s && state.me.canWrite) openForm(s);
  });
  document.addEventListener('keydown', e => {
    const inForm = $('form').contains(e.target);
    if (e.key === 'Enter' && !inForm && !e.ctrlKey) {
      const s = currentSelection();
      if (s && state.me.canWrite) { e.preventDefault(); openForm(s); }
      return;
    }
    if ($('form').hidden) return;
    if (e.key === 'Escape') { e.preventDefault(); closeForm(); }
    else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); $('form').requestSubmit(); }
    else if (e.altKey && (e.key === 'e' || e.key === 'E')) { e.preventDefault(); setStance('endorses'); }
    else if (e.altKey && (e.key === 'c' || e.key === 'C')) { e.preventDefault(); setStance('criticizes'); }
  });

  const setStance = v => { document.querySelector(`input[name=stance][value=${v}]`).checked = true; };

  // The section of the nearest coded passage before the selection, else of the first coded passage after it, else
  // the first section its sessions name (the coder can change it).
  function guessSection(start) {
    const placed = state.doc.stances.filter(s => s.start != null).sort((a, b) => a.start - b.start);
    const before = placed.filter(s => s.start <= start).pop();
    return before ? before.section : placed.length ? placed[0].section : (state.doc.sections[0] ?? '');
  }

  function openForm(selection, stance) {
    state.selection = selection;
    state.editing = stance ?? null;
    $('form').hidden = false;
    $('form-error').hidden = true;
    if (state.me.canWrite) banner('');
    $('form-title').textContent = stance ? 'Edit this stance' : 'Code this passage';
    $('delete').hidden = !stance;
    $('quote').textContent = selection.quote;
    chooseExpert(stance ? stance.expert : null);
    chooseClaim(stance ? state.doc.claims.find(c => c.id === stance.claim.id) ?? stance.claim : null);
    setStance(stance ? stance.stance : 'endorses');
    $('confidence').value = stance && stance.confidence != null ? stance.confidence : 1;
    $('note').value = stance?.note ?? '';
    $('section').value = stance ? stance.section : guessSection(selection.start);
    document.querySelectorAll('#text mark.editing').forEach(m => m.classList.remove('editing'));
    (stance ? $('claim') : $('expert')).focus();
  }

  function edit(k) {
    const s = state.doc.stances[k];
    if (!state.me.canWrite) return;
    openForm({ quote: s.quote, start: s.start ?? 0 }, s);
    const marks = [...document.querySelectorAll('#text mark')].filter(m => m.dataset.stances.split(' ').includes(String(k)));
    marks.forEach(m => m.classList.add('editing'));
    if (marks.length) marks[0].scrollIntoView({ block: 'center' });
  }

  function closeForm() {
    $('form').hidden = true;
    state.editing = null;
    state.selection = null;
    document.querySelectorAll('#text mark.editing').forEach(m => m.classList.remove('editing'));
  }

  // Pick lists: experts by name or alias (accents and case ignored; the server suggests name variants when nothing
  // matches), claims by words of their text; arrow keys move, Enter or Tab takes the highlighted entry.
  function chooseExpert(x) {
    if (x && x.create) { newExpert(x.label); return; }
    $('new-expert').hidden = true;
    state.expert = x;
    $('expert').value = x ? x.name : '';
    $('expert-list').innerHTML = '';
  }
  function chooseClaim(c) {
    if (c && c.create) { newClaim(c.label); return; }
    $('new-claim').hidden = true;
    state.claim = c;
    $('claim').value = c ? c.text : '';
    $('claim-list').innerHTML = '';
    const p = c && c.paradigms ? c.paradigms : [];
    $('claim-alignment').textContent = !c ? '' : p.length ? p.map(x => `${x.sign} ${x.name}`).join('; ') : 'aligned with no paradigm';
  }

  function pickList(input, list, entries, choose, render) {
    const first = entries.findIndex(x => !x.hint);
    list.innerHTML = entries.map((x, i) => x.hint ? `<li class="hint">${esc(x.hint)}</li>`
      : x.create ? `<li data-i="${i}" class="create${i === first ? ' focus' : ''}" data-testid="create-${x.create}">+ New ${x.create} “${esc(x.label)}”…</li>`
      : `<li data-i="${i}" class="${i === first ? 'focus' : ''}">${render(x)}</li>`).join('');
    list.onclick = e => { const li = e.target.closest('li[data-i]'); if (li) { choose(entries[+li.dataset.i]); } };
    input.onkeydown = e => {
      const items = [...list.querySelectorAll('li[data-i]')];
      let at = items.findIndex(li => li.classList.contains('focus'));
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!items.length) return;
        at = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        items.forEach((li, i) => li.classList.toggle('focus', i === at));
      } else if ((e.key === 'Enter' && !e.ctrlKey) || (e.key === 'Tab' && items.length && !e.shiftKey)) {
        if (at >= 0 && items.length) { e.preventDefault(); const entry = entries[+items[at].dataset.i]; choose(entry); if (!entry.create) focusNext(input); }
        else if (e.key === 'Enter') e.preventDefault();
      }
    };
  }
  const focusNext = input => (input === $('expert') ? $('claim') : document.querySelector('input[name=stance]:checked')).focus();

  let expertAsk = 0;
  $('expert').addEventListener('input', async () => {
    state.expert = null;
    const q = fold($('expert').value.trim());
    if (!q) { $('expert-list').innerHTML = ''; return; }
    const words = q.split(/\s+/);
    const hits = state.doc.experts.filter(x => [x.name, ...x.aliases, x.id].some(v => words.every(w => fold(v).split(/[\s-]+/).some(p => p.startsWith(w))))).slice(0, 12);
    const create = { create: 'expert', label: $('expert').value.trim() };
    if (hits.length) { pickList($('expert'), $('expert-list'), [...hits, create], chooseExpert, x => esc(x.name) + (x.aliases.length ? ` <span class="muted">${esc(x.aliases.join(', '))}</span>` : '')); return; }
    const ask = ++expertAsk;
    const answer = await call('GET', '/api/coding/experts?q=' + encodeURIComponent($('expert').value.trim())).catch(() => null);
    if (ask !== expertAsk || !answer) return;
    const suggestions = answer.experts;
    pickList($('expert'), $('expert-list'), [{ hint: suggestions.length ? 'No expert by that name. Did you mean:' : 'No expert by that name.' }, ...suggestions, create],
      chooseExpert, x => esc(x.name));
  });

  $('claim').addEventListener('input', () => {
    state.claim = null;
    $('claim-alignment').textContent = '';
    const words = fold($('claim').value.trim()).split(/\s+/).filter(Boolean);
    if (!words.length) { $('claim-list').innerHTML = ''; return; }
    const hits = state.doc.claims.filter(c => words.every(w => fold(c.text + ' ' + c.topic + ' ' + c.id).includes(w))).slice(0, 15);
    const create = { create: 'claim', label: $('claim').value.trim() };
    pickList($('claim'), $('claim-list'), hits.length ? [...hits, create] : [{ hint: 'No claim has these words.' }, create], chooseClaim,
      c => esc(c.text) + ` <span class="muted">${esc(c.topic)}${c.paradigms.length ? ' · ' + esc(c.paradigms.map(p => `${p.sign} ${p.name}`).join('; ')) : ''}</span>`);
  });

  // New registry entries: the server refuses a name that is already registered (or a variant of one) and names it.
  function newExpert(name) {
    $('expert-list').innerHTML = '';
    $('new-expert-name').textContent = name;
    $('new-expert-institution').innerHTML = state.doc.institutions.map(i => `<option value="${esc(i.id)}">${esc(i.name)}${i.acronym ? ' (' + esc(i.acronym) + ')' : ''}</option>`).join('');
    $('new-expert').hidden = false;
    $('new-expert-institution').focus();
  }
  function newClaim(text) {
    $('claim-list').innerHTML = '';
    $('new-claim-text').textContent = text;
    $('topics').innerHTML = state.doc.topics.map(t => `<option value="${esc(t)}">`).join('');
    $('new-claim-paradigm').innerHTML = '<option value="">none</option>' + state.doc.paradigmList.map(p => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('');
    $('new-claim').hidden = false;
    $('new-claim-topic').focus();
  }
  $('new-expert-create').addEventListener('click', async () => {
    try {
      const x = await call('POST', '/api/coding/experts', { name: $('new-expert-name').textContent, institution: $('new-expert-institution').value, role: $('new-expert-role').value });
      state.doc.experts.push({ id: x.id, name: x.name, aliases: x.aliases });
      chooseExpert({ id: x.id, name: x.name, aliases: x.aliases });
      $('claim').focus();
    } catch (failure) { $('form-error').textContent = failure.message; $('form-error').hidden = false; }
  });
  $('new-claim-create').addEventListener('click', async () => {
    const paradigm = $('new-claim-paradigm').value;
    try {
      const c = await call('POST', '/api/coding/claims', { text: $('new-claim-text').textContent, topic: $('new-claim-topic').value, paradigm: paradigm || null, sign: paradigm ? $('new-claim-sign').value : null });
      state.doc.claims.push(c);
      chooseClaim(c);
    } catch (failure) { $('form-error').textContent = failure.message; $('form-error').hidden = false; }
  });

  $('form').addEventListener('submit', async e => {
    e.preventDefault();
    const error = $('form-error');
    error.hidden = true;
    if (!state.expert) { error.textContent = 'Choose an expert from the list.'; error.hidden = false; $('expert').focus(); return; }
    if (!state.claim) { error.textContent = 'Choose a claim from the list.'; error.hidden = false; $('claim').focus(); return; }
    const confidence = parseFloat($('confidence').value);
    const body = {
      expert: state.expert.id, claim: state.claim.id, stance: document.querySelector('input[name=stance]:checked').value,
      quote: state.selection.quote, section: $('section').value, note: $('note').value || null,
      confidence: Number.isFinite(confidence) && confidence !== 1 ? confidence : null,
    };
    const docUrl = '/api/coding/documents/' + encodeURIComponent(state.doc.id) + '/stances';
    try {
      let saved;
      if (state.editing) {
        saved = await call('PUT', `${docUrl}/${encodeURIComponent(state.editing.expert.id)}/${encodeURIComponent(state.editing.claim.id)}`, { ...body, version: state.editing.version });
      } else {
        saved = await call('POST', docUrl, body);
      }
      await load();
      banner(`Saved: ${esc(state.expert?.name ?? saved.expert)} — in graph-data and the store (${saved.milliseconds} ms).`, 'ok');
    } catch (failure) { showFailure(failure); }
  });

  $('delete').addEventListener('click', async () => {
    const s = state.editing;
    if (!s) return;
    try {
      await call('DELETE', `/api/coding/documents/${encodeURIComponent(state.doc.id)}/stances/${encodeURIComponent(s.expert.id)}/${encodeURIComponent(s.claim.id)}?version=${encodeURIComponent(s.version)}`);
      await load();
      banner(`Deleted the stance of ${esc(s.expert.name)} on “${esc(s.claim.text)}”.`, 'ok');
    } catch (failure) { showFailure(failure); }
  });
  $('cancel').addEventListener('click', closeForm);

  function showFailure(failure) {
    if (failure.status === 409) {
      banner(`<b>Conflict — nothing was overwritten.</b> ${esc(failure.message)} <button type="button" id="reload" data-testid="reload">Reload the document</button>`, 'conflict');
      $('reload').onclick = () => { banner(''); load(); };
    } else {
      $('form-error').textContent = failure.message;
      $('form-error').hidden = false;
    }
  }

  start().catch(e => banner(esc(e.message), 'conflict'));
})();
