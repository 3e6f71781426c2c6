package dev.intake.upload.web;

import dev.intake.ingest.RowErrorCursor;
import dev.intake.system.PageLimits;
import dev.intake.system.Problem;
import dev.intake.upload.internal.UploadCursor;

import org.springframework.http.HttpStatus;

/** Reads the {@code cursor} query parameter of the list endpoints; a bad one is a 400. */
final class Cursors {

	private Cursors() {
	}

	static UploadCursor upload(String cursor) {
		try {
			return UploadCursor.parse(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(cursor);
		}
	}

	static RowErrorCursor rowError(String cursor) {
		try {
			return RowErrorCursor.parse(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(cursor);
		}
	}

	static long row(String cursor) {
		// ASCII digits only: Long.parseLong would also read other scripts' digits and a
		// sign.
		if (!cursor.matches("[0-9]{1,18}")) {
			throw invalid(cursor);
		}
		return Long.parseLong(cursor);
	}

	private static Problem invalid(String cursor) {
		return new Problem(HttpStatus.BAD_REQUEST, PageLimits.INVALID_CURSOR, "Invalid cursor",
				"The cursor parameter is not one this API handed out; use the 'next' value of the previous page");
	}

}
