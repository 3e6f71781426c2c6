package dev.intake.upload;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Bodies;
import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

@IntakeIntegrationTest
class UploadApiIntegrationTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void keepsEveryCycleOfTheSameCustomer() {
		String phone = "98" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000000));
		Map<String, Object> november = uploadCsv("cycle-2024-11.csv",
				Csv.standard()
					.row("Asha Verma,+91 " + phone.substring(0, 5) + " " + phone.substring(5)
							+ ",,LN-1001,\"₹15,000\",15/11/2024,Maharashtra,Marathi,asha@example.com"));
		Map<String, Object> december = uploadCsv("cycle-2024-12.csv",
				Csv.standard().row("Asha Verma,0" + phone + ",,LN-1001,20000,2024-12-15,Maharashtra,Marathi,"));

		assertThat(november).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", 1);
		assertThat(december).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", 1);
		List<Map<String, Object>> entries = history(phone);
		assertThat(entries).extracting((entry) -> entry.get("amountDue")).containsExactly(20000.0, 15000.0);
		assertThat(entries).extracting((entry) -> entry.get("dueDate")).containsExactly("2024-12-15", "2024-11-15");
		assertThat(entries).extracting((entry) -> entry.get("fingerprint")).doesNotHaveDuplicates();
		assertThat(entries).extracting((entry) -> entry.get("uploadId"))
			.containsExactly(december.get("id"), november.get("id"));
	}

	@Test
	void oldSystemCheckQueryReturnsEveryEntryOfOnePhone() {
		String phone = "97" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000000));
		uploadCsv("a.csv", Csv.standard().row("Ravi Kumar," + phone + ",,LN-1,15000,2024-11-15,,,"));
		uploadCsv("b.csv", Csv.standard().row("Ravi Kumar,+91" + phone + ",,LN-1,20000,2024-12-15,,,"));

		List<Map<String, Object>> rows = this.db.sql("""
				SELECT full_name, primary_phone, created_at, fingerprint FROM customers
				WHERE primary_phone LIKE '%""" + phone + "' ORDER BY created_at DESC")
			.fetch()
			.all()
			.collectList()
			.block();

		assertThat(rows).hasSize(2);
		assertThat(rows).extracting((row) -> row.get("primary_phone")).containsOnly("+91" + phone);
		assertThat(rows).extracting((row) -> row.get("fingerprint")).doesNotHaveDuplicates();
	}

	@Test
	void acceptsMultipartFilePartAndStoresItsRows() {
		String phone = "95" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000000));
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("note", "ignored");
		body.part("file", new ByteArrayResource(
				Csv.standard().row("Meena Iyer," + phone + ",,LN-7,1500.50,5 Nov 2024,Tamil Nadu,Tamil,").bytes()) {
			@Override
			public String getFilename() {
				return "../../etc/cycle.csv";
			}
		}).contentType(TEXT_CSV);

		this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(body.build()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/v1/uploads/[0-9a-f-]{36}")
			.expectBody()
			.jsonPath("$.filename")
			.isEqualTo("cycle.csv")
			.jsonPath("$.status")
			.isEqualTo("COMPLETED")
			.jsonPath("$.rowsSucceeded")
			.isEqualTo(1)
			.jsonPath("$.links.errors")
			.exists();
		assertThat(history(phone)).extracting((entry) -> entry.get("fullName")).containsExactly("Meena Iyer");
	}

	@Test
	void rejectsMultipartWithoutFilePart() {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("other", "x");
		Problems.expect(this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(body.build()))
			.exchange(), HttpStatus.BAD_REQUEST, "missing-file-part");
	}

	@Test
	void rejectsFileWithoutPhoneColumn() {
		Problems
			.expect(this.http.post()
				.uri("/api/v1/uploads?filename=no-phone.csv")
				.contentType(TEXT_CSV)
				.bodyValue(Csv.withHeader("name,amount,due_date").row("A,1,2024-11-15").text())
				.exchange(), HttpStatus.UNPROCESSABLE_CONTENT, "missing-columns")
			.jsonPath("$.stage")
			.isEqualTo("header")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("primary_phone"))
			.jsonPath("$.uploadId")
			.exists();
	}

	@Test
	void rejectsDuplicateHeaders() {
		Problems
			.expect(this.http.post()
				.uri("/api/v1/uploads")
				.contentType(TEXT_CSV)
				.bodyValue(Csv.withHeader("name,phone,mobile,amount,due_date").row("A,1,2,1,2024-11-15").text())
				.exchange(), HttpStatus.UNPROCESSABLE_CONTENT, "duplicate-columns")
			.jsonPath("$.detail")
			.value((String detail) -> assertThat(detail).contains("phone").contains("mobile"));
	}

	@Test
	void rejectsEmptyBody() {
		Problems.expect(this.http.post().uri("/api/v1/uploads").contentType(TEXT_CSV).bodyValue("").exchange(),
				HttpStatus.UNPROCESSABLE_CONTENT, "empty-file");
	}

	@Test
	void reportsBadRowsAndKeepsTheGoodOnes() {
		Map<String, Object> upload = uploadCsv("mixed.csv",
				Csv.standard()
					.row("Good One,9876500001,,LN-1,100,2024-11-15,,,")
					.row("Bad Phone,12345,,LN-2,100,2024-11-15,,,")
					.row("Bad Date,9876500003,,LN-3,100,31/02/2024,,,")
					.row("Bad Amount,9876500004,,LN-4,-5,2024-11-15,,,")
					.row("Too Few,9876500005")
					.row("Good One,9876500001,,LN-1,100,2024-11-15,,,")
					.row("=HYPERLINK(\"x\"),9876500007,,LN-7,abc,2024-11-15,,,"));

		assertThat(upload).containsEntry("status", "COMPLETED_WITH_ERRORS")
			.containsEntry("rowsTotal", 7)
			.containsEntry("rowsSucceeded", 1)
			.containsEntry("rowsFailed", 6)
			.containsEntry("message", "Upload completed: 1 successful, 6 failed");

		this.http.get()
			.uri("/api/v1/uploads/{id}/errors", upload.get("id"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].code")
			.value((List<String> codes) -> assertThat(codes).containsExactly("invalid-phone", "impossible-date",
					"negative-amount", "wrong-column-count", "duplicate-row", "invalid-amount"))
			.jsonPath("$.items[*].row")
			.value((List<Integer> rows) -> assertThat(rows).containsExactly(2, 3, 4, 5, 6, 7));

		String report = Bodies
			.text(this.http.get().uri("/api/v1/uploads/{id}/errors", upload.get("id")).accept(TEXT_CSV));
		assertThat(report.lines().toList()).hasSize(7);
		assertThat(report.lines().findFirst().orElseThrow())
			.isEqualTo("error_row,error_column,error_code,error_message," + Csv.HEADER);
		assertThat(report).contains("'=HYPERLINK").doesNotContain(",=HYPERLINK");
	}

	@Test
	void readsSpreadsheetExportWithBomCrlfAndQuotedNewlines() throws Exception {
		byte[] file = new ClassPathResource("spreadsheet-export.csv", getClass()).getContentAsByteArray();
		Map<String, Object> upload = this.http.post()
			.uri("/api/v1/uploads?filename=spreadsheet-export.csv")
			.contentType(TEXT_CSV)
			.bodyValue(file)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();

		assertThat(upload).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", 3);
		assertThat(upload.get("unknownColumns")).isEqualTo(List.of("Branch"));
		List<Map<String, Object>> entries = this.http.get()
			.uri("/api/v1/uploads/{id}/entries", upload.get("id"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PAGE)
			.returnResult()
			.getResponseBody()
			.items();
		assertThat(entries).extracting((entry) -> entry.get("fullName"))
			.containsExactly("Kiran \"KK\" Rao", "Lakshmi, N.", "Priya Sharma");
		assertThat(entries).extracting((entry) -> entry.get("primaryPhone"))
			.containsExactly("+919876543211", "+919876543212", "+919876543213");
	}

	@Test
	void createsUploadFirstThenTakesItsContent() {
		Map<String, Object> created = this.http.post()
			.uri("/api/v1/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", "later.csv"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(created).containsEntry("status", "AWAITING_CONTENT");

		this.http.put()
			.uri("/api/v1/uploads/{id}/content", created.get("id"))
			.contentType(TEXT_CSV)
			.bodyValue(Csv.standard().row("Late Comer,9876512345,,LN-9,10,2024-11-15,,,").text())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED");

		Problems.expect(this.http.put()
			.uri("/api/v1/uploads/{id}/content", created.get("id"))
			.contentType(TEXT_CSV)
			.bodyValue(Csv.standard().text())
			.exchange(), HttpStatus.CONFLICT, "upload-not-awaiting-content");
	}

	@Test
	void failedUploadLeavesNoEntriesVisible() {
		String phone = "96" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100000000));
		Csv csv = Csv.standard();
		for (int i = 0; i < 12_000; i++) {
			csv.row("Row " + i + "," + phone + ",,LN-" + i + ",100,2024-11-15,,,");
		}
		csv.row("\"Unterminated,9876543210,,LN-X,1,2024-11-15,,,");

		Map<String, Object> problem = this.http.post()
			.uri("/api/v1/uploads?filename=broken.csv")
			.contentType(TEXT_CSV)
			.bodyValue(csv.bytes())
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("code", "malformed-csv").containsEntry("stage", "parse");

		this.http.get()
			.uri("/api/v1/uploads/{id}", problem.get("uploadId"))
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("FAILED")
			.jsonPath("$.error.stage")
			.isEqualTo("parse");
		assertThat(history(phone)).isEmpty();
		Long stored = this.db.sql("SELECT count(*) FROM customers WHERE upload_id = :id")
			.bind("id", UUID.fromString((String) problem.get("uploadId")))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(stored).isZero();
	}

	@Test
	void listsUploadsNewestFirstPageByPage() {
		for (int i = 0; i < 3; i++) {
			uploadCsv("page-" + i + ".csv", Csv.standard());
		}
		Page first = this.http.get()
			.uri("/api/v1/uploads?limit=2&status=COMPLETED")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PAGE)
			.returnResult()
			.getResponseBody();
		assertThat(first.items()).hasSize(2);
		assertThat(first.next()).isNotNull();
		Page second = this.http.get()
			.uri("/api/v1/uploads?limit=2&status=COMPLETED&cursor={cursor}", first.next())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(PAGE)
			.returnResult()
			.getResponseBody();
		assertThat(second.items()).isNotEmpty();
		assertThat(second.items().get(0).get("createdAt").toString())
			.isLessThanOrEqualTo(first.items().get(1).get("createdAt").toString());
		assertThat(second.items()).extracting((u) -> u.get("id"))
			.doesNotContainAnyElementsOf(first.items().stream().map((u) -> u.get("id")).toList());
	}

	@Test
	void answersUnknownUploadWithProblem() {
		Problems.expect(this.http.get().uri("/api/v1/uploads/{id}", UUID.randomUUID()).exchange(), HttpStatus.NOT_FOUND,
				"upload-not-found");
		Problems.expectType(this.http.get().uri("/api/v1/uploads/not-a-uuid").exchange(), HttpStatus.BAD_REQUEST);
	}

	private Map<String, Object> uploadCsv(String filename, Csv csv) {
		return this.http.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.contentType(TEXT_CSV)
			.bodyValue(csv.bytes())
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private List<Map<String, Object>> history(String phone) {
		return this.http.get()
			.uri("/api/v1/customers/{phone}/entries", phone)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(HISTORY)
			.returnResult()
			.getResponseBody()
			.entries();
	}

	static final org.springframework.core.ParameterizedTypeReference<Page> PAGE = new org.springframework.core.ParameterizedTypeReference<>() {
	};

	static final org.springframework.core.ParameterizedTypeReference<History> HISTORY = new org.springframework.core.ParameterizedTypeReference<>() {
	};

	record Page(List<Map<String, Object>> items, String next) {
	}

	record History(String phone, List<Map<String, Object>> entries) {
	}

}
