package dev.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.intake.ingest.FakeAadhaar;
import dev.intake.testing.Csv;
import dev.intake.testing.DirectRedis;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads made-up customers with valid national IDs (and phones) in every place a file
 * can hold them, reads back everything Intake shows, stores, publishes and logs, and
 * checks that no full national ID appears anywhere and no phone appears unmasked in the
 * logs.
 */
@IntakeIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DataProtectionIntegrationTests {

	private static final String HEADER = Csv.HEADER + ",aadhaar_copy";

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient database;

	@Test
	void neverShowsStoresPublishesOrLogsAFullNationalId(CapturedOutput logs) {
		long seed = System.nanoTime();
		List<String> ids = new ArrayList<>();
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			ids.add(FakeAadhaar.random(seed + i));
			phones.add(Long.toString(9_700_000_000L + Math.floorMod(seed * 31 + i, 99_999_999L)));
		}
		Csv csv = Csv.withHeader(HEADER)
			// accepted: plain, grouped, and copied into a column Intake does not know
			.row("Asha Rao," + phones.get(0) + "," + ids.get(0) + ",LN-1,1500,2024-11-15,,,," + ids.get(0))
			.row("Ravi Kumar," + phones.get(1) + "," + FakeAadhaar.grouped(ids.get(1), " ")
					+ ",LN-2,1500,2024-11-15,,,," + FakeAadhaar.grouped(ids.get(1), "-"))
			// rejected: its raw row is kept for the error report
			.row("Meena Iyer,not-a-phone," + ids.get(2) + ",LN-3,1500,2024-11-15,,,,")
			.row("Bad Check," + phones.get(3) + "," + FakeAadhaar.withWrongCheckDigit(ids.get(3))
					+ ",LN-4,1,2024-11-15,,,,")
			// ragged: the cells have shifted, so any of them may be the ID
			.row("Short Row," + phones.get(4) + "," + ids.get(4));
		String uploadId = upload("customers.csv", csv.bytes());
		// a file without a header: its first customer is taken as the header
		String headerless = upload("no-header.csv",
				Csv.withHeader("Lata Shah," + phones.get(5) + "," + ids.get(5) + ",LN-6,1,2024-11-15,,,")
					.row("Anil Das," + phones.get(6) + "," + ids.get(6) + ",LN-7,1,2024-11-15,,,")
					.bytes());
		// a malformed file whose broken record holds an ID
		String malformed = upload("broken.csv",
				Csv.standard().row("Uma Devi," + phones.get(7) + ",\"" + ids.get(7) + ",LN-8,1,2024-11-15,,,").bytes());

		List<String> everything = new ArrayList<>(this.responses);
		for (String id : List.of(uploadId, headerless, malformed)) {
			everything.add(get("/api/v1/uploads/" + id, MediaType.APPLICATION_JSON));
			everything.add(get("/api/v1/uploads/" + id + "/entries?limit=1000", MediaType.APPLICATION_JSON));
			everything.add(get("/api/v1/uploads/" + id + "/errors?limit=1000", MediaType.APPLICATION_JSON));
			everything.add(get("/api/v1/uploads/" + id + "/errors", MediaType.parseMediaType("text/csv")));
			everything.add(events("/api/v1/uploads/" + id + "/events"));
		}
		everything.add(get("/api/v1/uploads?limit=1000", MediaType.APPLICATION_JSON));
		for (String phone : phones) {
			everything.add(get("/api/v1/customers/" + phone + "/entries", MediaType.APPLICATION_JSON));
		}
		everything.add(events("/api/v1/uploads/events"));
		everything.add(new String(TestTenant.operator(this.http)
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8));
		everything.addAll(redisStreams());
		everything.addAll(databaseRows());

		assertThat(get("/api/v1/uploads/" + uploadId, MediaType.APPLICATION_JSON)).contains("\"rowsSucceeded\":2")
			.contains("\"rowsFailed\":3");
		assertThat(String.join("\n", everything)).as("what Intake shows, stores and publishes")
			.contains(phones.get(0).substring(6))
			.satisfies((text) -> assertNoFullId(text, ids));
		assertThat(logs.getAll()).satisfies((text) -> assertNoFullId(text, ids))
			.satisfies((text) -> assertThat(phones).noneMatch(text::contains));
	}

	@Test
	void masksNationalIdsOfEveryDigitScriptInEveryColumnHeaderAndFileName(CapturedOutput logs) {
		long seed = System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			ids.add(FakeAadhaar.random(seed + i));
		}
		String phone = Long.toString(9_600_000_000L + Math.floorMod(seed, 99_999_999L));
		int[] scripts = { '0', 0x0966, 0xFF10, 0x09E6, 0x0BE6, 0x0660, 0x06F0, 0x1D7CE };
		String[] separators = { "", " ", "-", ".", "\u00A0", "\u202F", "\u2013", "\u200B" };
		List<String> written = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			written.add(FakeAadhaar.inScript(FakeAadhaar.grouped(ids.get(i), separators[i % separators.length]),
					scripts[i % scripts.length]));
		}
		String header = Csv.HEADER + ",kyc_" + written.get(0);
		String good = "Asha Rao,%s,%s,LN-1,1500,2024-11-15,,,,%s";
		Csv csv = Csv.withHeader(header)
			// accepted: the national ID in another script, and one in a column Intake
			// does not know
			.row(good.formatted(phone, written.get(1), written.get(2)))
			// rejected: a national ID in a column other than national_id
			.row("Asha %s,%s,,LN-2,1500,2024-11-15,,,,".formatted(written.get(3), phone))
			.row("Asha Rao,%s,,LN-%s,1500,2024-11-15,,,,".formatted(phone, written.get(4)))
			.row("Asha Rao,%s,,LN-5,%s,2024-11-15,,,,".formatted(phone, ids.get(5)))
			.row("Asha Rao,%s,,LN-6,1500,%s,,,,".formatted(phone, written.get(6)))
			.row("Asha Rao,%s,,LN-7,1500,2024-11-15,%s,%s,,".formatted(phone, written.get(7), written.get(8)))
			.row("Asha Rao,%s,,LN-9,1500,2024-11-15,,,%s@example.com,".formatted(phone, written.get(9)))
			// rejected: swapped columns put it in the phone column, and a bad phone
			// beside it
			.row("Asha Rao,%s,,LN-10,1500,2024-11-15,,,,".formatted(written.get(10)))
			.row("Asha Rao,not-a-phone,%s,LN-11,1500,2024-11-15,,,,%s".formatted(written.get(11), written.get(12)))
			// ragged
			.row("Asha Rao,%s,%s".formatted(phone, written.get(13)));
		String uploadId = upload("statement " + written.get(14) + ".csv", csv.bytes());
		String named = this.http.post()
			.uri((uri) -> uri.path("/api/v1/uploads").queryParam("filename", "{name}").build(written.get(15) + ".csv"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(Csv.standard().row("Ravi Kumar," + phone + ",,LN-1,1,2024-11-15,,,").bytes())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		this.responses.add(named);

		List<String> everything = new ArrayList<>(this.responses);
		everything.add(get("/api/v1/uploads/" + uploadId, MediaType.APPLICATION_JSON));
		everything.add(get("/api/v1/uploads/" + uploadId + "/entries?limit=1000", MediaType.APPLICATION_JSON));
		everything.add(get("/api/v1/uploads/" + uploadId + "/errors?limit=1000", MediaType.APPLICATION_JSON));
		everything.add(get("/api/v1/uploads/" + uploadId + "/errors", MediaType.parseMediaType("text/csv")));
		everything.add(get("/api/v1/uploads/" + uploadId + "/changes", MediaType.APPLICATION_JSON));
		everything.add(get("/api/v1/uploads/" + uploadId + "/changes", MediaType.parseMediaType("text/csv")));
		everything.add(events("/api/v1/uploads/" + uploadId + "/events"));
		everything.add(get("/api/v1/uploads?limit=1000", MediaType.APPLICATION_JSON));
		everything.add(get("/api/v1/customers/" + phone + "/entries", MediaType.APPLICATION_JSON));
		everything.add(events("/api/v1/uploads/events"));
		everything.addAll(redisStreams());
		everything.addAll(databaseRows());

		String errors = get("/api/v1/uploads/" + uploadId + "/errors?limit=1000", MediaType.APPLICATION_JSON);
		assertThat(errors).contains("misplaced-national-id", "invalid-phone", "wrong-column-count");
		assertThat(get("/api/v1/uploads/" + uploadId, MediaType.APPLICATION_JSON)).contains("\"rowsSucceeded\":1")
			.contains("XXXXXXXX");
		assertThat(digitsOf(String.join("\n", everything))).as("what Intake shows, stores and publishes")
			.satisfies((text) -> assertThat(ids).noneMatch(text::contains));
		assertThat(digitsOf(logs.getAll())).satisfies((text) -> assertThat(ids).noneMatch(text::contains));
	}

	/**
	 * The text with every digit of any script written in ASCII and every separator a
	 * number may be written with removed, so a national ID shows as its twelve digits.
	 */
	private static String digitsOf(String text) {
		StringBuilder out = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> {
			if (Character.isDigit(c)) {
				out.append(Character.digit(c, 10));
			}
			else if (!Character.isSpaceChar(c) && Character.getType(c) != Character.DASH_PUNCTUATION
					&& Character.getType(c) != Character.FORMAT && c != '.' && c != '\t') {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	private final List<String> responses = new ArrayList<>();

	private String upload(String filename, byte[] csv) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("file", csv).filename(filename).contentType(MediaType.parseMediaType("text/csv"));
		byte[] answer = this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(body.build()))
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseBody();
		String text = new String(answer, StandardCharsets.UTF_8);
		this.responses.add(text);
		int at = text.indexOf("\"uploadId\":\"");
		at = (at >= 0) ? at + 12 : text.indexOf("\"id\":\"") + 6;
		return text.substring(at, at + 36);
	}

	private String get(String path, MediaType accept) {
		byte[] body = this.http.get().uri(path).accept(accept).exchange().expectBody().returnResult().getResponseBody();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

	private String events(String path) {
		List<String> events = this.http.get()
			.uri(path)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(String.class)
			.getResponseBody()
			.take(Duration.ofSeconds(2))
			.collectList()
			.block(Duration.ofSeconds(10));
		return String.join("\n", events);
	}

	private List<String> redisStreams() {
		List<String> entries = new ArrayList<>();
		try (DirectRedis redis = DirectRedis.connect()) {
			for (String key : redis.commands().keys("*")) {
				if ("stream".equals(redis.commands().type(key))) {
					for (StreamMessage<String, String> message : redis.commands().xrange(key, Range.create("-", "+"))) {
						entries.add(message.getBody().toString());
					}
				}
				else if ("string".equals(redis.commands().type(key))) {
					entries.add(redis.commands().get(key));
				}
			}
		}
		assertThat(entries).as("progress events in Redis").isNotEmpty();
		return entries;
	}

	private List<String> databaseRows() {
		List<String> tables = this.database
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
					+ " AND table_type = 'BASE TABLE'")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(tables).contains("uploads", "customers", "upload_row_errors");
		List<String> rows = new ArrayList<>();
		for (String table : tables) {
			rows.addAll(this.database.sql("SELECT t::text FROM \"" + table + "\" t")
				.map((row) -> row.get(0, String.class))
				.all()
				.collectList()
				.block(Duration.ofSeconds(60)));
		}
		return rows;
	}

	private static void assertNoFullId(String text, List<String> ids) {
		for (String id : ids) {
			assertThat(text).doesNotContain(id)
				.doesNotContain(FakeAadhaar.grouped(id, " "))
				.doesNotContain(FakeAadhaar.grouped(id, "-"));
		}
	}

}
