// Knowledge: what the source was taught — examples, glossary, instructions.
import { api } from './api.js';
import { h, replace, field, notice, errorNotice, busy, badge, confirmDialog, toast, messageOf, fmtDate } from './dom.js';
import { highlight } from './sql.js';

const STATE_KIND = { trained: 'good', queued: 'warn', failed: 'bad' };

export function knowledgeView(main, source) {
  const tabs = [
    { id: 'examples', label: 'Examples', render: examplesPanel },
    { id: 'glossary', label: 'Glossary', render: glossaryPanel },
    { id: 'instructions', label: 'Instructions', render: instructionsPanel },
  ];
  const wanted = location.hash.split('/')[2];
  let active = tabs.find((t) => t.id === wanted) || tabs[0];
  const tablist = h('div.tabs', { role: 'tablist', 'aria-label': 'Knowledge' });
  const panel = h('section.card.tab-panel', { role: 'tabpanel', tabindex: '0' });
  let stop = null;

  const show = (t, focus) => {
    active = t;
    if (stop) { stop(); stop = null; }
    replace(tablist, tabs.map((x) => {
      const b = h('button.tab', { type: 'button', role: 'tab', id: `tab-${x.id}`, 'aria-selected': String(x === t), tabindex: x === t ? '0' : '-1', 'aria-controls': 'knowledge-panel' }, x.label);
      b.addEventListener('click', () => show(x, true));
      b.addEventListener('keydown', (e) => {
        const i = tabs.indexOf(x);
        if (e.key === 'ArrowRight') show(tabs[(i + 1) % tabs.length], true);
        if (e.key === 'ArrowLeft') show(tabs[(i + tabs.length - 1) % tabs.length], true);
      });
      return b;
    }));
    panel.id = 'knowledge-panel';
    panel.setAttribute('aria-labelledby', `tab-${t.id}`);
    replace(panel);
    stop = t.render(panel, source) || null;
    if (focus) tablist.querySelector('[aria-selected="true"]')?.focus();
  };

  main.append(h('div.page',
    h('header.page-head', h('div', h('h1', 'Knowledge'),
      h('p.muted', `What “${source.name}” was taught beyond its schema: verified examples, business terms and instructions.`))),
    tablist, panel));
  show(active, false);
  return () => { if (stop) stop(); };
}

function examplesPanel(panel, source) {
  const list = h('div.k-list', h('p.muted', 'Loading…'));
  const question = h('input', { type: 'text', maxlength: '2000', placeholder: 'How many orders were cancelled?' });
  const sql = h('textarea.mono', { rows: '3', spellcheck: 'false', placeholder: "SELECT count(*) FROM orders WHERE status = 'cancelled'" });
  const add = h('button.btn.primary', { type: 'submit' }, 'Add example');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form.k-form', { novalidate: true },
    h('h3', 'Teach an example'),
    field('Question', question), field('SQL that answers it', sql, 'Checked by the safety gate and run once before it is stored.'),
    status, h('div.actions', add));
  panel.append(h('p.muted', 'Verified question → SQL pairs. Querent answers similar questions with them once they are trained. Up-votes and corrections from the Ask page land here too.'), list, form);
  let timer = null;

  async function load() {
    clearTimeout(timer);
    try {
      const { examples } = await api.listExamples(source.id);
      if (!panel.isConnected) return;
      if (!examples.length) { replace(list, h('p.muted.empty-line', 'No examples yet.')); return; }
      replace(list, h('ul.k-items', examples.map((ex) => {
        const del = h('button.btn.small.danger-ghost', { type: 'button', 'aria-label': `Delete example: ${ex.question}` }, 'Delete');
        del.addEventListener('click', async () => {
          if (!await confirmDialog({ title: 'Delete this example?', message: `“${ex.question}” will no longer guide answers.`, confirm: 'Delete example' })) return;
          try { await api.deleteExample(source.id, ex.id); toast('Example deleted'); load(); } catch (err) { toast(messageOf(err), 'error'); }
        });
        return h('li.k-item', { dataset: { exampleId: ex.id, state: ex.state } },
          h('div.k-main',
            h('p.k-title', ex.question),
            h('pre.sql.small', h('code', highlight(ex.sql))),
            ex.error ? h('p.error-text.small', ex.error) : null,
            h('p.small.muted', badge(ex.state, STATE_KIND[ex.state] || 'muted'), ' ', badge(ex.origin, 'muted'),
              ex.history_id ? ` from history #${ex.history_id}` : '', ` · ${fmtDate(ex.created_at)}`)),
          h('div.k-actions', del));
      })));
      if (examples.some((e) => e.state === 'queued')) timer = setTimeout(load, 2000);
    } catch (err) { replace(list, errorNotice(err)); }
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!question.value.trim() || !sql.value.trim()) { replace(status, notice('error', 'Enter both a question and its SQL.')); return; }
    replace(status);
    try {
      await busy(add, 'Checking…', () => api.addExample(source.id, question.value.trim(), sql.value.trim()));
      question.value = ''; sql.value = '';
      toast('Example added; it is being trained.', 'success');
      load();
    } catch (err) { replace(status, errorNotice(err)); }
  });
  load();
  return () => clearTimeout(timer);
}

