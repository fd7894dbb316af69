// The orders read model's rebuild from order-service's event store (/api/v1/admin/order-views/rebuild,
// admin:platform): start one, and follow its progress while it runs.

import { request, showProblem } from './api.js';
import { time } from './format.js';

const REBUILD = '/api/v1/admin/order-views/rebuild';
const FOLLOW_EVERY_MS = 1000;

function describe(rebuild) {
  const done = `${rebuild.ordersDone} of ${rebuild.ordersTotal} orders`;
  switch (rebuild.state) {
    case 'RUNNING':
      return `Rebuilding since ${time(rebuild.startedAt)}: ${done}, ${rebuild.rowsRewritten} rows rewritten so far.`;
    case 'FINISHED':
      return `Rebuilt at ${time(rebuild.finishedAt)}: ${done}, ${rebuild.rowsRewritten} rows rewritten, `
        + `${rebuild.rowsRemoved} removed.`;
    case 'FAILED':
      return `The rebuild started at ${time(rebuild.startedAt)} failed: ${rebuild.error}`;
    default:
      return `The rebuild started at ${time(rebuild.startedAt)} was interrupted after ${done}: start it again.`;
  }
}

/** Wires the panel; returns {load()} to show the latest rebuild (after sign-in). */
export function initOrderViews() {
  const button = document.getElementById('order-views-rebuild');
  const progress = document.getElementById('order-views-progress');
  const error = document.getElementById('order-views-error');
  let following = null;

  function show(rebuild) {
    progress.textContent = describe(rebuild);
    progress.dataset.state = rebuild.state;
    clearTimeout(following);
    if (rebuild.state === 'RUNNING') {
      following = setTimeout(load, FOLLOW_EVERY_MS);
    }
  }

  async function load() {
    try {
      show(await request(REBUILD));
      showProblem(error, null);
    } catch (problem) {
      if (problem.status === 404) {
        progress.textContent = 'Never rebuilt.';
        delete progress.dataset.state;
      } else {
        showProblem(error, problem);
      }
    }
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      show(await request(REBUILD, { method: 'POST' }));
      showProblem(error, null);
    } catch (problem) {
      showProblem(error, problem);
    } finally {
      button.disabled = false;
    }
  });

  return { load, stop: () => clearTimeout(following) };
}
