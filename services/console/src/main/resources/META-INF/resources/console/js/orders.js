// The recent orders, kept current by the live orders stream, and the history of the order chosen in the table.

import { openStream, request, showProblem } from './api.js';
import { el, money, shortId, statusLabel, time } from './format.js';
import { ERASED_USER } from './users.js';

const SHOWN = 20;

/**
 * Wires the orders panel. nameOf(userId) names the users this browser knows; onChange(order) is called whenever an
 * order's status changes. Returns {start(), stop(), upsert(order), showNames()}.
 */
export function initOrders({ jaegerUrl, nameOf, onChange }) {
  const body = document.getElementById('orders');
  const live = document.getElementById('orders-live');
  const error = document.getElementById('orders-error');
  const history = document.getElementById('history');
  const orders = new Map(); // id -> newest known state
  const rows = new Map(); // id -> its <tr>
  let stream = null;
  let chosen = null;

  /** Keeps the newer of `order` and what is known of it (by version); returns the one kept. */
  function upsert(order) {
    const known = orders.get(order.id);
    if (known && Number(known.version) > Number(order.version)) {
      return known;
    }
    orders.set(order.id, order);
    render();
    if (known?.status !== order.status) {
      onChange(order);
      if (chosen === order.id) {
        showHistory(order.id, { focus: false });
      }
    }
    return order;
  }

  // Rows are updated in place and new ones inserted above, never rebuilt, so that a keyboard user's focus in the
  // table survives the updates.
  function render() {
    const newest = [...orders.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, SHOWN);
    newest.forEach((order, index) => {
      const row = rows.get(order.id) ?? newRow(order);
      fill(row, order);
      if (body.children[index] !== row) {
        body.insertBefore(row, body.children[index] ?? null);
      }
    });
    // Older orders fall off the end (and out of memory).
    const shown = new Set(newest.map((order) => order.id));
    for (const id of orders.keys()) {
      if (!shown.has(id)) {
        orders.delete(id);
        rows.get(id)?.remove();
        rows.delete(id);
      }
    }
  }

  function newRow(order) {
    const row = el('tr');
    row.dataset.orderId = order.id;
    const open = el('button', { className: 'link', attrs: { type: 'button' } });
    open.append(el('span', { text: 'Show the history of order ', className: 'visually-hidden' }),
      shortId(order.id));
    const id = el('th', { attrs: { scope: 'row' } });
    id.append(open);
    row.append(id, el('td'), el('td', { className: 'num' }), el('td', { className: 'status' }), el('td'));
    // The button is the keyboard's way in (Enter, Space); a click anywhere on the row does the same.
    row.addEventListener('click', () => showHistory(order.id, { focus: true }));
    rows.set(order.id, row);
    return row;
  }

  function fill(row, order) {
    const [, customer, total, status, updated] = row.children;
    row.dataset.status = order.status;
    customer.textContent = nameOf(order.userId) ?? shortId(order.userId);
    total.textContent = money(order.total.amount, order.total.currency);
    const badge = el('span', { text: statusLabel(order.status), className: `badge status-${order.status}` });
    status.replaceChildren(badge);
    if (order.cancelReason) {
      status.append(el('span', { text: order.cancelReason, className: 'reason' }));
    }
    updated.textContent = time(order.updatedAt);
    row.classList.toggle('chosen', chosen === order.id);
  }

  async function showHistory(id, { focus }) {
    chosen = id;
    rows.forEach((row, rowId) => row.classList.toggle('chosen', rowId === id));
    let order;
    let user;
    try {
      [order, user] = await Promise.all([request(`/api/v1/orders/${encodeURIComponent(id)}`), userOf(id)]);
    } catch (problem) {
      showProblem(error, problem);
      return;
    }
    if (chosen !== id) {
      return; // another order was chosen meanwhile
    }
    showProblem(error, null);
    document.getElementById('history-title').textContent = `History of order ${shortId(id)}`;
    document.getElementById('history-summary').textContent = [
      user ?? nameOf(order.userId) ?? `user ${shortId(order.userId)}`,
      order.lines.map((line) => `${line.quantity} × ${line.sku}`).join(', '),
      money(order.total.amount, order.total.currency),
      statusLabel(order.status) + (order.cancelReason ? ` (${order.cancelReason})` : ''),
    ].join(' · ');
    document.getElementById('history-events').replaceChildren(...order.history.map((entry) => {
      const row = el('tr');
      row.append(el('td', { text: entry.event }), el('td', { text: String(entry.version), className: 'num' }),
        el('td', { text: new Date(entry.at).toLocaleString() }), el('td', { text: entry.source }));
      return row;
    }));
    const trace = document.getElementById('history-trace');
    trace.hidden = !jaegerUrl;
    if (jaegerUrl) {
      // Every span that writes or handles one of the order's events carries its id as shopflow.aggregate.id.
      const tags = encodeURIComponent(JSON.stringify({ 'shopflow.aggregate.id': id }));
      trace.href = `${jaegerUrl.replace(/\/$/, '')}/search?service=order-service&tags=${tags}`;
    }
    history.hidden = false;
    if (focus) {
      history.focus();
    }
  }

  // Who the order is for, as the gateway's order details say: their name, or that they were erased (the details
  // keep only the user's id then). Undefined when the details cannot be had: the history is shown without them.
  async function userOf(orderId) {
    try {
      const { user } = await request(`/api/v1/orders/${encodeURIComponent(orderId)}/details`);
      return user?.erased ? ERASED_USER : user?.name;
    } catch {
      return undefined;
    }
  }

  // The list is re-read on every (re)connection: the stream sends only what changes while it is open.
  async function reread() {
    try {
      const recent = await request(`/api/v1/orders?limit=${SHOWN}`);
      recent.forEach(upsert);
      showProblem(error, null);
    } catch (problem) {
      showProblem(error, problem);
    }
  }

  function showState(state, problem, retryMs) {
    live.dataset.state = state;
    live.textContent = {
      connecting: 'connecting…',
      live: 'live',
      retrying: `reconnecting in ${Math.round(retryMs / 1000)} s`,
      stopped: 'not connected',
    }[state];
    if (state === 'retrying') {
      showProblem(error, problem);
    } else if (state === 'live') {
      showProblem(error, null);
    }
  }

  return {
    start() {
      stream ??= openStream(`/api/v1/orders/live?recent=${SHOWN}`, {
        onOpen: reread,
        onEvent: ({ event, data }) => event === 'order' && upsert(JSON.parse(data)),
        onState: showState,
      });
    },
    stop() {
      stream?.close();
      stream = null;
      showState('stopped');
    },
    upsert,
    showNames: render,
  };
}
