// The payment provider simulator's behaviour: read it, show it, change it.

import { request, showProblem } from './api.js';
import { percent } from './format.js';

const PATH = '/api/v1/admin/payment-provider/behaviour';

/** Wires the provider panel; returns {load()} to read the current values (after sign-in). */
export function initProvider() {
  const form = document.getElementById('provider-form');
  const now = document.getElementById('provider-now');
  const error = document.getElementById('provider-error');

  function show(behaviour) {
    now.textContent = `${behaviour.latencyMs} ms latency, ${percent(behaviour.failureRate)} transient failures, ` +
      `${percent(behaviour.declineRate)} of cards declined`;
    // Machine-readable too, for scripts driving the page.
    Object.assign(now.dataset, {
      latencyMs: behaviour.latencyMs, failureRate: behaviour.failureRate, declineRate: behaviour.declineRate,
    });
    form.elements.latencyMs.value = behaviour.latencyMs;
    form.elements.failureRate.value = behaviour.failureRate;
    form.elements.declineRate.value = behaviour.declineRate;
  }

  async function load() {
    try {
      show(await request(PATH));
      showProblem(error, null);
    } catch (problem) {
      showProblem(error, problem);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const apply = document.getElementById('provider-apply');
    apply.disabled = true;
    try {
      const wanted = {
        latencyMs: Number(form.elements.latencyMs.value),
        failureRate: Number(form.elements.failureRate.value),
        declineRate: Number(form.elements.declineRate.value),
      };
      show((await request(PATH, { method: 'PUT', body: wanted })) ?? await request(PATH));
      showProblem(error, null);
    } catch (problem) {
      showProblem(error, problem);
    } finally {
      apply.disabled = false;
    }
  });
  document.getElementById('provider-reload').addEventListener('click', load);

  return { load };
}
