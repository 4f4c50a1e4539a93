// Result table: sortable headers (buttons), pagination, CSV download.
import { h, replace, fmtCell } from './dom.js';

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function toCSV(columns, rows) {
  const cell = (v) => {
    if (v === null || v === undefined) return '';
    const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

export function downloadCSV(columns, rows, filename) {
  const blob = new Blob([toCSV(columns, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

const isNumeric = (rows, c) => rows.some((r) => typeof r[c] === 'number') &&
  rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number');

export function dataTable({ columns, rows, pageSize = 10, filename = 'result.csv', caption, csv = true }) {
  let sortCol = null;
  let sortDir = 1;
  let page = 0;
  // Years and ids read wrong with thousands separators, and are labels rather than amounts.
  const plainCols = new Set(columns.filter((c) => /year|(^|_)id$|^id$/i.test(c)));
  const numericCols = new Set(columns.filter((c) => !plainCols.has(c) && isNumeric(rows, c)));
  const wrap = h('div.data-table');
  const scroller = h('div.table-scroll', { tabindex: '0', role: 'region', 'aria-label': caption || 'Result rows' });
  const footer = h('div.table-foot');
  wrap.append(scroller, footer);

  const sorted = () => {
    if (sortCol === null) return rows;
    return rows.slice().sort((a, b) => sortDir * compare(a[sortCol], b[sortCol]));
  };

  function render() {
    const all = sorted();
    const pages = Math.max(1, Math.ceil(all.length / pageSize));
    page = Math.min(page, pages - 1);
    const slice = all.slice(page * pageSize, page * pageSize + pageSize);
    const head = h('tr', columns.map((c) => {
      const dir = sortCol === c ? (sortDir > 0 ? 'ascending' : 'descending') : 'none';
      const btn = h('button.sort', { type: 'button', title: `Sort by ${c}` }, c,
        h('span.sort-ind', { 'aria-hidden': 'true' }, dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'));
      btn.addEventListener('click', () => {
        if (sortCol === c) sortDir = -sortDir; else { sortCol = c; sortDir = 1; }
        render();
        wrap.querySelector(`th[data-col="${CSS.escape(c)}"] button`)?.focus();
      });
      return h(`th${numericCols.has(c) ? '.num' : ''}`, { scope: 'col', 'aria-sort': dir, dataset: { col: c } }, btn);
    }));
    const body = slice.map((r) => h('tr', columns.map((c) => {
      const v = plainCols.has(c) && r[c] !== null && r[c] !== undefined ? String(r[c]) : fmtCell(r[c]);
      return h(`td${numericCols.has(c) ? '.num' : ''}`, v === null ? h('span.null', 'NULL') : v);
    })));
    if (!rows.length) body.push(h('tr', h('td.empty', { colspan: String(Math.max(1, columns.length)) }, 'No rows.')));
    replace(scroller, h('table.grid', caption ? h('caption.visually-hidden', caption) : null, h('thead', head), h('tbody', body)));

    const from = all.length ? page * pageSize + 1 : 0;
    const to = Math.min(all.length, (page + 1) * pageSize);
    const prev = h('button.btn.small', { type: 'button', disabled: page === 0, 'aria-label': 'Previous page' }, '‹ Prev');
    const next = h('button.btn.small', { type: 'button', disabled: page >= pages - 1, 'aria-label': 'Next page' }, 'Next ›');
    prev.addEventListener('click', () => { page -= 1; render(); });
    next.addEventListener('click', () => { page += 1; render(); });
    const dl = csv ? h('button.btn.small.ghost', { type: 'button' }, 'Download CSV') : null;
    dl?.addEventListener('click', () => downloadCSV(columns, sorted(), filename));
    replace(footer,
      h('span.range', `${from}–${to} of ${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'}`),
      h('span.spacer'),
      dl,
      pages > 1 ? h('span.pager', prev, h('span.page-no', `${page + 1} / ${pages}`), next) : null);
  }
  render();
  return wrap;
}
