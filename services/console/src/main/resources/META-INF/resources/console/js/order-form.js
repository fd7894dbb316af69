// The order form (products and quantities) and the progress of the order it placed last, which the live
// orders stream moves along (showProgress) and a live region announces.

import { request, showProblem } from './api.js';
import { el, money, SAGA_STEPS, shortId, statusLabel } from './format.js';

const MAX_QUANTITY = 100;

/**
 * Wires the form; onPlaced(order) is called with the accepted order and returns the newest state known of it (the
 * stream may have overtaken the POST's answer). Returns {refreshProducts, showProgress}.
 */
export function initOrderForm({ users, onPlaced }) {
  const form = document.getElementById('order-form');
  const products = document.getElementById('products');
  const total = document.getElementById('order-total');
  const error = document.getElementById('order-error');
  const placed = document.getElementById('placed');
  const steps = document.getElementById('placed-steps');
  const status = document.getElementById('placed-status');
  let catalogue = [];
  let latest = null;
  let reached = -1; // how far along SAGA_STEPS the latest order has been seen
  // One key per order the user means to place: a retry after a lost answer reuses it (the gateway then returns
  // the same order instead of placing a second); any change to the form makes a new order, with a new key.
  let idempotencyKey = null;

  async function refreshProducts() {
    try {
      catalogue = await request('/api/v1/products');
    } catch (problem) {
      showProblem(error, problem);
      return;
    }
    const quantities = new Map(inputs().map((input) => [input.dataset.sku, input.value]));
    products.replaceChildren(...catalogue.map((product) => {
      const id = `quantity-${product.sku}`;
      const input = el('input', {
        attrs: { id, type: 'number', min: '0', max: String(MAX_QUANTITY), step: '1', inputmode: 'numeric' },
      });
      input.value = quantities.get(product.sku) ?? '0';
      input.dataset.sku = product.sku;
      input.dataset.available = String(product.available);
      const name = el('th', { attrs: { scope: 'row' } });
      const label = el('label', { attrs: { for: id } });
      label.append(el('span', { text: 'Quantity of ', className: 'visually-hidden' }), product.name);
      name.append(label, ' ', el('span', { text: product.sku, className: 'hint' }));
      const row = el('tr');
      const quantity = el('td', { className: 'num' });
      quantity.append(input);
      row.append(name, el('td', { text: money(product.unitPrice, product.currency), className: 'num' }),
        el('td', { text: String(product.available), className: 'num' }), quantity);
      return row;
    }));
    updateTotal();
  }

  function inputs() {
    return [...products.querySelectorAll('input[data-sku]')];
  }

  function lines() {
    return inputs().map((input) => ({ sku: input.dataset.sku, quantity: Number(input.value) }))
      .filter((line) => line.quantity > 0);
  }

  function updateTotal() {
    const sum = lines().reduce((acc, line) =>
      acc + line.quantity * Number(catalogue.find((p) => p.sku === line.sku)?.unitPrice ?? 0), 0);
    total.textContent = sum > 0 ? `Total ${money(sum, catalogue[0]?.currency)}` : 'Pick at least one product';
  }

  form.addEventListener('input', () => {
    idempotencyKey = null;
    updateTotal();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showProblem(error, null);
    const userId = users.selectedId();
    const order = { userId, lines: lines() };
    if (!userId || order.lines.length === 0) {
      showProblem(error, { problem: { title: 'Nothing to order', detail: userId
        ? 'Give at least one product a quantity.' : 'Register a user to order for first.' } });
      return;
    }
    idempotencyKey ??= crypto.randomUUID();
    const submit = document.getElementById('place-order');
    submit.disabled = true;
    try {
      const accepted = await request('/api/v1/orders', {
        method: 'POST', body: order, headers: { 'Idempotency-Key': idempotencyKey },
      });
      idempotencyKey = null;
      latest = accepted;
      reached = -1;
      showProgress(onPlaced(accepted) ?? accepted);
    } catch (problem) {
      if (problem.status !== 0) {
        idempotencyKey = null; // the gateway answered: this attempt is over either way
      }
      showProblem(error, problem);
    } finally {
      submit.disabled = false;
    }
  });

  /** Shows `order`'s progress if it is the order placed last, announcing a changed status. */
  function showProgress(order) {
    if (!latest || order.id !== latest.id || (order.version ?? 0) < (latest.version ?? 0)) {
      return;
    }
    const changed = status.dataset.orderId !== order.id || status.dataset.status !== order.status;
    latest = order;
    placed.hidden = false;
    // A cancelled order keeps the steps it had reached (as far as this page saw them); the rest are skipped.
    const cancelled = order.status === 'CANCELLED';
    reached = cancelled ? reached : SAGA_STEPS.indexOf(order.status);
    steps.replaceChildren(...SAGA_STEPS.map((step, index) => {
      const state = index < reached || (cancelled && index === reached) ? 'done'
        : cancelled ? 'skipped' : index === reached ? 'current' : 'todo';
      return el('li', { text: statusLabel(step), className: state,
        attrs: state === 'current' ? { 'aria-current': 'step' } : {} });
    }));
    if (order.status === 'CANCELLED') {
      steps.append(el('li', {
        text: statusLabel('CANCELLED'), className: 'cancelled', attrs: { 'aria-current': 'step' },
      }));
    }
    if (changed) {
      status.dataset.orderId = order.id;
      status.dataset.status = order.status;
      status.textContent = `Order ${shortId(order.id)} (${money(order.total.amount, order.total.currency)}): ` +
        `${statusLabel(order.status)}${order.cancelReason ? ` — ${order.cancelReason}` : ''}.`;
      if (['CONFIRMED', 'SHIPPED', 'CANCELLED'].includes(order.status)) {
        // Stock and credit have moved: show them as they are now.
        refreshProducts();
        users.refreshCredit();
      }
    }
  }

  refreshProducts();
  return { refreshProducts, showProgress };
}
