package dev.intake.change.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Lists an upload's changes page by page, or all of them as one stream: the kinds in the
 * order new, changed, unchanged, missing, each in row order.
 * <p>
 * {@link #page} emits one page; every page costs about its size, wherever it is in the
 * upload. {@link #all} emits every customer, reading the next page only when the
 * subscriber asks for more. Both count the changes first if that was not done yet, and
 * error with {@link UploadNotCompleted} for an upload that is not completed, and with
 * {@link IllegalArgumentException} for a cursor made for other kinds. Cancelling stops
 * the query in flight.
 */
@Service
public class ChangePages {

	private static final int STREAM_PAGE = 1000;

	private final ChangeCounting counting;

	private final Changes changes;

	ChangePages(ChangeCounting counting, Changes changes) {
		this.counting = counting;
		this.changes = changes;
	}

	/** Every kind, for requests that name none. */
	public static Set<ChangeKind> allKinds() {
		return EnumSet.allOf(ChangeKind.class);
	}

	/** The kinds as the bit set cursors carry. */
	public static int mask(Set<ChangeKind> kinds) {
		return kinds.stream().mapToInt((kind) -> 1 << kind.ordinal()).reduce(0, (a, b) -> a | b);
	}

	/**
	 * Emits the page that starts at {@code cursor}, of at most {@code size} customers.
	 * @param cursor where to start, or {@code null} for the first page
	 */
	public Mono<ChangePage> page(Upload upload, Set<ChangeKind> kinds, ChangeCursor cursor, int size) {
		ChangeCursor start = (cursor != null) ? cursor : new ChangeCursor(mask(kinds), ChangeKind.NEW, 0, 0);
		if (start.kinds() != mask(kinds)) {
			return Mono.error(new IllegalArgumentException("The cursor was made for other kinds"));
		}
		return this.counting.countsOf(upload)
			.flatMap((counts) -> read(upload, counts, mask(kinds), PagePlan.of(counts, kinds, start, size)));
	}

	/** Emits every customer of the given kinds, in page order. */
	public Flux<Change> all(Upload upload, Set<ChangeKind> kinds) {
		return page(upload, kinds, null, STREAM_PAGE)
			.expand((page) -> (page.next() != null) ? page(upload, kinds, page.next(), STREAM_PAGE) : Mono.empty())
			.concatMapIterable(ChangePage::items);
	}

	private Mono<ChangePage> read(Upload upload, ChangeCounts counts, int mask, PagePlan plan) {
		return Flux.fromIterable(plan.runs())
			.concatMap((run) -> this.changes.of(upload.id(), counts.previousUploadId(), run.kind(), run.afterRow(),
					run.count()))
			.collectList()
			.map((items) -> new ChangePage(items, next(mask, plan.next(), items), counts));
	}

	private static ChangeCursor next(int mask, PagePlan.Next next, List<Change> items) {
		if (next == null) {
			return null;
		}
		if (!next.afterLastRun()) {
			return new ChangeCursor(mask, next.kind(), 0, next.seen());
		}
		if (items.isEmpty()) {
			return null;
		}
		Change last = items.get(items.size() - 1);
		long afterRow = next.kind().isInThisUpload() ? last.row() : last.previousRow();
		return new ChangeCursor(mask, next.kind(), afterRow, next.seen());
	}

}
