// The customer lookup: one phone's entries across uploads, newest upload first.
import { API, getJson } from './api.js';
import { el, format, showProblem, table } from './dom.js';

export function customerLookup(form, input, result) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const phone = input.value.trim();
    if (!phone) {
      return;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    result.replaceChildren(el('p', { class: 'muted', text: 'Looking up…' }));
    try {
      const history = await getJson(`${API}/customers/${encodeURIComponent(phone)}/entries`);
      result.replaceChildren(historyOf(history));
    } catch (problem) {
      const line = el('p', { class: 'problem', role: 'alert' });
      showProblem(line, problem);
      result.replaceChildren(line);
    } finally {
      button.disabled = false;
    }
  });
}

function historyOf(history) {
  if (history.entries.length === 0) {
    return el('p', { class: 'muted', text: `No entries for ${history.phone} in completed uploads.` });
  }
  const caption = `${history.phone}: ${format.count(history.entries.length)} `
    + `${history.entries.length === 1 ? 'entry' : 'entries'}, newest upload first`;
  const rows = history.entries.map((entry) => [
    format.instant(entry.uploadedAt), entry.filename, entry.fullName, format.amount(entry.amountDue),
    format.date(entry.dueDate), entry.loanAccount, entry.nationalId,
  ]);
  return table(caption, ['Uploaded', 'File', 'Name', 'Amount due', 'Due date', 'Loan account', 'National ID'], rows,
    'history-table');
}
