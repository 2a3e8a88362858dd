// The console's page: a hash router over the views, and the live-events indicator.
import { connectEvents } from './api.js';
import { thingsView } from './things.js';
import { thingView } from './thing.js';
import { refusalsView } from './activity.js';
import { mqttView } from './mqtt.js';

const main = document.getElementById('main');
const live = document.getElementById('live');
let stop = null;

function route() {
  stop?.();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  let section = 'things';
  if (parts[0] === 'thing' && parts[1]) {
    section = 'thing';
    document.title = `${parts[1]} — NanoThing local console`;
    stop = thingView(main, parts[1], parts[2] || 'shadow', parts[2] === 'shadow' ? (parts[3] ?? '') : '');
  } else if (parts[0] === 'activity') {
    section = 'activity';
    document.title = 'Activity — NanoThing local console';
    stop = refusalsView(main);
  } else if (parts[0] === 'mqtt') {
    section = 'mqtt';
    document.title = 'MQTT test client — NanoThing local console';
    stop = mqttView(main);
  } else {
    document.title = 'Things — NanoThing local console';
    stop = thingsView(main);
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.toggleAttribute('aria-current', false);
    if (link.dataset.nav === section || (section === 'thing' && link.dataset.nav === 'things')) link.setAttribute('aria-current', 'page');
  }
}

connectEvents(on => {
  live.textContent = on ? 'Live' : 'Reconnecting… (is the stand-in running?)';
  live.className = `live ${on ? 'on' : 'off'}`;
});
window.addEventListener('hashchange', route);
route();
