package dev.intake.change.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.intake.upload.ChangeCounts;

/**
 * Which customers one page of changes holds, worked out from the counts alone: runs of
 * customers of one kind, and where the next page starts. The counts say how many
 * customers each kind has left, so no page reads past the last one to find out that
 * nothing follows.
 *
 * @param runs the runs, in page order
 * @param next where the next page starts, or {@code null} on the last page
 */
record PagePlan(List<Run> runs, Next next) {

	/**
	 * Plans the page that starts at {@code cursor}, of at most {@code size} customers of
	 * the given kinds, in kind order.
	 */
	static PagePlan of(ChangeCounts counts, Set<ChangeKind> kinds, ChangeCursor cursor, int size) {
		List<Run> runs = new ArrayList<>();
		long room = size;
		for (ChangeKind kind : ChangeKind.values()) {
			if (!kinds.contains(kind) || kind.ordinal() < cursor.kind().ordinal()) {
				continue;
			}
			boolean started = kind == cursor.kind();
			long seen = started ? cursor.seen() : 0;
			long total = kind.countIn(counts);
			if (seen >= total) {
				continue;
			}
			if (room == 0) {
				return new PagePlan(runs, new Next(kind, seen, false));
			}
			int count = (int) Math.min(room, total - seen);
			runs.add(new Run(kind, started ? cursor.afterRow() : 0, count));
			room -= count;
			if (room == 0 && seen + count < total) {
				return new PagePlan(runs, new Next(kind, seen + count, true));
			}
		}
		return new PagePlan(runs, null);
	}

	/**
	 * The first {@code count} customers of one kind after a row.
	 *
	 * @param kind the kind
	 * @param afterRow the row they come after, 0 for the first of the kind
	 * @param count how many
	 */
	record Run(ChangeKind kind, long afterRow, int count) {

	}

	/**
	 * Where the next page starts.
	 *
	 * @param kind in this kind
	 * @param seen after this many customers of it
	 * @param afterLastRun whether after the last customer of this page's last run (else
	 * at the start of the kind)
	 */
	record Next(ChangeKind kind, long seen, boolean afterLastRun) {

	}

}
