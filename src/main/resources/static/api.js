// Talks to Intake's HTTP API. Every failure becomes an ApiProblem with a title and a
// detail for people, read from the RFC 9457 problem when the server sent one.

export const API = '/api/v1';

const KEY_STORAGE = 'intake.apiKey';

/** Dispatched on `window` whenever Intake answers 401: the key is missing or wrong. */
export const KEY_NEEDED = 'intake:key-needed';

/** The API key the user typed, kept for this tab only; sent as X-API-Key when set. */
export const apiKey = {
  get: () => sessionStorage.getItem(KEY_STORAGE) ?? '',
  set(value) {
    if (value) {
      sessionStorage.setItem(KEY_STORAGE, value);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
  },
};

function headers(accept) {
  const all = { Accept: accept };
  const key = apiKey.get();
  if (key) {
    all['X-API-Key'] = key;
  }
  return all;
}

export class ApiProblem extends Error {
  constructor(status, title, detail, code) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.code = code;
  }

  static unreachable() {
    return new ApiProblem(0, 'Intake could not be reached', 'Check the connection and try again.', 'unreachable');
  }

  /** Reads a failed answer: its problem+json if it has one, else its status line. */
  static fromText(status, statusText, contentType, text) {
    if (contentType && contentType.includes('json') && text) {
      try {
        const body = JSON.parse(text);
        return new ApiProblem(status, body.title || `HTTP ${status}`, body.detail || '', body.code || '');
      } catch {
        // Not JSON after all: fall through to the status line.
      }
    }
    return new ApiProblem(status, `HTTP ${status} ${statusText || ''}`.trim(), '', '');
  }
}

async function failed(response) {
  const text = await response.text().catch(() => '');
  return ApiProblem.fromText(response.status, response.statusText, response.headers.get('Content-Type'), text);
}

async function send(path, options, accept) {
  let response;
  try {
    response = await fetch(path, { ...options, headers: { ...headers(accept), ...(options.headers ?? {}) } });
  } catch {
    throw ApiProblem.unreachable();
  }
  if (!response.ok) {
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent(KEY_NEEDED));
    }
    throw await failed(response);
  }
  return response;
}

export async function getJson(path) {
  const response = await send(path, {}, 'application/json');
  return response.json();
}

export async function postJson(path, body) {
  const response = await send(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }, 'application/json');
  return response.json();
}

/**
 * A short-lived token for the feed of all uploads, for EventSource (which cannot send
 * the key): `{accessToken, expiresAt}`. Resolves with null when this Intake has no
 * tokens (it answers 404 or 405: it runs without API keys).
 */
export async function feedToken() {
  try {
    const response = await send(`${API}/uploads/events/token`, { method: 'POST' }, 'application/json');
    return await response.json();
  } catch (problem) {
    if (problem instanceof ApiProblem && (problem.status === 404 || problem.status === 405)) {
      return null;
    }
    throw problem;
  }
}

/**
 * Fetches a CSV with `Accept: text/csv` (a plain link cannot ask for it) and saves it
 * under the name the server suggests.
 */
export async function downloadCsv(path, fallbackName) {
  const response = await send(path, {}, 'text/csv');
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const named = /filename="?([^";]+)"?/.exec(disposition);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named ? named[1] : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Sends a file as the raw text/csv content of an upload created before, reporting the
 * bytes sent as they go (fetch cannot report upload progress; XMLHttpRequest can).
 * Resolves with the upload's summary once Intake has processed the whole file.
 */
export function sendContent(id, file, onSent) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${API}/uploads/${encodeURIComponent(id)}/content`);
    for (const [name, value] of Object.entries(headers('application/json'))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = (event) => onSent(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status === 401) {
        window.dispatchEvent(new CustomEvent(KEY_NEEDED));
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch {
          reject(new ApiProblem(xhr.status, 'Unreadable answer', 'Intake answered with something that is not JSON.', ''));
        }
      } else {
        reject(ApiProblem.fromText(xhr.status, xhr.statusText, xhr.getResponseHeader('Content-Type'),
          xhr.responseText));
      }
    };
    // Intake may answer a bad file early and close the connection while the browser is
    // still sending; the browser then reports a network error instead of the answer.
    xhr.onerror = () => reject(ApiProblem.unreachable());
    xhr.send(file);
  });
}
