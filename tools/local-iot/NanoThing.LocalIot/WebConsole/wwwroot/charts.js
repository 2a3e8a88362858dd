// Charts of a thing's numeric reported values over time (uPlot, from npm, served by the stand-in), window selectable.
import uPlot from './vendor/uPlot.esm.js';
import { api, listen } from './api.js';
import { el, label, units, errorBox } from './format.js';

const windows = [['5 min', 5 * 60e3], ['15 min', 15 * 60e3], ['1 hour', 3600e3], ['6 hours', 6 * 3600e3], ['24 hours', 24 * 3600e3], ['All', 0]];
const first = ['temperature', 'humidity', 'pressure'];
const colours = ['#d45b07', '#0972d3', '#037f0c', '#8a1bb0', '#5f6b7a'];

export function chartsView(root, thing) {
  const select = el('select', { id: 'chart-window', 'aria-label': 'Time window' },
    windows.map(([text, ms], i) => el('option', { value: ms, selected: i === 2 }, text)));
  const body = el('div', { class: 'charts', id: 'charts' }, el('p', { class: 'loading' }, 'Loading readings…'));
  root.replaceChildren(el('section', { class: 'panel', 'aria-labelledby': 'charts-h' },
    el('div', { class: 'panel-head' }, el('h2', { id: 'charts-h' }, 'Reported values over time'),
      el('div', { class: 'row' }, el('label', { for: 'chart-window' }, 'Window'), select)),
    el('p', { class: 'muted' }, 'Every numeric value of the classic shadow\'s reported state, at the time the shadow service stored it (its metadata timestamp).'),
    body));
  const plots = new Map();

  async function load() {
    const windowMs = Number(select.value);
    let series;
    try {
      series = await api.get(`/api/things/${encodeURIComponent(thing)}/series?sinceMs=${windowMs ? Date.now() - windowMs : 0}`);
    } catch (e) { body.replaceChildren(errorBox(e.message)); plots.clear(); return; }
    // Readings always; other numbers (settings such as thresholds) once they have changed, so a constant does not fill the page.
    const names = Object.keys(series).filter(n => series[n].length > 0 && (first.includes(n) || new Set(series[n].map(p => p[1])).size > 1))
      .sort((a, b) => (rank(a) - rank(b)) || a.localeCompare(b));
    if (names.length === 0) {
      plots.forEach(p => p.plot.destroy());
      plots.clear();
      body.replaceChildren(el('p', { class: 'empty', id: 'charts-empty' }, windowMs
        ? 'No data yet in this window. The device reports temperature, humidity and pressure with each report; choose a longer window or wait for the next report.'
        : 'No data yet. The device reports temperature, humidity and pressure with its first report; the charts fill as reports arrive.'));
      return;
    }
    if (body.querySelector('#charts-empty, .loading, .error')) body.replaceChildren();
    for (const [name, entry] of plots) if (!names.includes(name)) { entry.plot.destroy(); entry.box.remove(); plots.delete(name); }
    names.forEach((name, i) => draw(name, series[name], colours[Math.min(i, colours.length - 1)], windowMs));
  }

  function draw(name, points, colour, windowMs) {
    const data = [points.map(p => p[0] / 1000), points.map(p => p[1])];
    let entry = plots.get(name);
    if (!entry) {
      const target = el('div', { class: 'chart' });
      const box = el('figure', { class: 'chart-box', 'data-series': name, style: 'margin:0' },
        el('figcaption', {}, el('strong', {}, label(name)), units[name] ? ` (${units[name].unit})` : ''), target);
      body.append(box);
      const plot = new uPlot({
        width: Math.max(240, target.clientWidth || 320), height: 200,
        series: [{}, { label: label(name), stroke: colour, width: 2, points: { show: points.length < 60, size: 5 },
          value: (u, v) => v === null ? '—' : v.toFixed(units[name]?.digits ?? 2) }],
        axes: [{}, { size: 64, values: (u, ticks) => ticks.map(compact) }],
        scales: { x: { time: true } },
        legend: { show: false },
      }, data, target);
      entry = { plot, box, target };
      plots.set(name, entry);
    } else {
      entry.plot.setData(data);
    }
    entry.box.dataset.points = String(points.length);
  }

  const resize = () => plots.forEach(({ plot, target }) => plot.setSize({ width: Math.max(240, target.clientWidth), height: 200 }));
  window.addEventListener('resize', resize);
  select.addEventListener('change', load);
  load();
  let pending = null;
  const stops = [
    listen('points', d => { if (d.thing === thing && !pending) pending = setTimeout(() => { pending = null; load(); }, 300); }),
    listen('reconnected', load),
  ];
  return () => { stops.forEach(stop => stop()); window.removeEventListener('resize', resize); plots.forEach(p => p.plot.destroy()); };
}

const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 });
function compact(value) { return value === null ? '' : Math.abs(value) >= 10000 ? compactFormat.format(value) : value.toLocaleString(undefined, { maximumFractionDigits: 3 }); }

function rank(name) { const i = first.indexOf(name); return i < 0 ? first.length : i; }
