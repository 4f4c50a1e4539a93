// Ask: a chat that streams answers (SQL, rows, text), with charts, feedback and SQL editing.
import { api, readEvents } from './api.js';
import { h, replace, append, notice, busy, badge, toast, messageOf, fmtNumber, field } from './dom.js';
import { sqlBlock } from './sql.js';
import { dataTable } from './table.js';
import { chartPanel } from './chart.js';

const conversations = new Map(); // source id → <ol> of turns, kept while the page lives

const SUGGESTIONS = {
  sample: ['How many orders per status?', 'Revenue per category', 'Revenue per month', 'Top 5 customers by revenue'],
};

export function confidenceBadge(c) {
  if (c === null || c === undefined) return null;
  const pct = Math.round(c * 100);
  const level = c >= 0.75 ? 'good' : c >= 0.5 ? 'warn' : 'bad';
  const word = c >= 0.75 ? 'High' : c >= 0.5 ? 'Medium' : 'Low';
  return h(`span.badge.confidence.${level}`, { title: `The generator's confidence: ${pct}%`, dataset: { confidence: String(c) } }, `${word} confidence · ${pct}%`);
}

export function resultView(result, { filename = 'result.csv' } = {}) {
  if (!result) return null;
  if (!result.success) return notice('error', result.error || 'The SQL did not run.');
  const columns = result.columns || [];
  const rows = result.data || [];
  const meta = h('p.result-meta',
    `${fmtNumber(result.row_count)} row${result.row_count === 1 ? '' : 's'} · ${fmtNumber(Math.round(result.execution_time_ms * 100) / 100)} ms`,
    result.truncated ? h('span.warn-text', ' · cut at 1,000 rows') : null);
  const chart = chartPanel(columns, rows);
  return h('div.result', meta, chart, dataTable({ columns, rows, pageSize: 10, filename, caption: 'Result rows' }));
}

export function askView(main, source) {
  let log = conversations.get(source.id);
  if (!log) {
    log = h('ol.chat-log', { 'aria-label': 'Conversation' });
    conversations.set(source.id, log);
  }
  const input = h('textarea.ask-input', { rows: '2', maxlength: '2000', placeholder: 'Ask a question about your data…', required: true });
  const send = h('button.btn.primary.ask-send', { type: 'submit' }, 'Ask');
  const form = h('form.composer', { novalidate: true },
    h('label.visually-hidden', { for: 'ask-input' }, 'Your question'),
    input, send);
  input.id = 'ask-input';
  const trained = source.trained_tables?.length || 0;
  const empty = h('div.ask-empty',
    h('h2', 'What would you like to know?'),
    h('p.muted', trained
      ? `Querent answers from the ${trained} trained table${trained === 1 ? '' : 's'} of “${source.name}”, shows the SQL it ran, and charts grouped results.`
      : 'No table of this source is trained yet: train some on the Tables page first.'),
    h('div.suggestions', (SUGGESTIONS[source.name] || []).map((q) => {
      const b = h('button.chip', { type: 'button' }, q);
      b.addEventListener('click', () => { input.value = q; input.focus(); });
      return b;
    })));
  const clearBtn = h('button.btn.ghost.small', { type: 'button' }, 'Clear conversation');
  clearBtn.addEventListener('click', () => { replace(log); syncEmpty(); input.focus(); });
  const syncEmpty = () => { empty.hidden = log.children.length > 0; clearBtn.hidden = log.children.length === 0; };

  main.append(h('div.page.ask-page',
    h('header.page-head',
      h('div', h('h1', 'Ask'), h('p.muted', `Questions about “${source.name}” in plain language.`)),
      clearBtn),
    empty, log, form));
  syncEmpty();

  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (!q) { input.focus(); return; }
    input.value = '';
    send.disabled = true;
    const turn = h('li.turn');
    log.append(turn);
    syncEmpty();
    try { await ask(source, q, turn); } finally {
      send.disabled = false;
      input.focus();
    }
  });
  setTimeout(() => input.focus(), 0);
  if (log.lastElementChild) log.lastElementChild.scrollIntoView({ block: 'end' });
}

async function ask(source, question, turn) {
  const answer = h('article.answer', { 'aria-busy': 'true', 'aria-label': `Answer to: ${question}` });
  const head = h('div.answer-head');
  const explanation = h('p.explanation');
  const sqlBox = h('div.answer-sql');
  const resultBox = h('div.answer-result');
  const text = h('p.answer-text');
  const actions = h('div.answer-actions');
  const status = h('div.answer-status', h('span.spinner', { 'aria-hidden': 'true' }), 'Thinking…');
  append(answer, head, explanation, sqlBox, resultBox, text, actions, status);
  append(turn, h('div.question', h('span.visually-hidden', 'You asked: '), question), answer);
  turn.scrollIntoView({ block: 'end', behavior: 'smooth' });

  let generation = null;
  let result = null;
  let historyId = null;
  let failed = false;
  try {
    const response = await api.chat(source.id, question);
    await readEvents(response, (name, data) => {
      if (name === 'sql') {
        generation = data;
        replace(head, confidenceBadge(data.confidence),
          data.generator ? badge(data.generator, 'muted') : null,
          (data.table_used || []).length ? h('span.muted.small', `Tables: ${data.table_used.join(', ')}`) : null);
        explanation.textContent = data.explanation || '';
        if (data.sql) replace(sqlBox, sqlBlock(data.sql));
        else replace(sqlBox, notice('warn', 'Querent could not write SQL for this question from the trained tables. Try naming a table or column, or train more tables.'));
        (data.safety_warnings || []).forEach((w) => sqlBox.append(notice('warn', w)));
        status.lastChild.textContent = 'Running the SQL…';
      } else if (name === 'rows') {
        result = data;
        replace(resultBox, resultView(data, { filename: `${slug(question)}.csv` }));
        status.lastChild.textContent = 'Writing the answer…';
      } else if (name === 'done') {
        if (data && data.history_id != null) historyId = data.history_id;
      } else if (name === 'token') {
        text.append(typeof data === 'object' ? data.text || '' : String(data));
      } else if (name === 'error') {
        failed = true;
        const err = data && (data.error || data);
        resultBox.append(notice('error', (err && err.message) || 'The answer failed.'));
      }
    });
  } catch (err) {
    failed = true;
    resultBox.append(notice('error', messageOf(err)));
  }
  answer.removeAttribute('aria-busy');
  status.remove();
  if (!text.textContent.trim()) text.remove();
  answer.dataset.state = failed ? 'error' : 'done';
  if (!generation || !generation.sql) return;

  // The chat's `done` event names the history entry that records this answer (what feedback names).
  const entry = historyId != null ? { id: historyId } : null;
  if (entry) answer.dataset.historyId = String(entry.id);
  replace(actions, feedbackBar(source, entry, generation, result, question));
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'result';
}

