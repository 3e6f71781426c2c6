// Wires the dashboard: file picking and dropping, the live feed, the recent uploads and
// the customer lookup.
import { apiKey, KEY_NEEDED } from './api.js';
import { customerLookup } from './customer.js';
import { announce } from './dom.js';
import { Feed } from './feed.js';
import { LiveUploads } from './live.js';
import { RecentUploads } from './recent.js';

const byId = (id) => document.getElementById(id);

// The key is asked for once per tab: when Intake first answers 401, or from the header.
const settings = byId('settings');
const key = byId('api-key');
key.value = apiKey.get();

function askForKey() {
  settings.open = true;
  byId('key-hint').textContent = apiKey.get()
    ? 'Intake did not accept this key. Enter a valid API key.'
    : 'Intake needs an API key. It is kept in this tab only.';
  if (document.activeElement !== key) {
    key.focus();
  }
}

const recent = new RecentUploads(byId('recent'), byId('recent-more'), byId('recent-problem'));

let refreshTimer = null;

/** Reloads the recent uploads once a burst of starts and finishes has settled. */
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => recent.refresh(), 300);
}

const live = new LiveUploads(byId('live-uploads'), byId('live-empty'), refreshSoon);

const FEED_STATES = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Offline, retrying…',
  unauthorized: 'API key needed',
};

let feedWasDown = false;
const feed = new Feed((event) => live.apply(event), (state) => {
  console.info(`Intake feed: ${state}`);
  const indicator = byId('feed-state');
  indicator.dataset.state = state;
  indicator.textContent = FEED_STATES[state];
  if (state === 'open' && feedWasDown) {
    refreshSoon(); // what finished while the feed was down
  }
  feedWasDown = state !== 'open';
  if (state === 'unauthorized') {
    askForKey();
  }
});
feed.restart();

/** Uploads still running when the page (re)loads its list get live cards too. */
function trackProcessing(uploads) {
  uploads.filter((upload) => upload.status === 'PROCESSING').forEach((upload) => live.track(upload));
}

recent.refresh().then(trackProcessing);
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

window.addEventListener(KEY_NEEDED, askForKey);
byId('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  apiKey.set(key.value.trim());
  settings.open = false;
  announce(apiKey.get() ? 'API key set for this tab.' : 'API key removed.');
  feed.restart();
  recent.refresh().then(trackProcessing);
});

customerLookup(byId('customer-form'), byId('phone'), byId('customer-result'));
