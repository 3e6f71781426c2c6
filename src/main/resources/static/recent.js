// The recent uploads, newest first. Opening one shows its row errors (with a CSV
// download) and the changes since the previous cycle, loaded on first open.
import { API, downloadCsv, getJson } from './api.js';
import { loadChanges } from './changes.js';
import { el, format, showProblem, table, tableRow } from './dom.js';

const PAGE = 20;

const ERRORS_PAGE = 100;

const ERROR_HEADINGS = ['Row', 'Column', 'Code', 'Message'];

const TERMINAL = new Set(['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED']);

export class RecentUploads {
  constructor(list, more, problemLine) {
    this.list = list;
    this.more = more;
    this.problemLine = problemLine;
    this.items = new Map();
    this.next = null;
    this.olderLoaded = false;
    this.tickets = 0;
    more.addEventListener('click', () => this.loadOlder());
  }

  /** Reloads the first page; items already open keep their state. Returns the uploads. */
  async refresh() {
    const ticket = ++this.tickets; // only the latest refresh may render
    let page;
    try {
      page = await getJson(`${API}/uploads?limit=${PAGE}`);
    } catch (problem) {
      this.showProblem(problem);
      return [];
    }
    if (ticket !== this.tickets) {
      return [];
    }
    this.problemLine.hidden = true;
    const firstIds = new Set(page.items.map((upload) => upload.id));
    const older = this.olderLoaded ? [...this.items.values()].filter((item) => !firstIds.has(item.id)) : [];
    const shown = page.items.map((upload) => this.itemFor(upload));
    this.items = new Map([...shown, ...older].map((item) => [item.id, item]));
    this.list.replaceChildren(...[...this.items.values()].map((item) => item.node));
    if (!this.olderLoaded) {
      this.next = page.next;
    }
    this.renderEnd();
    return page.items;
  }

  async loadOlder() {
    if (!this.next) {
      return;
    }
    try {
      const page = await getJson(`${API}/uploads?limit=${PAGE}&cursor=${encodeURIComponent(this.next)}`);
      for (const upload of page.items) {
        const item = this.itemFor(upload);
        this.items.set(item.id, item);
        this.list.append(item.node);
      }
      this.next = page.next;
      this.olderLoaded = true;
      this.renderEnd();
    } catch (problem) {
      this.showProblem(problem);
    }
  }

  itemFor(upload) {
    const item = this.items.get(upload.id) ?? new RecentItem(upload);
    item.update(upload);
    return item;
  }

  renderEnd() {
    this.more.hidden = !this.next;
    if (this.items.size === 0) {
      this.list.replaceChildren(el('li', { class: 'empty', text: 'No uploads yet.' }));
    }
  }

  showProblem(problem) {
    showProblem(this.problemLine, problem);
  }
}

/** One upload of the list, as a disclosure whose body loads when first opened. */
class RecentItem {
  constructor(upload) {
    this.id = upload.id;
    this.loadedFor = null;
    this.name = el('span', { class: 'filename' });
    this.badge = el('span', { class: 'badge' });
    this.when = el('span', { class: 'when' });
    this.tally = el('span', { class: 'tally' });
    this.body = el('div', { class: 'recent-body' });
    this.details = el('details', {},
      el('summary', {}, this.name, this.badge, this.when, this.tally), this.body);
    this.details.addEventListener('toggle', () => this.load());
    this.node = el('li', { class: 'recent-item', dataset: { uploadId: upload.id } }, this.details);
  }

  update(upload) {
    this.upload = upload;
    this.node.dataset.status = upload.status;
    this.name.textContent = upload.filename;
    this.badge.className = `badge status-${upload.status.toLowerCase()}`;
    this.badge.textContent = format.status(upload.status);
    this.when.textContent = format.instant(upload.createdAt);
    this.tally.textContent = `${format.count(upload.rowsSucceeded)} stored · ${format.count(upload.rowsFailed)} failed`;
    this.load();
  }

  /** Loads the body when open, again whenever the upload's status changed since. */
  load() {
    if (!this.details.open || this.loadedFor === this.upload.status) {
      return;
    }
    this.loadedFor = this.upload.status;
    const upload = this.upload;
    const errors = el('section', { class: 'errors', 'aria-label': 'Row errors' });
    const changes = el('section', { class: 'changes' },
      el('h3', { text: 'Changes since previous cycle' }), el('p', { class: 'muted', text: 'Loading…' }));
    this.body.replaceChildren(overview(upload), errors, changes);
    loadErrors(upload, errors);
    loadChanges(upload, changes);
  }
}

function overview(upload) {
  const facts = el('dl', { class: 'facts' },
    fact('Rows', format.count(upload.rowsTotal)),
    fact('Stored', format.count(upload.rowsSucceeded)),
    fact('Failed', format.count(upload.rowsFailed)),
    fact('Size', format.bytes(upload.bytesReceived)),
    fact('Finished', format.instant(upload.finishedAt)));
  const parts = [facts, el('p', { class: 'message', text: upload.message ?? '' })];
  if (upload.error) {
    parts.push(el('p', { class: 'problem' },
      el('strong', { text: `Failed at ${upload.error.stage}: ` }), upload.error.message ?? upload.error.code));
  }
  if (upload.unknownColumns?.length) {
    parts.push(el('p', { class: 'muted', text: `Ignored columns: ${upload.unknownColumns.join(', ')}` }));
  }
  return el('div', { class: 'overview' }, ...parts);
}

async function loadErrors(upload, section) {
  const path = `${API}/uploads/${encodeURIComponent(upload.id)}/errors`;
  const heading = el('h3', { text: 'Row errors' });
  if (upload.status === 'AWAITING_CONTENT') {
    section.replaceChildren(heading, el('p', { class: 'muted', text: 'No content yet.' }));
    return;
  }
  if (TERMINAL.has(upload.status) && upload.rowsFailed === 0) {
    section.replaceChildren(heading, el('p', { class: 'muted', text: 'No row errors.' }));
    return;
  }
  const status = el('p', { class: 'problem', role: 'alert', hidden: true });
  const download = el('button', { type: 'button', class: 'secondary', text: 'Download errors as CSV' });
  download.addEventListener('click', () => {
    status.hidden = true;
    downloadCsv(path, `${upload.id}-errors.csv`).catch((problem) => showProblem(status, problem));
  });
  const more = el('button', { type: 'button', class: 'secondary', text: 'Show more errors', hidden: true });
  section.replaceChildren(heading, el('div', { class: 'actions' }, download), status);
  let rows;
  let next = null;
  const page = async () => {
    const cursor = next ? `&cursor=${encodeURIComponent(next)}` : '';
    const found = await getJson(`${path}?limit=${ERRORS_PAGE}${cursor}`);
    const lines = found.items.map((error) => [format.count(error.row), error.column, error.code, error.message]);
    if (!rows) {
      const caption = `${format.count(upload.rowsFailed)} rows failed`;
      const shown = table(caption, ERROR_HEADINGS, lines, 'errors-table');
      rows = shown.querySelector('tbody');
      section.insertBefore(shown, status);
      section.append(more);
    } else {
      rows.append(...lines.map((cells) => tableRow(cells, ERROR_HEADINGS)));
    }
    next = found.next;
    more.hidden = !next;
  };
  more.addEventListener('click', () => page().catch((problem) => showProblem(status, problem)));
  await page().catch((problem) => showProblem(status, problem));
}

function fact(term, value) {
  return el('div', {}, el('dt', { text: term }), el('dd', { text: value }));
}
