// Dead letters of every consuming service: list them, redrive one, discard one with a reason.
// Each service answers for its own under /api/v1/admin/dead-letters/<service> (admin:platform).

import { request, showProblem } from './api.js';
import { el, shortId, time } from './format.js';

/** The services that consume events, each with a dead-letter store of its own. */
const CONSUMERS = ['order-service', 'inventory-service', 'payment-service', 'shipping-service', 'notification-service'];

function base(service) {
  return `/api/v1/admin/dead-letters/${service}`;
}

/** Wires the dead-letters panel; returns {load()} to read them (after sign-in). */
export function initDeadLetters() {
  const rows = document.getElementById('dead-letters');
  const status = document.getElementById('dead-letters-status');
  const error = document.getElementById('dead-letters-error');
  const message = document.getElementById('dead-letters-status-message');

  async function act(service, letter, action) {
    try {
      if (action === 'redrive') {
        await request(`${base(service)}/${letter.id}/redrive`, { method: 'POST' });
        message.textContent = `Redriven ${letter.type} ${shortId(letter.id)} to ${service}.`;
      } else {
        const reason = window.prompt(`Why discard ${letter.type} ${shortId(letter.id)}? The reason is kept.`);
        if (!reason) {
          return;
        }
        await request(`${base(service)}/${letter.id}/discard`, { method: 'POST', body: { reason } });
        message.textContent = `Discarded ${letter.type} ${shortId(letter.id)} of ${service}.`;
      }
      showProblem(error, null);
    } catch (problem) {
      showProblem(error, problem);
    }
    await load();
  }

  function row(service, letter) {
    const tr = el('tr');
    tr.append(el('td', { text: service }),
      el('td', { text: letter.version ? `${letter.type}.v${letter.version}` : (letter.type ?? 'unreadable') }),
      el('td', { text: letter.aggregateId ?? '' }),
      el('td', { text: letter.error, className: 'error' }),
      el('td', { text: time(letter.failedAt) }),
      el('td', { text: String(letter.attempts), className: 'num' }),
      el('td', { text: letter.status === 'DISCARDED' ? `discarded: ${letter.discardReason}`
        : `${letter.status.toLowerCase()}${letter.handled ? ', took effect' : ''}` }));
    const actions = el('td');
    if (letter.status !== 'DISCARDED') {
      for (const action of ['redrive', 'discard']) {
        const button = el('button', { text: action === 'redrive' ? 'Redrive' : 'Discard',
          attrs: { type: 'button', 'aria-label': `${action} ${letter.type} ${shortId(letter.id)} of ${service}` } });
        button.addEventListener('click', () => act(service, letter, action));
        actions.append(button);
      }
    }
    tr.append(actions);
    return tr;
  }

  async function load() {
    const query = status.value ? `?status=${encodeURIComponent(status.value)}` : '';
    // One service away leaves the others listed; its problem is shown.
    const answers = await Promise.allSettled(CONSUMERS.map((service) => request(`${base(service)}${query}`)));
    const letters = [];
    let failure = null;
    answers.forEach((answer, i) => {
      if (answer.status === 'fulfilled') {
        answer.value.forEach((letter) => letters.push([CONSUMERS[i], letter]));
      } else {
        failure = answer.reason;
      }
    });
    letters.sort((a, b) => String(b[1].failedAt).localeCompare(String(a[1].failedAt)));
    rows.replaceChildren(...letters.map(([service, letter]) => row(service, letter)));
    if (letters.length === 0) {
      const none = el('tr');
      none.append(el('td', { text: 'None.', attrs: { colspan: '8' } }));
      rows.append(none);
    }
    showProblem(error, failure);
  }

  status.addEventListener('change', load);
  document.getElementById('dead-letters-reload').addEventListener('click', load);
  return { load };
}
