// Builds elements without ever parsing markup: every string becomes a text node, so
// nothing the server sends can turn into HTML.

/**
 * Creates an element. `props` may hold `class`, `text`, `dataset`, `hidden` and any
 * attribute; children are nodes or strings (strings become text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key === 'hidden') {
      node.hidden = true;
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/**
 * A table with a caption, a header row and one row of cells per item. Each cell carries
 * its heading, so that on a phone a row can stack into labelled lines (see app.css).
 */
export function table(caption, headings, rows, className = '') {
  return el('div', { class: 'table-wrap' },
    el('table', { class: `stacking ${className}` },
      el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, ...headings.map((heading) => el('th', { scope: 'col', text: heading })))),
      el('tbody', {}, ...rows.map((cells) => tableRow(cells, headings)))));
}

export function tableRow(cells, headings) {
  return el('tr', {}, ...cells.map((cell, i) => el('td', { 'data-label': headings[i], text: cell ?? '—' })));
}

const integer = new Intl.NumberFormat('en-IN');

const money = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

export const format = {
  count: (n) => (n === null || n === undefined ? '—' : integer.format(n)),
  amount: (n) => (n === null || n === undefined ? '—' : money.format(Number(n))),
  instant: (iso) => (iso ? dateTime.format(new Date(iso)) : '—'),
  date: (isoDate) => (isoDate ? dateOnly.format(new Date(`${isoDate}T00:00:00Z`)) : '—'),
  bytes(n) {
    if (n === null || n === undefined) {
      return '—';
    }
    const units = ['B', 'KB', 'MB', 'GB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
  },
  status: (status) => ({
    AWAITING_CONTENT: 'Waiting for content',
    PROCESSING: 'Processing',
    INTERRUPTED: 'Interrupted: waiting to resume',
    COMPLETED: 'Completed',
    COMPLETED_WITH_ERRORS: 'Completed with errors',
    FAILED: 'Failed',
  })[status] ?? String(status ?? 'Unknown'),
};

/** Says something once to screen readers, through the page's polite live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // A fresh text node in a separate task is read even when the text repeats.
  setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/**
 * Shows a problem as its title in bold and its detail after it. Anything that is not an
 * API problem (a bug, say) still gets a readable line.
 */
export function showProblem(line, problem) {
  const title = problem?.title ?? 'Something went wrong';
  const detail = problem?.title ? problem.detail : problem?.message;
  line.replaceChildren(el('strong', { text: title }), detail ? ` ${detail}` : '');
  line.hidden = false;
}
