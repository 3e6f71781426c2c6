package dev.intake.upload;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of uploads starts: strictly after this upload in newest-first order.
 * Clients see it as an opaque token.
 *
 * @param createdAt the creation time of the last upload already seen
 * @param id the id of the last upload already seen
 */
public record UploadCursor(OffsetDateTime createdAt, UUID id) {

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
			return new UploadCursor(OffsetDateTime.parse(text.substring(0, bar)),
					UUID.fromString(text.substring(bar + 1)));
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
