// The same-origin JSON API: bearer token, JSON errors, Server-Sent Events over fetch.

const TOKEN_KEY = 'querent.token';
const BASE = '/api/v1/sources/database';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `Request failed (${status})`);
    this.status = status;
    this.code = code || 'error';
  }
}

let onUnauthorized = () => {};
export function setUnauthorizedHandler(fn) { onUnauthorized = fn; }

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || localStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(token, remember) {
  clearToken();
  (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(TOKEN_KEY);
}

async function errorFrom(response) {
  let code = 'error';
  let message = `${response.status} ${response.statusText || 'error'}`.trim();
  try {
    const text = await response.text();
    if (text) {
      const body = JSON.parse(text);
      const err = body && (body.error || body);
      if (err && err.message) { message = err.message; code = err.code || code; }
    }
  } catch (_) { /* not JSON: keep the status line */ }
  if (response.status === 429) {
    const retry = response.headers.get('Retry-After');
    if (retry && !/retry/i.test(message)) message += ` (retry in ${retry} s)`;
  }
  return new ApiError(response.status, code, message);
}

function headers(extra = {}, auth = true) {
  const h = { Accept: 'application/json', ...extra };
  const token = getToken();
  if (auth && token) h.Authorization = `Bearer ${token}`;
  return h;
}

export async function request(method, path, body, { auth = true, signal, accept } = {}) {
  const init = { method, headers: headers(body !== undefined ? { 'Content-Type': 'application/json' } : {}, auth), signal };
  if (accept) init.headers.Accept = accept;
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The Querent server could not be reached. Check that it is running.');
  }
  if (!response.ok) {
    const err = await errorFrom(response);
    if (response.status === 401 && auth) onUnauthorized(err);
    throw err;
  }
  if (response.status === 204) return null;
  if (accept === 'text/event-stream') return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

// Reads a text/event-stream body and calls onEvent(name, data) for each event; `data` is parsed
// JSON when it is JSON. Resolves when the stream ends; rejects on network errors (not on abort).
export async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const dispatch = (block) => {
    let name = 'message';
    const data = [];
    for (const line of block.split(/\r\n|\r|\n/)) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    const raw = data.join('\n');
    let parsed = raw;
    try { parsed = JSON.parse(raw); } catch (_) { /* keep text */ }
    onEvent(name, parsed);
  };
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      if (e.name === 'AbortError') return;
      throw e;
    }
    if (chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let m;
    while ((m = /\r\n\r\n|\n\n|\r\r/.exec(buffer))) {
      const block = buffer.slice(0, m.index);
      buffer = buffer.slice(m.index + m[0].length);
      dispatch(block);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) dispatch(buffer);
}

const enc = encodeURIComponent;
const src = (id) => `${BASE}/${enc(id)}`;

export const api = {
  consoleConfig: () => request('GET', '/console/config', undefined, { auth: false }),
  localSignIn: () => request('POST', '/console/local-sign-in', undefined, { auth: false }),

  listSources: () => request('GET', `${BASE}`),
  getSource: (id) => request('GET', src(id)),
  createSource: (body) => request('POST', `${BASE}`, body),
  testConnection: (body) => request('POST', `${BASE}/test-connection`, body),
  deleteSource: (id) => request('DELETE', src(id)),

  listTables: (id) => request('GET', `${src(id)}/tables`),
  tableSchema: (id, table, refresh = false) =>
    request('GET', `${src(id)}/tables/${enc(table)}/schema${refresh ? '?refresh=true' : ''}`),
  setBusinessContext: (id, table, text) =>
    request('PUT', `${src(id)}/tables/${enc(table)}/context`, { business_description: text }),
  train: (id, tables) => request('POST', `${src(id)}/train`, { tables }),
  untrain: (id, table) => request('DELETE', `${src(id)}/tables/${enc(table)}/train`),
  trainingStatus: (id, table) => request('GET', `${src(id)}/tables/${enc(table)}/training-status`),
  trainingEvents: (id, signal) =>
    request('GET', `${src(id)}/training-events`, undefined, { signal, accept: 'text/event-stream' }),

  query: (id, question) => request('POST', `${src(id)}/query`, { question }),
  runSQL: (id, sql) => request('POST', `${src(id)}/sql`, { sql }),
  history: (id, cursor, limit = 25) =>
    request('GET', `${src(id)}/query-history?limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`),
  feedback: (id, historyId, verdict, sql) =>
    request('POST', `${src(id)}/query-history/${enc(historyId)}/feedback`, sql ? { verdict, sql } : { verdict }),
  chat: (sourceId, message, signal) =>
    request('POST', '/api/v1/chat', { message, source_id: sourceId || null }, { signal, accept: 'text/event-stream' }),

  listExamples: (id) => request('GET', `${src(id)}/examples`),
  addExample: (id, question, sql) => request('POST', `${src(id)}/examples`, { question, sql }),
  deleteExample: (id, exampleId) => request('DELETE', `${src(id)}/examples/${enc(exampleId)}`),
  listGlossary: (id) => request('GET', `${src(id)}/glossary`),
  addTerm: (id, term) => request('POST', `${src(id)}/glossary`, term),
  deleteTerm: (id, termId) => request('DELETE', `${src(id)}/glossary/${enc(termId)}`),
  getInstructions: (id) => request('GET', `${src(id)}/instructions`),
  setInstructions: (id, instructions) => request('PUT', `${src(id)}/instructions`, { instructions }),
};
