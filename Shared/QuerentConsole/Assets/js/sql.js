// Simple SQL highlighting: keywords, functions, strings, numbers and comments as spans.
import { h, copyText, toast } from './dom.js';

const KEYWORDS = new Set(`select from where group by order having limit offset join left right inner outer full cross on
as and or not in is null like ilike between case when then else end distinct union all intersect except with
asc desc exists over partition rows range filter true false cast interval using natural lateral recursive
nulls first last window`.split(/\s+/));
const FUNCTIONS = new Set(`count sum avg min max coalesce round strftime date_trunc extract lower upper length substr
substring trim abs cast date datetime julianday ifnull nullif row_number rank dense_rank lag lead string_agg
group_concat to_char now current_date total`.split(/\s+/));

const TOKEN = /(--[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^']|'')*')|("(?:[^"]|"")*")|(\b\d+(?:\.\d+)?\b)|([A-Za-z_][A-Za-z0-9_]*)|(\s+|[^\sA-Za-z0-9_'"-]+|-)/g;

export function highlight(sql) {
  const frag = document.createDocumentFragment();
  let m;
  TOKEN.lastIndex = 0;
  let last = 0;
  while ((m = TOKEN.exec(sql))) {
    if (m.index > last) frag.append(sql.slice(last, m.index));
    last = TOKEN.lastIndex;
    const [text, comment, str, ident, num, word] = m;
    if (comment) frag.append(h('span.tok-comment', comment));
    else if (str) frag.append(h('span.tok-string', str));
    else if (ident) frag.append(h('span.tok-ident', ident));
    else if (num) frag.append(h('span.tok-number', num));
    else if (word && KEYWORDS.has(word.toLowerCase())) frag.append(h('span.tok-keyword', word));
    else if (word && FUNCTIONS.has(word.toLowerCase()) && sql[TOKEN.lastIndex] === '(') frag.append(h('span.tok-function', word));
    else frag.append(text);
  }
  if (last < sql.length) frag.append(sql.slice(last));
  return frag;
}

// A highlighted, copyable SQL block.
export function sqlBlock(sql, { label = 'SQL' } = {}) {
  const copy = h('button.btn.small.ghost.copy', { type: 'button', 'aria-label': `Copy ${label}` }, 'Copy');
  copy.addEventListener('click', async () => {
    await copyText(sql);
    copy.textContent = 'Copied';
    toast('SQL copied to the clipboard');
    setTimeout(() => { copy.textContent = 'Copy'; }, 1500);
  });
  return h('div.sql-block',
    h('div.sql-head', h('span.sql-label', label), copy),
    h('pre.sql', { tabindex: '0', 'aria-label': label }, h('code', highlight(sql))));
}
