// Per service: health, load, errors, circuit breakers and outbox backlog, from the platform status stream
// (an event every 2 s).

import { openStream, showProblem } from './api.js';
import { el, percent, time } from './format.js';

function known(value, format) {
  return value === null || value === undefined ? '—' : format(Number(value));
}

/** Wires the services panel; returns {start(), stop()}. */
export function initPlatform() {
  const body = document.getElementById('services');
  const live = document.getElementById('services-live');
  const error = document.getElementById('services-error');
  let stream = null;
  let lastAt = null;

  function render(status) {
    lastAt = status.at;
    body.replaceChildren(...status.services.map((service) => {
      const row = el('tr');
      row.dataset.service = service.name;
      const breakers = el('td');
      if (!service.breakers?.length) {
        breakers.textContent = '—';
      }
      for (const breaker of service.breakers ?? []) {
        const item = el('span', { className: 'breaker' });
        item.append(el('span', { text: breaker.state, className: `badge breaker-${breaker.state}` }), ' ');
        // Long names (Client.method) may break after their dots rather than mid-word.
        breaker.name.split('.').forEach((part, index) => {
          item.append(...(index > 0 ? ['.', el('wbr')] : []), part);
        });
        breakers.append(item);
      }
      const health = el('td');
      health.append(el('span', { text: service.health, className: `badge health-${service.health}` }));
      const outbox = service.outbox;
      row.append(
        el('th', { text: service.name, attrs: { scope: 'row' } }),
        health,
        el('td', { text: String(service.instances), className: 'num' }),
        // Rates are null while a service cannot be measured (unreachable): unknown, not zero.
        el('td', { text: known(service.requestsPerSecond, (rate) => rate.toFixed(1)), className: 'num' }),
        el('td', {
          text: known(service.errorRate, percent), className: `num${service.errorRate > 0.05 ? ' bad' : ''}`,
        }),
        breakers,
        el('td', {
          text: outbox ? `${outbox.events}` + (outbox.events > 0 ? `, oldest ${outbox.oldestAgeSeconds}\u00a0s` : '')
            : '—',
          className: outbox?.oldestAgeSeconds > 30 ? 'bad' : '',
        }),
      );
      return row;
    }));
  }

  function showState(state, problem, retryMs) {
    live.dataset.state = state;
    live.textContent = {
      connecting: 'connecting…',
      live: lastAt ? `live, as of ${time(lastAt)}` : 'live',
      retrying: `reconnecting in ${Math.round(retryMs / 1000)} s`,
      stopped: 'not connected',
    }[state];
    showProblem(error, state === 'retrying' ? problem : null);
  }

  return {
    start() {
      stream ??= openStream('/api/v1/platform/status', {
        onEvent: ({ event, data }) => {
          if (event === 'status') {
            render(JSON.parse(data));
            live.textContent = `live, as of ${time(lastAt)}`;
          }
        },
        onState: showState,
      });
    },
    stop() {
      stream?.close();
      stream = null;
      showState('stopped');
    },
  };
}
