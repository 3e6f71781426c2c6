#!/usr/bin/env python3
"""One phase of MODE=instances: concurrent uploads spread round robin over Intake instances,
each followed by an SSE subscriber on the next instance (the same one when there is only one).

For every upload: create it (POST JSON) on instance i % N, open its event stream on instance
(i + 1) % N and wait for the stream's first event, then, once every subscriber is ready, send all
contents at once (PUT .../content, streamed from disk). Prints one JSON object: the wall time
from the first PUT to the last answer, combined rows/s, every event's latency from XADD to client
(the stream id's millisecond part is Redis' clock at XADD, on this same machine), the terminal
event's delay after the HTTP answer, and whether every subscriber got every event once, in order,
ending with the terminal one. Standard library only.
"""

import argparse
import http.client
import json
import os
import threading
import time
import urllib.parse


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", required=True, help="comma-separated base URLs of the instances")
    parser.add_argument("--key", required=True)
    parser.add_argument("--csv", required=True)
    parser.add_argument("--uploads", type=int, default=8)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--label", default="run")
    return parser.parse_args()


def connection(base):
    parsed = urllib.parse.urlparse(base)
    return http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600, blocksize=1 << 16)


def create(base, key, filename):
    conn = connection(base)
    conn.request("POST", "/api/v1/uploads", body=json.dumps({"filename": filename}),
                 headers={"X-API-Key": key, "Content-Type": "application/json"})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 201:
        raise SystemExit(f"create on {base} answered {response.status}: {body[:300]!r}")
    return json.loads(body)["id"]


class Subscriber(threading.Thread):
    """Reads one upload's event stream to its terminal event, stamping each event's arrival."""

    def __init__(self, base, key, upload_id):
        super().__init__(daemon=True)
        self.base, self.key, self.upload_id = base, key, upload_id
        self.events = []  # (arrival ms, id, event name, data)
        self.ready = threading.Event()
        self.error = None

    def run(self):
        try:
            conn = connection(self.base)
            conn.request("GET", f"/api/v1/uploads/{self.upload_id}/events",
                         headers={"X-API-Key": self.key, "Accept": "text/event-stream"})
            response = conn.getresponse()
            if response.status != 200:
                raise RuntimeError(f"events answered {response.status}")
            event = {}
            while True:
                line = response.fp.readline()
                if not line:
                    break
                line = line.decode("utf-8").rstrip("\r\n")
                if line == "":
                    if "data" in event:
                        arrived = time.time() * 1000
                        self.events.append((arrived, event.get("id"), event.get("event"), event["data"]))
                        self.ready.set()
                        if event.get("event") in ("completed", "failed"):
                            break
                    event = {}
                elif line.startswith(":"):
                    continue
                else:
                    name, _, value = line.partition(":")
                    event[name] = value[1:] if value.startswith(" ") else value
            conn.close()
        except Exception as ex:  # reported in the result
            self.error = str(ex)
        finally:
            self.ready.set()


class Upload(threading.Thread):
    def __init__(self, base, key, upload_id, path, start):
        super().__init__(daemon=True)
        self.base, self.key, self.upload_id, self.path, self.start_gate = base, key, upload_id, path, start
        self.status = None
        self.summary = None
        self.answered_ms = None

    def run(self):
        self.start_gate.wait()
        conn = connection(self.base)
        size = os.path.getsize(self.path)
        with open(self.path, "rb") as body:
            conn.request("PUT", f"/api/v1/uploads/{self.upload_id}/content", body=body,
                         headers={"X-API-Key": self.key, "Content-Type": "text/csv", "Content-Length": str(size)})
            response = conn.getresponse()
            data = response.read()
        self.answered_ms = time.time() * 1000
        self.status = response.status
        try:
            self.summary = json.loads(data)
        except ValueError:
            self.summary = {"raw": data[:300].decode("utf-8", "replace")}
        conn.close()


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def stream_id(text):
    millis, _, sequence = text.partition("-")
    return int(millis), int(sequence or 0)


