// Small DOM helpers: element builder, notices, toasts, confirmation dialog, formatting.

// h('button.btn.primary', {type: 'button', onclick}, 'Text', child…)
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className += (el.className ? ' ' : '') + v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'required') el[k] = !!v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export function replace(el, ...children) { clear(el); return append(el, children); }

let uid = 0;
export const nextId = (prefix = 'q') => `${prefix}-${++uid}`;

// A labelled form field: returns {wrap, input}.
export function field(label, input, hint) {
  if (!input.id) input.id = nextId('f');
  const wrap = h('div.field', h('label', { for: input.id }, label), input);
  if (hint) {
    const hid = nextId('hint');
    wrap.append(h('p.hint', { id: hid }, hint));
    input.setAttribute('aria-describedby', hid);
  }
  return wrap;
}

export function notice(kind, message) {
  return h(`div.notice.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, message);
}

export function errorNotice(err) {
  return notice('error', messageOf(err));
}

export function messageOf(err) {
  if (!err) return 'Something went wrong.';
  return err.message || String(err);
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  if (!box) return;
  const t = h(`div.toast.${kind}`, message);
  box.append(t);
  setTimeout(() => t.classList.add("leaving"), 3200);
  setTimeout(() => t.remove(), 3700);
}

// A modal confirmation; resolves true or false. Escape and Cancel say no.
export function confirmDialog({ title, message, confirm = 'Delete', danger = true }) {
  return new Promise((resolve) => {
    const ok = h(`button.btn.${danger ? 'danger' : 'primary'}`, { type: 'button' }, confirm);
    const cancel = h('button.btn', { type: 'button' }, 'Cancel');
    const titleId = nextId('dlg');
    const dlg = h('dialog.dialog', { 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      h('p', message),
      h('div.actions', cancel, ok));
    const done = (v) => { dlg.close(); dlg.remove(); resolve(v); };
    ok.addEventListener('click', () => done(true));
    cancel.addEventListener('click', () => done(false));
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); done(false); });
    document.body.append(dlg);
    dlg.showModal();
    cancel.focus();
  });
}

// Runs an async action with a button disabled and a busy label.
export async function busy(button, label, fn) {
  const old = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (label) button.textContent = label;
  try { return await fn(); } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = old;
  }
}

export function fmtNumber(v) {
  if (v === null || v === undefined || v === '') return '';
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 100 ? 2 : 4 });
}

export function fmtCell(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return fmtNumber(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function fmtDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function badge(text, kind = '') {
  return h(`span.badge${kind ? '.' + kind : ''}`, text);
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (_) {
    const ta = h('textarea.offscreen', { 'aria-hidden': 'true' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
}
