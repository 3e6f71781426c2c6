// The live uploads: one card per upload, driven by the global progress feed (so uploads
// started by API clients show up too) and, for files sent from this page, by the
// browser's own byte count.
import { API, ApiProblem, getJson, postJson, sendContent } from './api.js';
import { announce, el, format, showProblem } from './dom.js';

const TERMINAL = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED']);

const MAX_CARDS = 8;

export class LiveUploads {
  constructor(list, empty, onChange) {
    this.list = list;
    this.empty = empty;
    this.onChange = onChange;
    this.cards = new Map();
    this.localIds = 0;
  }

  /** An event of the feed: updates the upload's card, making one if needed. */
  apply(event) {
    if (!event || !event.uploadId) {
      return;
    }
    const known = this.cards.has(event.uploadId);
    const card = this.cardFor(event.uploadId, event.filename, false);
    card.fromEvent(event);
    if (!known || event.type !== 'progress') {
      this.onChange();
    }
  }

  /** Shows an upload known from the list, such as one still processing. */
  track(summary) {
    if (!this.cards.has(summary.id)) {
      this.cardFor(summary.id, summary.filename, false).fromSummary(summary);
    }
  }

  /** Creates an upload for the file, then streams the file into it. */
  async send(file) {
    let created;
    try {
      created = await postJson(`${API}/uploads`, { filename: file.name });
    } catch (problem) {
      this.localIds += 1;
      this.cardFor(`local-${this.localIds}`, file.name, true).problem(problem);
      return;
    }
    const card = this.cardFor(created.id, created.filename, true);
    card.fromSummary(created);
    card.sent(0, file.size);
    try {
      const done = await sendContent(created.id, file, (loaded, total) => card.sent(loaded, total));
      card.sent(file.size, file.size); // answered only once the whole body was read
      card.fromSummary(done);
    } catch (problem) {
      card.problem(problem instanceof ApiProblem ? problem : ApiProblem.unreachable());
      // The stored upload says what became of it, whatever happened to the answer.
      await getJson(`${API}/uploads/${encodeURIComponent(created.id)}`)
        .then((stored) => card.fromSummary(stored))
        .catch(() => undefined);
    }
    this.onChange();
  }

  cardFor(id, filename, own) {
    let card = this.cards.get(id);
    if (!card) {
      card = new Card(id, filename);
      this.cards.set(id, card);
      this.list.prepend(card.node);
      this.prune();
      this.empty.hidden = true;
    }
    if (own) {
      card.sentMeter.hidden = false;
    }
    return card;
  }

  /** Keeps at most MAX_CARDS cards by dropping the oldest finished ones. */
  prune() {
    for (const [id, card] of [...this.cards]) {
      if (this.cards.size <= MAX_CARDS) {
        break;
      }
      if (card.finished) {
        card.node.remove();
        this.cards.delete(id);
      }
    }
  }
}

/** One upload's card: status, a byte bar for files sent from here, a processing bar, counts. */
class Card {
  constructor(id, filename) {
    this.id = id;
    this.filename = filename || 'upload.csv';
    this.state = { status: 'PROCESSING', rowsProcessed: 0, rowsSucceeded: 0, rowsFailed: 0, percent: null };
    this.rate = null;
    this.first = null;
    this.finished = false;
    this.build();
    this.render();
  }

  build() {
    const sentLabel = `sent-${this.id}`;
    const processedLabel = `processed-${this.id}`;
    this.badge = el('span', { class: 'badge' });
    this.sentBar = el('progress', { class: 'sent', max: 100, value: 0, 'aria-labelledby': sentLabel });
    this.sentText = el('span', { class: 'meter-text' });
    this.processedBar = el('progress', { class: 'processed', max: 100, 'aria-labelledby': processedLabel });
    this.processedText = el('span', { class: 'meter-text' });
    this.sentMeter = el('div', { class: 'meter', hidden: true },
      el('span', { class: 'meter-label', id: sentLabel, text: 'Sent' }), this.sentBar, this.sentText);
    this.counts = {
      rows: el('dd'), succeeded: el('dd'), failed: el('dd'), rate: el('dd'),
    };
    this.message = el('p', { class: 'message' });
    this.problemLine = el('p', { class: 'problem', role: 'alert', hidden: true });
    this.node = el('li', { class: 'card', dataset: { uploadId: this.id } },
      el('div', { class: 'card-head' }, el('span', { class: 'filename', text: this.filename }), this.badge),
      this.sentMeter,
      el('div', { class: 'meter' },
        el('span', { class: 'meter-label', id: processedLabel, text: 'Processed' }), this.processedBar,
        this.processedText),
      el('dl', { class: 'counts' },
        pair('Rows read', this.counts.rows), pair('Stored', this.counts.succeeded),
        pair('Failed', this.counts.failed), pair('Rows/s', this.counts.rate)),
      this.message, this.problemLine);
  }

