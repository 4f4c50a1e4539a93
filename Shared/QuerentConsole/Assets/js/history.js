// History: past questions and SQL of the source, newest first, with their feedback.
import { api } from './api.js';
import { h, replace, append, errorNotice, busy, badge, fmtDate, fmtNumber, toast, messageOf } from './dom.js';
import { highlight } from './sql.js';
import { confidenceBadge, resultView } from './ask.js';

function feedbackBadge(fb) {
  if (!fb) return h('span.muted.small', '—');
  if (fb.verdict === 'up') return badge('▲ Up-voted', 'good');
  return badge(fb.sql ? '▼ Corrected' : '▼ Down-voted', 'bad');
}

export function historyView(main, source) {
  const body = h('div.history-list');
  const more = h('button.btn', { type: 'button', hidden: true }, 'Load older');
  const refresh = h('button.btn.ghost.small', { type: 'button' }, 'Refresh');
  let cursor = null;
  let count = 0;

  main.append(h('div.page',
    h('header.page-head',
      h('div', h('h1', 'History'), h('p.muted', `Questions and SQL run on “${source.name}”, newest first.`)),
      refresh),
    h('section.card', body, h('div.center', more))));

  function entryView(e) {
    const details = h('details.history-entry', { dataset: { historyId: String(e.id) } });
    const summary = h('summary',
      h('span.h-when', fmtDate(e.created_at)),
      h('span.h-what', e.question ? e.question : h('span.mono.small', e.sql.length > 90 ? `${e.sql.slice(0, 90)}…` : e.sql)),
      h('span.h-tags',
        e.generator === 'sql' ? badge('SQL', 'muted') : confidenceBadge(e.confidence),
        e.success ? badge(`${fmtNumber(e.row_count)} row${e.row_count === 1 ? '' : 's'}`, 'muted') : badge('failed', 'bad'),
        e.generator === 'sql' ? null : feedbackBadge(e.feedback)));
    const rerun = h('button.btn.small', { type: 'button' }, 'Run again');
    const out = h('div');
    rerun.addEventListener('click', async () => {
      try {
        const r = await busy(rerun, 'Running…', () => api.runSQL(source.id, e.sql));
        replace(out, resultView(r, { filename: `history-${e.id}.csv` }));
      } catch (err) { toast(messageOf(err), 'error'); }
    });
    append(details, summary, h('div.history-body',
      h('pre.sql', h('code', highlight(e.sql))),
      e.error ? h('p.error-text', e.error) : null,
      e.feedback?.sql ? h('div', h('p.small.muted', 'Corrected SQL:'), h('pre.sql', h('code', highlight(e.feedback.sql)))) : null,
      h('p.small.muted', `${e.generator} · ${fmtNumber(Math.round(e.execution_time_ms * 100) / 100)} ms · #${e.id}`),
      h('div.actions.left', rerun), out));
    return details;
  }

  async function load(reset) {
    if (reset) { cursor = null; count = 0; replace(body, h('p.muted', 'Loading…')); }
    try {
      const page = await api.history(source.id, cursor, 25);
      if (reset) replace(body);
      (page.history || []).forEach((e) => body.append(entryView(e)));
      count += (page.history || []).length;
      if (!count) replace(body, h('p.muted', 'Nothing asked yet. Questions asked on the Ask page appear here.'));
      cursor = page.next_cursor || null;
      more.hidden = !cursor || !(page.history || []).length;
    } catch (err) {
      if (reset) replace(body, errorNotice(err)); else toast(messageOf(err), 'error');
    }
  }
  more.addEventListener('click', () => busy(more, 'Loading…', () => load(false)));
  refresh.addEventListener('click', () => busy(refresh, 'Refreshing…', () => load(true)));
  load(true);
}
