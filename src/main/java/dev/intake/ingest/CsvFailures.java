package dev.intake.ingest;

import java.io.CharConversionException;
import java.util.Map;

import reactor.core.publisher.Flux;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Maps the errors of decoding a CSV body to fatal failures, in one place: an error of the
 * body itself to one of stage {@code receive}, whatever the parser raises to one of stage
 * {@code parse} that names the data row, and an {@link IngestFailure} as it is.
 */
final class CsvFailures {

	private CsvFailures() {
	}

	/** Marks the errors of the body, so they are not taken for parse errors. */
	static Flux<DataBuffer> markReceiveErrors(Flux<DataBuffer> body) {
		return body.onErrorMap((ex) -> !(ex instanceof IngestFailure) && !(ex instanceof PieceEnded),
				ReceiveFailed::new);
	}

	static IngestFailure failureOf(RuntimeException ex, long row) {
		ReceiveFailed received = causeOf(ex, ReceiveFailed.class);
		if (received != null) {
			return IngestFailure.receive(received.getCause());
		}
		IngestFailure failure = causeOf(ex, IngestFailure.class);
		if (failure != null) {
			return failure;
		}
		CharConversionException invalidText = causeOf(ex, CharConversionException.class);
		if (invalidText != null) {
			return new IngestFailure(IngestFailure.Stage.PARSE, "invalid-utf8",
					("Data row %d is not valid UTF-8 text; declare its charset (Content-Type: text/csv; "
							+ "charset=windows-1252, say) or save the file as CSV UTF-8 and upload again")
						.formatted(row),
					ex, Map.of("charset", "UTF-8", "suggestedCharset", Utf8Check.SUGGESTED));
		}
		if (ex instanceof StreamConstraintsException) {
			return new IngestFailure(IngestFailure.Stage.PARSE, "field-too-large",
					"Data row %d has a cell longer than the limit of intake.limits.max-field-length".formatted(row),
					ex);
		}
		return new IngestFailure(IngestFailure.Stage.PARSE, "malformed-csv",
				"The CSV is malformed at data row %d: %s".formatted(row, parseProblem(ex)), ex);
	}

	private static String parseProblem(RuntimeException ex) {
		return (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : "the record cannot be read";
	}

	static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/**
	 * Marks an error raised by the request body, so it is not taken for a parse error.
	 */
	private static final class ReceiveFailed extends RuntimeException {

		ReceiveFailed(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
