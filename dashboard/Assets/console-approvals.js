/*
 * The approvals inbox (#/approvals): orders waiting in the workflow's pending-approval state whose current approval
 * level has a role the signed-in user holds. The order list (GET /orders?status=) does not say which level an order
 * waits for, so each listed order (at most 50 per page) is read (GET /orders/{id}) and kept when its first waiting
 * step's role is one of the session's roles and the user decided no earlier level (each approver decides once).
 * Approve, or reject with a reason, sends the order's ETag as If-Match; the row then leaves the list.
 */
'use strict';
(() => {
  const { h } = OC;
  const PAGE = 50;
  const PARALLEL_READS = 6;

  const waitingStep = order => (order.approval && order.approval.steps || []).find(s => s.status === 'waiting') || null;
  const holdsRole = role => !!OC.session && OC.session.roles.some(r => r.toLowerCase() === String(role).toLowerCase());
  const decidedEarlier = order => (order.approval.steps || [])
    .some(s => s.decidedBy && s.decidedBy.userId === 'user:' + OC.session.username);

  /** Reads the orders, a few at a time, and keeps those the user may decide: [{order, etag, step}]. */
  async function decidable(summaries, pendingState, failures) {
    const kept = [];
    let next = 0;
    const worker = async () => {
      while (next < summaries.length) {
        const summary = summaries[next++];
        const result = await OC.api('GET', '/orders/' + encodeURIComponent(summary.orderId));
        if (!result.ok) {
          failures.push(`${summary.orderId}: ${(result.body && result.body.title) || result.status}`);
          continue;
        }
        const order = result.body;
        const step = waitingStep(order);
        if (order.status === pendingState && order.approval && order.approval.status === 'pending' && step
          && holdsRole(step.role) && !decidedEarlier(order)) {
          kept.push({ order, etag: result.etag, step, position: summaries.indexOf(summary) });
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
    return kept.sort((a, b) => a.position - b.position);
  }

  OC.route('#/approvals', async view => {
    const status = h('div', { class: 'ap-status' });
    const outcomes = h('ul', { class: 'ap-outcomes', 'aria-label': 'Decisions', 'aria-live': 'polite' });
    const list = h('div', { class: 'ap-list' });
    const more = h('div', { class: 'toolbar' });
    const roles = OC.session.roles.length ? OC.session.roles.join(', ') : 'none';
    view.append(
      h('h2', { text: 'Approvals' }),
      h('p', { class: 'muted', id: 'ap-roles', text: `Orders waiting for a level your roles decide (your roles: ${roles}).` }),
      status, outcomes, list, more);

    if (!OC.can('orders:approve')) {
      list.replaceChildren(empty('Nothing for you to decide: approving and rejecting needs the orders:approve scope, which your roles do not grant.'));
      return;
    }
    const workflow = await OC.api('GET', '/config/workflow');
    if (!workflow.ok) {
      status.replaceChildren(OC.problem(workflow));
      return;
    }
    const pendingState = workflow.body.approval.pendingState;
    const rows = [];
    const tbody = h('tbody');
    const table = h('table', { class: 'ap-table' },
      h('thead', null, h('tr', null, ['Order', 'Customer', 'Total', 'Waiting for', 'Why', 'Created', 'Decision']
        .map(title => h('th', { scope: 'col', class: title === 'Total' ? 'wz-right' : null, text: title })))),
      tbody);

    const refreshEmpty = () => {
      if (rows.length === 0) list.replaceChildren(empty('Nothing waits for your approval.'));
      else if (!table.isConnected) list.replaceChildren(table);
    };

    const loadPage = async cursor => {
      more.replaceChildren(h('span', { class: 'muted', text: 'Loading…' }));
      const query = new URLSearchParams({ status: pendingState, limit: String(PAGE) });
      if (cursor) query.set('cursor', cursor);
      const page = await OC.api('GET', '/orders?' + query);
      if (!page.ok) {
        more.replaceChildren();
        status.replaceChildren(OC.problem(page));
        return;
      }
      const failures = [];
      const found = await decidable(page.body.items, pendingState, failures);
      for (const entry of found) {
        const row = inboxRow(entry, outcomes, () => {
          rows.splice(rows.indexOf(row), 1);
          refreshEmpty();
        });
        rows.push(row);
        tbody.append(row.tr);
      }
      status.replaceChildren(failures.length
        ? h('div', { class: 'problem', role: 'alert' }, h('strong', { text: 'Some pending orders could not be read:' }), h('ul', null, failures.map(f => h('li', { text: f }))))
        : []);
      refreshEmpty();
      more.replaceChildren(page.body.nextCursor
        ? h('button', { type: 'button', class: 'secondary', text: `Look at the next ${PAGE} pending orders`, onclick: () => loadPage(page.body.nextCursor) })
        : []);
    };
    await loadPage(null);
  });

  function empty(message) {
    return h('div', { class: 'card ap-empty', id: 'ap-empty' }, h('p', { text: message }),
      h('p', { class: 'muted' }, 'Orders show up here when the workflow asks for approval. ', h('a', { href: '#/orders', text: 'All orders' })));
  }

  /** One order's row: approve, or reject with a required reason; on success the row is removed and the outcome listed. */
  function inboxRow(entry, outcomes, removed) {
    const { order, step } = entry;
    const id = order.orderId;
    const decision = h('div', { class: 'ap-decision' });
    const row = { tr: null };
    const approve = h('button', { type: 'button', text: 'Approve', 'aria-label': `Approve order ${id}` });
    const reject = h('button', { type: 'button', class: 'danger', text: 'Reject…', 'aria-label': `Reject order ${id}` });
    const error = h('div');

    const decide = async (action, body) => {
      approve.disabled = reject.disabled = true;
      error.replaceChildren();
      const result = await OC.api('POST', `/orders/${encodeURIComponent(id)}/${action}`,
        { body, ifMatch: entry.etag, idempotencyKey: OC.newKey() });
      if (!result.ok) {
        approve.disabled = reject.disabled = false;
        error.replaceChildren(OC.problem(result));
        if (result.status === 412 || result.status === 409) {
          error.append(h('p', null, 'The order changed since the inbox was loaded. ', h('a', { href: '#/orders/' + encodeURIComponent(id), text: 'Open it' })));
        }
        return false;
      }
      const verb = action === 'approve' ? 'Approved' : 'Rejected';
      const text = `${verb} order ${id} (${step.level}): now ${result.body.status}.`;
      outcomes.append(h('li', { class: action === 'approve' ? 'badge ok' : 'badge bad', text }));
      OC.toast(text);
      row.tr.remove();
      removed();
      return true;
    };

    approve.addEventListener('click', () => decide('approve', { level: step.level }));
    reject.addEventListener('click', () => {
      const reasonId = `ap-reason-${id}`;
      const reason = h('textarea', { id: reasonId, rows: 2, maxlength: 1000, required: true });
      const reasonError = h('span', { class: 'field-error', id: reasonId + '-error' });
      const form = h('form', { class: 'ap-reject', novalidate: true },
        h('label', { for: reasonId, text: `Reason for rejecting ${id}` }), reason, reasonError,
        h('div', { class: 'toolbar' },
          h('button', { type: 'submit', class: 'danger', text: 'Reject order' }),
          h('button', { type: 'button', class: 'secondary', text: 'Cancel', onclick: () => { decision.replaceChildren(approve, reject); approve.focus(); } })));
      form.addEventListener('submit', async event => {
        event.preventDefault();
        reasonError.textContent = '';
        reason.removeAttribute('aria-invalid');
        if (!reason.value.trim()) {
          reason.setAttribute('aria-invalid', 'true');
          reason.setAttribute('aria-describedby', reasonError.id);
          reasonError.textContent = 'A rejection needs a reason.';
          reason.focus();
          return;
        }
        await decide('reject', { reason: reason.value.trim() });
      });
      decision.replaceChildren(form);
      reason.focus();
    });
    decision.append(approve, reject);

    const approval = order.approval;
    row.tr = h('tr', { dataset: { orderId: id } },
      h('td', null, h('a', { href: '#/orders/' + encodeURIComponent(id), text: id })),
      h('td', { text: order.customer.name ? `${order.customer.name} (${order.customer.customerId})` : order.customer.customerId }),
      h('td', { class: 'wz-right', text: OC.money(order.totals.total.amount, order.totals.total.currency) }),
      h('td', { text: `${step.level} (${step.role})` }),
      h('td', { text: (approval.reasons || []).join('; ') }),
      h('td', { text: OC.date(order.createdAt) }),
      h('td', null, decision, error));
    return row;
  }
})();
