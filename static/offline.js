// The offline file's page (eventmap/maps/offline.py inlines it after the map's code): the map drawn by
// deckmap.js's render from the inlined spec, and around it the legend, the counts, the events list and the
// records of a clicked marker. Every text is untrusted and set as textContent, never as HTML.
const view = JSON.parse(document.getElementById('eventmap-view').textContent);
const picture = view.spec.picture;

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function element(tag, value, className) {
  const made = document.createElement(tag);
  if (value !== undefined) made.textContent = value;
  if (className) made.className = className;
  return made;
}

text('title', picture.title);
text('filters', picture.filters);
text('counts', picture.counts);
text('alt', picture.alt);
text('sources', picture.sources);
text('footer', `${picture.attribution} · ${picture.asOf} · ${picture.link}`);
for (const item of picture.legend) {
  const row = element('div', undefined);
  const swatch = element('span', undefined, 'swatch');
  const [r, g, b] = item.colour;
  swatch.style[item.shape === 'marker' ? 'background' : 'border'] = item.shape === 'marker'
    ? `rgb(${r},${g},${b})` : `1.5px solid rgb(${r},${g},${b})`;
  row.append(swatch, element('span', item.label));
  document.getElementById('legend').append(row);
}

const listed = view.records.length < view.total
  ? `The first ${view.records.length} of ${view.total} events, by date.` : `${view.total} events, by date.`;
text('listed', listed);
const table = document.getElementById('events');
const head = element('tr');
for (const name of ['Id', 'Date', 'Place', 'What happened', 'Fatalities', 'Source']) head.append(element('th', name));
table.append(head);
for (const record of view.records) {
  const row = element('tr');
  for (const field of ['id', 'date', 'place', 'what', 'fatalities', 'source']) row.append(element('td', record[field]));
  table.append(row);
}

// A click on a marker: its events' records, with their quotes (a fanned event's key is its id: its own record).
function showRecords(key) {
  const box = document.getElementById('record');
  box.replaceChildren();
  const chosen = view.records.filter((record) => key !== null && (record.key === key || record.id === key));
  if (!chosen.length) { box.textContent = 'Click a marker for its records.'; return; }
  for (const record of chosen) {
    const block = element('div', undefined, 'record');
    block.append(element('strong', `${record.id}: ${record.date}, ${record.place}`), element('div', record.what),
      element('div', `Fatalities: ${record.fatalities}; source: ${record.source}`),
      element('div', record.quote ? `“${record.quote}”` : '', 'quote'));
    box.append(block);
  }
}

const spec = new TextEncoder().encode(JSON.stringify(view.spec));
window.eventmapMap.render({
  data: spec,
  parentElement: document.getElementById('map'),
  setStateValue: (name, value) => { if (name === view.picked) showRecords(value); },
});