  fromEvent(event) {
    const terminal = event.type === 'completed' || event.type === 'failed';
    if (this.finished && !terminal) {
      return; // a late progress event after the final state
    }
    this.measureRate(event);
    this.state = {
      status: event.status ?? (event.type === 'failed' ? 'FAILED' : 'PROCESSING'),
      rowsProcessed: event.rowsProcessed,
      rowsSucceeded: event.rowsSucceeded,
      rowsFailed: event.rowsFailed,
      percent: event.percent ?? (event.type === 'completed' ? 100 : this.state.percent),
      message: event.message,
    };
    this.render();
  }

  fromSummary(summary) {
    const final = TERMINAL.has(summary.status);
    if (this.finished && !final) {
      return;
    }
    this.state = {
      status: summary.status,
      rowsProcessed: summary.rowsTotal,
      rowsSucceeded: summary.rowsSucceeded,
      rowsFailed: summary.rowsFailed,
      percent: final && summary.status !== 'FAILED' ? 100 : this.state.percent,
      message: summary.error?.message ?? summary.message,
    };
    if (summary.rowsPerSecond !== null && summary.rowsPerSecond !== undefined) {
      this.rate = summary.rowsPerSecond;
    }
    this.render();
  }

  /** Rows per second between the first event seen and this one, by the server's clock. */
  measureRate(event) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at)) {
      return;
    }
    if (event.type === 'started' || this.first === null) {
      this.first = { at, rows: event.type === 'started' ? 0 : event.rowsProcessed };
    } else if (at > this.first.at) {
      this.rate = (event.rowsProcessed - this.first.rows) / ((at - this.first.at) / 1000);
    }
  }

  sent(loaded, total) {
    const percent = total > 0 ? (100 * loaded) / total : 0;
    this.sentBar.value = percent;
    this.sentText.textContent = `${format.bytes(loaded)} of ${format.bytes(total)}`;
  }

  problem(problem) {
    showProblem(this.problemLine, problem);
    if (!TERMINAL.has(this.state.status)) {
      this.state = { ...this.state, status: 'FAILED' };
    }
    this.render();
  }

  render() {
    const { status, percent } = this.state;
    const wasFinished = this.finished;
    this.finished = TERMINAL.has(status);
    this.node.dataset.status = status;
    this.badge.className = `badge status-${status.toLowerCase()}`;
    this.badge.textContent = format.status(status);
    if (status === 'AWAITING_CONTENT') {
      this.processedBar.value = 0;
      this.processedText.textContent = 'Waiting';
    } else if (percent !== null && percent !== undefined) {
      this.processedBar.value = percent;
      this.processedText.textContent = `${Math.floor(percent)}%`;
    } else if (this.finished) {
      this.processedBar.value = 0;
      this.processedText.textContent = `${format.count(this.state.rowsProcessed)} rows`;
    } else {
      this.processedBar.removeAttribute('value'); // indeterminate: the size is unknown
      this.processedText.textContent = `${format.count(this.state.rowsProcessed)} rows`;
    }
    this.counts.rows.textContent = format.count(this.state.rowsProcessed);
    this.counts.succeeded.textContent = format.count(this.state.rowsSucceeded);
    this.counts.failed.textContent = format.count(this.state.rowsFailed);
    this.counts.rate.textContent = this.rate === null ? '—' : format.count(Math.round(this.rate));
    this.message.textContent = this.state.message ?? '';
    if (this.finished && !wasFinished) {
      announce(`${this.filename}: ${this.state.message ?? format.status(status)}`);
    }
  }
}

function pair(term, definition) {
  return el('div', {}, el('dt', { text: term }), definition);
}