def main():
    args = parse_args()
    urls = args.urls.split(",")
    n = len(urls)
    start = threading.Event()
    uploads, subscribers = [], []
    for i in range(args.uploads):
        base = urls[i % n]
        upload_id = create(base, args.key, f"{args.label}-{i}.csv")
        subscriber = Subscriber(urls[(i + 1) % n], args.key, upload_id)
        subscriber.start()
        subscribers.append(subscriber)
        uploads.append(Upload(base, args.key, upload_id, args.csv, start))
    for subscriber in subscribers:
        subscriber.ready.wait(60)
    for upload in uploads:
        upload.start()
    started_ms = time.time() * 1000
    start.set()
    for upload in uploads:
        upload.join()
    ended_ms = max(upload.answered_ms for upload in uploads)
    for subscriber in subscribers:
        subscriber.join(60)

    latencies, after_answer, problems = [], [], []
    for upload, subscriber in zip(uploads, subscribers):
        if upload.status != 200 or upload.summary.get("status") not in ("COMPLETED", "COMPLETED_WITH_ERRORS") \
                or upload.summary.get("rowsTotal") != args.rows:
            problems.append(f"upload {upload.upload_id} on {upload.base}: {upload.status} {upload.summary}")
        if subscriber.error:
            problems.append(f"subscriber of {upload.upload_id}: {subscriber.error}")
        seen, previous = set(), (0, -1)
        live = [e for e in subscriber.events if e[0] >= started_ms]
        for arrived, event_id, name, data in live:
            if event_id is None:
                problems.append(f"an event of {upload.upload_id} without an id")
                continue
            sid = stream_id(event_id)
            if sid <= previous:
                problems.append(f"{upload.upload_id}: id {event_id} not after {previous}")
            previous = sid
            key = (name, json.loads(data).get("rowsProcessed"))
            if key in seen:
                problems.append(f"{upload.upload_id}: {key} twice")
            seen.add(key)
            latencies.append(arrived - sid[0])
        if not subscriber.events or subscriber.events[-1][2] not in ("completed", "failed"):
            problems.append(f"subscriber of {upload.upload_id} got no terminal event")
        else:
            after_answer.append(subscriber.events[-1][0] - upload.answered_ms)
    wall = (ended_ms - started_ms) / 1000
    print(json.dumps({
        "instances": n,
        "uploads": args.uploads,
        "rows": args.rows,
        "wall_s": round(wall, 3),
        "rows_per_s": round(args.uploads * args.rows / wall),
        "events": len(latencies),
        "latency_ms": {f"p{p}": round(percentile(latencies, p), 1) if latencies else None for p in (50, 90, 99)},
        "terminal_after_answer_ms_p50": round(percentile(after_answer, 50), 1) if after_answer else None,
        "correct": not problems,
        "problems": problems[:20],
    }))


def report(path):
    """Markdown: one row per phase of every run, then the median per phase and the ratio."""
    import statistics
    runs = [json.loads(line) for line in open(path) if line.strip()]
    print("| Run | Instances | Uploads x rows | All done s | Combined rows/s | XADD to client p50 ms | p90 ms | p99 ms "
          "| Events | Terminal after answer p50 ms | All correct | Load 1m |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|")
    for r in runs:
        lat = r["latency_ms"]
        print(f"| {r['run']} | {r['instances']} | {r['uploads']} x {r['rows']:,} | {r['wall_s']:.2f} "
              f"| {r['rows_per_s']:,} | {lat['p50']} | {lat['p90']} | {lat['p99']} | {r['events']} "
              f"| {r['terminal_after_answer_ms_p50']} | {'yes' if r['correct'] else 'NO'} | {r['load']} |")
    single = [r["rows_per_s"] for r in runs if r["instances"] == 1]
    spread = [r for r in runs if r["instances"] > 1]
    if single and spread:
        ratios = [s["rows_per_s"] / o["rows_per_s"] for s, o in zip(spread, [r for r in runs if r["instances"] == 1])]
        print()
        print(f"Median combined rows/s: one instance {statistics.median(single):,.0f}, "
              f"{spread[0]['instances']} instances {statistics.median([r['rows_per_s'] for r in spread]):,.0f}: "
              f"**{statistics.median(ratios):.2f}x** (runs: {', '.join(f'{x:.2f}' for x in ratios)}).")
    for r in runs:
        for problem in r["problems"]:
            print(f"- run {r['run']} ({r['instances']} instances): {problem}")


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        main()
