// An upload's changes since the previous completed upload of the tenant: four counts
// (new, changed, unchanged, missing) that pick which customers the table lists, page by
// page. A server without the comparison (404) gets a note instead.
import { API, ApiProblem, downloadCsv, getJson } from './api.js';
import { el, format, showProblem, table, tableRow } from './dom.js';

const KINDS = [
  ['new', 'New'],
  ['changed', 'Changed'],
  ['unchanged', 'Unchanged'],
  ['missing', 'Missing'],
];

const PAGE = 20;

const HEADINGS = ['Phone', 'Loan account', 'Name', 'Amount due', 'Due date'];

const CHANGED_HEADINGS = [...HEADINGS, 'What changed'];

export async function loadChanges(upload, section) {
  const heading = el('h3', { text: 'Changes since previous cycle' });
  if (upload.status === 'FAILED') {
    section.replaceChildren(heading, el('p', { class: 'muted', text: 'A failed upload is not compared.' }));
    return;
  }
  if (upload.status !== 'COMPLETED' && upload.status !== 'COMPLETED_WITH_ERRORS') {
    section.replaceChildren(heading, el('p', { class: 'muted', text: 'Compared once the upload completes.' }));
    return;
  }
  const counts = upload.changes ?? null;
  const chosen = firstKind(counts);
  const against = el('p', { class: 'muted' });
  const tabs = el('div', { class: 'kinds', role: 'group', 'aria-label': 'Which customers to list' });
  const listing = el('div', { class: 'changes-list' });
  section.replaceChildren(heading, against, tabs, listing);
  const showCounts = (page) => {
    const known = page?.counts ?? counts;
    for (const button of tabs.children) {
      button.querySelector('.kind-count').textContent = known ? format.count(known[button.dataset.kind]) : '…';
    }
    if (page) {
      against.textContent = page.previousUploadId
        ? 'Compared with the previous completed upload.'
        : 'The first upload: every customer is new.';
    }
  };
  const show = (kind) => {
    for (const button of tabs.children) {
      button.setAttribute('aria-pressed', String(button.dataset.kind === kind));
    }
    return showKind(upload, kind, listing, showCounts);
  };
  for (const [kind, label] of KINDS) {
    const button = el('button', { type: 'button', class: 'kind', dataset: { kind } },
      el('span', { text: label }), ' ', el('strong', { class: 'kind-count' }));
    button.addEventListener('click', () => show(kind));
    tabs.append(button);
  }
  showCounts(null);
  const shown = await show(chosen);
  if (shown === 'absent') {
    section.replaceChildren(heading, el('p', { class: 'muted', text: 'Not available yet.' }));
  }
}

/** The kind worth seeing first: changed, new or missing customers, when there are any. */
function firstKind(counts) {
  if (!counts) {
    return 'changed';
  }
  return ['changed', 'new', 'missing'].find((kind) => counts[kind] > 0) ?? 'changed';
}

/** Lists one kind of change; resolves with 'absent' when the server has no comparison. */
async function showKind(upload, kind, listing, onPage) {
  const path = `${API}/uploads/${encodeURIComponent(upload.id)}/changes?kind=${kind}&limit=${PAGE}`;
  const status = el('p', { class: 'problem', role: 'alert', hidden: true });
  const more = el('button', { type: 'button', class: 'secondary', text: 'Show more', hidden: true });
  listing.replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
  let rows = null;
  let next = null;
  const page = async () => {
    const found = await getJson(next ? `${path}&cursor=${encodeURIComponent(next)}` : path);
    onPage(found);
    const headings = kind === 'changed' ? CHANGED_HEADINGS : HEADINGS;
    const lines = (found.items ?? []).map((item) => cells(item).slice(0, headings.length));
    if (!rows) {
      if (lines.length === 0) {
        listing.replaceChildren(el('p', { class: 'muted', text: `No ${kind} customers.` }));
        return;
      }
      const name = KINDS.find(([k]) => k === kind)[1];
      const shown = table(`${name} customers`, headings, lines, `changes-table kind-${kind}`);
      rows = shown.querySelector('tbody');
      const download = el('button', { type: 'button', class: 'secondary', text: `Download ${kind} as CSV` });
      download.addEventListener('click', () => {
        status.hidden = true;
        downloadCsv(`${API}/uploads/${encodeURIComponent(upload.id)}/changes?kind=${kind}`,
          `${upload.id}-changes.csv`).catch((problem) => showProblem(status, problem));
      });
      listing.replaceChildren(el('div', { class: 'actions' }, download), shown, status, more);
    } else {
      rows.append(...lines.map((line) => tableRow(line, headings)));
    }
    next = found.next ?? null;
    more.hidden = !next;
  };
  more.addEventListener('click', () => page().catch((problem) => showProblem(status, problem)));
  try {
    await page();
    return 'shown';
  } catch (problem) {
    if (problem instanceof ApiProblem && problem.status === 404 && problem.code !== 'upload-not-found') {
      return 'absent';
    }
    const line = el('p', { class: 'problem', role: 'alert' });
    showProblem(line, problem);
    listing.replaceChildren(line);
    return 'failed';
  }
}

/** One customer's line; for a changed one, each field as "before → after". */
function cells(item) {
  return [item.primaryPhone, item.loanAccount, item.fullName, amount(item.amountDue), date(item.dueDate),
    (item.changes ?? []).map((change) => `${label(change.field)}: ${change.from ?? '—'} → ${change.to ?? '—'}`)
      .join('; ')];
}

/** A field's API name for people: amountDue → amount due. */
function label(name) {
  return String(name).replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

function amount(value) {
  return value === null || value === undefined ? null : format.amount(value);
}

function date(value) {
  return value === null || value === undefined ? null : format.date(value);
}
