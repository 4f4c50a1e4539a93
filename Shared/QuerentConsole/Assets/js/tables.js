// Tables: the live listing with training state, training with live progress, a table's schema.
import { api, readEvents } from './api.js';
import { h, replace, notice, errorNotice, busy, badge, toast, messageOf, fmtNumber, fmtDate, field, confirmDialog } from './dom.js';
import { dataTable } from './table.js';
import { loadSources } from './state.js';

const STAGE_LABEL = {
  queued: 'Queued', started: 'Started', fetch: 'Reading schema', analyze: 'Analysing',
  vectorize: 'Indexing', model: 'Updating model', complete: 'Trained', failed: 'Failed',
};

export function tablesView(main, source) {
  const controller = new AbortController();
  let tables = [];
  const selected = new Set();
  const progress = new Map(); // table → {progress, stage, state, error, job, at}
  let openTable = null;
  let pollTimer = null;

  const listBox = h('div.tables-box', h('p.muted', 'Loading tables…'));
  const detail = h('section.card.schema-detail', { hidden: true, 'aria-live': 'polite' });
  const trainBtn = h('button.btn.primary', { type: 'button', disabled: true }, 'Train selected');
  const untrainBtn = h('button.btn', { type: 'button', disabled: true }, 'Untrain selected');
  const refreshBtn = h('button.btn.ghost', { type: 'button' }, 'Refresh');
  const selCount = h('span.muted.sel-count', '');
  const streamState = h('span.stream-state', { title: 'Live training events' });

  main.append(h('div.page',
    h('header.page-head',
      h('div', h('h1', 'Tables'), h('p.muted', `Pick the tables of “${source.name}” Querent should learn. Training reads their schemas, never their data.`)),
      streamState),
    h('section.card', { 'aria-label': 'Tables of the source' },
      h('div.toolbar', trainBtn, untrainBtn, selCount, h('span.spacer'), refreshBtn),
      listBox),
    detail));

  const syncToolbar = () => {
    trainBtn.disabled = selected.size === 0;
    untrainBtn.disabled = ![...selected].some((t) => tables.find((x) => x.name === t)?.trained);
    selCount.textContent = selected.size ? `${selected.size} selected` : '';
  };

  function progressCell(t) {
    const p = progress.get(t.name);
    if (!p) {
      return t.trained ? badge('Trained', 'good') : badge('Not trained', 'muted');
    }
    const pct = Math.max(0, Math.min(100, p.progress ?? 0));
    const failed = p.state === 'failed' || p.stage === 'failed';
    const done = !failed && pct >= 100;
    const bar = h(`div.progress-bar${failed ? '.failed' : done ? '.done' : ''}`);
    bar.style.width = `${failed ? Math.max(pct, 4) : pct}%`;
    const label = failed ? 'Failed' : (STAGE_LABEL[p.stage] || p.stage || 'Queued');
    return h('div.progress-cell', { dataset: { table: t.name, progress: String(pct), state: failed ? 'failed' : done ? 'done' : 'running' } },
      h('div.progress', {
        role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct),
        'aria-label': `Training ${t.name}`, 'aria-valuetext': `${label}, ${pct}%`,
      }, bar),
      h('div.progress-text', h('span', label), h('span.pct', `${pct}%`)),
      failed && p.error ? h('div.progress-error', { role: 'alert' }, p.error) : null);
  }

  function renderList() {
    if (!tables.length) { replace(listBox, h('p.muted', 'This database has no tables or views.')); return; }
    const all = h('input', { type: 'checkbox', 'aria-label': 'Select all tables', checked: selected.size === tables.length });
    all.indeterminate = selected.size > 0 && selected.size < tables.length;
    all.addEventListener('change', () => {
      if (all.checked) tables.forEach((t) => selected.add(t.name)); else selected.clear();
      renderList();
    });
    const rows = tables.map((t) => {
      const cb = h('input', { type: 'checkbox', checked: selected.has(t.name), 'aria-label': `Select ${t.name}`, dataset: { table: t.name } });
      cb.addEventListener('change', () => { if (cb.checked) selected.add(t.name); else selected.delete(t.name); syncToolbar(); all.checked = selected.size === tables.length; all.indeterminate = selected.size > 0 && selected.size < tables.length; });
      const open = h('button.link', { type: 'button', 'aria-expanded': String(openTable === t.name), dataset: { open: t.name } }, t.name);
      open.addEventListener('click', () => showSchema(t.name));
      return h(`tr${openTable === t.name ? '.is-open' : ''}`, { dataset: { table: t.name } },
        h('td.check', cb),
        h('th', { scope: 'row' }, open),
        h('td', h('span.kind', t.kind.replace('_', ' '))),
        h('td.num', t.row_estimate === null || t.row_estimate === undefined ? '—' : fmtNumber(t.row_estimate)),
        h('td.status', progressCell(t)));
    });
    replace(listBox, h('div.table-scroll', h('table.grid.tables-table',
      h('thead', h('tr',
        h('th.check', { scope: 'col' }, all),
        h('th', { scope: 'col' }, 'Table'),
        h('th', { scope: 'col' }, 'Kind'),
        h('th.num', { scope: 'col' }, 'Rows (est.)'),
        h('th.status', { scope: 'col' }, 'Training'))),
      h('tbody', rows))));
    syncToolbar();
  }

  async function loadTables() {
    try {
      const r = await api.listTables(source.id);
      tables = r.tables || [];
      for (const name of [...selected]) if (!tables.some((t) => t.name === name)) selected.delete(name);
      renderList();
    } catch (err) {
      replace(listBox, errorNotice(err));
    }
  }

  // Live progress from the training-events stream.
  function applyEvent(name, ev) {
    if (!ev || typeof ev !== 'object' || !ev.table_name || ev.table_name === '*') return;
    const current = progress.get(ev.table_name);
    if (current && current.job && ev.job_id && ev.job_id !== current.job) return;
    const t = tables.find((x) => x.name === ev.table_name);
    if (name === 'schema.untrained') {
      if (t) t.trained = false;
      progress.delete(ev.table_name);
    } else if (name === 'schema.trained') {
      if (t) t.trained = true;
      progress.set(ev.table_name, { ...(current || {}), progress: 100, stage: 'complete', state: 'completed', error: null, at: Date.now() });
    } else if (name === 'training.progress') {
      if (!current) return; // only jobs started from this page get a bar
      const next = { ...current, progress: ev.progress ?? current.progress, stage: ev.stage || current.stage, state: ev.state || current.state, error: ev.error || null, at: Date.now() };
      if (current.progress >= 100 && next.progress < 100 && next.state !== 'failed') return;
      progress.set(ev.table_name, next);
      if (next.state === 'completed' && t) t.trained = true;
    } else return;
    renderList();
    maybeFinished();
  }

  let finishedTimer = null;
  function maybeFinished() {
    const running = [...progress.values()].some((p) => p.state !== 'completed' && p.state !== 'failed' && (p.progress ?? 0) < 100);
    if (!running) {
      clearTimeout(finishedTimer);
      finishedTimer = setTimeout(() => { loadSources().catch(() => {}); }, 300);
    }
  }

  async function stream() {
    let backoff = 1000;
    while (!controller.signal.aborted) {
      try {
        const response = await api.trainingEvents(source.id, controller.signal);
        streamState.textContent = '● Live';
        streamState.className = 'stream-state live';
        backoff = 1000;
        await readEvents(response, applyEvent);
      } catch (err) {
        if (controller.signal.aborted || err.name === 'AbortError') return;
        if (err.status === 401 || err.status === 404) return;
      }
      if (controller.signal.aborted) return;
      streamState.textContent = '○ Reconnecting…';
      streamState.className = 'stream-state off';
      await new Promise((r) => setTimeout(r, backoff));
      backoff = Math.min(backoff * 2, 15000);
    }
  }

  // A safety net: a job with no event for a while is asked for its status.
  function poll() {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(async () => {
      const stale = [...progress.entries()].filter(([, p]) => p.state !== 'completed' && p.state !== 'failed' && Date.now() - (p.at || 0) > 2500);
      for (const [table, p] of stale) {
        try {
          const st = await api.trainingStatus(source.id, table);
          if (p.job && st.job_id !== p.job) continue;
          applyEvent(st.state === 'completed' ? 'schema.trained' : 'training.progress', { ...st, table_name: table });
          const q = progress.get(table);
          if (q) q.at = Date.now();
        } catch (_) { /* keep waiting for events */ }
      }
      if (!controller.signal.aborted && [...progress.values()].some((q) => q.state !== 'completed' && q.state !== 'failed')) poll();
    }, 2500);
  }

  trainBtn.addEventListener('click', async () => {
    const names = [...selected];
    if (!names.length) return;
    // Bars first: events may arrive before the answer (the stream is already open).
    for (const name of names) progress.set(name, { progress: 0, stage: 'queued', state: 'queued', error: null, job: null, at: Date.now() });
    renderList();
    try {
      const r = await busy(trainBtn, 'Queuing…', () => api.train(source.id, names));
      for (const job of r.jobs || []) {
        const prior = progress.get(job.table);
        if (prior) prior.job = job.job_id;
        else progress.set(job.table, { progress: 0, stage: 'queued', state: 'queued', error: null, job: job.job_id, at: Date.now() });
      }
      toast(`Training ${names.length} table${names.length === 1 ? '' : 's'}…`);
      renderList();
      poll();
    } catch (err) {
      for (const name of names) if (!progress.get(name)?.job) progress.delete(name);
      renderList();
      toast(messageOf(err), 'error');
    }
  });

  untrainBtn.addEventListener('click', async () => {
    const names = [...selected].filter((t) => tables.find((x) => x.name === t)?.trained);
    if (!names.length) return;
    const yes = await confirmDialog({
      title: `Untrain ${names.length} table${names.length === 1 ? '' : 's'}?`,
      message: `Questions will no longer read ${names.join(', ')}. You can train ${names.length === 1 ? 'it' : 'them'} again at any time.`,
      confirm: 'Untrain',
    });
    if (!yes) return;
    await busy(untrainBtn, 'Untraining…', async () => {
      for (const name of names) {
        try {
          await api.untrain(source.id, name);
          progress.delete(name);
          const t = tables.find((x) => x.name === name);
          if (t) t.trained = false;
        } catch (err) { toast(`${name}: ${messageOf(err)}`, 'error'); }
      }
    });
    renderList();
    loadSources().catch(() => {});
  });

  refreshBtn.addEventListener('click', () => busy(refreshBtn, 'Refreshing…', loadTables));

  async function showSchema(name, refresh = false) {
    openTable = name;
    renderList();
    detail.hidden = false;
    replace(detail, h('p.muted', `Loading the schema of ${name}…`));
    let r;
    try {
      r = await api.tableSchema(source.id, name, refresh);
    } catch (err) {
      replace(detail, h('div.detail-head', h('h2', name), closeButton()), errorNotice(err));
      return;
    }
    if (openTable !== name) return;
    renderSchema(r);
    detail.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  function closeButton() {
    const b = h('button.btn.ghost.small', { type: 'button', 'aria-label': 'Close the schema' }, 'Close');
    b.addEventListener('click', () => {
      const name = openTable;
      openTable = null; detail.hidden = true; renderList();
      listBox.querySelector(`button[data-open="${CSS.escape(name)}"]`)?.focus();
    });
    return b;
  }

  function renderSchema(r) {
    const s = r.schema;
    const name = s.table_name;
    const desc = h('textarea', { rows: '3', maxlength: '10000', placeholder: 'What this table means to the business: what a row is, units, caveats…' });
    desc.value = s.business_description || '';
    const save = h('button.btn.primary.small', { type: 'button' }, 'Save description');
    const saveStatus = h('span.save-status', { 'aria-live': 'polite' });
    save.addEventListener('click', async () => {
      try {
        await busy(save, 'Saving…', () => api.setBusinessContext(source.id, name, desc.value));
        saveStatus.textContent = r.is_trained ? 'Saved. It reaches answers at the next training.' : 'Saved.';
      } catch (err) { saveStatus.textContent = ''; toast(messageOf(err), 'error'); }
    });
    const reload = h('button.btn.ghost.small', { type: 'button' }, 'Re-read schema');
    reload.addEventListener('click', () => showSchema(name, true));

    const cols = h('table.grid.compact',
      h('thead', h('tr', ['Column', 'Type', 'Null', 'Key', 'Default', 'Notes'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', s.columns.map((c) => h('tr',
        h('th', { scope: 'row' }, h('span.mono', c.name)),
        h('td.mono', c.type),
        h('td', c.nullable ? 'yes' : h('span.muted', 'no')),
        h('td', c.primary_key ? badge('PK', 'accent') : null,
          c.foreign_key ? badge(`→ ${c.foreign_key.references_table}.${c.foreign_key.references_column}`, 'blue') : null),
        h('td.mono.small', c.default ?? ''),
        h('td.small', c.description || (s.value_profile?.[c.name] ? `values: ${s.value_profile[c.name].slice(0, 8).join(', ')}${s.value_profile[c.name].length > 8 ? '…' : ''}` : ''))))));

    const rel = s.relationships.length
      ? h('ul.plain', s.relationships.map((x) => h('li', h('span.mono', `${x.columns.join(', ')} → ${x.references_table}(${x.references_columns.join(', ')})`),
        x.inferred ? badge('inferred', 'muted') : null, x.name ? h('span.muted.small', ` ${x.name}`) : null)))
      : h('p.muted.small', 'None declared.');
    const idx = s.indexes.length
      ? h('ul.plain', s.indexes.map((x) => h('li', h('span.mono', `${x.name} (${x.columns.join(', ')})`),
        x.primary ? badge('primary', 'accent') : x.unique ? badge('unique', 'blue') : null)))
      : h('p.muted.small', 'No indexes.');
    const uniq = (s.unique_constraints || []).length
      ? h('ul.plain', s.unique_constraints.map((u) => h('li.mono', `${u.name ? u.name + ': ' : ''}${u.columns.join(', ')}`)))
      : null;
    const sampleRows = s.sample_data || [];
    const sample = sampleRows.length
      ? dataTable({ columns: s.columns.map((c) => c.name).filter((c) => sampleRows.some((r0) => c in r0)), rows: sampleRows, pageSize: 5, csv: false, caption: `Sample rows of ${name}` })
      : h('p.muted.small', 'No sample rows.');

    replace(detail,
      h('div.detail-head',
        h('div', h('h2', name),
          h('p.muted.small', `${s.kind.replace('_', ' ')}${s.row_estimate != null ? ` · about ${fmtNumber(s.row_estimate)} rows` : ''} · `,
            r.is_trained ? 'trained' : 'not trained', ` · updated ${fmtDate(r.updated_at)}`)),
        h('div.actions', reload, closeButton())),
      s.description ? h('p.table-comment', s.description) : null,
      h('div.desc-edit', field('Business description', desc, 'Kept across re-reads and retraining.'), h('div.actions', saveStatus, save)),
      h('h3', 'Columns'), h('div.table-scroll', cols),
      h('div.two-col',
        h('div', h('h3', 'Relationships'), rel),
        h('div', h('h3', 'Indexes'), idx, uniq ? h('h3', 'Unique constraints') : null, uniq)),
      h('h3', 'Sample rows'), sample);
  }

  stream();
  loadTables();
  return () => {
    controller.abort();
    clearTimeout(pollTimer);
    clearTimeout(finishedTimer);
  };
}
