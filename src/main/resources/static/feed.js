// The feed of all uploads (Server-Sent Events). EventSource cannot send the API key, so
// every connection carries a short-lived feed token, and is replaced by one with a fresh
// token before that expires. Each new connection resumes right after the last event seen
// (?lastEventId=), so nothing is missed or seen twice.
import { API, ApiProblem, feedToken } from './api.js';

const EVENT_TYPES = ['started', 'progress', 'completed', 'failed'];

/** Renew this long before the token expires; never sooner than MIN_RENEW_MS after connecting. */
const RENEW_EARLY_MS = 30_000;

const MIN_RENEW_MS = 5_000;

const RETRY_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * `onEvent` gets each event's parsed data. `onState` gets 'connecting', 'open',
 * 'reconnecting', 'closed' (retrying later) or 'unauthorized' (waits for `restart()`,
 * as after a new key).
 */
export class Feed {
  constructor(onEvent, onState) {
    this.onEvent = onEvent;
    this.onState = onState;
    this.source = null;
    this.timer = null;
    this.lastEventId = null;
    this.failures = 0;
    this.generation = 0;
  }

  /** Connects anew, with a fresh token: at start, and when the key changed. */
  restart() {
    this.failures = 0;
    this.onState('connecting');
    this.connect();
  }

  async connect() {
    const generation = this.stop();
    let token;
    try {
      token = await feedToken();
    } catch (problem) {
      if (generation !== this.generation) {
        return;
      }
      if (problem instanceof ApiProblem && (problem.status === 401 || problem.status === 403)) {
        this.onState('unauthorized');
      } else {
        this.retryLater();
      }
      return;
    }
    if (generation !== this.generation) {
      return; // restarted meanwhile
    }
    this.open(token, generation);
  }

  open(token, generation) {
    const params = new URLSearchParams();
    if (token) {
      params.set('access_token', token.accessToken);
    }
    if (this.lastEventId) {
      params.set('lastEventId', this.lastEventId);
    }
    const query = params.toString();
    const source = new EventSource(`${API}/uploads/events${query ? `?${query}` : ''}`);
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.onState('open');
    };
    // The browser would reconnect by itself with the same address, whose token may have
    // expired by then: reconnect here instead, with a fresh one.
    source.onerror = () => {
      if (generation === this.generation) {
        this.retryLater();
      }
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (message) => this.receive(message));
    }
    if (token) {
      const renewIn = Date.parse(token.expiresAt) - Date.now() - RENEW_EARLY_MS;
      this.timer = setTimeout(() => this.connect(), Math.max(renewIn, MIN_RENEW_MS));
    }
  }

  receive(message) {
    if (message.lastEventId) {
      this.lastEventId = message.lastEventId;
    }
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    this.onEvent(event);
  }

  retryLater() {
    const generation = this.stop();
    this.onState(this.failures === 0 ? 'reconnecting' : 'closed');
    const pause = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)];
    this.failures += 1;
    this.timer = setTimeout(() => {
      if (generation === this.generation) {
        this.connect();
      }
    }, pause);
  }

  /** Closes the connection and cancels timers; returns the new generation. */
  stop() {
    clearTimeout(this.timer);
    if (this.source) {
      this.source.close();
      this.source = null;
    }
    this.generation += 1;
    return this.generation;
  }
}
