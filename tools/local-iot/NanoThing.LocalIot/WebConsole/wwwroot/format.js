// Numbers with their units, times in local time (UTC on hover), JSON as highlighted text: all through the DOM (no innerHTML of data).

export const units = {
  temperature: { unit: '°C', digits: 2, label: 'Temperature' },
  humidity: { unit: '%', digits: 1, label: 'Humidity' },
  pressure: { unit: 'hPa', digits: 1, label: 'Pressure' },
  freeMemoryBytes: { unit: 'bytes', digits: 0, label: 'Free memory' },
  buttonPresses: { unit: 'presses', digits: 0, label: 'Button presses' },
};

export function label(name) { return units[name]?.label ?? name; }

export function withUnit(name, value) {
  if (typeof value !== 'number') return String(value);
  const u = units[name];
  const digits = u ? u.digits : (Number.isInteger(value) ? 0 : 2);
  const text = value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return u ? `${text} ${u.unit}` : text;
}

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// A <time> in the browser's local time with the UTC time as its tooltip.
export function time(ms) {
  if (ms === null || ms === undefined) return el('span', { class: 'muted' }, '—');
  const date = new Date(ms);
  return el('time', { datetime: date.toISOString(), title: date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') }, date.toLocaleString());
}

export function ago(ms) {
  if (!ms) return '';
  const seconds = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

// JSON with keys, strings, numbers and booleans coloured; built as text nodes, so nothing in it is ever markup.
export function jsonBlock(value, attributes = {}) {
  const pre = el('pre', { class: 'json', ...attributes });
  const text = JSON.stringify(value, null, 2) ?? 'null';
  const token = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;
  let last = 0;
  for (const match of text.matchAll(token)) {
    pre.append(text.slice(last, match.index));
    if (match[1]) {
      pre.append(el('span', { class: match[2] ? 'k' : 's' }, match[1]));
      if (match[2]) pre.append(match[2]);
    } else if (match[3]) pre.append(el('span', { class: 'b' }, match[3]));
    else pre.append(el('span', { class: 'n' }, match[4]));
    last = match.index + match[0].length;
  }
  pre.append(text.slice(last));
  return pre;
}

export function errorBox(message) { return el('p', { class: 'error', role: 'alert' }, message); }
