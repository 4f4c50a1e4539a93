// Sources: list, add (with a connection test), delete.
import { api } from './api.js';
import { h, replace, field, notice, errorNotice, busy, confirmDialog, fmtDate, badge, toast, messageOf } from './dom.js';
import { state, loadSources, selectSource } from './state.js';

const PLACEHOLDER = {
  sqlite: '/absolute/path/to/database.sqlite',
  postgres: 'postgres://readonly:secret@db.internal:5432/shop?sslmode=require',
  mysql: 'mysql://readonly:secret@db.internal:3306/shop?sslmode=require',
};
const HINT = {
  sqlite: 'The absolute path of the SQLite file, as the Querent server sees it.',
  postgres: 'A postgres:// URL or a libpq key=value string. A read-only user is best.',
  mysql: 'A mysql:// URL (MySQL or MariaDB) or key=value pairs (host, port, user, password, dbname, sslmode). A read-only user is best.',
};

export function sourcesView(main) {
  const list = h('div.source-list');
  const page = h('div.page',
    h('header.page-head',
      h('div', h('h1', 'Sources'), h('p.muted', 'The databases Querent may read. Credentials are stored encrypted and never shown again.'))),
    h('section.card', { 'aria-labelledby': 'src-list-h' },
      h('h2', { id: 'src-list-h' }, 'Your sources'),
      list),
    addForm());
  main.append(page);
  renderList(list);
}

function renderList(list) {
  if (!state.sources.length) {
    replace(list, h('p.muted', 'No sources yet. Add one below.'));
    return;
  }
  const rows = state.sources.map((s) => {
    const use = h('button.btn.small', { type: 'button', disabled: s.id === state.sourceId }, s.id === state.sourceId ? 'Selected' : 'Use');
    use.addEventListener('click', () => { selectSource(s.id); toast(`Now working on “${s.name}”`); });
    const del = h('button.btn.small.danger-ghost', { type: 'button', 'aria-label': `Delete source ${s.name}` }, 'Delete');
    del.addEventListener('click', async () => {
      const yes = await confirmDialog({
        title: `Delete “${s.name}”?`,
        message: 'Querent forgets this source: its cached schemas, training, semantic model, examples, glossary and instructions. The database itself is not touched.',
        confirm: 'Delete source',
      });
      if (!yes) return;
      try {
        await busy(del, 'Deleting…', () => api.deleteSource(s.id));
        toast(`Deleted “${s.name}”`);
        await loadSources();
      } catch (err) { toast(messageOf(err), 'error'); }
    });
    const trained = s.trained_tables?.length || 0;
    return h('tr', { dataset: { sourceId: s.id } },
      h('th', { scope: 'row' }, h('span.strong', s.name), s.id === state.sourceId ? badge('current', 'accent') : null),
      h('td', badge(s.dialect, { postgres: 'blue', mysql: 'accent' }[s.dialect] || 'teal')),
      h('td.mono.wrap', s.connection_summary),
      h('td.num', `${trained} trained`),
      h('td.nowrap', fmtDate(s.created_at)),
      h('td.actions', use, del));
  });
  replace(list, h('div.table-scroll', h('table.grid.sources-table',
    h('thead', h('tr', ['Name', 'Dialect', 'Connection', 'Tables', 'Added', ''].map((t, i) =>
      h(`th${i === 3 ? '.num' : ''}`, { scope: 'col' }, t ? t : h('span.visually-hidden', 'Actions'))))),
    h('tbody', rows))));
}

function addForm() {
  const name = h('input', { type: 'text', name: 'name', required: true, maxlength: '200', autocomplete: 'off', placeholder: 'e.g. shop' });
  const dialect = h('select', { name: 'dialect' },
    h('option', { value: 'sqlite' }, 'SQLite'),
    h('option', { value: 'postgres' }, 'PostgreSQL'),
    h('option', { value: 'mysql' }, 'MySQL / MariaDB'));
  const conn = h('input', { type: 'text', name: 'connection', required: true, spellcheck: 'false', autocomplete: 'off', class: 'mono' });
  const connField = field('Connection', conn, HINT.sqlite);
  const hint = connField.querySelector('.hint');
  const syncDialect = () => {
    conn.placeholder = PLACEHOLDER[dialect.value];
    hint.textContent = HINT[dialect.value];
  };
  dialect.addEventListener('change', syncDialect);
  syncDialect();
  const status = h('div.form-status', { 'aria-live': 'polite' });
  const test = h('button.btn', { type: 'button' }, 'Test connection');
  const add = h('button.btn.primary', { type: 'submit' }, 'Add source');
  const form = h('form.card.form-grid', { 'aria-labelledby': 'src-add-h', novalidate: true },
    h('h2', { id: 'src-add-h' }, 'Add a source'),
    h('div.row2', field('Name', name), field('Dialect', dialect)),
    connField,
    status,
    h('div.actions', test, add));

  const body = () => ({ name: name.value.trim(), dialect: dialect.value, connection: conn.value.trim() });
  const check = (needName) => {
    if (needName && !name.value.trim()) { replace(status, notice('error', 'Give the source a name.')); name.focus(); return false; }
    if (!conn.value.trim()) { replace(status, notice('error', 'Enter the connection.')); conn.focus(); return false; }
    return true;
  };
  test.addEventListener('click', async () => {
    if (!check(false)) return;
    replace(status);
    try {
      const { dialect: d, connection } = body();
      const r = await busy(test, 'Testing…', () => api.testConnection({ dialect: d, connection }));
      replace(status, notice('success', `Connection works: ${r.table_count} table${r.table_count === 1 ? '' : 's'} and views visible.`));
    } catch (err) { replace(status, errorNotice(err)); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!check(true)) return;
    replace(status);
    try {
      const created = await busy(add, 'Adding…', () => api.createSource(body()));
      toast(`Added “${created.name}”. Train its tables next.`, 'success');
      localStorage.setItem('querent.source', created.id);
      state.sourceId = created.id;
      await loadSources();
      location.hash = '#/tables';
    } catch (err) { replace(status, errorNotice(err)); }
  });
  return form;
}
