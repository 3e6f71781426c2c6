package dev.intake.upload;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

import dev.intake.testing.Csv;
import dev.intake.testing.Gzipped;
import dev.intake.testing.HeapWatch;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.UploadClient;
import dev.intake.testing.UploadClient.Answer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gzip bodies over real HTTP: a raw body with {@code Content-Encoding: gzip}, and a file
 * part that is gzip by its name or its type, inflated as they arrive; bombs, truncated
 * and corrupt data answered at once with a problem.
 */
@IntakeIntegrationTest
class GzipUploadsIntegrationTests {

	private static final String TEXT_CSV = "text/csv";

	private static final Duration PROMPTLY = Duration.ofSeconds(10);

	/** Far below the 200 MB a bomb inflates to. */
	private static final long HEAP_SPIKE = 64L * 1024 * 1024;

	@Autowired
	UploadClient uploads;

	private final byte[] csv = Csv.standard()
		.row("José Núñez,9876543210,,LN-1,1500,15/11/2024,Goa,Konkani,")
		.row("आशा वर्मा,9876543211,,LN-2,2500,16/11/2024,Maharashtra,Marathi,")
		.row("Ravi Kumar,98765,,LN-3,100,17/11/2024,,,")
		.bytes();

	@Test
	void storesAGzipRawBodyAsTheSameFileSentPlain() {
		Answer gzipped = this.uploads.send(TEXT_CSV, gzip(this.csv), "Content-Encoding", "gzip");
		Answer plain = this.uploads.send(TEXT_CSV, this.csv);

		assertThat(gzipped.status()).as("%s", gzipped.body()).isEqualTo(201);
		assertThat(gzipped.body()).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsSucceeded", 2)
			.containsEntry("rowsFailed", 1)
			.containsEntry("bytesReceived", this.csv.length);
		assertThat(this.uploads.storedNames(gzipped.uploadId()))
			.containsExactlyElementsOf(this.uploads.storedNames(plain.uploadId()))
			.containsExactly("José Núñez", "आशा वर्मा");
	}

	@Test
	void acceptsXGzipAndGzipListedAfterIdentity() {
		assertThat(this.uploads.send(TEXT_CSV, gzip(this.csv), "Content-Encoding", "x-gzip").status()).isEqualTo(201);
		assertThat(this.uploads.send(TEXT_CSV, gzip(this.csv), "Content-Encoding", "identity, GZIP").status())
			.isEqualTo(201);
	}

	@Test
	void inflatesAFilePartNamedCsvGzOrOfTypeApplicationGzip() {
		Answer byName = this.uploads.sendPart("cycle-2024-11.csv.gz", "application/octet-stream", gzip(this.csv));
		Answer byType = this.uploads.sendPart("cycle.csv", "application/gzip", gzip(this.csv));

		assertThat(byName.status()).as("%s", byName.body()).isEqualTo(201);
		assertThat(byName.body()).containsEntry("filename", "cycle-2024-11.csv.gz").containsEntry("rowsSucceeded", 2);
		assertThat(byType.status()).as("%s", byType.body()).isEqualTo(201);
		assertThat(this.uploads.storedNames(byType.uploadId())).containsExactly("José Núñez", "आशा वर्मा");
	}

	@Test
	void inflatesConcatenatedMembersInBothBodyForms() {
		byte[] header = Arrays.copyOf(this.csv, Csv.HEADER.length() + 1);
		byte[] rows = Arrays.copyOfRange(this.csv, header.length, this.csv.length);
		byte[] members = concat(gzip(header), gzip(rows));

		Answer raw = this.uploads.send(TEXT_CSV, members, "Content-Encoding", "gzip");
		Answer part = this.uploads.sendPart("two-members.csv.gz", "application/gzip", members);

		assertThat(raw.body()).containsEntry("rowsSucceeded", 2).containsEntry("rowsFailed", 1);
		assertThat(part.body()).containsEntry("rowsSucceeded", 2).containsEntry("rowsFailed", 1);
	}

	@Test
	void refusesTruncatedGzipWith400InBothBodyForms() {
		byte[] truncated = Arrays.copyOf(gzip(this.csv), gzip(this.csv).length - 5);

		assertInvalidGzip(this.uploads.send(TEXT_CSV, truncated, "Content-Encoding", "gzip"), "cut off");
		assertInvalidGzip(this.uploads.sendPart("cut.csv.gz", "application/gzip", truncated), "cut off");
	}

