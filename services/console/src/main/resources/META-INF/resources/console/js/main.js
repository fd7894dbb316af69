// The console's entry point: reads the gateway's settings for the console, then wires the panels together.
// Panels needing a token (orders, services, provider, dead letters, the orders read model) start on sign-in and
// stop on sign-out.

import { request, showProblem } from './api.js';
import { initDeadLetters } from './dead-letters.js';
import { initOrderForm } from './order-form.js';
import { initOrderViews } from './order-views.js';
import { initOrders } from './orders.js';
import { initPlatform } from './platform.js';
import { initProvider } from './provider.js';
import { initSession } from './session.js';
import { initUsers } from './users.js';

async function settings() {
  try {
    return await request('/console/settings');
  } catch (problem) {
    showProblem(document.getElementById('session-error'), problem);
    return { jaegerUrl: null, devTokens: false };
  }
}

const { jaegerUrl, devTokens } = await settings();
let signedIn = false;

const users = initUsers({ isSignedIn: () => signedIn, onErased: () => orders.showNames() });
const orders = initOrders({
  jaegerUrl,
  nameOf: users.nameOf,
  onChange: (order) => orderForm.showProgress(order),
});
const orderForm = initOrderForm({ users, onPlaced: (order) => orders.upsert(order) });
const platform = initPlatform();
const provider = initProvider();
const deadLetters = initDeadLetters();
const orderViews = initOrderViews();

initSession({
  devTokens,
  onChange(now) {
    signedIn = now;
    for (const id of ['place-order', 'export-user', 'erase-user', 'provider-apply', 'provider-reload',
      'dead-letters-reload', 'order-views-rebuild']) {
      document.getElementById(id).disabled = !now;
    }
    document.body.classList.toggle('signed-out', !now);
    if (now) {
      orders.start();
      platform.start();
      provider.load();
      deadLetters.load();
      orderViews.load();
      users.refreshCredit();
    } else {
      orders.stop();
      platform.stop();
      orderViews.stop();
    }
  },
});
