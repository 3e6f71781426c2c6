package dev.intake.upload.internal;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import dev.intake.upload.Upload;

/**
 * Where a page of uploads starts: strictly after this upload in newest-first order.
 * Clients see it as an opaque token.
 *
 * @param createdAt the creation time of the last upload already seen
 * @param id the id of the last upload already seen
 */
public record UploadCursor(OffsetDateTime createdAt, UUID id) {

	// Far inside PostgreSQL's timestamptz range (4713 BC to 294276 AD): a tampered year
	// must be refused here, not by the database as an error of the query.
	private static final OffsetDateTime EARLIEST = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private static final OffsetDateTime LATEST = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999,
			ZoneOffset.UTC);

	public static UploadCursor after(Upload upload) {
		return new UploadCursor(upload.createdAt().atOffset(ZoneOffset.UTC), upload.id());
	}

	/**
	 * Reads a token made by {@link #token()}; anything else is an
	 * {@link IllegalArgumentException}.
	 */
	public static UploadCursor parse(String token) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
			int bar = text.indexOf('|');
			OffsetDateTime createdAt = OffsetDateTime.parse(text.substring(0, bar));
			if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
				throw new IllegalArgumentException("Out of range: " + createdAt);
			}
			return new UploadCursor(createdAt, UUID.fromString(text.substring(bar + 1)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a cursor of this API: " + token, ex);
		}
	}

	public String token() {
		String text = this.createdAt + "|" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