	@Test
	void refusesCorruptOrUncompressedBytesDeclaredGzip() {
		byte[] corrupt = gzip(this.csv);
		corrupt[corrupt.length - 6] ^= 0x55;

		assertInvalidGzip(this.uploads.send(TEXT_CSV, corrupt, "Content-Encoding", "gzip"), "CRC-32|size|corrupt");
		assertInvalidGzip(this.uploads.send(TEXT_CSV, this.csv, "Content-Encoding", "gzip"), "magic number");
		assertInvalidGzip(this.uploads.sendPart("plain.csv.gz", TEXT_CSV, this.csv), "magic number");
	}

	@Test
	void answersTheGzipOfAnEmptyFileAsAnEmptyFile() {
		Answer raw = this.uploads.send(TEXT_CSV, gzip(new byte[0]), "Content-Encoding", "gzip");
		Answer part = this.uploads.sendPart("empty.csv.gz", "application/gzip", gzip(new byte[0]));

		assertThat(raw.status()).isEqualTo(422);
		assertThat(raw.get("code")).isEqualTo("empty-file");
		assertThat(part.status()).isEqualTo(422);
		assertThat(part.get("code")).isEqualTo("empty-file");
	}

	@Test
	void refusesOtherContentCodingsBeforeReadingTheBody() {
		for (String coding : new String[] { "br", "deflate", "zstd", "gzip, gzip" }) {
			Answer refused = this.uploads.send(TEXT_CSV, this.csv, "Content-Encoding", coding);

			assertThat(refused.status()).as(coding).isEqualTo(415);
			assertThat(refused.get("code")).isEqualTo("content-encoding-not-supported");
			assertThat(refused.headers().getFirst("Accept-Encoding")).isEqualTo("gzip, identity");
			assertThat(refused.uploadId()).as("no upload is made").isNull();
		}
	}

	@Test
	void answersA200MegabyteGzipBombOfZerosWithinSecondsWithTheHeapFlat() {
		byte[] bomb = Gzipped.zeros(200);

		for (Answer answer : sentBothWaysPromptlyWithTheHeapFlat(bomb)) {
			assertThat(answer.status()).as("%s", answer.body()).isEqualTo(415);
			assertThat(answer.get("code")).isEqualTo("binary-content");
			assertThat(this.uploads.get(answer.uploadId()).json()).containsEntry("status", "FAILED");
		}
	}

	@Test
	void stopsATextBombAtTheInflationRatioWith413() {
		byte[] bomb = Gzipped.repeatedRows(200);

		for (Answer answer : sentBothWaysPromptlyWithTheHeapFlat(bomb)) {
			assertThat(answer.status()).as("%s", answer.body()).isEqualTo(413);
			assertThat(answer.body()).containsEntry("code", "inflation-ratio-exceeded")
				.containsEntry("maxInflationRatio", 100)
				.containsEntry("stage", "receive");
			Map<String, Object> stored = this.uploads.get(answer.uploadId()).json();
			assertThat(stored).containsEntry("status", "FAILED");
			assertThat((long) (int) stored.get("bytesReceived")).as("inflated bytes counted, stopped early")
				.isLessThan(4L * 1024 * 1024);
		}
	}

	/**
	 * Sends the bomb as a raw gzip body and as a gzip part, each answered promptly, with
	 * the tenured heap's peak growth below {@link #HEAP_SPIKE}; the two answers.
	 */
	private Answer[] sentBothWaysPromptlyWithTheHeapFlat(byte[] bomb) {
		HeapWatch heap = HeapWatch.start();

		Answer raw = promptly(() -> this.uploads.send(TEXT_CSV, bomb, "Content-Encoding", "gzip"));
		Answer part = promptly(() -> this.uploads.sendPart("bomb.csv.gz", "application/gzip", bomb));

		assertThat(heap.tenuredPeakGrowth()).as("tenured heap peak growth").isLessThan(HEAP_SPIKE);
		return new Answer[] { raw, part };
	}

	private static Answer promptly(Supplier<Answer> request) {
		long started = System.nanoTime();
		Answer answer = request.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered within").isLessThan(PROMPTLY);
		return answer;
	}

	private static void assertInvalidGzip(Answer answer, String problem) {
		assertThat(answer.status()).as("%s", answer.body()).isEqualTo(400);
		assertThat(answer.get("code")).isEqualTo("invalid-gzip");
		assertThat((String) answer.get("detail")).containsPattern(problem);
		assertThat(answer.get("stage")).isEqualTo("receive");
	}

	private static byte[] gzip(byte[] bytes) {
		return Gzipped.of(bytes);
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
