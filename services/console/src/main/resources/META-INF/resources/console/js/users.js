// The customers to order for. The API has no list of users (a directory of everyone is not something to hand
// out), so the console remembers the ones it registered, in localStorage: id and name only. A user erased here is
// remembered by id alone, marked erased, so that their orders still say whose they were without keeping a name.

import { request, showProblem } from './api.js';
import { money } from './format.js';

const STORAGE_KEY = 'shopflow.console.users';
const DEMO_PEOPLE = [
  ['Ada Lovelace', '12 St James Square, London'],
  ['Grace Hopper', '1 Navy Yard, Arlington'],
  ['Alan Turing', '78 High Street, Hampton'],
  ['Katherine Johnson', '100 NASA Drive, Hampton'],
  ['Edsger Dijkstra', 'Plantage Muidergracht 24, Amsterdam'],
];

function remembered() {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY)) ?? [];
  } catch {
    return [];
  }
}

function remember(users) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(users));
}

export const ERASED_USER = 'erased user';

/**
 * Wires the customer controls; onErased(id) is called once a user is erased. Returns {selectedId(), nameOf(id),
 * refreshCredit()}.
 */
export function initUsers({ isSignedIn, onErased }) {
  const select = document.getElementById('user-select');
  const credit = document.getElementById('user-credit');
  const demo = document.getElementById('register-demo');
  const erase = document.getElementById('erase-user');
  const exportButton = document.getElementById('export-user');
  const exported = document.getElementById('user-export');
  const form = document.getElementById('register-form');
  const message = document.getElementById('users-message');

  function render(selectId) {
    const users = remembered().filter((u) => !u.erased);
    select.replaceChildren(...users.map(({ id, name }) => new Option(`${name} (${id.slice(0, 8)})`, id)));
    if (users.length === 0) {
      select.append(new Option('Register a user first', ''));
    }
    select.value = selectId ?? users.at(-1)?.id ?? '';
  }

  async function register(newUser) {
    showProblem(message, null);
    const user = await request('/api/v1/users', { method: 'POST', body: newUser });
    remember([...remembered().filter((u) => u.id !== user.id), { id: user.id, name: user.name }]);
    render(user.id);
    credit.textContent = `Registered ${user.name} (${user.email}): credit ${money(user.credit)}.`;
    return user;
  }

  // The selected user's current credit; a user the platform no longer knows (its database was reset) is
  // forgotten here too.
  async function refreshCredit() {
    const id = select.value;
    if (!id || !isSignedIn()) {
      credit.textContent = 'Users registered here are remembered in this browser.';
      return;
    }
    try {
      const user = await request(`/api/v1/users/${encodeURIComponent(id)}`);
      if (select.value === id) {
        credit.textContent = `${user.name}, ${user.email}: credit ${money(user.credit)}.`;
      }
    } catch (problem) {
      if (problem.status === 404) {
        remember(remembered().filter((u) => u.id !== id));
        render();
        credit.textContent = 'That user no longer exists on this platform and was forgotten.';
      } else {
        credit.textContent = '';
        showProblem(message, problem);
      }
    }
  }

  // Erasure (DELETE /api/v1/users/{id}): the console's token holds admin:users, so it may erase anyone; a user may
  // erase themself with their own token. Their orders stay; the gateway shows them as erased.
  erase.addEventListener('click', async () => {
    const id = select.value;
    const name = remembered().find((u) => u.id === id)?.name ?? id;
    if (!id || !window.confirm(`Erase ${name}? Their name, email and address are destroyed everywhere, for good.`)) {
      return;
    }
    showProblem(message, null);
    erase.disabled = true;
    try {
      await request(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'DELETE' });
      remember([...remembered().filter((u) => u.id !== id), { id, erased: true }]);
      render();
      exported.hidden = true;
      credit.textContent = `${name} was erased: their orders stay as they were and show them as erased.`;
      onErased(id);
    } catch (problem) {
      showProblem(message, problem);
    } finally {
      erase.disabled = !isSignedIn();
    }
  });

  // The right of access (GET /api/v1/users/{id}/personal-data): the profile and what every other service keeps,
  // gathered over Kafka request-reply; services that did not answer in time are named.
  exportButton.addEventListener('click', async () => {
    const id = select.value;
    if (!id) {
      return;
    }
    showProblem(message, null);
    exportButton.disabled = true;
    try {
      const data = await request(`/api/v1/users/${encodeURIComponent(id)}/personal-data`);
      const services = data.heldElsewhere.length + data.notAnswered.length;
      const records = data.heldElsewhere.reduce((sum, part) => sum + part.records.length, 0);
      const missing = data.notAnswered.length ? `; not answered: ${data.notAnswered.join(', ')}` : '';
      document.getElementById('user-export-summary').textContent = `What the platform holds about ${data.user.name}: `
        + `${records} records from ${data.heldElsewhere.length} of ${services} services${missing}.`;
      document.getElementById('user-export-json').textContent = JSON.stringify(data, null, 2);
      exported.dataset.notAnswered = String(data.notAnswered.length);
      exported.hidden = false;
    } catch (problem) {
      showProblem(message, problem);
    } finally {
      exportButton.disabled = !isSignedIn();
    }
  });

  demo.addEventListener('click', async () => {
    const [name, address] = DEMO_PEOPLE[Math.floor(Math.random() * DEMO_PEOPLE.length)];
    // Emails are unique per user: a random part keeps every demo user new.
    const email = `${name.split(' ')[0].toLowerCase()}.${crypto.randomUUID().slice(0, 8)}@example.com`;
    demo.disabled = true;
    try {
      await register({ name, email, address, initialCredit: 500 });
    } catch (problem) {
      showProblem(message, problem);
    } finally {
      demo.disabled = false;
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(form));
    try {
      await register({ ...fields, initialCredit: Number(fields.initialCredit) });
      form.reset();
      select.focus();
    } catch (problem) {
      showProblem(message, problem);
    }
  });

  select.addEventListener('change', () => {
    exported.hidden = true;
    refreshCredit();
  });
  render();

  return {
    selectedId: () => select.value,
    nameOf: (id) => {
      const user = remembered().find((u) => u.id === id);
      return user?.erased ? ERASED_USER : user?.name;
    },
    refreshCredit,
  };
}