function feedbackBar(source, entry, generation, result, question) {
  const up = h('button.btn.small.vote', { type: 'button', 'aria-pressed': 'false', dataset: { verdict: 'up' }, disabled: !entry || !result?.success }, '▲ Correct');
  const down = h('button.btn.small.vote', { type: 'button', 'aria-pressed': 'false', dataset: { verdict: 'down' }, disabled: !entry }, '▼ Wrong');
  const edit = h('button.btn.small.ghost', { type: 'button', 'aria-expanded': 'false', dataset: { action: 'edit-sql' } }, 'Edit / correct SQL');
  const state = h('span.feedback-state', { 'aria-live': 'polite' });
  const panel = h('div.sql-editor', { hidden: true });
  up.title = 'The answer is right: keep it as a verified example';
  down.title = 'The answer is wrong';

  const mark = (verdict) => {
    up.setAttribute('aria-pressed', String(verdict === 'up'));
    down.setAttribute('aria-pressed', String(verdict === 'down'));
  };
  const vote = async (btn, verdict, sql) => {
    const r = await busy(btn, 'Sending…', () => api.feedback(source.id, entry.id, verdict, sql));
    mark(verdict);
    return r;
  };
  up.addEventListener('click', async () => {
    try {
      await vote(up, 'up');
      state.textContent = 'Thanks: kept as a verified example for this question.';
    } catch (err) { toast(messageOf(err), 'error'); }
  });
  down.addEventListener('click', async () => {
    try {
      await vote(down, 'down');
      state.textContent = 'Marked as wrong. Correct the SQL to teach Querent the right answer.';
      if (panel.hidden) edit.click();
    } catch (err) { toast(messageOf(err), 'error'); }
  });

  // The SQL editor: run edited SQL, or save it as the correction of this answer.
  const sqlInput = h('textarea.mono.sql-input', { rows: String(Math.min(10, Math.max(3, generation.sql.split('\n').length + 1))), spellcheck: 'false' });
  sqlInput.value = generation.sql;
  const run = h('button.btn.small', { type: 'button', dataset: { action: 'run-sql' } }, 'Run SQL');
  const save = h('button.btn.small.primary', { type: 'button', dataset: { action: 'save-correction' }, disabled: !entry }, 'Save as correction');
  const out = h('div.editor-out', { 'aria-live': 'polite' });
  append(panel,
    field('SQL', sqlInput, 'One read-only SELECT over trained tables. Run it to check, then save it as the right answer to this question.'),
    h('div.actions', run, save), out);
  edit.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    edit.setAttribute('aria-expanded', String(!panel.hidden));
    if (!panel.hidden) sqlInput.focus();
  });
  run.addEventListener('click', async () => {
    const sql = sqlInput.value.trim();
    if (!sql) { sqlInput.focus(); return; }
    try {
      const r = await busy(run, 'Running…', () => api.runSQL(source.id, sql));
      replace(out, resultView(r, { filename: `${slug(question)}-edited.csv` }));
    } catch (err) { replace(out, notice('error', messageOf(err))); }
  });
  save.addEventListener('click', async () => {
    const sql = sqlInput.value.trim();
    if (!sql) { sqlInput.focus(); return; }
    try {
      const r = await vote(save, 'down', sql);
      const exampleId = r?.feedback?.example_id;
      const msg = h('span', 'Correction saved. Querent is learning it…');
      replace(out, notice('success', msg));
      state.textContent = 'Corrected.';
      if (exampleId) watchExample(source, exampleId, msg, out);
    } catch (err) { replace(out, notice('error', messageOf(err))); }
  });

  return h('div.feedback',
    h('div.feedback-row', h('span.muted.small', 'Was this right?'), up, down, edit, state),
    panel);
}

// Follows a taught example until it is trained (or failed).
async function watchExample(source, exampleId, msg, out) {
  for (let i = 0; i < 60 && out.isConnected; i += 1) {
    await new Promise((r) => setTimeout(r, i < 5 ? 500 : 1500));
    try {
      const { examples } = await api.listExamples(source.id);
      const ex = (examples || []).find((x) => x.id === exampleId);
      if (!ex) return;
      if (ex.state === 'trained') {
        replace(out, notice('success', 'Learned: asking this question again uses your SQL.'));
        out.firstChild.dataset.learned = 'true';
        return;
      }
      if (ex.state === 'failed') {
        replace(out, notice('error', `The correction could not be trained: ${ex.error || 'unknown error'}`));
        return;
      }
    } catch (_) { /* try again */ }
  }
  msg.textContent = 'Correction saved. It will be used once it is trained.';
}
