/*
 * The orders view (#/orders), on the public API only: a search form with every filter of GET /orders (the tenant's
 * custom fields from GET /config/custom-fields, statuses and actions from GET /config/workflow), the filter kept in the
 * hash query so a search is linkable and the back button works, newest-first results with cursor paging (a stack of
 * the cursors of the pages before), a column choice remembered per tenant and user, saved searches
 * (/saved-searches) and bulk jobs (/bulk-jobs: tag, status action, assign, priority, archive) followed until done with
 * their per-order results; archived orders are found with the 'Archived orders only' filter.
 */
'use strict';
(() => {
  const { h } = OC;
  const pageSizes = ['5', '10', '20', '50', '100', '200'];
  const defaultPageSize = '50';
  const filterNames = ['q', 'status', 'channel', 'customerId', 'tag', 'priority', 'assignee', 'createdFrom', 'createdTo', 'minTotal', 'maxTotal', 'archived'];
  const channels = [['online', 'Online'], ['phone', 'Phone'], ['inStore', 'In store'], ['marketplace', 'Marketplace']];
  const priorities = [['low', 'Low'], ['normal', 'Normal'], ['high', 'High'], ['urgent', 'Urgent']];
  const pollMs = 400;
  const day = 24 * 60 * 60 * 1000;

  const columns = [
    { key: 'status', title: 'Status', value: o => h('span', { class: 'badge', text: o.status }) },
    { key: 'priority', title: 'Priority', value: o => o.priority },
    { key: 'customer', title: 'Customer', value: o => (o.customerName ? `${o.customerName} (${o.customerId})` : o.customerId) },
    { key: 'channel', title: 'Channel', value: o => o.channel },
    { key: 'clientReference', title: 'Client reference', value: o => o.clientReference || '' },
    { key: 'total', title: 'Total', num: true, value: o => OC.money(o.total.amount, o.total.currency) },
    { key: 'tags', title: 'Tags', value: o => o.tags.join(', ') },
    { key: 'createdAt', title: 'Created', value: o => OC.date(o.createdAt) },
    { key: 'updatedAt', title: 'Updated', value: o => OC.date(o.updatedAt) },
    { key: 'version', title: 'Version', num: true, value: o => String(o.version) },
    { key: 'archivedAt', title: 'Archived', value: o => (o.archivedAt ? OC.date(o.archivedAt) : '') },
  ];
  const defaultColumns = ['status', 'customer', 'total', 'tags', 'createdAt'];

  // ---- Filters: hash query ⇄ API query ⇄ saved search --------------------------------------------------------

  const isFilter = name => filterNames.includes(name) || name.startsWith('cf.');

  /** A yyyy-MM-dd day as the API's bounds: createdFrom is the day's start, createdTo (exclusive) the next day's start. */
  function dayBound(name, value) {
    const start = Date.parse(value + 'T00:00:00Z');
    if (isNaN(start)) return value; // the API names the bad field
    return new Date(name === 'createdTo' ? start + day : start).toISOString();
  }

  function dayOf(name, iso) {
    const time = Date.parse(iso);
    return new Date(name === 'createdTo' ? time - day : time).toISOString().slice(0, 10);
  }

  function apiQuery(query, limit, cursor) {
    const out = new URLSearchParams();
    for (const [name, value] of query) {
      if (!value || !isFilter(name)) continue;
      out.set(name, name === 'createdFrom' || name === 'createdTo' ? dayBound(name, value) : value);
    }
    out.set('limit', limit);
    if (cursor) out.set('cursor', cursor);
    return out.toString();
  }

  /** The body of PUT /saved-searches/{name}: the same filters, custom fields as an object. */
  function savedBody(query) {
    const body = { customFields: {} };
    for (const [name, value] of query) {
      if (!value || !isFilter(name)) continue;
      if (name.startsWith('cf.')) body.customFields[name.slice(3)] = value;
      else if (name === 'minTotal' || name === 'maxTotal') body[name] = Number(value);
      else if (name === 'archived') body.archived = value === 'true';
      else if (name === 'createdFrom' || name === 'createdTo') body[name] = dayBound(name, value);
      else body[name] = value;
    }
    return body;
  }

  /** A saved search's filter (as the API returns it) as the hash query. */
  function queryOfSaved(filter) {
    const query = new URLSearchParams();
    const put = (name, value) => { if (value !== null && value !== undefined && value !== '') query.set(name, String(value)); };
    put('q', filter.text);
    for (const name of ['status', 'channel', 'customerId', 'tag', 'priority', 'assignee', 'minTotal', 'maxTotal']) put(name, filter[name]);
    if (filter.createdFrom) put('createdFrom', dayOf('createdFrom', filter.createdFrom));
    if (filter.createdTo) put('createdTo', dayOf('createdTo', filter.createdTo));
    if (filter.archived) put('archived', 'true');
    for (const [name, value] of Object.entries(filter.customFields || {})) put('cf.' + name, value);
    return query;
  }

  const describe = query => [...query].filter(([name]) => isFilter(name)).map(([name, value]) => `${name}=${value}`).join(', ') || 'all orders';

  // ---- Column choice, per tenant and user ----------------------------------------------------------------------

  const columnsKey = () => `oc.console.orders.columns:${OC.session.tenantId}:${OC.session.username}`;

  function readColumns() {
    try {
      const saved = JSON.parse(localStorage.getItem(columnsKey()) || 'null');
      return Array.isArray(saved) ? saved.filter(key => columns.some(c => c.key === key)) : defaultColumns.slice();
    } catch {
      return defaultColumns.slice();
    }
  }

  // ---- The search form -----------------------------------------------------------------------------------------

  /** A labelled control (the label points at the control's id, made from its name). */
  function field(label, control, extra) {
    if (!control.id) control.id = 'orders-' + control.name.replace(/[^A-Za-z0-9_-]/g, '-');
    return h('div', { class: extra ? 'orders-field ' + extra : 'orders-field' }, h('label', { for: control.id, text: label }), control);
  }

  function choice(name, options, current, anyLabel) {
    const values = options.map(([value]) => value);
    const all = current && !values.includes(current) ? options.concat([[current, current]]) : options;
    return h('select', { name },
      anyLabel === null ? null : h('option', { value: '', text: anyLabel || 'Any' }),
      all.map(([value, text]) => h('option', { value, text, selected: value === current })));
  }

  function customFieldControl(definition, name, current) {
    switch (definition.type) {
      case 'boolean': return choice(name, [['true', 'Yes'], ['false', 'No']], current);
      case 'enum': return choice(name, (definition.allowedValues || []).map(v => [v, v]), current);
      case 'number': return h('input', { name, type: 'number', step: 'any', value: current });
      case 'date': return h('input', { name, type: 'date', value: current });
      default: return h('input', { name, type: 'text', maxlength: 200, value: current });
    }
  }

  function searchForm(query, workflow, schema, onSearch) {
    const get = name => query.get(name) || '';
    const statuses = workflow ? workflow.states.map(s => [s.name, s.label || s.name]) : null;
    const customs = (schema ? schema.fields : []).map(f => ({ name: f.name, label: f.label || f.name, definition: f }));
    for (const [name] of query) {
      if (name.startsWith('cf.') && !customs.some(c => 'cf.' + c.name === name)) customs.push({ name: name.slice(3), label: name.slice(3), definition: { type: 'string' } });
    }
    const limit = get('limit') || defaultPageSize;
    const sizes = pageSizes.includes(limit) ? pageSizes : pageSizes.concat([limit]);
    const form = h('form', { class: 'card orders-search', role: 'search', 'aria-label': 'Order search' },
      h('div', { class: 'orders-fields' },
        field('Search text', h('input', { name: 'q', type: 'search', maxlength: 200, value: get('q'), placeholder: 'id, reference, customer, SKU, city…' }), 'wide'),
        field('Status', statuses ? choice('status', statuses, get('status')) : h('input', { name: 'status', value: get('status') })),
        field('Channel', choice('channel', channels, get('channel'))),
        field('Priority', choice('priority', priorities, get('priority'))),
        field('Customer id', h('input', { name: 'customerId', value: get('customerId') })),
        field('Tag', h('input', { name: 'tag', value: get('tag') })),
        field('Assignee', h('input', { name: 'assignee', maxlength: 200, value: get('assignee') })),
        field('Created from', h('input', { name: 'createdFrom', type: 'date', value: get('createdFrom') })),
        field('Created to (inclusive)', h('input', { name: 'createdTo', type: 'date', value: get('createdTo') })),
        field('Min total', h('input', { name: 'minTotal', type: 'number', step: 'any', min: 0, value: get('minTotal') })),
        field('Max total', h('input', { name: 'maxTotal', type: 'number', step: 'any', min: 0, value: get('maxTotal') })),
        field('Page size', choice('limit', sizes.map(s => [s, s]), limit, null)),
        h('div', { class: 'orders-field orders-check' },
          h('label', null, h('input', { name: 'archived', type: 'checkbox', value: 'true', checked: get('archived') === 'true' }), ' Archived orders only'))),
      customs.length
        ? h('fieldset', { class: 'orders-custom' }, h('legend', { text: 'Custom fields' }),
          h('div', { class: 'orders-fields' }, customs.map(c => field(c.label, customFieldControl(c.definition, 'cf.' + c.name, get('cf.' + c.name))))))
        : null,
      h('div', { class: 'toolbar' },
        h('button', { type: 'submit', text: 'Search' }),
        h('button', { type: 'button', class: 'secondary', text: 'Clear', onclick: () => OC.go('#/orders') })));
    form.addEventListener('submit', event => {
      event.preventDefault();
      onSearch(formQuery(form));
    });
    form.elements.limit.addEventListener('change', () => onSearch(formQuery(form)));
    return form;
  }

  /** The form's filters as a hash query (empty fields left out; the default page size too). */
  function formQuery(form) {
    const query = new URLSearchParams();
    for (const el of form.elements) {
      if (!el.name) continue;
      if (el.type === 'checkbox') {
        if (el.checked) query.set(el.name, 'true');
      } else if (el.value.trim() !== '') {
        query.set(el.name, el.value.trim());
      }
    }
    if (query.get('limit') === defaultPageSize) query.delete('limit');
    return query;
  }

  const hashOf = query => '#/orders' + (query.toString() ? '?' + query.toString() : '');

  // ---- Saved searches ------------------------------------------------------------------------------------------

  function savedSearches(form, currentQuery) {
    const list = h('ul', { class: 'orders-saved-list', 'aria-label': 'Saved searches' });
    const status = h('div');
    const writable = OC.can('orders:write');

    async function refresh() {
      const result = await OC.api('GET', '/saved-searches');
      if (!result.ok) {
        status.replaceChildren(OC.problem(result));
        return;
      }
      list.replaceChildren(...(result.body.length ? result.body.map(item) : [h('li', { class: 'muted', text: 'None yet.' })]));
    }

    function item(saved) {
      const query = queryOfSaved(saved.filter);
      const limit = currentQuery.get('limit');
      if (limit) query.set('limit', limit);
      return h('li', { dataset: { name: saved.name } },
        h('strong', { text: saved.name }), ' ', h('span', { class: 'muted', text: describe(query) }), ' ',
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Run saved search ${saved.name}`, text: 'Run', onclick: () => OC.go(hashOf(query)) }),
        writable ? h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete saved search ${saved.name}`, text: 'Delete', onclick: () => remove(saved.name) }) : null);
    }

    async function remove(name) {
      const result = await OC.api('DELETE', '/saved-searches/' + encodeURIComponent(name), { idempotencyKey: OC.newKey() });
      if (!result.ok) {
        status.replaceChildren(OC.problem(result));
        return;
      }
      status.replaceChildren();
      OC.toast(`Deleted the saved search ${name}.`);
      await refresh();
    }

    const nameInput = h('input', { name: 'savedName', required: true, maxlength: 64, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]*', title: 'Letters, digits, ".", "_" and "-"' });
    const save = writable
      ? h('form', { class: 'row', 'aria-label': 'Save search' },
        field('Name', nameInput),
        h('div', null, h('button', { type: 'submit', text: 'Save current filter' })))
      : null;
    if (save) {
      save.addEventListener('submit', async event => {
        event.preventDefault();
        const name = nameInput.value.trim();
        const result = await OC.api('PUT', '/saved-searches/' + encodeURIComponent(name), { body: savedBody(formQuery(form)), idempotencyKey: OC.newKey() });
        if (!result.ok) {
          status.replaceChildren(OC.problem(result));
          return;
        }
        status.replaceChildren();
        nameInput.value = '';
        OC.toast(`Saved the search ${name}.`);
        await refresh();
      });
    }
    const section = h('section', { class: 'card orders-saved', 'aria-labelledby': 'orders-saved-title' },
      h('h3', { id: 'orders-saved-title', text: 'Saved searches' }), status, list, save);
    return { section, refresh };
  }

  // ---- Bulk actions --------------------------------------------------------------------------------------------

  function bulkActions(workflow, selection, onDone, onClear) {
    const actions = workflow
      ? [...new Set(workflow.transitions.map(t => t.action).concat([workflow.hold.holdAction, workflow.hold.resumeAction]))]
      : [];
    const count = h('span', { class: 'orders-selected', text: '0 selected' });
    const operation = h('select', { name: 'operation' },
      h('option', { value: 'addTags', text: 'Add tag' }),
      h('option', { value: 'removeTags', text: 'Remove tag' }),
      actions.length ? h('option', { value: 'action', text: 'Change status' }) : null,
      h('option', { value: 'assign', text: 'Assign' }),
      h('option', { value: 'changePriority', text: 'Change priority' }),
      h('option', { value: 'archive', text: 'Archive' }));
    const tag = h('input', { name: 'bulkTag', maxlength: 64 });
    const action = h('select', { name: 'bulkAction' }, actions.map(a => h('option', { value: a, text: a })));
    const assignee = h('input', { name: 'bulkAssignee', maxlength: 200, placeholder: 'empty: unassign' });
    const priority = choice('bulkPriority', priorities, 'normal', null);
    const reason = h('input', { name: 'bulkReason', maxlength: 500, placeholder: 'optional' });
    const inputs = {
      tag: field('Tag', tag), action: field('Action', action), assignee: field('Assignee', assignee), priority: field('Priority', priority),
    };
    const start = h('button', { type: 'submit', text: 'Run on selected', disabled: true });
    const clear = h('button', { type: 'button', class: 'secondary', text: 'Clear selection', disabled: true, onclick: onClear });
    const status = h('div');
    const job = h('div', { class: 'orders-job' });

    function showInputs() {
      const op = operation.value;
      inputs.tag.hidden = op !== 'addTags' && op !== 'removeTags';
      inputs.action.hidden = op !== 'action';
      inputs.assignee.hidden = op !== 'assign';
      inputs.priority.hidden = op !== 'changePriority';
    }
    operation.addEventListener('change', showInputs);
    showInputs();

    const form = h('form', { class: 'orders-bulk', 'aria-label': 'Bulk action' },
      h('div', { class: 'row' }, h('div', null, count), field('Bulk action', operation), inputs.tag, inputs.action, inputs.assignee, inputs.priority,
        field('Reason', reason), h('div', { class: 'orders-bulk-buttons' }, start, clear)));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const op = operation.value;
      const body = { operation: op, orderIds: [...selection] };
      if (op === 'addTags' || op === 'removeTags') {
        if (!tag.value.trim()) {
          status.replaceChildren(h('p', { class: 'field-error', role: 'alert', text: 'Give the tag.' }));
          tag.focus();
          return;
        }
        body.tags = [tag.value.trim()];
      }
      if (op === 'action') body.action = action.value;
      if (op === 'assign' && assignee.value.trim()) body.assignee = assignee.value.trim();
      if (op === 'changePriority') body.priority = priority.value;
      if (reason.value.trim()) body.reason = reason.value.trim();
      start.disabled = true;
      const result = await OC.api('POST', '/bulk-jobs', { body, idempotencyKey: OC.newKey() });
      start.disabled = selection.size === 0;
      if (!result.ok) {
        status.replaceChildren(OC.problem(result));
        return;
      }
      status.replaceChildren();
      follow(result.body, job, onDone);
    });

    function update() {
      count.textContent = `${selection.size} selected`;
      start.disabled = clear.disabled = selection.size === 0;
    }

    const section = h('section', { class: 'card', 'aria-labelledby': 'orders-bulk-title' }, h('h3', { id: 'orders-bulk-title', text: 'Bulk actions' }), form, status, job);
    return { section, update };
  }

  /** Shows a bulk job and polls it until it is completed; then shows every order's result and calls onDone. */
  function follow(first, panel, onDone) {
    const progress = h('progress', { max: Math.max(first.total, 1), value: 0, 'aria-label': 'Bulk job progress' });
    const counts = h('span', { class: 'orders-job-count' });
    const summary = h('p', { class: 'orders-job-summary' });
    const results = h('div');
    panel.replaceChildren(h('h3', { text: `Bulk job ${first.jobId}` }), h('div', { class: 'toolbar' }, progress, counts), summary, results);

    function show(job) {
      progress.max = Math.max(job.total, 1);
      progress.value = job.processed;
      counts.textContent = `${job.processed} / ${job.total}`;
      const done = job.status === 'completed';
      panel.dataset.status = job.status;
      summary.textContent = `${done ? 'Finished' : 'Running'}: ${job.succeeded} ok, ${job.failed} failed.`;
      results.replaceChildren(h('table', { class: 'orders-job-results' },
        h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Order' }), h('th', { scope: 'col', text: 'Result' }))),
        h('tbody', null, job.results.map(r => h('tr', { dataset: { orderId: r.orderId, outcome: r.succeeded ? 'ok' : 'failed' } },
          h('td', null, h('a', { href: '#/orders/' + encodeURIComponent(r.orderId), text: r.orderId })),
          h('td', null, r.succeeded
            ? [h('span', { class: 'badge ok', text: 'ok' }), ` version ${r.version}`]
            : [h('span', { class: 'badge bad', text: 'failed' }), ' ', h('code', { text: r.errorCode || 'error' }), ' ', r.error || '']))))));
      return done;
    }

    async function poll(job) {
      if (!panel.isConnected) return;
      if (show(job)) {
        OC.toast(`Bulk job finished: ${job.succeeded} ok, ${job.failed} failed.`);
        onDone();
        return;
      }
      setTimeout(async () => {
        const result = await OC.api('GET', '/bulk-jobs/' + encodeURIComponent(job.jobId));
        if (result.ok) poll(result.body);
        else panel.append(OC.problem(result));
      }, pollMs);
    }

    poll(first);
  }

  // ---- The view ------------------------------------------------------------------------------------------------

  OC.route('#/orders', async (view, _, query) => {
    const root = h('div', { class: 'orders-view' }, h('h2', { text: 'Orders' }));
    view.append(root);
    const [workflowResult, schemaResult] = await Promise.all([OC.api('GET', '/config/workflow'), OC.api('GET', '/config/custom-fields')]);
    if (!root.isConnected) return; // the user went elsewhere meanwhile
    const workflow = workflowResult.ok ? workflowResult.body : null;
    const schema = schemaResult.ok ? schemaResult.body : null;
    const limit = query.get('limit') || defaultPageSize;

    const selection = new Set();
    let shown = readColumns();
    let rows = [];
    const cursors = []; // the cursors of the pages before this one
    let cursor = null;
    let nextCursor = null;
    let loads = 0;

    const form = searchForm(query, workflow, schema, next => OC.go(hashOf(next)));
    const saved = savedSearches(form, query);
    const bulk = OC.can('orders:write') ? bulkActions(workflow, selection, () => load(cursor), () => {
      selection.clear();
      changed();
    }) : null;

    const results = h('div', { class: 'orders-results', 'aria-live': 'polite' });
    const pageLabel = h('span', { class: 'orders-page' });
    const previous = h('button', { type: 'button', class: 'secondary', text: 'Previous', disabled: true, onclick: () => load(cursors.pop()) });
    const next = h('button', {
      type: 'button', class: 'secondary', text: 'Next', disabled: true,
      onclick: () => { cursors.push(cursor); load(nextCursor); },
    });
    const refresh = h('button', { type: 'button', class: 'secondary', text: 'Refresh', onclick: () => load(cursor) });

    const chooser = h('details', { class: 'orders-columns' }, h('summary', { text: 'Columns' }),
      h('div', { class: 'orders-column-list' }, columns.map(c => h('label', null,
        h('input', {
          type: 'checkbox', name: 'column', value: c.key, checked: shown.includes(c.key),
          onchange: event => {
            shown = event.target.checked ? columns.map(x => x.key).filter(k => k === c.key || shown.includes(k)) : shown.filter(k => k !== c.key);
            localStorage.setItem(columnsKey(), JSON.stringify(shown));
            renderTable();
          },
        }), ' ', c.title))));

    root.append(
      h('div', { class: 'orders-layout' },
        h('div', { class: 'orders-main' },
          form,
          h('section', { class: 'card', 'aria-labelledby': 'orders-results-title' },
            h('div', { class: 'toolbar' },
              h('h3', { id: 'orders-results-title', text: 'Results' }),
              h('span', { class: 'muted', text: `Filter: ${describe(query)}` }),
              chooser),
            h('p', { class: 'muted orders-lag', text: 'Results may lag a few seconds: the list reads the search read model, which follows the orders a moment behind.' }),
            results,
            h('div', { class: 'toolbar orders-pager' }, previous, pageLabel, next, refresh)),
          bulk ? bulk.section : null),
        h('aside', { class: 'orders-side' }, saved.section)));

    function renderTable() {
      const visible = columns.filter(c => shown.includes(c.key));
      const all = h('input', {
        type: 'checkbox', 'aria-label': 'Select all on page', disabled: !bulk || rows.length === 0,
        checked: rows.length > 0 && rows.every(o => selection.has(o.orderId)),
        onchange: event => {
          for (const o of rows) {
            if (event.target.checked) selection.add(o.orderId);
            else selection.delete(o.orderId);
          }
          changed();
        },
      });
      const body = rows.length
        ? rows.map(o => h('tr', { dataset: { orderId: o.orderId } },
          h('td', null, h('input', {
            type: 'checkbox', 'aria-label': `Select ${o.orderId}`, disabled: !bulk, checked: selection.has(o.orderId),
            onchange: event => {
              if (event.target.checked) selection.add(o.orderId);
              else selection.delete(o.orderId);
              changed();
            },
          })),
          h('td', null, h('a', { href: '#/orders/' + encodeURIComponent(o.orderId), text: o.orderId })),
          visible.map(c => h('td', { class: c.num ? 'num' : null, dataset: { column: c.key } }, c.value(o)))))
        : h('tr', null, h('td', { colspan: visible.length + 2, class: 'muted', text: 'No orders match this filter (yet).' }));
      results.replaceChildren(h('table', { class: 'orders-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, all),
          h('th', { scope: 'col', text: 'Order' }),
          visible.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null, dataset: { column: c.key }, text: c.title })))),
        h('tbody', null, body)));
    }

    function changed() {
      if (bulk) bulk.update();
      renderTable();
    }

    async function load(at) {
      const mine = ++loads;
      cursor = at || null;
      previous.disabled = next.disabled = true;
      results.setAttribute('aria-busy', 'true');
      const result = await OC.api('GET', '/orders?' + apiQuery(query, limit, cursor));
      if (mine !== loads || !root.isConnected) return;
      results.removeAttribute('aria-busy');
      if (!result.ok) {
        rows = [];
        results.replaceChildren(OC.problem(result));
        pageLabel.textContent = '';
        return;
      }
      rows = result.body.items;
      nextCursor = result.body.nextCursor;
      pageLabel.textContent = `Page ${cursors.length + 1}`;
      previous.disabled = cursors.length === 0;
      next.disabled = !nextCursor;
      renderTable();
    }

    await Promise.all([load(null), saved.refresh()]);
  });
})();
