// Things: every thing with a shadow or a connection, like IoT Core > Manage > Things.
import { api, listen } from './api.js';
import { el, time, ago, errorBox } from './format.js';

export function thingsView(main) {
  const body = el('div', {}, el('p', { class: 'loading' }, 'Loading things…'));
  main.replaceChildren(el('h1', {}, 'Things'), el('section', { class: 'panel', 'aria-labelledby': 'things-h' },
    el('div', { class: 'panel-head' }, el('h2', { id: 'things-h' }, 'Things'),
      el('span', { class: 'muted' }, 'Updated live from the broker\'s lifecycle events and the shadow service')), body));

  async function load() {
    let things;
    try { things = await api.get('/api/things'); } catch (e) { body.replaceChildren(errorBox(e.message)); return; }
    if (things.length === 0) {
      body.replaceChildren(el('p', { class: 'empty' },
        'No things yet. Provision one with `nanothing local provision --thing <name>` and run a board for it (`nanothing board --thing <name>`), or run `nanothing demo`.'));
      return;
    }
    body.replaceChildren(el('table', { id: 'things-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Connection'), el('th', {}, 'Last seen'),
        el('th', {}, 'Shadow version'), el('th', { class: 'optional' }, 'Named shadows'), el('th', { class: 'optional' }, 'Certificate'))),
      el('tbody', {}, things.map(thing => el('tr', { 'data-thing': thing.name },
        el('td', {}, el('a', { href: `#/thing/${encodeURIComponent(thing.name)}` }, thing.name)),
        el('td', {}, connection(thing)),
        el('td', {}, time(thing.lastSeenMs), ' ', el('span', { class: 'muted' }, ago(thing.lastSeenMs))),
        el('td', { class: 'num' }, thing.shadowVersion ?? el('span', { class: 'muted' }, 'no classic shadow')),
        el('td', { class: 'optional' }, thing.namedShadows.length ? thing.namedShadows.join(', ') : el('span', { class: 'muted' }, 'none')),
        el('td', { class: 'optional' }, certificate(thing)))))));
  }

  load();
  const stops = [listen('thing', load), listen('shadow', load), listen('reconnected', load)];
  return () => stops.forEach(stop => stop());
}

export function connection(thing) {
  return thing.connected
    ? el('span', { class: 'pill ok', 'data-connection': 'connected' }, 'Connected')
    : el('span', { class: 'pill muted', 'data-connection': 'disconnected', title: thing.disconnectReason ?? '' },
      'Disconnected' + (thing.disconnectReason ? ` (${thing.disconnectReason})` : ''));
}

export function certificate(thing) {
  return thing.certificateId
    ? el('span', { title: `certificate id ${thing.certificateId} (SHA-256 of the certificate)` },
      certificateStatus(thing.certificateStatus), ' ', el('code', {}, thing.certificateId.slice(0, 12) + '…'))
    : el('span', { class: 'muted' }, 'not seen since the stand-in started');
}

// AWS's certificate statuses; only an ACTIVE certificate can connect
function certificateStatus(status) {
  if (!status) return el('span', { class: 'pill muted', title: 'not in the registry' }, 'Unknown');
  const text = status.charAt(0) + status.slice(1).toLowerCase();
  return el('span', { class: status === 'ACTIVE' ? 'pill ok' : 'pill bad', 'data-certificate-status': status }, text);
}
