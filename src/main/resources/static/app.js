// Wires the dashboard: file picking and dropping, the live feed, the recent uploads and
// the customer lookup.
import { apiKey } from './api.js';
import { customerLookup } from './customer.js';
import { followFeed, LiveUploads } from './live.js';
import { RecentUploads } from './recent.js';

const byId = (id) => document.getElementById(id);

const recent = new RecentUploads(byId('recent'), byId('recent-more'), byId('recent-problem'));

let refreshTimer = null;

/** Reloads the recent uploads once a burst of starts and finishes has settled. */
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => recent.refresh(), 300);
}

const live = new LiveUploads(byId('live-uploads'), byId('live-empty'), refreshSoon);

const FEED_STATES = {
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline, retrying…',
};

let feedWasDown = false;
followFeed((event) => live.apply(event), (state) => {
  const indicator = byId('feed-state');
  indicator.dataset.state = state;
  indicator.textContent = FEED_STATES[state];
  if (state === 'open' && feedWasDown) {
    refreshSoon(); // events of the outage are not replayed to a new connection
  }
  feedWasDown = state !== 'open';
});

recent.refresh().then((uploads) => uploads
  .filter((upload) => upload.status === 'PROCESSING')
  .forEach((upload) => live.track(upload)));
byId('recent-refresh').addEventListener('click', () => recent.refresh());

// Files are sent one after another, in the order they were picked or dropped.
let queue = Promise.resolve();
function sendAll(files) {
  for (const file of files) {
    queue = queue.then(() => live.send(file));
  }
}

const input = byId('file');
input.addEventListener('change', () => {
  sendAll([...input.files]);
  input.value = '';
});

const dropzone = byId('dropzone');
const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
dropzone.addEventListener('dragover', (event) => {
  if (hasFiles(event)) {
    event.preventDefault();
    dropzone.classList.add('dragging');
  }
});
dropzone.addEventListener('dragleave', () => dropzone.classList.remove('dragging'));
dropzone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropzone.classList.remove('dragging');
  sendAll([...event.dataTransfer.files]);
});
// A file dropped next to the zone must not make the browser leave the page to show it.
window.addEventListener('dragover', (event) => hasFiles(event) && event.preventDefault());
window.addEventListener('drop', (event) => hasFiles(event) && event.preventDefault());

const key = byId('api-key');
key.value = apiKey.get();
key.addEventListener('input', () => apiKey.set(key.value.trim()));

customerLookup(byId('customer-form'), byId('phone'), byId('customer-result'));
