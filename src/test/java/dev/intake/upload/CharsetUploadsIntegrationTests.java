package dev.intake.upload;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.intake.testing.Csv;
import dev.intake.testing.Gzipped;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.RawHttp;
import dev.intake.testing.UploadClient;
import dev.intake.testing.UploadClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Character sets over real HTTP: the {@code charset} of the body's or the part's
 * {@code Content-Type} is honoured, a byte order mark decides first, the stored text is
 * UTF-8 whatever came in, and a byte the charset does not allow is answered with its
 * offset.
 */
@IntakeIntegrationTest
class CharsetUploadsIntegrationTests {

	private static final List<String> LATIN_NAMES = List.of("José Núñez", "François Ødegård", "Zoë Ñandú");

	private static final List<String> ALL_NAMES = List.of("José Núñez", "आशा वर्मा", "Zoë 😀 Ñandú");

	private static final byte[] LE_MARK = { (byte) 0xFF, (byte) 0xFE };

	private static final byte[] BE_MARK = { (byte) 0xFE, (byte) 0xFF };

	@LocalServerPort
	int port;

	@Autowired
	UploadClient uploads;

	@ParameterizedTest(name = "{0} as {1}")
	@CsvSource({ "windows-1252, text/csv; charset=windows-1252", "windows-1252, text/csv; charset=\"Windows-1252\"",
			"ISO-8859-1, text/csv; charset=ISO-8859-1", "ISO-8859-1, text/csv;charset=latin1",
			"UTF-8, text/csv; charset=utf-8", "UTF-8, text/csv", "UTF-16LE, text/csv; charset=UTF-16LE" })
	void storesTheNamesOfADeclaredCharsetAsUtf8InBothBodyForms(String charset, String contentType) {
		List<String> names = charset.startsWith("UTF") ? ALL_NAMES : LATIN_NAMES;
		byte[] file = csv(names).getBytes(Charset.forName(charset));

		assertStored(this.uploads.send(contentType, file), names);
		assertStored(this.uploads.sendPart("export.csv", contentType, file), names);
	}

	@Test
	void decodesUtf16ByItsByteOrderMarkWhateverIsDeclared() {
		byte[] little = concat(LE_MARK, csv(ALL_NAMES).getBytes(StandardCharsets.UTF_16LE));
		byte[] big = concat(BE_MARK, csv(ALL_NAMES).getBytes(StandardCharsets.UTF_16BE));

		assertStored(this.uploads.send("text/csv", little), ALL_NAMES);
		assertStored(this.uploads.send("text/csv; charset=windows-1252", big), ALL_NAMES);
		assertStored(this.uploads.sendPart("unicode.csv", "text/csv", big), ALL_NAMES);
		assertStored(this.uploads.sendPart("unicode.csv", "text/csv; charset=UTF-16", little), ALL_NAMES);
	}

	@Test
	void decodesTheCharsetOfAGzipBodyOrPartAfterInflatingIt() {
		byte[] windows = Gzipped.of(csv(LATIN_NAMES).getBytes(Charset.forName("windows-1252")));
		byte[] utf16 = Gzipped.of(concat(LE_MARK, csv(ALL_NAMES).getBytes(StandardCharsets.UTF_16LE)));

		assertStored(this.uploads.send("text/csv; charset=windows-1252", windows, "Content-Encoding", "gzip"),
				LATIN_NAMES);
		assertStored(this.uploads.sendPart("unicode.csv.gz", "application/gzip", utf16), ALL_NAMES);
	}

	@Test
	void refusesAFileThatIsNotUtf8NamingTheOffsetAndSuggestingWindows1252() {
		byte[] file = csv(LATIN_NAMES).getBytes(Charset.forName("windows-1252"));
		long offset = csv(List.of()).length() + "Jos".length();

		for (Answer answer : new Answer[] { this.uploads.send("text/csv", file),
				this.uploads.sendPart("excel.csv", "text/csv; charset=UTF-8", file) }) {
			assertThat(answer.status()).as("%s", answer.body()).isEqualTo(422);
			assertThat(answer.body()).containsEntry("code", "invalid-utf8")
				.containsEntry("byteOffset", (int) offset)
				.containsEntry("suggestedCharset", "windows-1252")
				.containsEntry("stage", "parse");
			assertThat((String) answer.get("detail")).contains("byte offset " + offset)
				.contains("charset=windows-1252");
			assertThat(this.uploads.get(answer.uploadId()).json()).containsEntry("status", "FAILED");
		}
	}

	@Test
	void refusesAByteTheDeclaredCharsetDoesNotDefineNamingItsOffset() {
		byte[] good = csv(LATIN_NAMES).getBytes(Charset.forName("windows-1252"));
		byte[] file = concat(good, new byte[] { 'X', (byte) 0x81, ',', '9', '\n' });

		Answer raw = this.uploads.send("text/csv; charset=windows-1252", file);
		Answer odd = this.uploads.sendPart("odd.csv", "text/csv; charset=UTF-16LE", new byte[] { 'a', 0, 'b' });

		assertThat(raw.status()).as("%s", raw.body()).isEqualTo(422);
		assertThat(raw.body()).containsEntry("code", "invalid-windows-1252")
			.containsEntry("byteOffset", good.length + 1)
			.containsEntry("charset", "windows-1252");
		assertThat(odd.status()).as("%s", odd.body()).isEqualTo(422);
		assertThat(odd.body()).containsEntry("code", "invalid-utf16le").containsEntry("byteOffset", 2);
	}

	@Test
	void refusesAnUnsupportedCharsetBeforeReadingTheBody() throws Exception {
		byte[] file = csv(LATIN_NAMES).getBytes(StandardCharsets.UTF_8);
		String boundary = "charset-boundary";
		byte[] multipart = concat(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
						+ "filename=\"x.csv\"\r\nContent-Type: text/csv; charset=klingon\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII),
				concat(file, ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII)));

		for (RawHttp.Response answer : new RawHttp.Response[] { posted("text/csv; charset=klingon", file),
				posted("text/csv; charset=\"no such\"", file),
				posted("multipart/form-data; boundary=" + boundary, multipart) }) {
			assertThat(answer.status()).as(answer.text()).isEqualTo(415);
			Map<?, ?> problem = JsonMapper.shared().readValue(answer.body(), Map.class);
			assertThat(problem.get("code")).isEqualTo("unsupported-charset");
			assertThat(problem.get("uploadId")).as("no upload is made").isNull();
		}
	}

	private RawHttp.Response posted(String contentType, byte[] body) throws IOException {
		try (RawHttp raw = RawHttp.connect(this.port, Duration.ofSeconds(30))) {
			raw.head("POST /api/v1/uploads HTTP/1.1", "Content-Type: " + contentType, "Content-Length: " + body.length,
					"Connection: close")
				.write(body);
			return raw.readToEnd();
		}
	}

	private void assertStored(Answer answer, List<String> names) {
		assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
		assertThat(answer.body()).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", names.size());
		assertThat(this.uploads.storedNames(answer.uploadId())).containsExactlyElementsOf(names);
	}

	private static String csv(List<String> names) {
		Csv csv = Csv.withHeader("full_name,primary_phone,amount_due,due_date");
		for (int i = 0; i < names.size(); i++) {
			csv.row(names.get(i) + ",98765432" + (10 + i) + ",1500,15/11/2024");
		}
		return csv.text();
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
