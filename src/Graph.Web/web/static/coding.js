// What the Code and Review pages share: element lookup, HTML escaping, JSON calls to /api/coding (an error carries
// the server's message and status) and the banner.
window.GraphCoding = (() => {
  'use strict';
  const $ = id => document.getElementById(id);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  async function call(method, url, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    const response = await fetch(url, init);
    const data = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
    if (!response.ok) { const e = new Error(data.error || response.statusText); e.status = response.status; throw e; }
    return data;
  }

  function banner(text, kind) {
    const b = $('banner');
    b.hidden = !text;
    b.className = 'banner' + (kind ? ' ' + kind : '');
    b.innerHTML = text || '';
  }

  return { $, esc, call, banner };
})();
