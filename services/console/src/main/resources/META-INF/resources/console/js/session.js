// Sign-in: a development token minted by the gateway (POST /dev/tokens) when it offers them, otherwise a token
// pasted from the identity provider. The token lives in sessionStorage: it goes with the tab, not the browser.

import { ApiError, onUnauthenticated, request, showProblem, useToken } from './api.js';

const STORAGE_KEY = 'shopflow.console.token';
// Everything the console shows: orders of every user, users, and the platform's admin side.
const PERMISSIONS = ['orders:read', 'orders:write', 'admin:orders', 'admin:users', 'admin:platform'];

/** Wires the sign-in controls; onChange(signedIn) is called now and on every change. */
export function initSession({ devTokens, onChange }) {
  const who = document.getElementById('session-who');
  const signIn = document.getElementById('sign-in');
  const signOut = document.getElementById('sign-out');
  const paste = document.getElementById('paste-token');
  const error = document.getElementById('session-error');
  let expiry;

  function use(token, message) {
    const claims = token ? claimsOf(token) : null;
    if (claims?.exp && claims.exp * 1000 <= Date.now()) {
      return use(null, 'Your token has expired: sign in again.');
    }
    token ? sessionStorage.setItem(STORAGE_KEY, token) : sessionStorage.removeItem(STORAGE_KEY);
    useToken(token);
    clearTimeout(expiry);
    if (claims?.exp) {
      // An expired token would only fail later, request by request; sign out when it expires instead.
      expiry = setTimeout(() => use(null, 'Your token has expired: sign in again.'),
        Math.min(claims.exp * 1000 - Date.now(), 2 ** 31 - 1));
    }
    who.textContent = token ? `Signed in as ${claims?.sub ?? 'the pasted token’s subject'}` +
      (claims?.exp ? ` until ${new Date(claims.exp * 1000).toLocaleTimeString()}` : '') : 'Not signed in';
    signIn.hidden = Boolean(token) || !devTokens;
    signOut.hidden = !token;
    paste.hidden = Boolean(token) || devTokens;
    showProblem(error, message ? new ApiError({ title: message }) : null);
    onChange(Boolean(token));
  }

  signIn.addEventListener('click', async () => {
    signIn.disabled = true;
    try {
      const { token } = await request('/dev/tokens', {
        method: 'POST', body: { subject: 'console', permissions: PERMISSIONS },
      });
      use(token);
      signOut.focus();
    } catch (problem) {
      showProblem(error, problem);
    } finally {
      signIn.disabled = false;
    }
  });
  signOut.addEventListener('click', () => {
    use(null);
    (devTokens ? signIn : paste.elements.token).focus();
  });
  paste.addEventListener('submit', (event) => {
    event.preventDefault();
    use(paste.elements.token.value.trim());
    paste.reset();
  });
  onUnauthenticated((problem) => {
    use(null, `Your sign-in was refused (${problem.detail ?? problem.title}): sign in again.`);
  });

  use(sessionStorage.getItem(STORAGE_KEY));
}

/** A JWT's claims, read only to show who is signed in and until when (the gateway verifies the signature). */
function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))));
  } catch {
    return null; // not a JWT: an opaque token is fine too
  }
}
