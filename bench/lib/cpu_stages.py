"""Sums the CPU samples of a JFR recording (`jfr print --events jdk.ExecutionSample`) into
the stages of an upload, and prints them as Markdown tables.

A sample belongs to the stage of the frame nearest to the top of its stack that a rule
below names, so JDK code (String, ArrayList, regex) counts for the stage that called it.
Samples are taken only from threads running Java code: waiting (for the socket, for
PostgreSQL) and GC threads are not in them, so these are shares of the JVM's Java CPU time.
"""
import collections
import re
import sys

# (stage, frame prefixes) in order of precedence: the first stage whose prefix matches a
# frame, walking from the top of the stack down, takes the sample.
PHONES = "phone normalisation"
STAGES = [
    (PHONES, ("com.google.i18n.phonenumbers.", "dev.intake.customer.PhoneNumbers.")),
    ("hashing (SHA-256 fingerprint, HMAC)", ("javax.crypto.", "sun.security.", "com.sun.crypto.",
                                             "java.security.MessageDigest", "dev.intake.ingest.EntryFingerprints.")),
    ("body hand-off to the parser", ("org.springframework.core.io.buffer.SubscriberInputStream",)),
    ("CSV parsing", ("tools.jackson.", "dev.intake.ingest.CsvDecoder", "dev.intake.ingest.RecordCursor",
                     "dev.intake.ingest.Utf8Check")),
    ("validation", ("dev.intake.ingest.RowValidator", "dev.intake.ingest.RowCheck", "dev.intake.ingest.RowRules",
                    "dev.intake.ingest.Amounts", "dev.intake.ingest.DueDates", "dev.intake.ingest.Texts",
                    "dev.intake.ingest.Emails", "dev.intake.ingest.NationalId", "dev.intake.ingest.DuplicateFilter",
                    "dev.intake.ingest.internal.Verhoeff", "dev.intake.ingest.Ingestion")),
    ("COPY encoding and R2DBC writes", ("dev.intake.customer.internal.", "io.r2dbc.", "dev.intake.ingest.RowBatchWriter",
                                        "dev.intake.ingest.RowErrors")),
    ("progress publishing (Redis)", ("dev.intake.progress.", "io.lettuce.", "org.springframework.data.redis.")),
    ("upload lifecycle", ("dev.intake.upload.",)),
    ("HTTP receive (Reactor Netty, WebFlux)", ("reactor.netty.http.", "org.springframework.http.",
                                               "org.springframework.web.")),
]
# Netty and Reactor frames alone say little; the thread they run on tells whose I/O it is.
BY_THREAD = [
    ("reactor-tcp-", "COPY encoding and R2DBC writes"),  # R2DBC's connections to PostgreSQL
    ("reactor-http-", "HTTP receive (Reactor Netty, WebFlux)"),
    ("lettuce-", "progress publishing (Redis)"),
    ("JFR ", "the profiler itself (JFR, jcmd)"),
    ("Attach Listener", "the profiler itself (JFR, jcmd)"),
]
PLUMBING = "Reactor and Netty plumbing"
OTHER = "other"

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(")
THREAD = re.compile(r'sampledThread = "([^"]*)"')


def samples(path):
    thread, frames, in_stack = None, [], False
    with open(path, encoding="utf-8", errors="replace") as text:
        for line in text:
            if line.startswith("jdk.ExecutionSample"):
                thread, frames, in_stack = None, [], False
            elif (match := THREAD.search(line)) is not None:
                thread = match.group(1)
            elif "stackTrace = [" in line:
                in_stack = True
            elif in_stack and line.strip() == "]":
                in_stack = False
                yield thread or "?", frames
            elif in_stack and (match := FRAME.match(line)) is not None:
                frames.append(match.group(1))


def stage_of(thread, frames):
    for frame in frames:
        for stage, prefixes in STAGES:
            if frame.startswith(prefixes):
                return stage
    for prefix, stage in BY_THREAD:
        if thread.startswith(prefix):
            return stage
    if any(frame.startswith(("io.netty.", "reactor.")) for frame in frames):
        return PLUMBING
    return OTHER


def pool_of(thread):
    return re.sub(r"[-#]?\d+$", "", thread) or thread


def table(headings, rows):
    lines = ["| " + " | ".join(headings) + " |", "|" + "|".join(["---"] + ["---:"] * (len(headings) - 1)) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def percent(count, total):
    return f"{100.0 * count / total:.1f}%"


def jvm_events(path):
    """Average CPU load and total GC pause from `jfr print --events jdk.CPULoad,jdk.GarbageCollection`."""
    loads, machine, pauses = [], [], 0.0
    units = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    with open(path, encoding="utf-8", errors="replace") as text:
        user = None
        for line in text:
            line = line.strip()
            if line.startswith("jvmUser ="):
                user = float(line.split("=")[1].strip().rstrip("%"))
            elif line.startswith("jvmSystem =") and user is not None:
                loads.append(user + float(line.split("=")[1].strip().rstrip("%")))
                user = None
            elif line.startswith("machineTotal ="):
                machine.append(float(line.split("=")[1].strip().rstrip("%")))
            elif line.startswith("sumOfPauses ="):
                value = line.split("=")[1].strip().split()
                if len(value) == 2:
                    pauses += float(value[0]) * units.get(value[1], 0.0)
                elif value and value[0].endswith("s"):
                    match = re.match(r"([\d.]+)\s*(ns|us|ms|s)", value[0])
                    if match:
                        pauses += float(match.group(1)) * units[match.group(2)]
    return loads, machine, pauses


def main(samples_path, events_path, seconds):
    by_stage, by_pool, by_method = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for thread, frames in samples(samples_path):
        if not frames:
            continue
        total += 1
        by_stage[stage_of(thread, frames)] += 1
        by_pool[pool_of(thread)] += 1
        by_method[frames[0]] += 1
    if total == 0:
        print("No execution samples in the recording.")
        return
    print(table(["Stage", "CPU samples", "Share"],
                [(stage, count, percent(count, total)) for stage, count in by_stage.most_common()]
                + [("**total**", total, "100%")]))
    phones = collections.Counter()
    for thread, frames in samples(samples_path):
        if frames and stage_of(thread, frames) == PHONES:
            phones[next((frame for frame in frames if frame.startswith("dev.intake.customer.PhoneNumbers.")),
                        "(outside PhoneNumbers)")] += 1
    if phones:
        print()
        print("Phone normalisation by entry point (`indianE164` is the fast path, `parsed` libphonenumber's parse):")
        print()
        print(table(["Method", "CPU samples", "Share of all"],
                    [(f"`{method}`", count, percent(count, total)) for method, count in phones.most_common()]))
    print()
    print("By thread pool:")
    print()
    print(table(["Threads", "CPU samples", "Share"],
                [(pool, count, percent(count, total)) for pool, count in by_pool.most_common(8)]))
    print()
    print("Hottest methods (top of stack):")
    print()
    print(table(["Method", "CPU samples", "Share"],
                [(f"`{method}`", count, percent(count, total)) for method, count in by_method.most_common(15)]))
    loads, machine, pauses = jvm_events(events_path)
    print()
    if loads:
        print(f"JVM CPU load {sum(loads) / len(loads):.1f}% and machine CPU load "
              f"{sum(machine) / len(machine):.1f}% on average (100% = all cores busy), "
              f"GC pauses {pauses:.2f}s in total, during an upload of {float(seconds):.1f}s.")
    else:
        print(f"GC pauses {pauses:.2f}s in total, during an upload of {float(seconds):.1f}s.")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
