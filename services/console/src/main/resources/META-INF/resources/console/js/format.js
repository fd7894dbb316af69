// How values are shown, in one place so that every panel shows them alike.

/** The saga's statuses in the order an order goes through them; CANCELLED can end it at any step. */
export const SAGA_STEPS = ['PENDING', 'STOCK_RESERVED', 'PAID', 'CONFIRMED', 'SHIPPED'];

const STATUS_LABELS = {
  PENDING: 'Placed',
  STOCK_RESERVED: 'Stock reserved',
  PAID: 'Paid',
  CONFIRMED: 'Confirmed',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status;
}

export function money(amount, currency = 'EUR') {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(amount));
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

export function percent(share) {
  return `${(Number(share) * 100).toFixed(Number(share) > 0 && Number(share) < 0.1 ? 1 : 0)}%`;
}

/** Order ids are UUIDs: their first 8 characters tell orders apart on one screen. */
export function shortId(id) {
  return String(id).slice(0, 8);
}

/** A DOM element with a class and text, the only way panels make content (never innerHTML: no injection). */
export function el(tag, { text, className, attrs = {} } = {}) {
  const element = document.createElement(tag);
  if (text !== undefined) {
    element.textContent = text;
  }
  if (className) {
    element.className = className;
  }
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, value);
  }
  return element;
}
