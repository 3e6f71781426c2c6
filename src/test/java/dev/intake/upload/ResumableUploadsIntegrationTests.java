package dev.intake.upload;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.FaultTest;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.Invariants;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import dev.intake.testing.Sql;
import dev.intake.testing.StreamingUpload;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import dev.intake.upload.internal.UploadNotResumable;
import dev.intake.upload.internal.UploadOffsetMismatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A file sent in pieces ({@code PATCH .../content}) over real HTTP, with connections cut
 * in the middle of pieces: resumed from the offset {@code HEAD} gives, it stores exactly
 * what one uninterrupted upload of the same file stores.
 */
@FaultTest
class ResumableUploadsIntegrationTests {

	static final Duration PATIENCE = Duration.ofSeconds(90);

	static final int ROWS = 200_000;

	static final MediaType PARTIAL_UPLOAD = MediaType.parseMediaType("application/partial-upload");

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient anyone;

	WebTestClient http;

	@BeforeEach
	void asTheTestTenant() {
		this.http = TestTenant.TEST.on(this.anyone);
	}

	@Test
	void storesEveryRowOnceWhenResumedAfterConnectionsCutAtTenFiftyAndNinetyPercent() {
		byte[] file = fileWithBadRowsRepeatsAndMultiByteText();
		String whole = uploadWhole(file);

		String id = create("resumed");
		int firstEnd = insideMultiByteCharacter(file, file.length / 20);
		long offset = appendPiece(id, 0, Arrays.copyOfRange(file, 0, firstEnd));
		assertThat(offset).as("a piece ending inside a character is stored up to its last record")
			.isPositive()
			.isLessThanOrEqualTo(firstEnd);
		assertThat(file[(int) offset - 1] == '\n' || file[(int) offset] == '\n').as("the offset is at a line end")
			.isTrue();
		assertThat(head(id)).isEqualTo(offset);

		for (int percent : new int[] { 10, 50, 90 }) {
			int cut = (percent == 50) ? insideMultiByteCharacter(file, file.length / 2)
					: insideRecord(file, (int) (file.length * (percent / 100.0)));
			offset = cutConnectionAt(id, file, offset, cut);
		}
		appendWrongOffsetIsRefused(id, offset);

		Map<String, Object> summary = this.http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(PARTIAL_UPLOAD)
			.header("Upload-Offset", Long.toString(offset))
			.header("Upload-Complete", "?1")
			.bodyValue(Arrays.copyOfRange(file, (int) offset, file.length))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Upload-Complete", "?1")
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(summary).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("bytesReceived", file.length);

		assertSameStored(whole, id);
		assertThat(Sql
			.number("SELECT count(*) FROM upload_row_errors WHERE code = 'duplicate-row' AND upload_id = ?::uuid", id))
			.as("repeats found across pieces")
			.isPositive();
		assertThat(head(id)).isEqualTo(file.length);
		this.http.head()
			.uri("/api/v1/uploads/{id}/content", id)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Upload-Complete", "?1")
			.expectHeader()
			.valueEquals("Cache-Control", "no-store");
		Problems
			.expect(this.http.patch()
				.uri("/api/v1/uploads/{id}/content", id)
				.contentType(PARTIAL_UPLOAD)
				.header("Upload-Offset", Long.toString(file.length))
				.header("Upload-Complete", "?1")
				.bodyValue(new byte[0])
				.exchange(), HttpStatus.CONFLICT, UploadNotResumable.CODE)
			.jsonPath("$.status")
			.isEqualTo("COMPLETED_WITH_ERRORS");
		Invariants.assertHold();
	}

	@Test
	void completesPiecesThatEndAnywhereWithAnEmptyLastPiece() {
		byte[] file = GeneratedCsv.of(3_000, 7).bytes();
		String whole = uploadWhole(file);
		String id = create("pieces");
		long offset = 0;
		for (int end : new int[] { 10, 31_000, 31_001, 90_000, file.length }) {
			long next = appendPiece(id, offset, Arrays.copyOfRange(file, (int) offset, end));
			assertThat(next).isBetween(offset, (long) end);
			offset = next;
		}
		assertThat(offset).as("every record ends with a line break, so the last piece stores all")
			.isEqualTo(file.length);
		this.http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(PARTIAL_UPLOAD)
			.header("Upload-Offset", Long.toString(offset))
			.header("Upload-Complete", "?1")
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED_WITH_ERRORS");
		assertSameStored(whole, id);
		Invariants.assertHold();
	}

