// The console shell: sign-in, navigation, source picker and the hash router.
import { api, getToken, setToken, clearToken, setUnauthorizedHandler } from './api.js';
import { h, replace, field, notice, messageOf, busy, toast } from './dom.js';
import { state, loadSources, selectSource, onSourcesChanged } from './state.js';
import { sourcesView } from './sources.js';
import { tablesView } from './tables.js';
import { askView } from './ask.js';
import { historyView } from './history.js';
import { knowledgeView } from './knowledge.js';

const ROUTES = [
  { path: 'ask', label: 'Ask', icon: '?', view: askView, needsSource: true },
  { path: 'tables', label: 'Tables', icon: '▦', view: tablesView, needsSource: true },
  { path: 'history', label: 'History', icon: '↺', view: historyView, needsSource: true },
  { path: 'knowledge', label: 'Knowledge', icon: '✎', view: knowledgeView, needsSource: true },
  { path: 'sources', label: 'Sources', icon: '⛁', view: sourcesView, needsSource: false },
];

const root = document.getElementById('app');
let cleanup = null;
let signInMessage = null;

setUnauthorizedHandler((err) => {
  if (!getToken()) return;
  clearToken();
  signInMessage = `You were signed out: ${err.message}`;
  renderSignIn();
});

function currentRoute() {
  const path = (location.hash.replace(/^#\/?/, '').split('/')[0]) || 'ask';
  return ROUTES.find((r) => r.path === path) || ROUTES[0];
}

// ---------------------------------------------------------------- sign-in

async function renderSignIn() {
  if (cleanup) { cleanup(); cleanup = null; }
  document.title = 'Sign in · Querent';
  const status = h('div.signin-status');
  const tokenInput = h('textarea', { rows: '4', spellcheck: 'false', autocomplete: 'off', placeholder: 'eyJhbGciOiJIUzI1NiIs…', required: true });
  const remember = h('input', { type: 'checkbox', id: 'remember' });
  const submit = h('button.btn.primary.wide', { type: 'submit' }, 'Sign in with token');
  const form = h('form.signin-form', { novalidate: true },
    field('Access token', tokenInput, 'A bearer token (JWT) for your user and agent, such as one printed by querent token.'),
    h('div.check-row', remember, h('label', { for: 'remember' }, 'Keep me signed in on this device')),
    submit);
  const localBox = h('div.local-box');
  const card = h('main.signin-card', { id: 'main' },
    h('div.brand.large', h('span.logo', { 'aria-hidden': 'true' }), h('span', 'Querent')),
    h('h1', 'Sign in to the console'),
    h('p.muted', 'Ask questions about your databases in plain language.'),
    status, localBox, form);
  replace(root, h('div.signin', card));
  root.classList.add('is-signin');
  if (signInMessage) { status.append(notice('warn', signInMessage)); signInMessage = null; }

  const finish = async (token, rememberIt) => {
    setToken(token, rememberIt);
    try {
      await loadSources();
    } catch (err) {
      clearToken();
      replace(status, notice('error', messageOf(err)));
      return;
    }
    root.classList.remove('is-signin');
    if (!location.hash) location.hash = '#/ask';
    renderShell();
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    if (!token) { replace(status, notice('error', 'Paste a token first.')); tokenInput.focus(); return; }
    busy(submit, 'Signing in…', () => finish(token, remember.checked));
  });

  try {
    const config = await api.consoleConfig();
    if (config && config.local_sign_in) {
      const btn = h('button.btn.primary.wide.local-sign-in', { type: 'button' }, 'Sign in locally');
      btn.addEventListener('click', () => busy(btn, 'Signing in…', async () => {
        try {
          const { token } = await api.localSignIn();
          await finish(token, false);
        } catch (err) { replace(status, notice('error', messageOf(err))); }
      }));
      submit.classList.remove('primary');
      replace(localBox, btn,
        h('p.hint.center', 'This server runs locally with a demo tenant; no token needed.'),
        h('div.divider', h('span', 'or use a token')));
    }
  } catch (_) { /* no local sign-in offered */ }
}

// ---------------------------------------------------------------- shell

let shell = null;

function renderShell() {
  const picker = h('select', { id: 'source-picker' });
  const nav = h('nav.nav', { 'aria-label': 'Main' });
  const signOut = h('button.btn.ghost.small.sign-out', { type: 'button' }, 'Sign out');
  signOut.addEventListener('click', () => {
    clearToken();
    toast('Signed out');
    renderSignIn();
  });
  picker.addEventListener('change', () => selectSource(picker.value));
  const main = h('main.main', { id: 'main', tabindex: '-1' });
  const side = h('aside.sidebar',
    h('div.brand', h('span.logo', { 'aria-hidden': 'true' }), h('span', 'Querent')),
    h('div.source-pick', h('label', { for: 'source-picker' }, 'Source'), picker),
    nav,
    h('div.side-foot', signOut));
  replace(root, h('div.layout', side, main));
  shell = { picker, nav, main };
  renderPicker();
  route();
}

function renderPicker() {
  if (!shell) return;
  const { picker } = shell;
  replace(picker, state.sources.length
    ? state.sources.map((s) => h('option', { value: s.id, selected: s.id === state.sourceId }, `${s.name} (${s.dialect})`))
    : h('option', { value: '' }, 'No sources yet'));
  picker.disabled = !state.sources.length;
}

function renderNav(active) {
  replace(shell.nav, ROUTES.map((r) => h('a.nav-link', {
    href: `#/${r.path}`,
    'aria-current': r === active ? 'page' : null,
  }, h('span.nav-icon', { 'aria-hidden': 'true' }, r.icon), h('span', r.label))));
}

function route() {
  if (!getToken()) { renderSignIn(); return; }
  if (!shell || !document.body.contains(shell.main)) { renderShell(); return; }
  const r = currentRoute();
  renderNav(r);
  if (cleanup) { cleanup(); cleanup = null; }
  const { main } = shell;
  routedSource = state.sourceId;
  replace(main);
  document.title = `${r.label} · Querent`;
  if (r.needsSource && !state.source) {
    main.append(h('div.page',
      h('header.page-head', h('h1', r.label)),
      h('div.empty-state', h('h2', 'No source selected'),
        h('p', 'Add a database on the Sources page to get started.'),
        h('a.btn.primary', { href: '#/sources' }, 'Go to Sources'))));
    return;
  }
  try {
    const result = r.view(main, state.source);
    cleanup = typeof result === 'function' ? result : null;
  } catch (err) {
    main.append(notice('error', messageOf(err)));
  }
}

// A refreshed list (trained counts…) only redraws the picker; another source, or the Sources
// page itself, redraws the view.
let routedSource = null;
onSourcesChanged(() => {
  if (!shell) return;
  renderPicker();
  const r = currentRoute();
  if (r.path === 'sources' || (r.needsSource && state.sourceId !== routedSource)) route();
});

window.addEventListener('hashchange', () => {
  route();
  shell?.main?.focus({ preventScroll: true });
});

window.addEventListener('unhandledrejection', (e) => {
  const err = e.reason;
  if (err && err.name === 'AbortError') return;
  toast(messageOf(err), 'error');
});

async function start() {
  if (!getToken()) { renderSignIn(); return; }
  try {
    await loadSources();
    renderShell();
  } catch (err) {
    if (getToken()) {
      replace(root, h('main.page', { id: 'main' }, notice('error', messageOf(err)),
        h('button.btn', { type: 'button', onclick: () => location.reload() }, 'Retry')));
    }
  }
}

start();
