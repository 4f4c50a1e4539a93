// Hand-written SVG charts: a bar chart for a measure over a category, a line chart for a time series.
import { h, fmtNumber } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const TIME_NAME = /(^|_)(date|day|week|month|year|quarter|time|period|at|hour)$|^(date|day|week|month|year|quarter|period)/i;
const TIME_VALUE = /^\d{4}(-\d{2}(-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?|-Q[1-4]|-W\d{2})?$/;

const num = (v) => (typeof v === 'number' ? v : (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null));

// What chart fits a result: {kind: 'bar'|'line', label, value} or null.
export function chooseChart(columns, rows) {
  if (!rows || rows.length < 2 || rows.length > 200 || columns.length < 2) return null;
  const numeric = columns.filter((c) => rows.every((r) => r[c] === null || num(r[c]) !== null) && rows.some((r) => num(r[c]) !== null));
  const isTime = (c) => rows.every((r) => r[c] === null || TIME_VALUE.test(String(r[c])));
  // The label: the first column that is not a measure, or a time-like numeric column (a year).
  let label = columns.find((c) => !numeric.includes(c));
  if (!label) label = columns.find((c) => TIME_NAME.test(c) && isTime(c));
  if (!label) return null;
  const value = columns.find((c) => c !== label && numeric.includes(c) && !/(^|_)id$/i.test(c));
  if (!value) return null;
  const timeSeries = isTime(label) && (TIME_NAME.test(label) || rows.some((r) => /-/.test(String(r[label]))));
  if (!timeSeries && rows.length > 40) return null;
  return { kind: timeSeries ? 'line' : 'bar', label, value, timeSeries };
}

function niceStep(span, ticks, integer) {
  const raw = span / ticks;
  const exp = Math.pow(10, Math.floor(Math.log10(raw)));
  let step = exp;
  for (const f of [1, 2, 2.5, 5, 10]) { if (f * exp >= raw) { step = f * exp; break; } }
  return integer ? Math.max(1, Math.round(step)) : step;
}

function shortNumber(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(1)}k`;
  return fmtNumber(Math.round(v * 100) / 100);
}

function truncate(text, n) {
  const t = String(text ?? 'NULL');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

export function renderChart(kind, { label, value }, rows, { title, width = 720 } = {}) {
  const points = rows.map((r) => ({ x: r[label] === null || r[label] === undefined ? 'NULL' : String(r[label]), y: num(r[value]) ?? 0 }));
  // Drawn at the width it is shown at (between 320 and 760 units), so text keeps its size on a phone.
  const W = Math.max(320, Math.min(760, Math.round(width)));
  const H = W < 500 ? 240 : 300;
  const m = { top: 18, right: 16, bottom: kind === 'bar' && (points.length > 8 || (W < 500 && points.length > 4)) ? 72 : 44, left: 52 };
  const iw = W - m.left - m.right;
  const ih = H - m.top - m.bottom;
  const integer = points.every((p) => Number.isInteger(p.y));
  const rawMin = Math.min(0, ...points.map((p) => p.y));
  const rawMax = Math.max(0, ...points.map((p) => p.y));
  const step = rawMax - rawMin > 0 ? niceStep(rawMax - rawMin, 4, integer) : 1;
  const lowY = Math.floor(rawMin / step) * step;
  const maxY = Math.max(lowY + step, Math.ceil(rawMax / step) * step);
  const ticks = Math.round((maxY - lowY) / step);
  const y = (v) => m.top + ih - ((v - lowY) / (maxY - lowY)) * ih;
  const desc = `${kind === 'bar' ? 'Bar' : 'Line'} chart of ${value} by ${label}, ${points.length} points.`;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: `chart chart-${kind}`, role: 'img', 'aria-label': title || desc, preserveAspectRatio: 'xMidYMid meet' },
    s('title', {}, title || desc));

  // Grid and Y axis labels.
  for (let i = 0; i <= ticks; i += 1) {
    const v = lowY + step * i;
    const yy = y(v);
    svg.append(s('line', { x1: m.left, x2: W - m.right, y1: yy, y2: yy, class: i === 0 && lowY === 0 ? 'axis' : 'grid' }));
    svg.append(s('text', { x: m.left - 8, y: yy + 4, class: 'tick', 'text-anchor': 'end' }, shortNumber(v)));
  }
  if (lowY < 0) svg.append(s('line', { x1: m.left, x2: W - m.right, y1: y(0), y2: y(0), class: 'axis' }));

  const slot = iw / points.length;
  const labelEvery = Math.max(1, Math.ceil(points.length / (kind === 'bar' ? 24 : 10)));
  if (kind === 'bar') {
    const bw = Math.max(2, Math.min(56, slot * 0.7));
    points.forEach((p, i) => {
      const cx = m.left + slot * i + slot / 2;
      const top = y(Math.max(0, p.y));
      const bottom = y(Math.min(0, p.y));
      svg.append(s('rect', { x: cx - bw / 2, y: top, width: bw, height: Math.max(1, bottom - top), rx: 3, class: 'bar' },
        s('title', {}, `${p.x}: ${fmtNumber(p.y)}`)));
      if (points.length <= 12) {
        svg.append(s('text', { x: cx, y: top - 5, class: 'value', 'text-anchor': 'middle' }, shortNumber(p.y)));
      }
      if (i % labelEvery === 0) {
        const rotate = points.length > 8 || (W < 500 && points.length > 4);
        svg.append(s('text', {
          x: cx, y: H - m.bottom + 16, class: 'tick',
          'text-anchor': rotate ? 'end' : 'middle',
          transform: rotate ? `rotate(-35 ${cx} ${H - m.bottom + 16})` : null,
        }, truncate(p.x, rotate ? 14 : Math.max(4, Math.floor(slot / 7)))));
      }
    });
  } else {
    const px = (i) => m.left + (points.length === 1 ? iw / 2 : (iw * i) / (points.length - 1));
    const d = points.map((p, i) => `${i ? 'L' : 'M'}${px(i).toFixed(1)},${y(p.y).toFixed(1)}`).join(' ');
    const area = `${d} L${px(points.length - 1).toFixed(1)},${y(Math.max(lowY, 0)).toFixed(1)} L${px(0).toFixed(1)},${y(Math.max(lowY, 0)).toFixed(1)} Z`;
    svg.append(s('path', { d: area, class: 'area' }));
    svg.append(s('path', { d, class: 'line' }));
    points.forEach((p, i) => {
      svg.append(s('circle', { cx: px(i), cy: y(p.y), r: points.length > 40 ? 2 : 3.5, class: 'dot' },
        s('title', {}, `${p.x}: ${fmtNumber(p.y)}`)));
      if (i % labelEvery === 0 || i === points.length - 1) {
        if (i === points.length - 1 && i % labelEvery !== 0 && i - Math.floor(i / labelEvery) * labelEvery < labelEvery / 2) return;
        svg.append(s('text', { x: px(i), y: H - m.bottom + 18, class: 'tick', 'text-anchor': 'middle' }, truncate(p.x, 12)));
      }
    });
  }
  svg.append(s('text', { x: m.left + iw / 2, y: H - 4, class: 'axis-title', 'text-anchor': 'middle' }, label));
  return svg;
}

// A chart panel with a Bar / Line switch.
export function chartPanel(columns, rows) {
  const choice = chooseChart(columns, rows);
  if (!choice) return null;
  let kind = choice.kind;
  const body = h('div.chart-body');
  const buttons = {};
  let drawnWidth = 0;
  const draw = () => {
    drawnWidth = body.clientWidth || 720;
    body.replaceChildren(renderChart(kind, choice, rows, { width: drawnWidth }));
    for (const [k, b] of Object.entries(buttons)) b.setAttribute('aria-pressed', String(k === kind));
  };
  for (const k of ['bar', 'line']) {
    buttons[k] = h('button.seg', { type: 'button', 'aria-pressed': 'false', dataset: { kind: k } }, k === 'bar' ? 'Bar' : 'Line');
    buttons[k].addEventListener('click', () => { kind = k; draw(); });
  }
  const panel = h('figure.chart-panel',
    h('div.chart-head',
      h('figcaption', h('strong', choice.value), ' by ', h('strong', choice.label)),
      h('div.segmented', { role: 'group', 'aria-label': 'Chart type' }, buttons.bar, buttons.line)),
    body);
  draw();
  // Redrawn when it is first laid out, and when its width changes much (a phone turned, a window resized).
  new ResizeObserver(() => {
    const w = body.clientWidth;
    if (w && Math.abs(w - drawnWidth) > 40) draw();
  }).observe(body);
  return panel;
}
