/*
 * The order detail view (#/orders/:id), on the public API only: the order with its status, priority, assignee and
 * tags; the actions its workflow allows now; approval; the SLA clock; lines, totals, margin, split and merge;
 * shipments; returns and refunds; notes, communications and attachments; the timeline and the audit trail.
 * Every change sends the ETag it was based on (If-Match) and an Idempotency-Key, then reloads the view; a 412 means
 * someone else changed the order meanwhile: the view says so and shows the order as it is now.
 */
'use strict';
(() => {
  const { h } = OC;
  const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
  const CONFLICT = 'This order was changed by someone else — reloaded. Check it and try again.';
  const LIST_LIMIT = 200;

  OC.route('#/orders/:id', async (view, params) => {
    // the root is replaced when the router renders another view: a read that ends after that is dropped
    const root = h('div', { class: 'order-detail' }, h('p', { class: 'muted', text: 'Loading…' }));
    view.append(root);
    await load({ id: params.id, path: '/orders/' + encodeURIComponent(params.id), root, flash: null, notice: null });
  });

  /** Reads everything the view shows (in parallel) and renders it; the ETags of the order, fulfilment and after-sales are kept. */
  async function load(ctx) {
    const get = suffix => OC.api('GET', ctx.path + suffix);
    const [order, actions, timeline, audit, notes, comms, fulfilment, afterSales] = await Promise.all([
      get(''), get('/actions'), get(`/timeline?limit=${LIST_LIMIT}`), get(`/audit?limit=${LIST_LIMIT}`), get(`/notes?limit=${LIST_LIMIT}`),
      get(`/communications?limit=${LIST_LIMIT}`), get('/fulfilment'), get('/after-sales')]);
    if (!ctx.root.isConnected) return;
    if (!order.ok) {
      ctx.root.replaceChildren(h('h2', { text: 'Order ' + ctx.id }), OC.problem(order), h('p', null, h('a', { href: '#/orders', text: 'Back to orders' })));
      return;
    }
    ctx.order = order.body;
    ctx.etag = order.etag;
    ctx.fulfilmentEtag = fulfilment.ok ? fulfilment.etag : null;
    ctx.afterSalesEtag = afterSales.ok ? afterSales.etag : null;
    const o = ctx.order;
    Object.assign(ctx.root.dataset, { orderId: o.orderId, version: String(o.version) });
    ctx.root.replaceChildren(...[
      header(ctx),
      h('div', { id: 'od-flash', role: 'alert', class: ctx.flash ? 'od-flash' : null }, ctx.flash),
      ctx.notice,
      h('div', { class: 'od-grid' },
        panel('actions', 'Status and actions', actionsPanel(ctx, actions)),
        panel('sla', 'SLA clock', slaPanel(o)),
        panel('lines', 'Lines and totals', linesPanel(ctx, fulfilment), splitMergePanel(ctx)),
        panel('shipments', 'Shipments', shipmentsPanel(ctx, fulfilment)),
        panel('returns', 'Returns and refunds', returnsPanel(ctx, afterSales)),
        panel('notes', 'Notes', notesPanel(ctx, notes)),
        panel('attachments', 'Attachments', attachmentsPanel(ctx)),
        panel('communications', 'Communications', communicationsPanel(ctx, comms)),
        panel('timeline', 'Timeline', timelinePanel(timeline)),
        panel('audit', 'Audit trail', auditPanel(audit))),
    ].filter(Boolean));
    document.title = `Order ${o.orderId} · OrderCluster console`;
  }

  /**
   * Runs one change: clears the panel's problem, sends it, and on success reloads (the new ETags come with the reads).
   * A 412 reloads with the conflict message; any other refusal shows the API's problem in the panel and keeps the form.
   */
  async function change(ctx, control, call, done) {
    const section = control.closest('section');
    const slot = section ? section.querySelector('.od-problem') : document.getElementById('od-flash');
    slot.replaceChildren();
    control.disabled = true;
    const result = await call(OC.newKey());
    control.disabled = false;
    if (result.status === 412) {
      ctx.flash = CONFLICT;
      ctx.notice = null;
      await load(ctx);
      return;
    }
    if (!result.ok) {
      slot.replaceChildren(OC.problem(result));
      return;
    }
    ctx.flash = null;
    ctx.notice = null;
    const message = done ? done(result) : null;
    if (typeof message === 'string') OC.toast(message);
    else if (message) ctx.notice = message;
    await load(ctx);
  }

  /** A change of the order itself: POST {path}{suffix} with the order's ETag. */
  const orderCommand = (ctx, suffix, body) => key => OC.api('POST', ctx.path + suffix, { body, ifMatch: ctx.etag, idempotencyKey: key });

  function panel(name, title, ...content) {
    return h('section', { class: 'card od-panel', id: 'od-panel-' + name, 'aria-labelledby': `od-panel-${name}-title` },
      h('h2', { id: `od-panel-${name}-title`, text: title }), h('div', { class: 'od-problem' }), content);
  }

  const field = (id, label, control) => h('div', null, h('label', { for: id, text: label }), control);
  const who = actor => actor ? (actor.displayName || actor.userId) : '';
  const num = text => h('span', { class: 'od-num', text });
  const readError = result => result.ok ? null : OC.problem(result);

  // ---- Header: status, priority, assignee, tags --------------------------------------------------------------

  function header(ctx) {
    const o = ctx.order;
    const canWrite = OC.can('orders:write');
    const priority = h('select', { id: 'od-priority-select' }, PRIORITIES.map(p => h('option', { value: p, text: p, selected: p === o.priority })));
    const assignee = h('input', { id: 'od-assignee-input', value: o.assignee || '', maxlength: 200, placeholder: 'user id (empty: nobody)' });
    const tag = h('input', { id: 'od-tag-input', maxlength: 64, placeholder: 'new tag' });
    const edits = canWrite ? h('form', { class: 'row od-edits', onsubmit: e => e.preventDefault() },
      field('od-priority-select', 'Priority', priority),
      h('button', { type: 'button', id: 'od-priority-set', text: 'Set priority',
        onclick: e => change(ctx, e.target, orderCommand(ctx, '/change-priority', { priority: priority.value }), () => `Priority set to ${priority.value}.`) }),
      field('od-assignee-input', 'Assignee', assignee),
      h('button', { type: 'button', id: 'od-assign', text: 'Assign',
        onclick: e => change(ctx, e.target, orderCommand(ctx, '/assign', { assignee: assignee.value.trim() || null }),
          () => assignee.value.trim() ? `Assigned to ${assignee.value.trim()}.` : 'Unassigned.') }),
      field('od-tag-input', 'Tag', tag),
      h('button', { type: 'button', id: 'od-tag-add', text: 'Add tag',
        onclick: e => change(ctx, e.target, orderCommand(ctx, '/change-tags', { add: [tag.value.trim()] }), () => `Tag ${tag.value.trim()} added.`) })) : null;
    const tags = o.tags.length
      ? h('ul', { class: 'od-tags', id: 'od-tags' }, o.tags.map(t => h('li', { class: 'badge', dataset: { tag: t } }, t,
        canWrite ? h('button', { type: 'button', class: 'od-tag-remove', 'aria-label': `Remove tag ${t}`, text: '×',
          onclick: e => change(ctx, e.target, orderCommand(ctx, '/change-tags', { remove: [t] }), () => `Tag ${t} removed.`) }) : null)))
      : h('span', { class: 'muted', id: 'od-tags', text: 'none' });
    const addr = o.shippingAddress;
    return h('header', { class: 'card od-header' },
      h('h2', null, 'Order ', h('span', { id: 'od-id', text: o.orderId }), ' ',
        h('span', { id: 'od-status', class: 'badge ' + statusClass(o.status), text: o.status }),
        o.heldFromStatus ? h('span', { class: 'muted', text: ` (held from ${o.heldFromStatus})` }) : null,
        o.archivedAt ? h('span', { class: 'badge warn', text: 'archived ' + OC.date(o.archivedAt) }) : null),
      h('dl', { class: 'od-facts' },
        fact('Priority', h('span', { id: 'od-priority', text: o.priority })),
        fact('Assignee', h('span', { id: 'od-assignee', text: o.assignee || 'nobody' })),
        fact('Tags', tags),
        fact('Customer', `${o.customer.name || o.customer.customerId} (${o.customer.customerId})${o.customer.email ? ' · ' + o.customer.email : ''}`),
        fact('Channel', o.channel.kind + (o.channel.marketplaceName ? ' · ' + o.channel.marketplaceName : '')),
        o.clientReference ? fact('Client reference', o.clientReference) : null,
        fact('Ship to', [addr.name, addr.line1, addr.city, addr.postalCode, addr.countryCode].filter(Boolean).join(', ')),
        fact('Shipping', `${o.shipping.method}${o.shipping.carrier ? ' · ' + o.shipping.carrier : ''}`),
        fact('Created', `${OC.date(o.createdAt)} by ${who(o.createdBy)}`),
        fact('Updated', `${OC.date(o.updatedAt)} · version ${o.version}`),
        o.links.length ? fact('Related', h('ul', { class: 'od-links' }, o.links.map(l => h('li', null, l.kind + ' ',
          h('a', { href: '#/orders/' + encodeURIComponent(l.orderId), text: l.orderId }))))) : null),
      edits);
  }

  const fact = (term, value) => [h('dt', { text: term }), h('dd', null, value)];

  function statusClass(status) {
    if (/cancel|reject/i.test(status)) return 'bad';
    if (/hold|pending/i.test(status)) return 'warn';
    if (/deliver|closed|complete|shipped/i.test(status)) return 'ok';
    return '';
  }

  // ---- Actions and approval ----------------------------------------------------------------------------------

  function actionsPanel(ctx, actions) {
    const o = ctx.order;
    const reason = h('input', { id: 'od-action-reason', maxlength: 500, placeholder: 'optional; some actions need one' });
    const list = actions.ok ? actions.body.filter(a => a.action !== 'approve' && a.action !== 'reject') : [];
    const buttons = list.map(a => h('button', {
      type: 'button', class: 'od-action', dataset: { action: a.action }, disabled: !a.permitted || !OC.can('orders:write'),
      title: a.permitted ? (a.targetStatus ? `to ${a.targetStatus}` : null) : `needs role ${a.roles.join(' or ')}`,
      text: a.action,
      onclick: e => change(ctx, e.target, key => OC.api('POST', `${ctx.path}/actions/${encodeURIComponent(a.action)}`,
        { body: { reason: reason.value.trim() || null }, ifMatch: ctx.etag, idempotencyKey: key }), r => `${a.action}: now ${r.body.status}.`),
    }));
    return [
      h('p', null, 'Status ', h('strong', { text: o.status }), ` · workflow version ${o.workflowVersion}`),
      actions.ok ? null : OC.problem(actions),
      buttons.length ? [h('div', { class: 'toolbar', id: 'od-actions' }, buttons), field('od-action-reason', 'Reason', reason)]
        : h('p', { class: 'muted', id: 'od-actions', text: 'No action is allowed in this status.' }),
      approvalBlock(ctx),
    ];
  }

  function approvalBlock(ctx) {
    const a = ctx.order.approval;
    if (!a || (a.status === 'notRequired' && !a.steps.length)) return null;
    const steps = OC.table([
      { title: 'Level', value: s => s.level }, { title: 'Role', value: s => s.role }, { title: 'Status', value: s => s.status },
      { title: 'Decided', value: s => s.decidedBy ? `${who(s.decidedBy)} ${OC.date(s.decidedAt)}` : '' }, { title: 'Comment', value: s => s.comment || '' },
    ], a.steps);
    const mayDecide = a.status === 'pending' && OC.can('orders:approve');
    const comment = h('input', { id: 'od-approve-comment', maxlength: 500 });
    const rejectReason = h('input', { id: 'od-reject-reason', maxlength: 500 });
    return h('div', { class: 'od-approval', id: 'od-approval' },
      h('h3', null, 'Approval ', h('span', { class: 'badge ' + (a.status === 'rejected' ? 'bad' : a.status === 'pending' ? 'warn' : 'ok'), text: a.status })),
      a.reasons.length ? h('ul', null, a.reasons.map(r => h('li', { text: r }))) : null,
      a.rejectionReason ? h('p', { text: 'Rejected: ' + a.rejectionReason }) : null,
      a.steps.length ? steps : null,
      mayDecide ? h('div', { class: 'row' },
        field('od-approve-comment', 'Comment', comment),
        h('button', { type: 'button', id: 'od-approve', text: 'Approve',
          onclick: e => change(ctx, e.target, orderCommand(ctx, '/approve', { comment: comment.value.trim() || null }), r => `Approved: now ${r.body.status}.`) }),
        field('od-reject-reason', 'Reason to reject', rejectReason),
        h('button', { type: 'button', class: 'danger', id: 'od-reject', text: 'Reject',
          onclick: e => change(ctx, e.target, orderCommand(ctx, '/reject', { reason: rejectReason.value.trim() }), r => `Rejected: now ${r.body.status}.`) })) : null);
  }

  // ---- SLA clock ---------------------------------------------------------------------------------------------

  function slaPanel(o) {
    if (!o.sla.length) return h('p', { class: 'muted', id: 'od-sla', text: 'No SLA deadline applies to this order.' });
    const clocks = [];
    const rows = OC.table([
      { title: 'Deadline', value: d => d.kind },
      { title: 'Status', value: d => h('span', { class: 'badge ' + ({ met: 'ok', breached: 'bad', warned: 'warn' }[d.status] || ''), text: d.status }) },
      { title: 'Started', value: d => OC.date(d.startedAt) },
      { title: 'Due', value: d => OC.date(d.dueAt) },
      { title: 'Time left', value: d => { const el = h('span', { class: 'od-clock' }); clocks.push([el, d]); return el; } },
    ], o.sla);
    rows.id = 'od-sla';
    const show = () => {
      for (const [el, d] of clocks) {
        const text = clockText(d);
        el.textContent = text;
        el.classList.toggle('od-overdue', text.startsWith('overdue'));
      }
    };
    // the clock runs while the table is shown; a reload or another page replaces the table and stops it
    const timer = setInterval(() => (rows.isConnected ? show() : clearInterval(timer)), 30_000);
    show();
    return rows;
  }

  function clockText(d) {
    if (d.status === 'met') return 'met ' + OC.date(d.metAt);
    if (d.status === 'breached') return 'breached at ' + OC.date(d.breachedAt) + (d.metAt ? `, completed ${OC.date(d.metAt)}` : '');
    if (d.status === 'cancelled') return 'no longer applies';
    const left = new Date(d.dueAt) - new Date();
    return left >= 0 ? duration(left) + ' left' : 'overdue by ' + duration(-left);
  }

  function duration(ms) {
    const minutes = Math.floor(ms / 60_000);
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const parts = [days ? days + ' d' : null, hours ? hours + ' h' : null, `${minutes % 60} min`].filter(Boolean);
    return parts.join(' ');
  }

  // ---- Lines, totals, margin, split and merge ----------------------------------------------------------------

  function linesPanel(ctx, fulfilment) {
    const o = ctx.order;
    const c = o.currency;
    const lineMargin = l => l.unitCost === null || l.unitCost === undefined ? '' : OC.money(l.quantity * l.unitPrice - l.discount - l.quantity * l.unitCost, c);
    const lines = OC.table([
      { title: 'Line', value: l => l.lineId }, { title: 'SKU', value: l => l.sku }, { title: 'Name', value: l => l.name },
      { title: 'Qty', value: l => num(String(l.quantity)) }, { title: 'Unit price', value: l => num(OC.money(l.unitPrice, c)) },
      { title: 'Discount', value: l => num(OC.money(l.discount, c)) }, { title: 'Unit cost', value: l => num(l.unitCost === null || l.unitCost === undefined ? '—' : OC.money(l.unitCost, c)) },
      { title: 'Total', value: l => num(OC.money(l.quantity * l.unitPrice - l.discount, c)) }, { title: 'Margin', value: l => num(lineMargin(l)) },
      { title: 'Units to split off', value: l => h('input', { type: 'number', min: 0, max: l.quantity, value: '0', class: 'od-split-qty', dataset: { lineId: l.lineId },
        'aria-label': `Units of ${l.lineId} to split off` }) },
    ], o.lines);
    lines.id = 'od-lines';
    const t = o.totals;
    const revenue = t.subtotal.amount - t.discount.amount;
    const margin = t.margin
      ? `${OC.money(t.margin.amount, t.margin.currency)} (${revenue ? (100 * t.margin.amount / revenue).toFixed(1) : '0.0'} % of net sales; cost ${OC.money(t.cost.amount, t.cost.currency)})`
      : 'no cost data';
    const f = fulfilment.ok ? fulfilment.body : null;
    return [
      lines,
      h('dl', { class: 'od-totals', id: 'od-totals' },
        fact('Subtotal', h('span', { id: 'od-subtotal', text: OC.money(t.subtotal.amount, t.subtotal.currency) })),
        fact('Discount', `${OC.money(t.discount.amount, t.discount.currency)} (${Number(t.discountPercent).toFixed(1)} %)`),
        fact('Shipping', h('span', { id: 'od-shipping', text: OC.money(t.shipping.amount, t.shipping.currency) })),
        fact('Tax', h('span', { id: 'od-tax', class: 'muted', text: 'not itemised by the order' })),
        fact('Total', h('strong', { id: 'od-total', text: OC.money(t.total.amount, t.total.currency) })),
        fact('Margin', h('span', { id: 'od-margin', class: t.margin ? null : 'muted', text: margin })),
        f && f.orderMargin ? fact('Margin at allocated cost', h('span', { id: 'od-allocated-margin',
          text: `${OC.money(f.orderMargin.amount, f.orderMargin.currency)}${f.orderMarginPercent !== null && f.orderMarginPercent !== undefined ? ` (${Number(f.orderMarginPercent).toFixed(1)} %)` : ''}` })) : null),
    ];
  }

  function splitMergePanel(ctx) {
    if (!OC.can('orders:write')) return null;
    const newId = h('input', { id: 'od-split-id', maxlength: 100, placeholder: `default ${ctx.order.orderId}-s…` });
    const target = h('input', { id: 'od-merge-target', maxlength: 100, required: true });
    const split = e => {
      const lines = [...ctx.root.querySelectorAll('.od-split-qty')]
        .map(i => ({ lineId: i.dataset.lineId, quantity: Number(i.value) })).filter(l => l.quantity > 0);
      return change(ctx, e.target, orderCommand(ctx, '/split', { lines, newOrderId: newId.value.trim() || null }), r => splitNotice(r.body.createdId));
    };
    return h('div', { class: 'od-split-merge' },
      h('h3', { text: 'Split and merge' }),
      h('div', { class: 'row' },
        field('od-split-id', 'New order id', newId),
        h('button', { type: 'button', id: 'od-split', text: 'Split chosen units into a new order', onclick: split })),
      h('div', { class: 'row' },
        field('od-merge-target', 'Merge into order', target),
        h('button', { type: 'button', class: 'secondary', id: 'od-merge', text: 'Merge into that order',
          onclick: e => change(ctx, e.target, orderCommand(ctx, '/merge', { targetOrderId: target.value.trim() }), () => splitNotice(null, target.value.trim())) })));
  }

  function splitNotice(newOrderId, mergedInto) {
    const id = newOrderId || mergedInto;
    return h('p', { class: 'od-notice', id: 'od-notice', role: 'status' }, newOrderId ? 'Split into the new order ' : 'Merged into order ',
      h('a', { href: '#/orders/' + encodeURIComponent(id), text: id }), '.');
  }

  // ---- Shipments -----------------------------------------------------------------------------------------------

  function shipmentsPanel(ctx, fulfilment) {
    if (!fulfilment.ok) return OC.problem(fulfilment);
    const f = fulfilment.body;
    const canWrite = OC.can('orders:write');
    const command = (suffix, body) => key => OC.api('POST', `${ctx.path}/fulfilment${suffix}`, { body, ifMatch: ctx.fulfilmentEtag, idempotencyKey: key });
    const next = { pending: ['pick', 'cancel'], picking: ['pack', 'cancel'], packed: ['ship', 'cancel'], shipped: ['deliver'] };
    const advance = s => {
      const carrier = h('input', { maxlength: 100, 'aria-label': `Carrier of ${s.shipmentId}`, placeholder: 'carrier' });
      const tracking = h('input', { maxlength: 100, 'aria-label': `Tracking number of ${s.shipmentId}`, placeholder: 'tracking number' });
      const reason = h('input', { maxlength: 500, 'aria-label': `Reason to cancel ${s.shipmentId}`, placeholder: 'reason to cancel' });
      const actions = next[s.status] || [];
      if (!canWrite || !actions.length) return '';
      return h('div', { class: 'toolbar' },
        actions.includes('ship') ? [carrier, tracking] : null, actions.includes('cancel') ? reason : null,
        actions.map(a => h('button', { type: 'button', class: a === 'cancel' ? 'danger' : 'secondary', dataset: { shipmentAction: a, shipmentId: s.shipmentId }, text: a,
          onclick: e => change(ctx, e.target, command(`/shipments/${encodeURIComponent(s.shipmentId)}/advance`,
            { action: a, carrier: carrier.value.trim() || null, trackingNumber: tracking.value.trim() || null, reason: reason.value.trim() || null }),
          () => `Shipment ${s.shipmentId}: ${a}.`) })));
    };
    return [
      h('p', null, 'Fulfilment ', h('strong', { id: 'od-fulfilment-status', text: f.status })),
      canWrite ? h('div', { class: 'toolbar' },
        h('button', { type: 'button', class: 'secondary', id: 'od-allocate', text: 'Allocate stock',
          onclick: e => change(ctx, e.target, command('/allocate'), () => 'Allocated.') }),
        h('button', { type: 'button', class: 'secondary', id: 'od-create-shipments', text: 'Create shipments',
          onclick: e => change(ctx, e.target, command('/shipments'), () => 'Shipments created.') })) : null,
      f.allocations.length ? [h('h3', { text: 'Allocations' }), OC.table([
        { title: 'Line', value: a => a.lineId }, { title: 'SKU', value: a => a.sku }, { title: 'Warehouse', value: a => a.warehouseId },
        { title: 'Qty', value: a => num(String(a.quantity)) }, { title: 'Unit cost', value: a => a.unitCost === null ? '—' : OC.money(a.unitCost, a.costCurrency) },
        { title: 'Why', value: a => a.reason }, { title: 'Shipment', value: a => a.shipmentId || (a.released ? 'released' : '') },
      ], f.allocations)] : null,
      f.backorders.length ? [h('h3', { text: 'Backorders' }), OC.table([
        { title: 'Line', value: b => b.lineId }, { title: 'SKU', value: b => b.sku }, { title: 'Qty', value: b => String(b.quantity) }, { title: 'Why', value: b => b.reason },
      ], f.backorders)] : null,
      f.shipments.length ? [h('h3', { text: 'Shipments' }), withId(OC.table([
        { title: 'Shipment', value: s => s.shipmentId }, { title: 'Warehouse', value: s => s.warehouseId },
        { title: 'Status', value: s => h('span', { class: 'badge', text: s.status }) },
        { title: 'Lines', value: s => s.lines.map(l => `${l.lineId} × ${l.quantity}`).join(', ') },
        { title: 'Carrier / tracking', value: s => [s.carrier, s.trackingNumber].filter(Boolean).join(' · ') || s.cancelReason || '' },
        { title: 'Next', value: advance },
      ], f.shipments), 'od-shipment-list')] : h('p', { class: 'muted', text: 'No shipment yet.' }),
    ];
  }

  const withId = (el, id) => { el.id = id; return el; };

  // ---- Returns and refunds -----------------------------------------------------------------------------------

  function returnsPanel(ctx, afterSales) {
    if (!afterSales.ok) return OC.problem(afterSales);
    const s = afterSales.body;
    const o = ctx.order;
    const command = (suffix, body) => key => OC.api('POST', ctx.path + suffix, { body, ifMatch: ctx.afterSalesEtag, idempotencyKey: key });
    const mayDecide = OC.can('orders:approve');
    const canWrite = OC.can('orders:write');
    const decide = (kind, item, pending) => {
      if (!pending) return '';
      const reason = h('input', { maxlength: 500, 'aria-label': `Reason for ${item}`, placeholder: 'reason' });
      const go = approve => e => change(ctx, e.target, command(`/${kind}/${encodeURIComponent(item)}/decide`, { approve, reason: reason.value.trim() || null }),
        () => `${item} ${approve ? 'approved' : 'rejected'}.`);
      return mayDecide ? h('div', { class: 'toolbar' }, reason,
        h('button', { type: 'button', class: 'secondary', dataset: { decide: item, approve: 'true' }, text: 'Approve', onclick: go(true) }),
        h('button', { type: 'button', class: 'danger', dataset: { decide: item, approve: 'false' }, text: 'Reject', onclick: go(false) })) : '';
    };
    const receive = r => {
      if (r.status !== 'approved' || !canWrite) return '';
      const disposition = h('select', { 'aria-label': `Disposition of ${r.returnId}` }, h('option', { value: 'restock', text: 'restock' }), h('option', { value: 'writeOff', text: 'write off' }));
      return h('div', { class: 'toolbar' }, disposition, h('button', { type: 'button', class: 'secondary', dataset: { receive: r.returnId }, text: 'Receive',
        onclick: e => change(ctx, e.target, command(`/returns/${encodeURIComponent(r.returnId)}/receive`,
          { lines: r.lines.map(l => ({ lineId: l.lineId, quantity: l.quantity, disposition: disposition.value })) }), () => `${r.returnId} received.`) }));
    };
    const line = h('select', { id: 'od-return-line' }, o.lines.map(l => h('option', { value: l.lineId, text: `${l.lineId} · ${l.sku} × ${l.quantity}` })));
    const quantity = h('input', { id: 'od-return-qty', type: 'number', min: 1, value: '1' });
    const why = h('input', { id: 'od-return-reason', maxlength: 500 });
    const amount = h('input', { id: 'od-refund-amount', type: 'number', min: 0, step: '0.01', placeholder: 'empty: everything refundable' });
    const refundReason = h('input', { id: 'od-refund-reason', maxlength: 500 });
    const forReturn = h('select', { id: 'od-refund-return' }, h('option', { value: '', text: 'none' }), s.returns.map(r => h('option', { value: r.returnId, text: r.returnId })));
    return [
      h('p', null, 'Refunded ', h('strong', { id: 'od-refunded', text: OC.money(s.refunded.amount, s.refunded.currency) }),
        ' · still refundable ', h('strong', { id: 'od-refundable', text: OC.money(s.refundable.amount, s.refundable.currency) })),
      s.returns.length ? [h('h3', { text: 'Returns' }), withId(OC.table([
        { title: 'Return', value: r => r.returnId }, { title: 'Status', value: r => h('span', { class: 'badge', text: r.status }) },
        { title: 'Lines', value: r => r.lines.map(l => `${l.lineId} × ${l.quantity} (${l.reason})`).join(', ') },
        { title: 'Requested', value: r => `${who(r.requestedBy)} ${OC.date(r.requestedAt)}` },
        { title: 'Decision', value: r => [r.decidedBy ? who(r.decidedBy) : '', r.decisionReason || ''].filter(Boolean).join(': ') },
        { title: '', value: r => [decide('returns', r.returnId, r.status === 'requested'), receive(r)] },
      ], s.returns), 'od-return-list')] : h('p', { class: 'muted', text: 'No return.' }),
      s.refunds.length ? [h('h3', { text: 'Refunds' }), withId(OC.table([
        { title: 'Refund', value: f => f.refundId }, { title: 'Amount', value: f => num(OC.money(f.amount.amount, f.amount.currency)) },
        { title: 'Status', value: f => h('span', { class: 'badge', text: f.status }) }, { title: 'Reason', value: f => f.reason },
        { title: 'Return', value: f => f.returnId || '' }, { title: 'Requested', value: f => `${who(f.requestedBy)} ${OC.date(f.requestedAt)}` },
        { title: 'Approval', value: f => f.approvalReason || '' },
        { title: '', value: f => decide('refunds', f.refundId, f.status === 'pendingApproval') },
      ], s.refunds), 'od-refund-list')] : h('p', { class: 'muted', text: 'No refund.' }),
      canWrite ? h('form', { class: 'row', id: 'od-return-form', onsubmit: e => e.preventDefault() },
        field('od-return-line', 'Return line', line), field('od-return-qty', 'Units', quantity), field('od-return-reason', 'Why', why),
        h('button', { type: 'button', class: 'secondary', id: 'od-return', text: 'Request return',
          onclick: e => change(ctx, e.target, command('/returns', { lines: [{ lineId: line.value, quantity: Number(quantity.value), reason: why.value.trim() }] }),
            () => 'Return requested.') })) : null,
      canWrite ? h('form', { class: 'row', id: 'od-refund-form', onsubmit: e => e.preventDefault() },
        field('od-refund-amount', `Refund amount (${o.currency})`, amount), field('od-refund-reason', 'Why', refundReason), field('od-refund-return', 'For return', forReturn),
        h('button', { type: 'button', class: 'secondary', id: 'od-refund', text: 'Request refund',
          onclick: e => change(ctx, e.target, command('/refunds', {
            amount: amount.value === '' ? null : Number(amount.value), reason: refundReason.value.trim(), returnId: forReturn.value || null,
          }), () => 'Refund requested.') })) : null,
    ];
  }

  // ---- Notes, communications, attachments --------------------------------------------------------------------

  function notesPanel(ctx, notes) {
    const text = h('textarea', { id: 'od-note-text', rows: 3, maxlength: 4000 });
    const visibility = h('select', { id: 'od-note-visibility' }, h('option', { value: 'internal', text: 'internal (staff only)' }), h('option', { value: 'external', text: 'external (customer may see)' }));
    const items = notes.ok ? notes.body.items : [];
    return [
      readError(notes),
      items.length ? h('ul', { class: 'od-notes', id: 'od-note-list' }, items.map(n => h('li', { dataset: { noteId: n.noteId, visibility: n.visibility } },
        h('span', { class: 'badge ' + (n.visibility === 'external' ? 'warn' : ''), text: n.visibility }), ' ',
        h('span', { class: 'od-note-text', text: n.text }),
        h('div', { class: 'muted', text: `${who(n.author)} · ${OC.date(n.createdAt)}${n.editCount ? ` · edited ${n.editCount}×` : ''}` }))))
        : h('p', { class: 'muted', id: 'od-note-list', text: 'No note yet.' }),
      OC.can('orders:write') ? h('form', { class: 'od-form', onsubmit: e => e.preventDefault() },
        field('od-note-text', 'Note', text), field('od-note-visibility', 'Visibility', visibility),
        h('button', { type: 'button', id: 'od-note-add', text: 'Add note',
          onclick: e => change(ctx, e.target, orderCommand(ctx, '/notes', { text: text.value, visibility: visibility.value }), () => `${visibility.value} note added.`) })) : null,
    ];
  }

  function communicationsPanel(ctx, comms) {
    const kind = h('select', { id: 'od-comm-kind' }, ['email', 'call', 'message'].map(k => h('option', { value: k, text: k })));
    const direction = h('select', { id: 'od-comm-direction' }, ['outbound', 'inbound'].map(k => h('option', { value: k, text: k })));
    const party = h('input', { id: 'od-comm-party', maxlength: 200 });
    const subject = h('input', { id: 'od-comm-subject', maxlength: 200 });
    const summary = h('textarea', { id: 'od-comm-summary', rows: 2, maxlength: 4000 });
    const items = comms.ok ? comms.body.items : [];
    return [
      readError(comms),
      items.length ? withId(OC.table([
        { title: 'When', value: c => OC.date(c.occurredAt) }, { title: 'Kind', value: c => `${c.kind} · ${c.direction}` }, { title: 'With', value: c => c.party },
        { title: 'Subject', value: c => c.subject || '' }, { title: 'Summary', value: c => c.summary }, { title: 'Recorded by', value: c => who(c.recordedBy) },
      ], items), 'od-comm-list') : h('p', { class: 'muted', id: 'od-comm-list', text: 'No communication recorded.' }),
      OC.can('orders:write') ? h('form', { class: 'od-form', onsubmit: e => e.preventDefault() },
        h('div', { class: 'row' }, field('od-comm-kind', 'Kind', kind), field('od-comm-direction', 'Direction', direction),
          field('od-comm-party', 'With (name, e-mail or phone)', party), field('od-comm-subject', 'Subject', subject)),
        field('od-comm-summary', 'Summary', summary),
        h('button', { type: 'button', id: 'od-comm-add', text: 'Log communication',
          onclick: e => change(ctx, e.target, orderCommand(ctx, '/communications', {
            kind: kind.value, direction: direction.value, party: party.value.trim(), subject: subject.value.trim() || null, summary: summary.value,
          }), () => 'Communication logged.') })) : null,
    ];
  }

  function attachmentsPanel(ctx) {
    const o = ctx.order;
    const file = h('input', { id: 'od-attachment-file', type: 'file' });
    const upload = e => {
      const chosen = file.files[0];
      if (!chosen) {
        e.target.closest('section').querySelector('.od-problem').replaceChildren(h('p', { class: 'field-error', role: 'alert', text: 'Choose a file first.' }));
        return null;
      }
      return change(ctx, e.target, key => OC.api('POST', `${ctx.path}/attachments?fileName=${encodeURIComponent(chosen.name)}`, {
        body: chosen, headers: { 'Content-Type': chosen.type || 'application/octet-stream' }, ifMatch: ctx.etag, idempotencyKey: key,
      }), () => `${chosen.name} uploaded.`);
    };
    return [
      o.attachments.length ? withId(OC.table([
        { title: 'File', value: a => a.fileName }, { title: 'Type', value: a => a.contentType }, { title: 'Size', value: a => num(`${a.sizeBytes} B`) },
        { title: 'Uploaded', value: a => `${who(a.uploadedBy)} ${OC.date(a.uploadedAt)}` },
        { title: '', value: a => h('div', { class: 'toolbar' },
          h('button', { type: 'button', class: 'secondary', dataset: { download: a.attachmentId }, text: 'Download', 'aria-label': `Download ${a.fileName}`,
            onclick: e => download(ctx, a, e.target) }),
          OC.can('orders:write') ? h('button', { type: 'button', class: 'danger', dataset: { remove: a.attachmentId }, text: 'Remove', 'aria-label': `Remove ${a.fileName}`,
            onclick: e => change(ctx, e.target, key => OC.api('DELETE', `${ctx.path}/attachments/${encodeURIComponent(a.attachmentId)}`,
              { ifMatch: ctx.etag, idempotencyKey: key }), () => `${a.fileName} removed.`) }) : null) },
      ], o.attachments), 'od-attachment-list') : h('p', { class: 'muted', id: 'od-attachment-list', text: 'No attachment.' }),
      OC.can('orders:write') ? h('form', { class: 'row', onsubmit: e => e.preventDefault() },
        field('od-attachment-file', 'File', file),
        h('button', { type: 'button', id: 'od-attachment-upload', text: 'Upload', onclick: upload })) : null,
    ];
  }

  /** Downloads need the Bearer header, so the file is fetched as a blob and saved through an object URL. */
  async function download(ctx, attachment, button) {
    const slot = button.closest('section').querySelector('.od-problem');
    slot.replaceChildren();
    button.disabled = true;
    const result = await OC.api('GET', `${ctx.path}/attachments/${encodeURIComponent(attachment.attachmentId)}`, { blob: true });
    button.disabled = false;
    if (!result.ok) {
      slot.replaceChildren(OC.problem(result));
      return;
    }
    const url = URL.createObjectURL(result.body);
    const link = h('a', { href: url, download: attachment.fileName, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  // ---- Timeline and audit trail ------------------------------------------------------------------------------

  const pageNote = (page, shown) => page.total > shown ? h('p', { class: 'muted', text: `The newest ${shown} of ${page.total}.` }) : null;

  function timelinePanel(timeline) {
    if (!timeline.ok) return OC.problem(timeline);
    const items = timeline.body.items;
    return [withId(OC.table([
      { title: 'When', value: t => OC.date(t.at) }, { title: 'Who', value: t => who(t.actor) }, { title: 'What', value: t => h('span', { class: 'badge', text: t.category }) },
      { title: 'Event', value: t => [h('strong', { text: t.title }), t.detail ? h('div', { class: 'muted', text: t.detail }) : null] },
    ], items), 'od-timeline-list'), pageNote(timeline.body, items.length)];
  }

  function auditPanel(audit) {
    if (!audit.ok) return OC.problem(audit);
    const items = audit.body.items;
    const changes = entry => h('ul', { class: 'od-changes' }, entry.changes.map(c => h('li', { dataset: { path: c.path } },
      h('code', { text: c.path }), ' ',
      h('span', { class: 'od-before', text: c.before === null ? '(none)' : c.before }), ' → ',
      h('span', { class: 'od-after', text: c.after === null ? '(none)' : c.after }))));
    return [withId(OC.table([
      { title: 'Version', value: a => num(String(a.sequence)) }, { title: 'When', value: a => OC.date(a.at) }, { title: 'Who', value: a => who(a.actor) },
      { title: 'Action', value: a => a.action }, { title: 'Before → after', value: changes },
    ], items), 'od-audit-list'), pageNote(audit.body, items.length)];
  }
})();
