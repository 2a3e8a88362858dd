// The MQTT test client, like AWS's: subscribe to a topic filter and see messages live, publish to a topic. It is its own
// MQTT connection (an application identity); the broker's answer, refusals included, is shown as it came.
import { api, listen } from './api.js';
import { el, time, jsonBlock, errorBox } from './format.js';

const kept = [];

export function mqttView(main) {
  const identity = el('code', {}, '…');
  const filters = el('div', { class: 'row', id: 'mqtt-filters' });
  const subscribeAnswer = el('div', { role: 'status', 'aria-live': 'polite', id: 'subscribe-answer' });
  const publishAnswer = el('div', { role: 'status', 'aria-live': 'polite', id: 'publish-answer' });
  const messages = el('div', { class: 'messages', id: 'mqtt-messages' });
  const filter = el('input', { type: 'text', id: 'mqtt-filter', value: '$aws/things/+/shadow/update/documents', required: true, autocomplete: 'off' });
  const subQos = el('select', { id: 'mqtt-sub-qos', 'aria-label': 'Subscription QoS' }, el('option', { value: 0 }, 'QoS 0'), el('option', { value: 1 }, 'QoS 1'));
  const topic = el('input', { type: 'text', id: 'mqtt-topic', value: 'sdk/test/console', required: true, autocomplete: 'off' });
  const payload = el('textarea', { id: 'mqtt-payload', 'aria-label': 'Message payload', spellcheck: 'false', style: 'min-height:6rem' });
  payload.value = JSON.stringify({ message: 'Hello from the NanoThing local console' }, null, 2);
  const pubQos = el('select', { id: 'mqtt-pub-qos', 'aria-label': 'Publish QoS' }, el('option', { value: 0 }, 'QoS 0'), el('option', { value: 1, selected: true }, 'QoS 1'));
  const retain = el('input', { type: 'checkbox', id: 'mqtt-retain' });

  main.replaceChildren(el('h1', {}, 'MQTT test client'),
    el('p', { class: 'muted' }, 'Connected to the local broker as the application identity ', identity,
      '; the broker applies its policy as to any client, and shows a refusal as AWS does (MQTT 5 reason code).'),
    el('div', { class: 'grid2' },
      el('section', { class: 'panel', 'aria-labelledby': 'sub-h' }, el('h2', { id: 'sub-h' }, 'Subscribe to a topic'),
        el('form', { onsubmit: subscribe }, el('label', { for: 'mqtt-filter' }, 'Topic filter'),
          el('div', { class: 'row' }, filter, subQos, el('button', { type: 'submit', class: 'primary' }, 'Subscribe'))),
        subscribeAnswer, el('h3', {}, 'Subscriptions'), filters),
      el('section', { class: 'panel', 'aria-labelledby': 'pub-h' }, el('h2', { id: 'pub-h' }, 'Publish to a topic'),
        el('form', { onsubmit: publish }, el('label', { for: 'mqtt-topic' }, 'Topic name'), el('div', { class: 'row' }, topic),
          el('label', { for: 'mqtt-payload' }, 'Message payload'), payload,
          el('div', { class: 'row' }, pubQos, retain, el('label', { for: 'mqtt-retain' }, 'Retain'), el('button', { type: 'submit', class: 'primary' }, 'Publish'))),
        publishAnswer)),
    el('section', { class: 'panel', 'aria-labelledby': 'msgs-h' },
      el('div', { class: 'panel-head' }, el('h2', { id: 'msgs-h' }, 'Messages'), el('button', { type: 'button', onclick: () => { kept.length = 0; render(); } }, 'Clear')),
      messages));

  function showFilters(list) {
    filters.replaceChildren(...(list.length ? list.map(f => el('span', { class: 'row' }, el('code', {}, f),
      el('button', { type: 'button', 'aria-label': `Unsubscribe from ${f}`, onclick: () => unsubscribe(f) }, 'Unsubscribe'))) : [el('span', { class: 'muted' }, 'None yet.')]));
  }

  async function call(path, body, target) {
    try {
      const { json } = await api.post(path, body);
      target.replaceChildren(el('p', { class: `notice ${json.ok ? 'ok' : 'bad'}` }, json.message));
      if (json.filters) showFilters(json.filters);
    } catch (e) { target.replaceChildren(errorBox(e.message)); }
  }

  function subscribe(event) { event.preventDefault(); call('/api/mqtt/subscribe', { filter: filter.value.trim(), qos: Number(subQos.value) }, subscribeAnswer); }
  function unsubscribe(f) { call('/api/mqtt/unsubscribe', { filter: f }, subscribeAnswer); }
  function publish(event) {
    event.preventDefault();
    call('/api/mqtt/publish', { topic: topic.value.trim(), payload: payload.value, qos: Number(pubQos.value), retain: retain.checked }, publishAnswer);
  }

  function render() {
    messages.replaceChildren(...(kept.length ? kept.map(m => el('article', { class: 'message' },
      el('div', { class: 'row' }, el('span', { class: 'topic' }, m.topic), time(m.receivedAtMs), el('span', { class: 'muted' }, `QoS ${m.qos}${m.retain ? ', retained' : ''}`)),
      pretty(m.payload))) : [el('p', { class: 'empty' }, 'No messages yet. Subscribe to a topic filter; messages arrive here as the broker delivers them.')]));
  }

  (async () => {
    try {
      const state = await api.get('/api/mqtt');
      identity.textContent = state.identity;
      showFilters(state.filters);
    } catch (e) { subscribeAnswer.replaceChildren(errorBox(e.message)); }
  })();
  render();
  const stops = [listen('mqtt', m => { kept.unshift(m); kept.length = Math.min(kept.length, 200); render(); })];
  return () => stops.forEach(stop => stop());
}

function pretty(text) {
  try { return jsonBlock(JSON.parse(text)); } catch { return el('pre', { class: 'json' }, text); }
}
