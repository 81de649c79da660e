/*
 * The console's core: the session (a short-lived API key from POST /api/v1/sessions, kept in sessionStorage),
 * the API client, the hash router, a DOM builder and small formatting helpers. Views register routes with
 * OC.route; console-start.js starts the router once they have.
 */
'use strict';
const OC = (() => {
  const storageKey = 'oc.console.session';
  const routes = [];
  let session = readSession();

  function readSession() {
    try {
      const s = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      return s && new Date(s.expiresAt) > new Date() ? s : null;
    } catch {
      return null;
    }
  }

  function setSession(s) {
    session = s;
    if (s) sessionStorage.setItem(storageKey, JSON.stringify(s));
    else sessionStorage.removeItem(storageKey);
    showWho();
  }

  // ---- API client -------------------------------------------------------------------------------------------

  /** Calls /api/v1{path}; never throws on an HTTP error (a 401 ends the session and shows sign-in). */
  async function api(method, path, options = {}) {
    const headers = new Headers(options.headers || {});
    if (session) headers.set('Authorization', 'Bearer ' + session.token);
    if (options.ifMatch !== undefined && options.ifMatch !== null) headers.set('If-Match', String(options.ifMatch));
    if (options.idempotencyKey) headers.set('Idempotency-Key', options.idempotencyKey);
    let body = options.body;
    if (body !== undefined && body !== null && !(body instanceof FormData) && !(body instanceof Blob)) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(body);
    }
    const response = await fetch('/api/v1' + path, { method, headers, body });
    const type = response.headers.get('Content-Type') || '';
    let parsed = null;
    if (options.blob && response.ok) parsed = await response.blob();
    else if (type.includes('json')) parsed = await response.json().catch(() => null);
    else parsed = await response.text();
    if (response.status === 401 && session && path !== '/sessions') {
      setSession(null);
      toast('Your session has ended. Sign in again.');
      go('#/signin?next=' + encodeURIComponent(location.hash));
    }
    return { ok: response.ok, status: response.status, body: parsed, etag: response.headers.get('ETag'), headers: response.headers };
  }

  function can(scope) {
    if (!session) return false;
    const colon = scope.indexOf(':');
    const area = colon > 0 ? scope.slice(0, colon + 1) + '*' : null;
    return session.scopes.some(g => g === scope || g === 'admin' || (area && g === area));
  }

  const hasRole = role => !!session && session.roles.includes(role);

  // ---- DOM helpers ------------------------------------------------------------------------------------------

  /** h('button', {class: 'x', onclick: f}, 'Save') */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') el.textContent = value;
      else if (name === 'class') el.className = value;
      else if (name === 'dataset') Object.assign(el.dataset, value);
      else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
      else if (name === 'value' || name === 'checked' || name === 'selected') el[name] = value;
      else el.setAttribute(name, value === true ? '' : String(value));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(el, child);
      else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** Problem details (RFC 9457) as an alert: title, detail and the field errors. */
  function problem(result) {
    const p = (result && typeof result.body === 'object' && result.body) || {};
    const title = p.title || (result ? `Request failed (${result.status})` : 'Request failed');
    const errors = p.errors && typeof p.errors === 'object'
      ? Object.entries(p.errors).map(([field, messages]) => h('li', { dataset: { field } }, h('code', { text: field }), ': ', [].concat(messages).join(' ')))
      : [];
    return h('div', { class: 'problem', role: 'alert' },
      h('strong', { text: title }),
      p.detail ? h('p', { text: p.detail }) : null,
      errors.length ? h('ul', null, errors) : null);
  }

  let toastTimer = 0;
  function toast(text) {
    const el = document.getElementById('toast');
    el.textContent = text;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.textContent = ''; }, 8000);
  }

  /** A table: columns are {title, value: row => string | Node}. */
  function table(columns, rows) {
    return h('table', null,
      h('thead', null, h('tr', null, columns.map(c => h('th', { scope: 'col', text: c.title })))),
      h('tbody', null, rows.map(row => h('tr', null, columns.map(c => h('td', null, c.value(row)))))));
  }

  // ---- Formatting -------------------------------------------------------------------------------------------

  function money(amount, currency) {
    if (amount === null || amount === undefined) return '';
    return Number(amount).toFixed(2) + (currency ? ' ' + currency : '');
  }

  function date(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    if (isNaN(d)) return String(iso);
    return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  const newKey = () => crypto.randomUUID();

  // ---- Router -----------------------------------------------------------------------------------------------

  /** Registers a view for a hash pattern such as '#/orders/:id'. */
  function route(pattern, render) {
    const names = [];
    const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    });
    routes.push({ regex: new RegExp('^' + source + '$'), names, render });
  }

  function go(hash) {
    if (location.hash === hash) render();
    else location.hash = hash;
  }

  async function render() {
    const [path, search] = (location.hash || '#/orders').split('?');
    const query = new URLSearchParams(search || '');
    const view = document.getElementById('view');
    if (!session && path !== '#/signin') {
      go('#/signin?next=' + encodeURIComponent(location.hash || '#/orders'));
      return;
    }
    for (const r of routes) {
      const match = r.regex.exec(path);
      if (!match) continue;
      const params = {};
      r.names.forEach((name, i) => { params[name] = decodeURIComponent(match[i + 1]); });
      view.replaceChildren();
      markCurrent(path);
      try {
        await r.render(view, params, query);
      } catch (error) {
        view.append(h('div', { class: 'problem', role: 'alert' }, h('strong', { text: 'Something went wrong' }), h('p', { text: String(error) })));
      }
      return;
    }
    view.replaceChildren(h('h2', { text: 'Not found' }), h('p', null, 'No page is at ', h('code', { text: path }), '. ', h('a', { href: '#/orders', text: 'Orders' })));
  }

  function markCurrent(path) {
    for (const a of document.querySelectorAll('#nav a')) {
      if (path.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  function showWho() {
    document.getElementById('nav').hidden = !session;
    document.getElementById('who').hidden = !session;
    if (!session) return;
    document.getElementById('who-name').textContent = `${session.displayName || session.username} (${session.roles.join(', ') || 'no role'})`;
    document.getElementById('who-tenant').textContent = 'tenant ' + session.tenantId;
  }

  // ---- Sign-in ----------------------------------------------------------------------------------------------

  route('#/signin', (view, _, query) => {
    const status = h('div');
    const field = (id, label, attrs) => [h('label', { for: id, text: label }), h('input', Object.assign({ id, name: id, required: true, maxlength: 256 }, attrs))];
    const form = h('form', { class: 'card signin' },
      h('h2', { text: 'Sign in' }),
      status,
      field('signin-tenant', 'Tenant', { autocomplete: 'organization', value: localStorage.getItem('oc.console.tenant') || '' }),
      field('signin-user', 'User name', { autocomplete: 'username' }),
      field('signin-password', 'Password', { type: 'password', autocomplete: 'current-password' }),
      h('button', { type: 'submit', id: 'signin-submit', text: 'Sign in' }));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const tenant = form.querySelector('#signin-tenant').value.trim();
      const result = await api('POST', '/sessions', {
        body: { tenant, username: form.querySelector('#signin-user').value, password: form.querySelector('#signin-password').value },
      });
      if (!result.ok) {
        status.replaceChildren(problem(result));
        return;
      }
      localStorage.setItem('oc.console.tenant', tenant);
      setSession(result.body);
      const next = query.get('next');
      go(next && next.startsWith('#/') && !next.startsWith('#/signin') ? next : '#/orders');
    });
    view.append(form);
    const first = form.querySelector('#signin-tenant').value ? '#signin-user' : '#signin-tenant';
    form.querySelector(first).focus();
  });

  async function signOut() {
    if (session) await api('DELETE', '/sessions/current');
    setSession(null);
    go('#/signin');
  }

  function start() {
    document.getElementById('sign-out').addEventListener('click', signOut);
    window.addEventListener('hashchange', render);
    showWho();
    render();
  }

  return {
    api, can, hasRole, h, problem, toast, table, money, date, newKey, route, go, start,
    get session() { return session; },
  };
})();
