// The console's API (same origin, the token travels in an HttpOnly cookie) and its live events (server-sent events).

const signInHelp = 'Open the address that `nanothing local start` or `nanothing demo` printed (console: http://127.0.0.1:<port>/?token=…).';

export class ApiError extends Error {
  constructor(status, message, body) { super(message); this.status = status; this.body = body; }
}

async function request(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET') {
    init.headers['X-NanoThing-Console'] = '1';
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'The stand-in does not answer. Is it still running? Start it with `nanothing local start` (or `nanothing demo`), then reload this page.');
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (response.status === 401 || (response.status === 403 && !json?.reply)) {
    throw new ApiError(response.status, (json?.message ?? 'Not signed in.') + (response.status === 401 ? '' : ' ' + signInHelp), json);
  }
  if (!response.ok && !json?.reply) {
    throw new ApiError(response.status, json?.message ?? `The console answered ${response.status}.`, json);
  }
  return { status: response.status, json };
}

export const api = {
  get: path => request('GET', path).then(r => r.json),
  post: (path, body) => request('POST', path, body),
  del: path => request('DELETE', path),
};

// One EventSource for the page; listeners by event kind. The browser reconnects by itself; onState tells the header.
const listeners = new Map();
let source = null;

export function listen(kind, handler) {
  if (!listeners.has(kind)) listeners.set(kind, new Set());
  listeners.get(kind).add(handler);
  if (source) source.addEventListener(kind, wrap(kind));
  return () => listeners.get(kind).delete(handler);
}

const wrapped = new Map();
function wrap(kind) {
  if (!wrapped.has(kind)) {
    wrapped.set(kind, event => {
      let data = null;
      try { data = JSON.parse(event.data); } catch { return; }
      for (const handler of listeners.get(kind) ?? []) handler(data);
    });
  }
  return wrapped.get(kind);
}

export function connectEvents(onState) {
  source = new EventSource('/api/events');
  source.addEventListener('hello', () => { onState(true); for (const handler of listeners.get('reconnected') ?? []) handler(); });
  source.onerror = () => onState(false);
  for (const kind of listeners.keys()) source.addEventListener(kind, wrap(kind));
}
