"""Turns a bench/run results file (tab-separated, one line per run) into Markdown tables:
every run, then the median of the runs for each numeric column."""
import csv
import statistics
import sys

# (column in the results file, heading) per mode; columns not listed are not shown.
COLUMNS = {
    "throughput": [
        ("run", "Run"), ("rows", "Rows"), ("file_mb", "File MB"),
        ("intake_s", "Intake s"), ("intake_rows_s", "Intake rows/s"), ("intake_mb_s", "Intake MB/s"),
        ("complete_s", "Completion s"), ("cpu_s", "Intake CPU s"),
        ("copy_s", "\\copy indexed s"), ("copy_rows", "\\copy rows"), ("copy_rows_s", "\\copy indexed rows/s"),
        ("rate_ratio", "Intake/\\copy-indexed rows/s"), ("time_ratio", "Intake/\\copy-indexed time"),
        ("limit_copy_s", "Limit: \\copy unindexed s"), ("limit_index_s", "Limit: index build s"),
        ("limit_rows_s", "Limit rows/s"), ("limit_ratio", "Intake/limit rows/s"),
        ("heap_mb", "Peak heap MB"), ("live_mb", "Peak live MB"), ("rss_mb", "Peak RSS MB"),
        ("load", "Load 1m"), ("status", "Status"),
    ],
    "forms": [
        ("run", "Run"), ("form", "Body"), ("sent_mb", "Sent MB"), ("intake_s", "Intake s"),
        ("intake_rows_s", "Intake rows/s"), ("plain_ratio", "Plain s / this s"), ("load", "Load 1m"),
    ],
    "failed": [
        ("run", "Run"), ("rows_stored", "Rows stored at the cut"), ("fail_s", "Cut to FAILED and dropped s"),
        ("load", "Load 1m"),
    ],
    "growth": [
        ("cycle", "Cycle"), ("history_rows", "History rows after"), ("intake_s", "Intake s"),
        ("intake_rows_s", "Intake rows/s"), ("complete_s", "Completion s"), ("count_s", "Change counting s"),
        ("lookup_p50_ms", "History lookup p50 ms"), ("lookup_p95_ms", "p95 ms"), ("load", "Load 1m"),
    ],
    "concurrency": [
        ("run", "Run"), ("single_s", "1 upload s"), ("single_rows_s", "1 upload rows/s"),
        ("uploads", "Uploads"), ("concurrent_s", "All done s"), ("combined_rows_s", "Combined rows/s"),
        ("speedup", "Combined/single"), ("slowest_s", "Slowest s"), ("fastest_s", "Fastest s"),
        ("all_correct", "All correct"), ("heap_mb", "Peak heap MB"), ("live_mb", "Peak live MB"),
        ("rss_mb", "Peak RSS MB"), ("load", "Load 1m"),
    ],
    "memory": [
        ("rows", "Rows"), ("file_mb", "File MB"), ("status", "Status"), ("stored", "Stored"),
        ("rejected", "Rejected"), ("intake_s", "Intake s"), ("intake_rows_s", "Intake rows/s"),
        ("heap_mb", "Peak heap MB"), ("live_mb", "Peak live MB"), ("rss_mb", "Peak RSS MB"),
        ("load", "Load 1m"), ("oom", "OutOfMemoryError"),
    ],
}


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def table(headings, rows):
    lines = ["| " + " | ".join(headings) + " |", "|" + "|".join("---:" for _ in headings) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def formatted(value, like):
    decimals = len(like.split(".")[1]) if "." in like else 0
    return f"{value:.{decimals}f}"


def threads(runs):
    """One row per thread group, one column per run, then the median; largest first."""
    numbers = sorted({run["run"] for run in runs}, key=int)
    seconds = {}
    for run in runs:
        seconds.setdefault(run["threads"], {})[run["run"]] = float(run["cpu_s"])
    rows = []
    for group, by_run in seconds.items():
        values = [by_run.get(number, 0.0) for number in numbers]
        rows.append((statistics.median(values), [group] + [f"{value:.2f}" for value in values]))
    rows.sort(key=lambda row: -row[0])
    totals = [sum(by_run.get(number, 0.0) for by_run in seconds.values()) for number in numbers]
    headings = ["Threads"] + [f"Run {number} CPU s" for number in numbers] + ["Median s"]
    body = [cells + [f"{median:.2f}"] for median, cells in rows if median >= 0.01]
    body.append(["**all**"] + [f"{total:.2f}" for total in totals] + [f"{statistics.median(totals):.2f}"])
    print(table(headings, body))


def main(mode, path):
    with open(path, newline="") as results:
        runs = list(csv.DictReader(results, delimiter="\t"))
    if mode == "threads":
        threads(runs)
        return
    columns = COLUMNS[mode]
    print(table([heading for _, heading in columns], [[run[key] for key, _ in columns] for run in runs]))
    if mode == "forms" and len(runs) > len({run["form"] for run in runs}):
        forms = list(dict.fromkeys(run["form"] for run in runs))
        rows = []
        for form in forms:
            of_form = [run for run in runs if run["form"] == form]
            rows.append([form] + [formatted(statistics.median(number(run[key]) for run in of_form), of_form[0][key])
                                  for key, _ in columns[2:]])
        print()
        print("Median per body form:")
        print()
        print(table([heading for _, heading in columns[1:]], rows))
        return
    if mode in ("memory", "growth", "forms") or len(runs) < 2:
        return
    medians = []
    for key, heading in columns[1:]:
        values = [number(run[key]) for run in runs]
        if all(value is not None for value in values):
            medians.append((heading, formatted(statistics.median(values), runs[0][key])))
        elif len({run[key] for run in runs}) == 1:
            medians.append((heading, runs[0][key]))
        else:
            medians.append((heading, "/".join(run[key] for run in runs)))
    print()
    print(f"Median of {len(runs)} runs (each ratio is the median of the per-run ratios):")
    print()
    print(table([heading for heading, _ in medians], [[value for _, value in medians]]))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
