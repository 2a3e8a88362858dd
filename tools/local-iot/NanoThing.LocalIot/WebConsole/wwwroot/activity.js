// Activity: a thing's last shadow updates (previous and current documents, as update/documents carries them) and the
// stand-in's refusals (policy denials: action, resource, identity, the deciding statement), newest first, live.
import { api, listen } from './api.js';
import { el, time, jsonBlock, errorBox } from './format.js';

export function activityOfThing(root, thing) {
  const body = el('div', { id: 'updates' }, el('p', { class: 'loading' }, 'Loading updates…'));
  root.replaceChildren(el('section', { class: 'panel', 'aria-labelledby': 'updates-h' },
    el('h2', { id: 'updates-h' }, 'Last shadow updates'),
    el('p', { class: 'muted' }, 'As the shadow service publishes them on …/update/documents (since the stand-in started), newest first.'), body));

  async function load() {
    try {
      const summary = await api.get(`/api/things/${encodeURIComponent(thing)}`);
      const names = ['', ...summary.namedShadows];
      const shadows = await Promise.all(names.map(n => api.get(`/api/things/${encodeURIComponent(thing)}/shadow?name=${encodeURIComponent(n)}`)));
      const items = shadows.flatMap(s => s.activity.map(a => ({ shadow: s.shadow, doc: a })))
        .sort((a, b) => b.doc.timestamp - a.doc.timestamp);
      body.replaceChildren(items.length === 0
        ? el('p', { class: 'empty' }, 'No updates since the stand-in started. They appear here as the device reports or desired state changes.')
        : el('div', {}, items.map(({ shadow, doc }) => el('article', { class: 'message' },
          el('p', {}, el('strong', {}, shadow ? `Named shadow ${shadow}` : 'Classic Shadow'), ' — ', time(doc.timestamp * 1000),
            ` — version ${doc.previous?.version ?? '(none)'} → ${doc.current?.version ?? '(deleted)'}`),
          el('div', { class: 'grid2' },
            el('div', {}, el('h3', {}, 'Previous'), jsonBlock(doc.previous?.state ?? null)),
            el('div', {}, el('h3', {}, 'Current'), jsonBlock(doc.current?.state ?? null)))))));
    } catch (e) { body.replaceChildren(errorBox(e.message)); }
  }

  load();
  const stops = [listen('shadow', d => { if (d.thing === thing && d.kind === 'UpdateDocuments') load(); }), listen('reconnected', load)];
  return () => stops.forEach(stop => stop());
}

export function refusalsView(main) {
  const body = el('div', { id: 'refusals' }, el('p', { class: 'loading' }, 'Loading refusals…'));
  main.replaceChildren(el('h1', {}, 'Activity'), el('section', { class: 'panel', 'aria-labelledby': 'refusals-h' },
    el('h2', { id: 'refusals-h' }, 'Refusals'),
    el('p', { class: 'muted' }, 'Every request the stand-in refused (MQTT and HTTPS), as AWS IoT logs an AuthorizationFailure to CloudWatch: newest first.'), body));
  let entries = [];

  function render() {
    body.replaceChildren(entries.length === 0 ? el('p', { class: 'empty' }, 'No refusals since the stand-in started.')
      : el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Time (UTC)'), el('th', {}, 'Action'), el('th', {}, 'Resource'),
        el('th', {}, 'Identity'), el('th', { class: 'optional' }, 'Reason'), el('th', {}, 'Deciding statement / details'))),
        el('tbody', {}, entries.map(e => el('tr', { 'data-reason': e.reason ?? '' },
          el('td', {}, e.timestamp ?? ''), el('td', {}, e.eventType ?? ''), el('td', {}, e.topicName ?? e.resource ?? ''),
          el('td', {}, e.clientId || '', e.principalId ? el('div', { class: 'muted', title: e.principalId }, e.principalId.slice(0, 12) + '…') : ''),
          el('td', { class: 'optional' }, e.reason ?? ''), el('td', {}, e.details ?? ''))))));
  }

  // A refusal can arrive live while the list is being fetched: the fetched list replaces what was shown, and the live
  // ones it does not hold yet stay in front of it, so none is lost to the race.
  const key = e => JSON.stringify(e);
  async function load() {
    try {
      const listed = await api.get('/api/refusals');
      const known = new Set(listed.map(key));
      entries = [...entries.filter(e => !known.has(key(e))), ...listed].slice(0, 200);
      render();
      body.dataset.loaded = 'true';
    } catch (e) { body.replaceChildren(errorBox(e.message)); }
  }

  load();
  const stops = [listen('refusal', e => { entries.unshift(e); entries = entries.slice(0, 200); render(); }), listen('reconnected', load)];
  return () => stops.forEach(stop => stop());
}
