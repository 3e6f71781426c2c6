package dev.intake.change;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.intake.upload.ChangeCounts;
import dev.intake.upload.Upload;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Lists an upload's changes page by page, or all of them as one stream.
 * <p>
 * Pages know the counts, so a page asks the database for no more customers of a side than
 * that side still has, and the last page never walks the rest of the upload to find out
 * that nothing follows. {@link #page} emits one page; {@link #all} emits every customer,
 * fetching the next page only when the subscriber asks for more. Both error with
 * {@link UploadNotCompleted} for an upload that is not completed, and with
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

	/** The kinds as the bit set cursors carry. */
	public static int mask(Set<ChangeKind> kinds) {
		return kinds.stream().mapToInt((kind) -> 1 << kind.ordinal()).reduce(0, (a, b) -> a | b);
	}

	/**
	 * Emits the page that starts at {@code cursor}, of at most {@code size} customers.
	 * @param cursor where to start, or {@code null} for the first page
	 */
	public Mono<ChangePage> page(Upload upload, Set<ChangeKind> kinds, ChangeCursor cursor, int size) {
		ChangeCursor start = (cursor != null) ? cursor : ChangeCursor.start(mask(kinds));
		if (start.kinds() != mask(kinds)) {
			return Mono.error(new IllegalArgumentException("The cursor was made for other kinds"));
		}
		return this.counting.countsOf(upload)
			.flatMap((counts) -> new Paging(upload.id(), counts, kinds).page(start, size));
	}

	/** Emits every customer of the given kinds, in page order. */
	public Flux<Change> all(Upload upload, Set<ChangeKind> kinds) {
		return page(upload, kinds, null, STREAM_PAGE)
			.expand((page) -> (page.next() != null) ? page(upload, kinds, page.next(), STREAM_PAGE) : Mono.empty())
			.concatMapIterable(ChangePage::items);
	}

	/** The paging of one upload's changes of some kinds. */
	private final class Paging {

		private final UUID upload;

		private final ChangeCounts counts;

		private final int mask;

		private final List<ChangeKind> inThisUpload;

		private final long inThisUploadTotal;

		private final long missingTotal;

		Paging(UUID upload, ChangeCounts counts, Set<ChangeKind> kinds) {
			this.upload = upload;
			this.counts = counts;
			this.mask = mask(kinds);
			this.inThisUpload = kinds.stream().filter(ChangeKind::isInThisUpload).toList();
			this.inThisUploadTotal = this.inThisUpload.stream().mapToLong((kind) -> kind.countIn(counts)).sum();
			this.missingTotal = kinds.contains(ChangeKind.MISSING) ? counts.missing() : 0;
		}

		Mono<ChangePage> page(ChangeCursor cursor, int size) {
			if (cursor.missing()) {
				return missing(new ArrayList<>(), cursor, size);
			}
			long left = this.inThisUploadTotal - cursor.seen();
			int wanted = (int) Math.max(0, Math.min(size, left));
			Flux<Change> found = (wanted > 0) ? ChangePages.this.changes.inThisUpload(this.upload,
					this.counts.previousUploadId(), this.inThisUpload, cursor.afterRow(), wanted) : Flux.empty();
			return found.collectList().flatMap((items) -> {
				long seen = cursor.seen() + items.size();
				if (items.size() == size && seen < this.inThisUploadTotal) {
					long last = items.get(items.size() - 1).row();
					return Mono.just(page(items, new ChangeCursor(this.mask, false, last, seen)));
				}
				return missing(new ArrayList<>(items), new ChangeCursor(this.mask, true, 0, 0), size);
			});
		}

		private Mono<ChangePage> missing(List<Change> items, ChangeCursor cursor, int size) {
			long left = this.missingTotal - cursor.seen();
			int wanted = (int) Math.max(0, Math.min(size - items.size(), left));
			if (wanted == 0) {
				ChangeCursor next = (items.size() == size && left > 0) ? cursor : null;
				return Mono.just(page(items, next));
			}
			return ChangePages.this.changes
				.missing(this.upload, this.counts.previousUploadId(), cursor.afterRow(), wanted)
				.collectList()
				.map((found) -> {
					items.addAll(found);
					long seen = cursor.seen() + found.size();
					boolean more = found.size() == wanted && seen < this.missingTotal;
					return page(items,
							more ? new ChangeCursor(this.mask, true, found.get(found.size() - 1).previousRow(), seen)
									: null);
				});
		}

		private ChangePage page(List<Change> items, ChangeCursor next) {
			return new ChangePage(List.copyOf(items), next, this.counts);
		}

	}

	/** Every kind, for requests that name none. */
	public static Set<ChangeKind> allKinds() {
		return EnumSet.allOf(ChangeKind.class);
	}

}
