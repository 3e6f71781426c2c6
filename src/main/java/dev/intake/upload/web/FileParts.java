package dev.intake.upload.web;

import java.util.function.BiFunction;
import java.util.function.Predicate;

import dev.intake.system.Problem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;

/**
 * Finds the {@code file} part in a multipart stream of {@link PartEvent}s and hands its
 * content on as it arrives: nothing is spooled to disk or joined in memory.
 * <p>
 * The content of every other part, and of any later {@code file} part, is released as it
 * passes. A stream without a {@code file} part errors with a 400 problem, one with more
 * parts than allowed with a 413 {@code too-many-parts} problem.
 */
final class FileParts {

	/** The problem code of a multipart body without a {@code file} part. */
	static final String MISSING_FILE_PART = "missing-file-part";

	static final String FILE_PART = "file";

	private FileParts() {
	}

	/**
	 * Hands the file part's name and content, as {@code decoding} makes it of the part
	 * and its raw content, to {@code handler}.
	 */
	static <T> Mono<T> withFile(Flux<PartEvent> events,
			BiFunction<FilePartEvent, Flux<DataBuffer>, Flux<DataBuffer>> decoding,
			BiFunction<String, Flux<DataBuffer>, Mono<T>> handler) {
		return Flux
			.defer(() -> events.onErrorMap(FileParts::tooManyParts, FileParts::tooManyPartsProblem)
				.filter(new FirstFilePart()))
			.switchOnFirst((first, fileEvents) -> first.hasValue()
					? handler.apply(((FilePartEvent) first.get()).filename(),
							decoding.apply((FilePartEvent) first.get(), fileEvents.map(PartEvent::content)))
					: Mono.error(first.hasError() ? first.getThrowable() : missingFilePart()))
			.singleOrEmpty();
	}

	// Spring's reader says so only in its message: "Too many parts (n/max allowed)".
	private static boolean tooManyParts(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DecodingException && String.valueOf(cause.getMessage()).startsWith("Too many parts")) {
				return true;
			}
		}
		return false;
	}

	private static Problem tooManyPartsProblem(Throwable ex) {
		return new Problem(HttpStatus.CONTENT_TOO_LARGE, "too-many-parts", "Too many parts",
				"The multipart body has more parts than spring.webflux.multipart.max-parts allows; send only the"
						+ " 'file' part",
				java.util.Map.of(), ex)
			.closingConnection();
	}

	private static Problem missingFilePart() {
		return new Problem(HttpStatus.BAD_REQUEST, MISSING_FILE_PART, "No file part",
				"The multipart body has no part named 'file'; send the CSV as form field 'file'");
	}

	/** Keeps the events of the first file part named {@code file}; releases the rest. */
	private static final class FirstFilePart implements Predicate<PartEvent> {

		private boolean inFilePart;

		private boolean done;

		@Override
		public boolean test(PartEvent event) {
			boolean keep = !this.done && (this.inFilePart || isFilePart(event));
			if (keep) {
				this.inFilePart = !event.isLast();
				this.done = event.isLast();
			}
			else {
				DataBufferUtils.release(event.content());
			}
			return keep;
		}

		private static boolean isFilePart(PartEvent event) {
			return event instanceof FilePartEvent && FILE_PART.equals(event.name());
		}

	}

}