function glossaryPanel(panel, source) {
  const list = h('div.k-list', h('p.muted', 'Loading…'));
  const term = h('input', { type: 'text', maxlength: '100', placeholder: 'active customer' });
  const definition = h('textarea', { rows: '2', maxlength: '2000', placeholder: 'A customer who ordered in the last 90 days.' });
  const sql = h('input.mono', { type: 'text', maxlength: '2000', spellcheck: 'false', placeholder: "customers.status = 'active'" });
  const add = h('button.btn.primary', { type: 'submit' }, 'Add term');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form.k-form', { novalidate: true },
    h('h3', 'Define a term'),
    h('div.row2', field('Term', term), field('SQL (optional)', sql, 'An aggregate, a condition, a table or table.column.')),
    field('Definition', definition),
    status, h('div.actions', add));
  panel.append(h('p.muted', 'Business words and what they mean on this source. Terms with SQL become measures, filters or synonyms.'), list, form);

  async function load() {
    try {
      const { glossary } = await api.listGlossary(source.id);
      if (!glossary.length) { replace(list, h('p.muted.empty-line', 'No terms yet.')); return; }
      replace(list, h('ul.k-items', glossary.map((t) => {
        const del = h('button.btn.small.danger-ghost', { type: 'button', 'aria-label': `Delete term ${t.term}` }, 'Delete');
        del.addEventListener('click', async () => {
          if (!await confirmDialog({ title: `Delete “${t.term}”?`, message: 'Questions will no longer use this term.', confirm: 'Delete term' })) return;
          try { await api.deleteTerm(source.id, t.id); toast('Term deleted'); load(); } catch (err) { toast(messageOf(err), 'error'); }
        });
        return h('li.k-item',
          h('div.k-main', h('p.k-title', t.term), h('p', t.definition),
            t.sql ? h('pre.sql.small', h('code', highlight(t.sql))) : null),
          h('div.k-actions', del));
      })));
    } catch (err) { replace(list, errorNotice(err)); }
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!term.value.trim() || !definition.value.trim()) { replace(status, notice('error', 'Enter a term and its definition.')); return; }
    replace(status);
    const body = { term: term.value.trim(), definition: definition.value.trim() };
    if (sql.value.trim()) body.sql = sql.value.trim();
    try {
      await busy(add, 'Checking…', () => api.addTerm(source.id, body));
      term.value = ''; definition.value = ''; sql.value = '';
      toast('Term added', 'success');
      load();
    } catch (err) { replace(status, errorNotice(err)); }
  });
  load();
}

function instructionsPanel(panel, source) {
  const text = h('textarea', { rows: '8', maxlength: '10000', placeholder: 'Amounts are in EUR, VAT included. Weeks start on Monday.' });
  const save = h('button.btn.primary', { type: 'submit' }, 'Save instructions');
  const status = h('div', { 'aria-live': 'polite' });
  const form = h('form.k-form', { novalidate: true },
    field('Instructions for the LLM generator', text, 'Free text added to the prompt of every question on this source (up to 10,000 characters). Leave empty to clear.'),
    status, h('div.actions', save));
  panel.append(form);
  text.disabled = true;
  api.getInstructions(source.id)
    .then((r) => { text.value = r.instructions || ''; text.disabled = false; })
    .catch((err) => replace(status, errorNotice(err)));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await busy(save, 'Saving…', () => api.setInstructions(source.id, text.value));
      text.value = r.instructions || '';
      replace(status, notice('success', r.instructions ? 'Instructions saved.' : 'Instructions cleared.'));
    } catch (err) { replace(status, errorNotice(err)); }
  });
}
