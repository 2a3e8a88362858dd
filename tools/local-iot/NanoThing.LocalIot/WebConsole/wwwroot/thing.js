// One thing: its header (connection, certificate) and tabs: Device Shadows, Charts, Activity.
import { api, listen } from './api.js';
import { el, errorBox } from './format.js';
import { connection, certificate } from './things.js';
import { shadowView } from './shadow.js';
import { chartsView } from './charts.js';
import { activityOfThing } from './activity.js';

export function thingView(main, name, tab, shadowName) {
  const status = el('span', {}, '');
  const cert = el('span', { class: 'muted' }, '');
  const content = el('div', {});
  const base = `#/thing/${encodeURIComponent(name)}`;
  const tabLink = (id, href, text) => el('a', { href, 'aria-current': tab === id ? 'page' : null }, text);
  main.replaceChildren(
    el('p', { class: 'crumbs' }, el('a', { href: '#/' }, 'Things'), ' › ', name),
    el('h1', {}, el('span', { id: 'thing-name' }, name), status),
    el('p', { class: 'muted' }, 'Certificate: ', cert),
    el('nav', { class: 'tabs', 'aria-label': 'Thing sections' },
      tabLink('shadow', `${base}/shadow/`, 'Device Shadows'), tabLink('charts', `${base}/charts`, 'Charts'), tabLink('activity', `${base}/activity`, 'Activity')),
    content);

  async function loadSummary() {
    try {
      const thing = await api.get(`/api/things/${encodeURIComponent(name)}`);
      status.replaceChildren(connection(thing));
      cert.replaceChildren(certificate(thing));
    } catch (e) { status.replaceChildren(errorBox(e.message)); }
  }

  loadSummary();
  const stops = [
    listen('thing', d => { if (d.thing === name) loadSummary(); }),
    listen('reconnected', loadSummary),
  ];
  const stopTab = tab === 'charts' ? chartsView(content, name)
    : tab === 'activity' ? activityOfThing(content, name)
    : shadowView(content, name, shadowName ?? '');
  return () => { stops.forEach(stop => stop()); stopTab?.(); };
}
