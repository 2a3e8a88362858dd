// A thing's Device Shadow, laid out like AWS's: the shadow list, the document (state: desired, reported, delta) and its
// metadata (per-key timestamps, version), live; Edit (desired as JSON, validated, AWS's answer shown) and Delete.
import { api, listen } from './api.js';
import { el, time, withUnit, label, jsonBlock, errorBox } from './format.js';

export function shadowView(root, thing, shadowName) {
  const shadowLabel = shadowName ? `Named shadow ${shadowName}` : 'Classic Shadow';
  const list = el('div', { class: 'row', id: 'shadow-list' });
  const info = el('div', { class: 'row', id: 'shadow-info' }, el('span', { class: 'loading' }, 'Loading shadow…'));
  const state = el('div', { id: 'shadow-state' });
  const metadata = el('div', { id: 'shadow-metadata' });
  const delta = el('p', { id: 'delta-summary' });
  const values = el('div', { id: 'reported-values' });
  const editor = el('div', { id: 'editor', hidden: true });
  const answer = el('div', { id: 'update-answer', role: 'status', 'aria-live': 'polite' });
  const editButton = el('button', { type: 'button', id: 'edit-shadow', onclick: () => openEditor() }, 'Edit');
  const deleteButton = el('button', { type: 'button', class: 'danger', id: 'delete-shadow', onclick: () => confirmDelete() }, 'Delete');
  let current = null;

  root.replaceChildren(
    el('section', { class: 'panel', 'aria-label': 'Shadows' }, el('h2', {}, 'Device Shadows'), list),
    el('section', { class: 'panel', 'aria-labelledby': 'doc-h' },
      el('div', { class: 'panel-head' }, el('h2', { id: 'doc-h' }, `Device Shadow document: ${shadowLabel}`), el('div', { class: 'row' }, editButton, deleteButton)),
      info, answer, editor, delta,
      el('div', { class: 'grid2' },
        el('div', {}, el('h3', {}, 'Shadow state'), state),
        el('div', {}, el('h3', {}, 'Metadata'), metadata))),
    el('section', { class: 'panel', 'aria-labelledby': 'values-h' }, el('h2', { id: 'values-h' }, 'Reported values'), values));

  async function load() {
    let data;
    try {
      data = await api.get(`/api/things/${encodeURIComponent(thing)}/shadow?name=${encodeURIComponent(shadowName)}`);
    } catch (e) { info.replaceChildren(errorBox(e.message)); return; }
    current = data.document;
    renderList(data.thing.namedShadows);
    render();
  }

  function renderList(named) {
    const link = (name, text) => el('a', { href: `#/thing/${encodeURIComponent(thing)}/shadow/${encodeURIComponent(name)}`,
      'aria-current': name === shadowName ? 'page' : null, class: 'pill ' + (name === shadowName ? 'ok' : 'muted') }, text);
    list.replaceChildren(link('', 'Classic Shadow'), ...named.map(n => link(n, n)));
    if (named.length === 0) list.append(el('span', { class: 'muted' }, 'No named shadows.'));
  }

  function render() {
    if (!current) {
      info.replaceChildren(el('p', { class: 'empty' }, `${thing} has no ${shadowLabel.toLowerCase()} yet. The device creates it with its first report; Edit creates it from here.`));
      state.replaceChildren(); metadata.replaceChildren(); values.replaceChildren(el('p', { class: 'empty' }, 'No reported values yet.'));
      delta.replaceChildren(); delta.dataset.delta = 'none';
      deleteButton.disabled = true;
      return;
    }
    deleteButton.disabled = false;
    info.replaceChildren(el('span', {}, 'Version ', el('strong', { id: 'shadow-version' }, current.version)),
      el('span', { class: 'muted' }, 'Last update ', time(current.metadata ? latest(current.metadata) : current.timestamp * 1000)));
    state.replaceChildren(jsonBlock({ state: current.state }));
    metadata.replaceChildren(jsonBlock({ metadata: current.metadata, version: current.version, timestamp: current.timestamp }));
    const d = current.state?.delta;
    delta.dataset.delta = d ? Object.keys(d).join(',') : 'none';
    delta.replaceChildren(d ? el('span', { class: 'pill bad' }, `Delta: ${Object.keys(d).join(', ')} — desired differs from reported; the device has not applied it yet`)
      : el('span', { class: 'pill ok' }, 'No delta: reported matches desired'));
    const reported = current.state?.reported ?? {};
    const rows = Object.entries(reported).filter(([, v]) => typeof v !== 'object' || v === null);
    const nested = Object.entries(reported).filter(([, v]) => typeof v === 'object' && v !== null);
    values.replaceChildren(rows.length === 0 && nested.length === 0 ? el('p', { class: 'empty' }, 'No reported values yet.')
      : el('table', { class: 'reported-values' }, el('tbody', {},
        rows.map(([k, v]) => el('tr', { 'data-key': k }, el('td', {}, label(k)), el('td', { class: 'num value' }, withUnit(k, v)),
          el('td', { class: 'muted optional' }, time(timestampOf(current.metadata?.reported?.[k]))))),
        nested.map(([k, v]) => el('tr', { 'data-key': k }, el('td', {}, label(k)), el('td', { class: 'value' }, jsonBlock(v)), el('td', { class: 'optional' }))))));
  }

  function openEditor() {
    const desired = current?.state?.desired ?? {};
    const text = el('textarea', { id: 'desired-json', 'aria-label': 'Update request (JSON)', spellcheck: 'false', 'aria-describedby': 'editor-status' });
    text.value = JSON.stringify({ state: { desired } }, null, 2);
    const withVersion = el('input', { type: 'checkbox', id: 'with-version' });
    const status = el('p', { id: 'editor-status', class: 'muted' }, 'Enter the update request: {"state":{"desired":{…}}}. A key set to null is deleted.');
    const update = el('button', { type: 'submit', class: 'primary', id: 'update-shadow' }, 'Update');
    const validate = () => {
      try {
        const request = JSON.parse(text.value);
        if (typeof request !== 'object' || request === null || Array.isArray(request)) throw new Error('the request must be a JSON object');
        if (request.state === undefined) throw new Error('it needs a "state" object, e.g. {"state":{"desired":{"led":true}}}');
        text.setAttribute('aria-invalid', 'false');
        status.className = 'muted';
        status.textContent = 'Valid JSON.';
        update.disabled = false;
        return request;
      } catch (e) {
        text.setAttribute('aria-invalid', 'true');
        status.className = 'error';
        status.textContent = `Not a valid update request: ${e.message}`;
        update.disabled = true;
        return null;
      }
    };
    text.addEventListener('input', validate);
    const form = el('form', { onsubmit: async event => {
      event.preventDefault();
      const request = validate();
      if (!request) return;
      if (withVersion.checked && current) request.version = current.version;
      update.disabled = true;
      await send(() => api.post(`/api/things/${encodeURIComponent(thing)}/shadow?name=${encodeURIComponent(shadowName)}`, JSON.stringify(request)), 'Updated');
      update.disabled = false;
      if (answer.dataset.ok === 'true') editor.hidden = true;
    } },
    el('label', { for: 'desired-json' }, 'Update request'), text, status,
    el('div', { class: 'row' }, withVersion, el('label', { for: 'with-version' }, `Include the version${current ? ` (${current.version})` : ''}: refused with 409 if the shadow changed meanwhile`)),
    el('div', { class: 'row' }, update, el('button', { type: 'button', onclick: () => { editor.hidden = true; editButton.focus(); } }, 'Cancel')));
    editor.replaceChildren(el('div', { class: 'panel' }, form));
    editor.hidden = false;
    text.focus();
  }

  function confirmDelete() {
    if (deleteButton.dataset.confirm !== 'yes') {
      deleteButton.dataset.confirm = 'yes';
      deleteButton.textContent = 'Confirm delete';
      setTimeout(() => { deleteButton.dataset.confirm = ''; deleteButton.textContent = 'Delete'; }, 5000);
      return;
    }
    deleteButton.dataset.confirm = '';
    deleteButton.textContent = 'Delete';
    send(() => api.del(`/api/things/${encodeURIComponent(thing)}/shadow?name=${encodeURIComponent(shadowName)}`), 'Deleted');
  }

  async function send(call, done) {
    try {
      const { json } = await call();
      answer.dataset.ok = String(json.ok);
      answer.dataset.status = json.status;
      answer.replaceChildren(json.ok
        ? el('p', { class: 'notice ok' }, `${done}: version ${json.reply?.version ?? ''}`)
        : el('div', { class: 'notice bad' }, el('strong', {}, `${json.status} ${reason(json.status)}: `), json.message, jsonBlock(json.reply)));
      load();
    } catch (e) {
      answer.dataset.ok = 'false';
      answer.replaceChildren(errorBox(e.message));
    }
  }

  load();
  let pending = null;
  const reload = () => { clearTimeout(pending); pending = setTimeout(load, 50); };
  const stops = [listen('shadow', d => { if (d.thing === thing && d.shadow === shadowName) reload(); }), listen('reconnected', reload)];
  return () => stops.forEach(stop => stop());
}

function reason(status) {
  return { 400: 'Bad request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 409: 'Version conflict', 413: 'Payload too large', 429: 'Too many requests', 500: 'Internal error' }[status] ?? '';
}

function timestampOf(meta) { return typeof meta?.timestamp === 'number' ? meta.timestamp * 1000 : null; }

function latest(metadata) {
  let max = 0;
  const walk = node => {
    if (node && typeof node === 'object') {
      if (typeof node.timestamp === 'number') max = Math.max(max, node.timestamp);
      Object.values(node).forEach(walk);
    }
  };
  walk(metadata);
  return max ? max * 1000 : null;
}
