// The console's administration view (#/admin/{tab}): the tenant's configuration documents (workflow, custom fields, SLA
// policy, automation rules with dry-run, order and notification templates), webhooks with their delivery logs, API keys
// and users, all through the public /api/v1. Writes need the admin scope; without it the view says so and shows no form.
// Text is set as text (OC.h), never parsed as HTML.
'use strict';
(() => {
  const h = OC.h;
  const TABS = [
    ['workflow', 'Workflow'], ['custom-fields', 'Custom fields'], ['sla', 'SLA policy'], ['automation', 'Automation'],
    ['templates', 'Templates'], ['webhooks', 'Webhooks'], ['api-keys', 'API keys'], ['users', 'Users'],
  ];
  const SCOPES = ['orders:read', 'orders:write', 'orders:approve', 'customers:read', 'customers:write', 'config:read',
    'inventory:read', 'inventory:write', 'orders:*', 'customers:*', 'config:*', 'inventory:*', 'admin'];
  const ROLES = ['sales', 'order-manager', 'finance', 'warehouse', 'admin'];
  const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'enum'];

  OC.route('#/admin', (view) => render(view, 'workflow'));
  OC.route('#/admin/:tab', (view, params) => render(view, params.tab));

  function render(view, tab) {
    view.append(h('h2', { text: 'Administration' }));
    if (!OC.can('admin')) {
      view.append(h('p', { class: 'admin-denied', role: 'note', id: 'admin-denied' },
        `Administration needs the admin scope. You are signed in as ${OC.session.username} with `,
        (OC.session.scopes || []).join(', ') || 'no scopes', '; ask an administrator.'));
      return;
    }
    const known = TABS.some(([id]) => id === tab) ? tab : 'workflow';
    view.append(h('nav', { class: 'admin-tabs', 'aria-label': 'Administration' },
      TABS.map(([id, title]) => h('a', { href: `#/admin/${id}`, 'aria-current': id === known ? 'page' : null }, title))));
    const panel = h('section', { class: 'admin-panel', id: `admin-${known}`, 'aria-label': TABS.find(([id]) => id === known)[1] });
    view.append(panel);
    PANELS[known](panel);
  }

  const PANELS = {
    'workflow': (panel) => jsonDocument(panel, {
      path: '/config/workflow', title: 'Workflow', member: 'definition', versions: true,
      value: (doc) => strip(doc), hint: 'States, transitions, approval and hold policy as JSON.',
    }),
    'custom-fields': customFields,
    'sla': slaPolicy,
    'automation': automation,
    'templates': templates,
    'webhooks': webhooks,
    'api-keys': apiKeys,
    'users': users,
  };

  // ---------- shared pieces ----------

  /** The document without what the server sets on publishing. */
  function strip(doc) {
    const copy = { ...doc };
    delete copy.version; delete copy.publishedBy; delete copy.publishedAt;
    return copy;
  }

  const list = (text) => text.split(',').map((s) => s.trim()).filter((s) => s);
  const etag = (version) => `"${version}"`;
  const label = (text, control) => h('label', { class: 'admin-field' }, h('span', { text }), control);

  /** A status area: clears, shows a problem, or a line of text. */
  function statusArea() {
    const area = h('div', { class: 'admin-status', 'aria-live': 'polite' });
    return {
      el: area,
      clear: () => area.replaceChildren(),
      problem: (result) => area.replaceChildren(OC.problem(result)),
      say: (text) => area.replaceChildren(h('p', { class: 'admin-ok', text })),
    };
  }

  /**
   * Marks the controls named by a problem's field errors (data-field="fields[2].name"; a path's "policy." or "$." start and a
   * trailing index are tried away) and puts the messages next to them; returns how many were placed.
   */
  function markErrors(form, result) {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    const errors = (result && result.body && result.body.errors) || {};
    let placed = 0;
    for (const [key, messages] of Object.entries(errors)) {
      const path = key.replace(/^\$\.?/, '').replace(/^(policy|definition|template)\./, '');
      const candidates = [path, path.replace(/\[\d+\]$/, '')];
      const control = candidates.map((p) => form.querySelector(`[data-field="${CSS.escape(p)}"]`)).find((c) => c);
      if (!control) continue;
      control.setAttribute('aria-invalid', 'true');
      control.after(h('span', { class: 'field-error', dataset: { for: key } }, [].concat(messages).join(' ')));
      placed++;
    }
    return placed;
  }

  function publishedLine(doc) {
    return h('p', { class: 'admin-version' },
      h('strong', { class: 'admin-version-number', dataset: { version: String(doc.version) } }, `Version ${doc.version}`),
      doc.publishedAt ? ` published ${OC.date(doc.publishedAt)}` : '',
      doc.publishedBy ? ` by ${actorName(doc.publishedBy)}` : '');
  }

  function actorName(actor) {
    return typeof actor === 'string' ? actor : actor.displayName || actor.userId || JSON.stringify(actor);
  }

  /** Publishes a versioned configuration document: expectedVersion in the body (what the API checks) and If-Match. */
  function publish(path, body, version) {
    return OC.api('PUT', path, { body: { ...body, expectedVersion: version }, ifMatch: etag(version), idempotencyKey: OC.newKey() });
  }

  /** A version picker over 1..current showing the chosen version read-only (for documents with /versions/{n}). */
  function versionHistory(path, current) {
    const select = h('select', { 'aria-label': 'Version', class: 'admin-version-select' },
      Array.from({ length: current }, (_, i) => current - i).map((n) => h('option', { value: String(n) }, `Version ${n}`)));
    const shown = h('pre', { class: 'admin-json admin-history-json' });
    const status = statusArea();
    const show = async () => {
      const r = await OC.api('GET', `${path}/versions/${select.value}`);
      if (!r.ok) { status.problem(r); return; }
      status.clear();
      shown.textContent = JSON.stringify(r.body, null, 2);
    };
    return h('details', { class: 'admin-history' }, h('summary', { text: 'Version history' }),
      h('div', { class: 'admin-row' }, select, h('button', { type: 'button', onclick: show }, 'Show')), status.el, shown);
  }

  async function load(panel, path) {
    const r = await OC.api('GET', path);
    if (!r.ok) panel.append(OC.problem(r));
    return r.ok ? r.body : null;
  }

  /** A versioned document edited as pretty-printed JSON in a textarea, published as {member: value, expectedVersion}. */
  async function jsonDocument(panel, spec) {
    const doc = await load(panel, spec.path);
    if (!doc) return;
    const status = statusArea();
    const editor = h('textarea', { class: 'admin-json', rows: '24', spellcheck: 'false', 'aria-label': `${spec.title} JSON` });
    editor.value = JSON.stringify(spec.value(doc), null, 2);
    const save = async (event) => {
      event.preventDefault();
      let value;
      try { value = JSON.parse(editor.value); } catch (e) { status.say(''); status.el.replaceChildren(h('p', { class: 'problem', role: 'alert' }, `Not valid JSON: ${e.message}`)); return; }
      const r = await publish(spec.path, { [spec.member]: value }, doc.version);
      if (!r.ok) { status.problem(r); return; }
      OC.toast(`${spec.title}: version ${r.body.version} published`);
      panel.replaceChildren();
      await jsonDocument(panel, spec);
    };
    panel.append(h('h3', { text: spec.title }), publishedLine(doc), h('p', { class: 'muted', text: spec.hint }),
      h('form', { class: 'admin-form', onsubmit: save }, editor, h('div', { class: 'admin-row' }, h('button', { type: 'submit' }, 'Publish')), status.el),
      spec.versions && doc.version > 0 ? versionHistory(spec.path, doc.version) : '');
  }

  // ---------- custom fields ----------

  async function customFields(panel) {
    const schema = await load(panel, '/config/custom-fields');
    if (!schema) return;
    const status = statusArea();
    const body = h('tbody');
    const addRow = (field) => {
      const i = () => Array.prototype.indexOf.call(body.rows, row);
      const type = h('select', { 'aria-label': 'Type', class: 'cf-type' }, FIELD_TYPES.map((t) => h('option', { value: t, selected: t === (field.type || 'string') }, t)));
      const row = h('tr', { class: 'cf-row' },
        h('td', {}, h('input', { class: 'cf-name', 'aria-label': 'Field name', value: field.name || '', required: true })),
        h('td', {}, h('input', { class: 'cf-label', 'aria-label': 'Label', value: field.label || '' })),
        h('td', {}, type),
        h('td', {}, h('input', { class: 'cf-required', type: 'checkbox', 'aria-label': 'Required', checked: !!field.required })),
        h('td', {}, h('input', { class: 'cf-values', 'aria-label': 'Allowed values', placeholder: 'enum: a, b, c', value: (field.allowedValues || []).join(', ') })),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove')));
      row.original = field;
      const sync = () => {
        const n = i();
        row.querySelector('.cf-name').dataset.field = `fields[${n}].name`;
        row.querySelector('.cf-label').dataset.field = `fields[${n}].label`;
        type.dataset.field = `fields[${n}].type`;
        row.querySelector('.cf-values').dataset.field = `fields[${n}].allowedValues`;
        row.querySelector('.cf-required').dataset.field = `fields[${n}]`;
      };
      row.sync = sync;
      body.append(row);
      return row;
    };
    (schema.fields || []).forEach(addRow);
    const fields = () => Array.from(body.rows).map((row) => {
      row.sync();
      const values = list(row.querySelector('.cf-values').value);
      return {
        ...row.original,
        name: row.querySelector('.cf-name').value.trim(),
        label: row.querySelector('.cf-label').value.trim() || null,
        type: row.querySelector('.cf-type').value,
        required: row.querySelector('.cf-required').checked,
        allowedValues: values,
      };
    });
    const form = h('form', { class: 'admin-form', id: 'custom-fields-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const r = await publish('/config/custom-fields', { fields: fields() }, schema.version);
      if (!r.ok) { status.problem(r); markErrors(form, r); return; }
      OC.toast(`Custom fields: version ${r.body.version} published`);
      panel.replaceChildren();
      await customFields(panel);
    } },
    h('table', { class: 'admin-table cf-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Label', 'Type', 'Required', 'Allowed values', ''].map((t) => h('th', { text: t })))), body),
    h('div', { class: 'admin-row' },
      h('button', { type: 'button', onclick: () => addRow({}).querySelector('.cf-name').focus() }, 'Add field'),
      h('button', { type: 'submit' }, 'Publish')),
    status.el);
    panel.append(h('h3', { text: 'Custom fields' }), publishedLine(schema),
      h('p', { class: 'muted', text: 'Orders keep the values they have; a newly required field applies to new orders and later edits. Min, max, pattern and default are kept as published.' }),
      form, schema.version > 0 ? versionHistory('/config/custom-fields', schema.version) : '');
  }

  // ---------- SLA policy ----------

  async function slaPolicy(panel) {
    const policy = await load(panel, '/config/sla-policy');
    if (!policy) return;
    const status = statusArea();
    const body = h('tbody');
    const input = (cls, title, value, placeholder) => h('input', { class: cls, 'aria-label': title, value: value || '', placeholder });
    const addRow = (rule) => {
      const row = h('tr', { class: 'sla-row' },
        h('td', {}, input('sla-kind', 'Kind', rule.kind, 'e.g. ship-by')),
        h('td', {}, input('sla-start', 'Start state', rule.startState)),
        h('td', {}, input('sla-met', 'Met states', (rule.metStates || []).join(', '))),
        h('td', {}, input('sla-within', 'Within', rule.within, 'd.hh:mm:ss')),
        h('td', {}, input('sla-priorities', 'Priorities', (rule.priorities || []).join(', '), 'all')),
        h('td', {}, input('sla-channels', 'Channels', (rule.channels || []).join(', '), 'all')),
        h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove')));
      body.append(row);
      return row;
    };
    (policy.rules || []).forEach(addRow);
    const warning = h('input', { type: 'number', step: '0.05', min: '0', max: '1', value: String(policy.warningFraction), 'data-field': 'warningFraction' });
    const escalate = h('input', { type: 'checkbox', checked: !!policy.escalateOnBreach, 'data-field': 'escalateOnBreach' });
    const notify = h('input', { value: policy.notifyRole || '', 'data-field': 'notifyRole' });
    const rules = () => Array.from(body.rows).map((row, n) => {
      const read = (cls, member) => { const c = row.querySelector(cls); c.dataset.field = `rules[${n}].${member}`; return c.value.trim(); };
      return {
        kind: read('.sla-kind', 'kind'), startState: read('.sla-start', 'startState'), metStates: list(read('.sla-met', 'metStates')),
        within: read('.sla-within', 'within'), priorities: list(read('.sla-priorities', 'priorities')), channels: list(read('.sla-channels', 'channels')),
      };
    });
    const form = h('form', { class: 'admin-form', id: 'sla-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const next = { ...strip(policy), warningFraction: Number(warning.value), escalateOnBreach: escalate.checked, notifyRole: notify.value.trim(), rules: rules() };
      const r = await publish('/config/sla-policy', { policy: next }, policy.version);
      if (!r.ok) { status.problem(r); markErrors(form, r); return; }
      OC.toast(`SLA policy: version ${r.body.version} published`);
      panel.replaceChildren();
      await slaPolicy(panel);
    } },
    h('div', { class: 'admin-row' }, label('Warning at (fraction of the deadline)', warning), label('Escalate on breach', escalate), label('Notify role', notify)),
    h('table', { class: 'admin-table sla-table' },
      h('thead', {}, h('tr', {}, ['Kind', 'Start state', 'Met states', 'Within (d.hh:mm:ss)', 'Priorities', 'Channels', ''].map((t) => h('th', { text: t })))), body),
    h('div', { class: 'admin-row' }, h('button', { type: 'button', onclick: () => addRow({}) }, 'Add rule'), h('button', { type: 'submit' }, 'Publish')),
    status.el);
    panel.append(h('h3', { text: 'SLA policy' }), publishedLine(policy),
      h('p', { class: 'muted', text: 'For each kind the first rule that applies to an order\'s priority and channel wins: list specific rules first.' }),
      form, versionHistory('/config/sla-policy', policy.version));
  }

  // ---------- automation ----------

  async function automation(panel) {
    const doc = await load(panel, '/config/automation-rules');
    if (!doc) return;
    const status = statusArea();
    const toggle = async (ruleId, dryRun) => {
      const next = doc.rules.map((r) => (r.ruleId === ruleId ? { ...r, dryRun } : r));
      const r = await publish('/config/automation-rules', { rules: next }, doc.version);
      if (!r.ok) { status.problem(r); panel.querySelectorAll('.automation-rules input:disabled').forEach((c) => { c.disabled = false; c.checked = !dryRun; }); return; }
      OC.toast(`Rule ${ruleId}: ${dryRun ? 'dry run' : 'live'} (version ${r.body.version})`);
      panel.replaceChildren();
      await automation(panel);
    };
    const rulesTable = OC.table([
      { title: 'Rule', value: (r) => h('span', {}, h('strong', { text: r.ruleId }), ` ${r.name}`) },
      { title: 'Trigger', value: (r) => r.trigger.eventType + (r.trigger.delay ? ` after ${r.trigger.delay}` : '') },
      { title: 'Steps', value: (r) => (r.steps || []).map((s) => `${s.kind} ${s.value}`).join('; ') },
      { title: 'Enabled', value: (r) => (r.enabled === false ? 'no' : 'yes') },
      { title: 'Dry run', value: (r) => h('label', { class: 'admin-toggle' },
        h('input', { type: 'checkbox', checked: !!r.dryRun, 'aria-label': `Dry run ${r.ruleId}`, dataset: { rule: r.ruleId },
          onchange: (e) => { e.target.disabled = true; toggle(r.ruleId, e.target.checked); } }), r.dryRun ? 'dry run' : 'live') },
    ], doc.rules || []);
    rulesTable.classList.add('admin-table', 'automation-rules');

    panel.append(h('h3', { text: 'Automation rules' }), publishedLine(doc),
      h('p', { class: 'muted', text: 'A dry-run rule logs what it would do ("would …") and changes nothing. Toggling publishes a new version.' }),
      doc.rules && doc.rules.length ? rulesTable : h('p', { class: 'muted', text: 'No rules yet.' }), status.el);
    const editor = h('section', { class: 'admin-sub' });
    panel.append(editor);
    await jsonDocument(editor, {
      path: '/config/automation-rules', title: 'Rules as JSON', member: 'rules', versions: false,
      value: (d) => d.rules, hint: 'The whole set: publishing replaces every rule ([] removes them all).',
    });
    panel.append(await automationStats(), automationLog());
  }

  async function automationStats() {
    const section = h('section', { class: 'admin-sub', id: 'automation-stats' }, h('h3', { text: 'Outcomes per rule' }));
    const r = await OC.api('GET', '/config/automation-rules/stats');
    if (!r.ok) { section.append(OC.problem(r)); return section; }
    const outcomes = [...new Set(r.body.flatMap((s) => Object.keys(s.outcomes)))].sort();
    const table = OC.table([{ title: 'Rule', value: (s) => s.ruleId },
      ...outcomes.map((o) => ({ title: o, value: (s) => String(s.outcomes[o] || 0) }))], r.body);
    table.classList.add('admin-table');
    section.append(r.body.length ? table : h('p', { class: 'muted', text: 'No rule has run yet.' }),
      h('button', { type: 'button', onclick: async () => section.replaceWith(await automationStats()) }, 'Refresh'));
    return section;
  }

  function automationLog() {
    const out = h('div', { class: 'automation-log-result' });
    const orderId = h('input', { 'aria-label': 'Order id', placeholder: 'order id', required: true });
    const show = async (event) => {
      event.preventDefault();
      const id = orderId.value.trim();
      const r = await OC.api('GET', `/orders/${encodeURIComponent(id)}/automation-log`);
      if (!r.ok) { out.replaceChildren(OC.problem(r)); return; }
      const table = OC.table([
        { title: 'At', value: (e) => OC.date(e.at) }, { title: 'Rule', value: (e) => e.ruleId },
        { title: 'Event', value: (e) => String(e.eventSequence) }, { title: 'Step', value: (e) => String(e.step) },
        { title: 'Outcome', value: (e) => h('span', { class: `outcome outcome-${e.outcome}`, text: e.outcome }) }, { title: 'Detail', value: (e) => e.detail },
      ], r.body);
      table.classList.add('admin-table', 'automation-log');
      out.replaceChildren(r.body.length ? table : h('p', { class: 'muted', text: `No automation has run for ${id} yet.` }));
    };
    return h('section', { class: 'admin-sub', id: 'automation-log' }, h('h3', { text: 'An order\'s automation log' }),
      h('form', { class: 'admin-row', onsubmit: show }, orderId, h('button', { type: 'submit' }, 'Show log')), out);
  }

  // ---------- templates ----------

  async function templates(panel) {
    const all = await load(panel, '/config/templates');
    if (!all) return;
    const status = statusArea();
    const editorHost = h('div', { class: 'template-editor' });
    const edit = (template) => {
      const editor = h('textarea', { class: 'admin-json', rows: '18', spellcheck: 'false', 'aria-label': 'Template JSON' });
      const copy = { ...template };
      delete copy.updatedBy; delete copy.updatedAt;
      editor.value = JSON.stringify(copy, null, 2);
      const save = async (event) => {
        event.preventDefault();
        let value;
        try { value = JSON.parse(editor.value); } catch (e) { status.el.replaceChildren(h('p', { class: 'problem', role: 'alert' }, `Not valid JSON: ${e.message}`)); return; }
        const r = await OC.api('PUT', `/config/templates/${encodeURIComponent(value.templateId || '')}`, { body: value, idempotencyKey: OC.newKey() });
        if (!r.ok) { status.problem(r); return; }
        OC.toast(`Template ${value.templateId} saved`);
        panel.replaceChildren();
        await templates(panel);
      };
      editorHost.replaceChildren(h('form', { class: 'admin-form', onsubmit: save }, h('h4', { text: template.templateId ? `Template ${template.templateId}` : 'New template' }),
        editor, h('div', { class: 'admin-row' }, h('button', { type: 'submit' }, 'Save template'))));
    };
    const remove = async (template, button) => {
      if (!confirmTwice(button)) return;
      const r = await OC.api('DELETE', `/config/templates/${encodeURIComponent(template.templateId)}`, { idempotencyKey: OC.newKey() });
      if (!r.ok) { status.problem(r); return; }
      OC.toast(`Template ${template.templateId} removed`);
      panel.replaceChildren();
      await templates(panel);
    };
    const table = OC.table([
      { title: 'Id', value: (t) => t.templateId }, { title: 'Name', value: (t) => t.name }, { title: 'Currency', value: (t) => t.currency },
      { title: 'Lines', value: (t) => String((t.lines || []).length) }, { title: 'Updated', value: (t) => (t.updatedAt ? OC.date(t.updatedAt) : '') },
      { title: '', value: (t) => h('span', { class: 'admin-actions' }, h('button', { type: 'button', onclick: () => edit(t) }, 'Edit'),
        h('button', { type: 'button', class: 'danger', onclick: (e) => remove(t, e.target) }, 'Delete')) },
    ], all);
    table.classList.add('admin-table');
    const skeleton = { templateId: 'new-template', name: 'New template', currency: 'EUR', lines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 10 }], priority: 'normal', tags: [] };
    panel.append(h('h3', { text: 'Order templates' }), h('p', { class: 'muted', text: 'A draft started from a template is prefilled with its lines, shipping, priority, tags and custom fields.' }),
      all.length ? table : h('p', { class: 'muted', text: 'No templates yet.' }),
      h('div', { class: 'admin-row' }, h('button', { type: 'button', onclick: () => edit(skeleton) }, 'New template')), editorHost, status.el);
    const notifications = h('section', { class: 'admin-sub' });
    panel.append(notifications);
    await jsonDocument(notifications, {
      path: '/config/notification-templates', title: 'Notification templates', member: 'templates', versions: false,
      value: (d) => d.templates, hint: 'The whole set of e-mail and other notification templates ({{order.id}}, {{customer.email}}, …).',
    });
  }

  /** A destructive button asks once more: the first click relabels it, the second within 5 s goes ahead. */
  function confirmTwice(button) {
    if (button.dataset.armed === 'true') return true;
    const text = button.textContent;
    button.dataset.armed = 'true';
    button.textContent = `Confirm ${text.toLowerCase()}`;
    setTimeout(() => { button.dataset.armed = 'false'; button.textContent = text; }, 5000);
    return false;
  }

  /** Shows a secret that the API gives only once, with a copy button. */
  function secretOnce(title, text) {
    const code = h('code', { class: 'secret-text', text });
    const copy = async () => {
      try { await navigator.clipboard.writeText(text); OC.toast('Copied'); } catch { window.getSelection().selectAllChildren(code); OC.toast('Selected: press Ctrl+C to copy'); }
    };
    return h('div', { class: 'secret-once', role: 'alert' },
      h('p', {}, h('strong', { text: title }), ' Copy it now: it is shown only this once and cannot be read again.'),
      h('div', { class: 'admin-row' }, code, h('button', { type: 'button', onclick: copy }, 'Copy')));
  }

  // ---------- webhooks ----------

  async function webhooks(panel) {
    const r = await OC.api('GET', '/webhooks');
    if (!r.ok) { panel.append(OC.problem(r)); return; }
    const status = statusArea();
    const secretHost = h('div', { class: 'secret-host' });
    const deliveriesHost = h('section', { class: 'admin-sub', id: 'webhook-deliveries' });
    const refresh = async (keep) => {
      panel.replaceChildren();
      await webhooks(panel);
      if (keep) panel.querySelector('.secret-host').replaceWith(keep);
    };
    const url = h('input', { type: 'url', 'data-field': 'url', required: true, placeholder: 'https://erp.example.com/hooks' });
    const events = h('input', { 'data-field': 'eventTypes', value: '*', placeholder: 'order.created, order.status-changed or *' });
    const description = h('input', { 'data-field': 'description' });
    const create = h('form', { class: 'admin-form', id: 'webhook-create', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const c = await OC.api('POST', '/webhooks', { body: { url: url.value.trim(), eventTypes: list(events.value), description: description.value.trim() || null }, idempotencyKey: OC.newKey() });
      if (!c.ok) { status.problem(c); markErrors(create, c); return; }
      OC.toast(`Subscription ${c.body.subscription.subscriptionId} created`);
      await refresh(h('div', { class: 'secret-host' }, secretOnce(`Signing secret of ${c.body.subscription.subscriptionId}:`, c.body.secret)));
    } },
    h('h4', { text: 'New subscription' }),
    h('div', { class: 'admin-row' }, label('Receiver URL', url), label('Event types', events), label('Description', description), h('button', { type: 'submit' }, 'Subscribe')));

    const act = async (sub, call, done) => {
      const a = await call();
      if (!a.ok) { status.problem(a); return; }
      OC.toast(done);
      await refresh(a.body && a.body.secret ? h('div', { class: 'secret-host' }, secretOnce(`New signing secret of ${sub.subscriptionId}:`, a.body.secret)) : null);
    };
    const paused = (s) => s.status === 'disabled';
    const table = OC.table([
      { title: 'Id', value: (s) => s.subscriptionId }, { title: 'URL', value: (s) => s.url }, { title: 'Events', value: (s) => s.eventTypes.join(', ') },
      { title: 'Status', value: (s) => h('span', { class: `badge webhook-${s.status}`, title: s.disabledReason || '', text: paused(s) ? 'paused' : s.status }) },
      { title: 'Version', value: (s) => String(s.version) },
      { title: '', value: (s) => h('span', { class: 'admin-actions' },
        h('button', { type: 'button', onclick: () => act(s, () => OC.api('PATCH', `/webhooks/${s.subscriptionId}`,
          { body: { active: paused(s), expectedVersion: s.version }, idempotencyKey: OC.newKey() }), paused(s) ? 'Resumed' : 'Paused') }, paused(s) ? 'Resume' : 'Pause'),
        h('button', { type: 'button', onclick: () => act(s, () => OC.api('POST', `/webhooks/${s.subscriptionId}/rotate-secret`, { idempotencyKey: OC.newKey() }), 'Secret rotated') }, 'Rotate secret'),
        h('button', { type: 'button', onclick: () => deliveries(deliveriesHost, s) }, 'Deliveries'),
        h('button', { type: 'button', class: 'danger', onclick: (e) => confirmTwice(e.target) && act(s, () => OC.api('DELETE', `/webhooks/${s.subscriptionId}`, { idempotencyKey: OC.newKey() }), 'Deleted') }, 'Delete')) },
    ], r.body.items);
    table.classList.add('admin-table', 'webhooks');
    table.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.subscription = r.body.items[i].subscriptionId; });
    panel.append(h('h3', { text: 'Webhooks' }),
      h('p', { class: 'muted', text: 'Signed (X-OrderCluster-Signature), at least once, retried for hours; paused subscriptions receive nothing.' }),
      create, secretHost, status.el, r.body.items.length ? table : h('p', { class: 'muted', text: 'No subscriptions yet.' }), deliveriesHost);
  }

  async function deliveries(host, sub) {
    const status = statusArea();
    const filter = h('select', { 'aria-label': 'Delivery status' }, ['', 'pending', 'succeeded', 'failed'].map((s) => h('option', { value: s }, s || 'all')));
    filter.value = host.dataset.filter || '';
    const r = await OC.api('GET', `/webhooks/${sub.subscriptionId}/deliveries?limit=50${filter.value ? `&status=${filter.value}` : ''}`);
    host.dataset.filter = filter.value;
    const reload = () => deliveries(host, sub);
    filter.onchange = () => { host.dataset.filter = filter.value; reload(); };
    const heading = [h('h3', { text: `Deliveries of ${sub.subscriptionId}` }), h('div', { class: 'admin-row' }, filter, h('button', { type: 'button', onclick: reload }, 'Refresh'))];
    if (!r.ok) { host.replaceChildren(...heading, OC.problem(r)); return; }
    const last = (d) => d.attempts[d.attempts.length - 1];
    const replay = async (d) => {
      const p = await OC.api('POST', `/webhooks/${sub.subscriptionId}/deliveries/${d.deliveryId}/replay`, { idempotencyKey: OC.newKey() });
      if (!p.ok) { status.problem(p); return; }
      OC.toast(`Delivery ${d.deliveryId} replayed: ${p.body.status}`);
      await reload();
    };
    const table = OC.table([
      { title: 'Delivery', value: (d) => d.deliveryId }, { title: 'Event', value: (d) => d.eventType }, { title: 'Order', value: (d) => h('a', { href: `#/orders/${encodeURIComponent(d.orderId)}`, text: `${d.orderId} #${d.sequence}` }) },
      { title: 'Status', value: (d) => h('span', { class: `badge delivery-${d.status}`, text: d.status }) },
      { title: 'Attempts', value: (d) => String(d.attempts.length) + (d.status === 'pending' && d.nextAttemptAt ? `, next ${OC.date(d.nextAttemptAt)}` : '') },
      { title: 'Response', value: (d) => (last(d) ? (last(d).statusCode != null ? String(last(d).statusCode) : 'no response') : '') },
      { title: 'Last error', value: (d) => d.lastError || '' },
      { title: 'Created', value: (d) => OC.date(d.createdAt) },
      { title: '', value: (d) => (d.status === 'failed' ? h('button', { type: 'button', onclick: () => replay(d) }, 'Replay') : '') },
    ], r.body.items);
    table.classList.add('admin-table', 'webhook-deliveries');
    host.replaceChildren(...heading, status.el, r.body.items.length ? table : h('p', { class: 'muted', text: 'No deliveries yet.' }));
  }

  // ---------- API keys ----------

  function checkboxes(name, values, checked) {
    return h('fieldset', { class: 'admin-checks', 'data-field': name }, h('legend', { text: name[0].toUpperCase() + name.slice(1) }),
      values.map((v) => h('label', {}, h('input', { type: 'checkbox', name, value: v, checked: (checked || []).includes(v) }), v)));
  }
  const checked = (fieldset) => Array.from(fieldset.querySelectorAll('input:checked')).map((c) => c.value);

  async function apiKeys(panel) {
    const r = await OC.api('GET', '/api-keys');
    if (!r.ok) { panel.append(OC.problem(r)); return; }
    const status = statusArea();
    const name = h('input', { 'data-field': 'name', required: true });
    const scopes = checkboxes('scopes', SCOPES);
    const roles = checkboxes('roles', ROLES);
    const refresh = async (keep) => {
      panel.replaceChildren();
      await apiKeys(panel);
      if (keep) panel.querySelector('.secret-host').replaceChildren(keep);
    };
    const form = h('form', { class: 'admin-form', id: 'api-key-create', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const c = await OC.api('POST', '/api-keys', { body: { name: name.value.trim(), scopes: checked(scopes), roles: checked(roles) }, idempotencyKey: OC.newKey() });
      if (!c.ok) { status.problem(c); markErrors(form, c); return; }
      OC.toast(`Key ${c.body.apiKey.keyId} created`);
      await refresh(secretOnce(`API key ${c.body.apiKey.name} (${c.body.apiKey.keyId}):`, c.body.key));
    } }, h('h4', { text: 'New API key' }), label('Name', name), h('div', { class: 'admin-row' }, scopes, roles), h('button', { type: 'submit' }, 'Create key'), status.el);
    const revoke = async (key, button) => {
      if (!confirmTwice(button)) return;
      const d = await OC.api('DELETE', `/api-keys/${key.keyId}`);
      if (!d.ok) { status.problem(d); return; }
      OC.toast(`Key ${key.keyId} revoked`);
      await refresh(null);
    };
    const keys = [...r.body].sort((a, b) => (a.revokedAt ? 1 : 0) - (b.revokedAt ? 1 : 0) || b.createdAt.localeCompare(a.createdAt));
    const table = OC.table([
      { title: 'Key id', value: (k) => k.keyId }, { title: 'Name', value: (k) => k.name }, { title: 'Scopes', value: (k) => k.scopes.join(', ') },
      { title: 'Roles', value: (k) => k.roles.join(', ') }, { title: 'Created', value: (k) => OC.date(k.createdAt) + (k.createdBy ? ` by ${k.createdBy}` : '') },
      { title: 'Status', value: (k) => (k.revokedAt ? `revoked ${OC.date(k.revokedAt)}` : 'active') },
      { title: '', value: (k) => (k.revokedAt ? '' : h('button', { type: 'button', class: 'danger', onclick: (e) => revoke(k, e.target) }, 'Revoke')) },
    ], keys);
    table.classList.add('admin-table', 'api-keys');
    table.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.key = keys[i].keyId; });
    panel.append(h('h3', { text: 'API keys' }),
      h('p', { class: 'muted', text: 'Keys are stored hashed: the text is shown once, when created.' }),
      form, h('div', { class: 'secret-host' }), table);
  }

  // ---------- users ----------

  async function users(panel) {
    const r = await OC.api('GET', '/users');
    if (!r.ok) { panel.append(OC.problem(r)); return; }
    const all = r.body;
    const status = statusArea();
    const refresh = async () => { panel.replaceChildren(); await users(panel); };
    const username = h('input', { 'data-field': 'username', required: true, autocomplete: 'off' });
    const password = h('input', { type: 'password', 'data-field': 'password', required: true, autocomplete: 'new-password' });
    const displayName = h('input', { 'data-field': 'displayName' });
    const roles = checkboxes('roles', ROLES);
    const form = h('form', { class: 'admin-form', id: 'user-create', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const c = await OC.api('POST', '/users', { body: { username: username.value.trim(), password: password.value, displayName: displayName.value.trim() || username.value.trim(), roles: checked(roles) }, idempotencyKey: OC.newKey() });
      if (!c.ok) { status.problem(c); markErrors(form, c); return; }
      OC.toast(`User ${username.value.trim()} created`);
      await refresh();
    } }, h('h4', { text: 'New user' }),
    h('div', { class: 'admin-row' }, label('Username', username), label('Password', password), label('Display name', displayName)), roles,
    h('button', { type: 'submit' }, 'Create user'), status.el);

    const editHost = h('div', { class: 'user-editor' });
    const edit = (user) => {
      const editStatus = statusArea();
      const name = h('input', { 'data-field': 'displayName', value: user.displayName || '' });
      const newPassword = h('input', { type: 'password', 'data-field': 'password', autocomplete: 'new-password', placeholder: 'leave empty to keep' });
      const disabled = h('input', { type: 'checkbox', 'data-field': 'disabled', checked: !!user.disabled });
      const userRoles = checkboxes('roles', [...new Set([...ROLES, ...(user.roles || [])])], user.roles);
      const editForm = h('form', { class: 'admin-form', id: 'user-edit', novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const body = { displayName: name.value.trim(), roles: checked(userRoles), disabled: disabled.checked };
        if (newPassword.value) body.password = newPassword.value;
        const u = await OC.api('PUT', `/users/${encodeURIComponent(user.username)}`, { body, ifMatch: etag(user.version) });
        if (!u.ok) { editStatus.problem(u); markErrors(editForm, u); return; }
        OC.toast(`User ${user.username} saved`);
        await refresh();
      } }, h('h4', { text: `User ${user.username}` }),
      h('div', { class: 'admin-row' }, label('Display name', name), label('New password', newPassword), label('Disabled', disabled)), userRoles,
      h('button', { type: 'submit' }, 'Save user'), editStatus.el);
      editHost.replaceChildren(editForm);
    };
    const table = OC.table([
      { title: 'Username', value: (u) => u.username }, { title: 'Display name', value: (u) => u.displayName || '' },
      { title: 'Roles', value: (u) => (u.roles || []).join(', ') }, { title: 'Scopes', value: (u) => (u.scopes || []).join(', ') },
      { title: 'Status', value: (u) => (u.disabled ? 'disabled' : 'active') },
      { title: '', value: (u) => h('button', { type: 'button', onclick: () => edit(u) }, 'Edit') },
    ], all);
    table.classList.add('admin-table', 'users');
    table.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.user = all[i].username; });
    panel.append(h('h3', { text: 'Users' }), h('p', { class: 'muted', text: 'People who sign in to the console; their roles map to API scopes. Disable a user to stop their sign-ins.' }),
      form, table, editHost);
  }
})();
