// Every call to the gateway goes through here: the bearer token, errors as problem details
// (application/problem+json), and the server-sent-event streams.

let token = null;
let unauthenticated = () => {};

/** The bearer token sent from now on (null: none). */
export function useToken(value) {
  token = value;
}

/** Called with the problem when the gateway answers 401: the token expired or was refused. */
export function onUnauthenticated(handler) {
  unauthenticated = handler;
}

/** An error answer, carrying its problem detail ({type, title, status, detail, ...}). */
export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
    this.status = problem.status;
  }
}

/** Sends a JSON request; resolves to the parsed answer (null when empty), rejects with an ApiError. */
export async function request(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json, application/problem+json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await send(path, init);
  if (!response.ok) {
    throw await problemOf(response);
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

async function send(path, init) {
  if (token) {
    init.headers.Authorization = `Bearer ${token}`;
  }
  try {
    return await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    // fetch rejects only when no answer came at all (gateway down, network gone).
    throw new ApiError({ title: 'The gateway cannot be reached', detail: error.message, status: 0 });
  }
}

/** The problem an error answer describes; answers that are not problem+json get a made-up one. */
async function problemOf(response) {
  let problem;
  const text = await response.text().catch(() => '');
  try {
    problem = JSON.parse(text);
  } catch {
    problem = {};
  }
  problem = {
    ...problem,
    status: problem.status ?? response.status,
    title: problem.title ?? `The gateway answered ${response.status} ${response.statusText}`.trim(),
    detail: problem.detail ?? (problem.title ? undefined : text.slice(0, 200) || undefined),
  };
  const retryAfter = response.headers.get('Retry-After');
  if (retryAfter) {
    problem.detail = `${problem.detail ?? ''} (try again in ${retryAfter} s)`.trim();
  }
  if (response.status === 401) {
    unauthenticated(problem);
  }
  return new ApiError(problem);
}

/** Shows an error's title and detail in a role=alert element, or hides it (error null). */
export function showProblem(element, error) {
  if (!error) {
    element.hidden = true;
    element.textContent = '';
    return;
  }
  const problem = error.problem ?? { title: 'Something went wrong', detail: error.message };
  element.textContent = '';
  const title = document.createElement('strong');
  title.textContent = problem.title;
  element.append(title);
  if (problem.detail) {
    element.append(` — ${problem.detail}`);
  }
  element.hidden = false;
}

// Server-sent events are read with fetch and a ReadableStream, not EventSource: EventSource cannot send the
// Authorization header.

const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 30000;
// The gateway writes a keepalive comment every 15 s: silence much longer than that means the connection died
// without closing (a proxy, a sleeping laptop), which only a timer notices.
const SILENCE_LIMIT_MS = 45000;
const STAYED_UP_MS = 10000;

/**
 * Opens the stream at `path` and keeps it open: when it drops, it reconnects after a growing, jittered delay.
 * onOpen() runs on every (re)connection, before its events are handled, so that the caller can re-read what it
 * may have missed while disconnected; onEvent({event, data}) for each event; onState(state, error, retryMs)
 * with 'connecting', 'live', 'retrying' or 'stopped' (refused with 401: the session has ended).
 * Returns {close()}; once closed, it reports nothing more.
 */
export function openStream(path, { onOpen = async () => {}, onEvent, onState = () => {} }) {
  const closed = new AbortController();
  let failures = 0;
  let liveSince = null;

  async function connectOnce() {
    const connection = new AbortController();
    const stop = () => connection.abort();
    closed.signal.addEventListener('abort', stop);
    let silence;
    const heardFrom = () => {
      clearTimeout(silence);
      silence = setTimeout(stop, SILENCE_LIMIT_MS);
    };
    try {
      onState('connecting');
      heardFrom();
      const response = await send(path, {
        headers: { Accept: 'text/event-stream' }, cache: 'no-store', signal: connection.signal,
      });
      if (!response.ok) {
        throw await problemOf(response);
      }
      await onOpen();
      onState('live');
      liveSince = Date.now();
      await readEvents(response.body, heardFrom, onEvent);
      throw new ApiError({ title: 'The stream ended', status: 0 });
    } finally {
      clearTimeout(silence);
      closed.signal.removeEventListener('abort', stop);
    }
  }

  (async () => {
    while (!closed.signal.aborted) {
      try {
        await connectOnce();
      } catch (error) {
        if (closed.signal.aborted) {
          return; // the caller closed it, and knows
        }
        if (error.status === 401) {
          break;
        }
        // A stream that stayed up a while starts the backoff afresh; one that keeps dropping at once backs off.
        if (liveSince && Date.now() - liveSince > STAYED_UP_MS) {
          failures = 0;
        }
        liveSince = null;
        const cause = error.name === 'AbortError'
          ? new ApiError({ title: 'The stream went silent', status: 0 }) : error;
        const delay = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** failures) * (0.5 + Math.random() / 2);
        failures += 1;
        onState('retrying', cause, delay);
        await sleep(delay, closed.signal);
      }
    }
    if (!closed.signal.aborted) {
      onState('stopped');
    }
  })();

  return { close: () => closed.abort() };
}

/** Reads text/event-stream until it ends: named events with their data lines; comments only prove life. */
async function readEvents(body, heardFrom, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let event = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    heardFrom();
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop(); // an incomplete line waits for the next chunk
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') {
        if (data.length > 0) {
          onEvent({ event, data: data.join('\n') });
        }
        event = 'message';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') {
          event = text;
        } else if (field === 'data') {
          data.push(text);
        }
      }
    }
  }
}

function sleep(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