	@Test
	void refusesPiecesWithoutTheResumableHeadersOrCompressed() {
		String id = create("headers");
		Problems
			.expect(this.http.patch()
				.uri("/api/v1/uploads/{id}/content", id)
				.contentType(PARTIAL_UPLOAD)
				.header("Upload-Complete", "?1")
				.bodyValue(new byte[] { 'a' })
				.exchange(), HttpStatus.BAD_REQUEST, "invalid-upload-header")
			.jsonPath("$.header")
			.isEqualTo("Upload-Offset");
		this.http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(PARTIAL_UPLOAD)
			.header("Upload-Offset", "0")
			.header("Upload-Complete", "true")
			.bodyValue(new byte[] { 'a' })
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.header")
			.isEqualTo("Upload-Complete");
		Problems.expect(this.http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(PARTIAL_UPLOAD)
			.header("Upload-Offset", "0")
			.header("Upload-Complete", "?1")
			.header("Content-Encoding", "gzip")
			.bodyValue(new byte[] { 'a' })
			.exchange(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "piece-encoding-not-supported");
		assertThat(head(id)).as("nothing was taken").isZero();
		this.http.head().uri("/api/v1/uploads/{id}/content", UUID.randomUUID()).exchange().expectStatus().isNotFound();
	}

	/**
	 * Sends the file from {@code offset} as the last piece, cuts the connection once a
	 * batch past {@code offset} is stored and the body is sent up to {@code cut}, and
	 * returns the offset {@code HEAD} gives once the upload is interrupted.
	 */
	private long cutConnectionAt(String id, byte[] file, long offset, int cut) {
		byte[] rest = Arrays.copyOfRange(file, (int) offset, file.length);
		try (StreamingUpload piece = StreamingUpload.patch(this.port, id, offset, true, rest)) {
			piece.sendBytes(cut - (int) offset);
			await().atMost(PATIENCE)
				.alias("a batch past byte " + offset + " stored")
				.until(() -> stored(id).get("content_offset"),
						(stored) -> stored != null && ((Number) stored).longValue() > offset);
			piece.disconnect();
		}
		await().atMost(PATIENCE)
			.alias("interrupted after the cut at " + cut)
			.until(() -> stored(id).get("status"), "INTERRUPTED"::equals);
		assertThat(Sql.number("SELECT count(*) FROM customers WHERE upload_id = ?::uuid", id)).as("nothing visible")
			.isZero();
		long resumeAt = head(id);
		assertThat(resumeAt).as("the offset after the cut at %d", cut).isGreaterThan(offset).isLessThanOrEqualTo(cut);
		return resumeAt;
	}

	private void appendWrongOffsetIsRefused(String id, long offset) {
		this.http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(PARTIAL_UPLOAD)
			.header("Upload-Offset", Long.toString(offset + 1))
			.header("Upload-Complete", "?0")
			.bodyValue(new byte[] { 'x' })
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Upload-Offset", Long.toString(offset))
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo(UploadOffsetMismatch.CODE)
			.jsonPath("$.expected-offset")
			.isEqualTo(offset)
			.jsonPath("$.provided-offset")
			.isEqualTo(offset + 1);
		assertThat(stored(id)).containsEntry("status", "INTERRUPTED");
	}

	private long appendPiece(String id, long offset, byte[] piece) {
		String next = this.http.patch()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(PARTIAL_UPLOAD)
			.header("Upload-Offset", Long.toString(offset))
			.header("Upload-Complete", "?0")
			.bodyValue(piece)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Upload-Complete", "?0")
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst("Upload-Offset");
		assertThat(stored(id)).containsEntry("status", "INTERRUPTED");
		return Long.parseLong(next);
	}

	private long head(String id) {
		String offset = this.http.head()
			.uri("/api/v1/uploads/{id}/content", id)
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.returnResult(Void.class)
			.getResponseHeaders()
			.getFirst("Upload-Offset");
		return Long.parseLong(offset);
	}

	private String create(String name) {
		Map<String, Object> created = this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", TestFilenames.unique(name + "-") + ".csv"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return created.get("id").toString();
	}

	/** Uploads the file at once, through the ordinary path; returns the upload's id. */
	private String uploadWhole(byte[] file) {
		String id = create("whole");
		this.http.put()
			.uri("/api/v1/uploads/{id}/content", id)
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(file)
			.exchange()
			.expectStatus()
			.isOk();
		return id;
	}

	private static Map<String, Object> stored(String id) {
		return Sql.rows("SELECT * FROM uploads WHERE id = ?::uuid", id).get(0);
	}

	/** The same entries, counts and row errors, row by row. */
	private static void assertSameStored(String expected, String actual) {
		String counts = """
				SELECT status, rows_total, rows_succeeded, rows_failed, bytes_received, header::text AS header,
				  unknown_columns::text AS unknown_columns
				FROM uploads WHERE id = ?::uuid""";
		Map<String, Object> one = Sql.rows(counts, expected).get(0);
		Map<String, Object> other = Sql.rows(counts, actual).get(0);
		for (String count : one.keySet()) {
			assertThat(other.get(count)).as(count).isEqualTo(one.get(count));
		}
		assertThat(((Number) one.get("rows_failed")).longValue()).as("bad rows and repeats in the file").isPositive();
		assertThat(Sql.number("SELECT count(*) FROM customers WHERE upload_id = ?::uuid", actual))
			.isEqualTo(((Number) other.get("rows_succeeded")).longValue());
		assertThat(difference("""
				SELECT to_jsonb(c) - 'upload_id' - 'fingerprint' - 'created_at' AS entry FROM customers c
				WHERE upload_id = ?::uuid""", expected, actual)).as("entries of one and not the other").isZero();
		assertThat(difference("""
				SELECT to_jsonb(e) - 'upload_id' AS error FROM upload_row_errors e WHERE upload_id = ?::uuid""",
				expected, actual))
			.as("row errors of one and not the other")
			.isZero();
	}

	private static long difference(String select, String one, String other) {
		return Sql.number("SELECT count(*) FROM ((" + select + ") EXCEPT ALL (" + select + ")) a", one, other)
				+ Sql.number("SELECT count(*) FROM ((" + select + ") EXCEPT ALL (" + select + ")) b", other, one);
	}

	/**
	 * The generated file with, here and there, a name in several scripts (two-, three-
	 * and four-byte characters), a quoted name across two lines, and a row repeated
	 * further down.
	 */
	static byte[] fileWithBadRowsRepeatsAndMultiByteText() {
		String[] lines = new String(GeneratedCsv.of(ROWS, 997).bytes(), StandardCharsets.UTF_8).split("\n");
		StringBuilder csv = new StringBuilder(lines[0]).append('\n');
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i];
			if (i % 3001 == 0) {
				line = line.replace("Customer ", "Ünïcödé ₹ Kumar 😀 ");
			}
			if (i % 7919 == 0) {
				line = line.replace("Customer " + i, "\"Rao, Customer\n" + i + "\"");
			}
			csv.append(line).append('\n');
			if (i % 4999 == 0) {
				csv.append(lines[i - 4000]).append('\n');
			}
		}
		return csv.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A position at or after {@code near} that lies inside a multi-byte character. */
	static int insideMultiByteCharacter(byte[] file, int near) {
		for (int at = near; at < file.length; at++) {
			if ((file[at] & 0xC0) == 0x80) {
				return at;
			}
		}
		throw new IllegalStateException("No multi-byte character after " + near);
	}

	/** A position at or after {@code near} in the middle of a record. */
	static int insideRecord(byte[] file, int near) {
		int at = near;
		while (file[at] == '\n' || file[at - 1] == '\n') {
			at++;
		}
		return at;
	}

}
