package dev.intake.upload;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.intake.idempotency.IdempotencyKey;
import dev.intake.idempotency.IdempotencyKeys;
import dev.intake.tenant.TenantId;
import dev.intake.testing.Csv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import dev.intake.testing.Sql;
import dev.intake.testing.TestFilenames;
import dev.intake.testing.TestTenant;
import dev.intake.testing.UploadClient;
import dev.intake.upload.internal.IdempotentUploads;
import dev.intake.upload.internal.UploadOutcome;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntakeIntegrationTest
class IdempotentUploadsIntegrationTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	IdempotentUploads idempotentUploads;

	@Autowired
	IdempotencyKeys keys;

	@LocalServerPort
	int port;

	@Test
	void replaysTheFirstUploadForTheSameKeyAndContentWithoutNewRows() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(3);

		Map<String, Object> first = postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		long rowsAfterFirst = customerRows();
		Map<String, Object> replay = postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectHeader()
			.valueEquals("Location", "/api/v1/uploads/" + first.get("id"))
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();

		assertThat(first).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", 3);
		// The replay shows the upload as it is now: its changes may have been counted
		// since.
		assertThat(replay).usingRecursiveComparison().ignoringFields("changes").isEqualTo(first);
		assertThat(customerRows()).isEqualTo(rowsAfterFirst);
		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void replaysMultipartUploadsAndTheSameFileSentRaw() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(2);

		String firstId = postMultipart(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		postMultipart(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(firstId);
		postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(firstId);

		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void rejectsTheSameKeyWithDifferentContentOrFilename() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(2);
		String firstId = postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		long rowsAfterFirst = customerRows();

		expectReused(postCsv(key, filename, customers(2)), firstId);
		expectReused(postCsv(key, "other-" + filename, csv), firstId);
		expectReused(postMultipart(key, filename, customers(1)), firstId);

		assertThat(customerRows()).isEqualTo(rowsAfterFirst);
		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void rejectsTheSameKeyWhileTheFirstRequestIsStillRunning() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(4);
		int half = csv.length / 2;
		Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
		body.tryEmitNext(buffer(csv, 0, half));
		Mono<ResponseEntity<Map<String, Object>>> first = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.build()
			.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.header(IdempotencyKey.HEADER, key)
			.contentType(TEXT_CSV)
			.body(BodyInserters.fromPublisher(body.asFlux(), DataBuffer.class))
			.retrieve()
			.toEntity(Json.OBJECT)
			.cache();
		first.subscribe();
		String runningId = awaitKeyClaimed(key);

		postCsv(key, filename, csv).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency-key-in-use")
			.jsonPath("$.uploadId")
			.isEqualTo(runningId);
		body.tryEmitNext(buffer(csv, half, csv.length - half));
		body.tryEmitComplete();

		StepVerifier.create(first)
			.assertNext((response) -> assertThat(response.getBody()).containsEntry("id", runningId)
				.containsEntry("status", "COMPLETED")
				.containsEntry("rowsSucceeded", 4))
			.verifyComplete();
		postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(runningId);
		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void runsAgainAfterAFailedAttempt() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] broken = Csv.withHeader("name,amount,due_date").row("A,1,2024-11-15").bytes();
		byte[] csv = customers(2);

		String failedId = postCsv(key, filename, broken).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("uploadId")
			.toString();
		postCsv(key, filename, broken).expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("missing-columns")
			.jsonPath("$.uploadId")
			.value((String id) -> assertThat(id).isNotEqualTo(failedId));
		Map<String, Object> retried = postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(retried.get("id"));

		assertThat(retried.get("id")).isNotEqualTo(failedId);
		assertThat(retried).containsEntry("status", "COMPLETED").containsEntry("rowsSucceeded", 2);
		assertThat(uploadsNamed(filename)).isEqualTo(3);
	}

	@Test
	void runsAgainWhenTheClientGaveUpOnTheFirstAttempt() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(4);
		Sinks.Many<DataBuffer> body = Sinks.many().unicast().onBackpressureBuffer();
		body.tryEmitNext(buffer(csv, 0, csv.length / 2));
		Disposable first = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.build()
			.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.header(IdempotencyKey.HEADER, key)
			.contentType(TEXT_CSV)
			.body(BodyInserters.fromPublisher(body.asFlux(), DataBuffer.class))
			.retrieve()
			.toBodilessEntity()
			.subscribe(null, (ex) -> {
			});
		String abandonedId = awaitKeyClaimed(key);
		first.dispose();
		awaitStatus(abandonedId, "FAILED");

		postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody()
			.jsonPath("$.id")
			.value((String id) -> assertThat(id).isNotEqualTo(abandonedId))
			.jsonPath("$.rowsSucceeded")
			.isEqualTo(4);
		postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true");
		assertThat(uploadsNamed(filename)).isEqualTo(2);
	}

	@Test
	void replaysTheCreationOfAnUploadAwaitingContent() {
		String key = newKey();
		String filename = uniqueFilename();
		String id = postJson(key, filename).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();

		postJson(key, filename).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.isEqualTo("AWAITING_CONTENT");
		expectReused(postJson(key, "other-" + filename), id);
		expectReused(postCsv(key, filename, customers(1)), id);

		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void letsOnlyOneOfManyConcurrentRequestsWithANewKeyRun() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(50);
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.build();

		List<ResponseEntity<Map<String, Object>>> answers = Flux.range(0, 8)
			.flatMap((i) -> client.post()
				.uri("/api/v1/uploads?filename={name}", filename)
				.header(IdempotencyKey.HEADER, key)
				.contentType(TEXT_CSV)
				.bodyValue(csv)
				.exchangeToMono((response) -> response.toEntity(Json.OBJECT)))
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers).extracting((answer) -> answer.getStatusCode().value()).containsOnly(201, 409);
		assertThat(answers).filteredOn((answer) -> answer.getStatusCode().value() == 201)
			.extracting((answer) -> answer.getBody().get("id"))
			.hasSizeGreaterThanOrEqualTo(1)
			.containsOnly(answers.stream()
				.map((answer) -> answer.getBody().get((answer.getStatusCode().value() == 201) ? "id" : "uploadId"))
				.findFirst()
				.orElseThrow());
		assertThat(answers)
			.filteredOn((answer) -> answer.getStatusCode().value() == 201
					&& answer.getHeaders().getFirst(IdempotencyKey.REPLAYED_HEADER) == null)
			.hasSize(1);
		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void letsOnlyOneOfManyConcurrentCreationsWithANewKeyCreate() {
		String key = newKey();
		String filename = uniqueFilename();
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.build();

		List<ResponseEntity<Map<String, Object>>> answers = Flux.range(0, 16)
			.flatMap((i) -> client.post()
				.uri("/api/v1/uploads")
				.header(IdempotencyKey.HEADER, key)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("filename", filename))
				.exchangeToMono((response) -> response.toEntity(Json.OBJECT)))
			.collectList()
			.block(Duration.ofSeconds(60));

		assertThat(answers).extracting((answer) -> answer.getStatusCode().value()).containsOnly(201);
		assertThat(answers).extracting((answer) -> answer.getBody().get("id"))
			.containsOnly(answers.get(0).getBody().get("id"));
		assertThat(answers).filteredOn((answer) -> answer.getHeaders().getFirst(IdempotencyKey.REPLAYED_HEADER) == null)
			.hasSize(1);
		assertThat(uploadsNamed(filename)).isEqualTo(1);
	}

	@Test
	void rejectsKeysThatAreTooLongOrNotPrintableAscii() {
		for (String key : List.of("k".repeat(IdempotencyKey.MAX_LENGTH + 1), "a\tb", "cl\u00e9")) {
			Problems.expect(this.http.post()
				.uri("/api/v1/uploads?filename=x.csv")
				.header(IdempotencyKey.HEADER, key)
				.contentType(TEXT_CSV)
				.bodyValue(customers(1))
				.exchange(), HttpStatus.BAD_REQUEST, "invalid-idempotency-key");
		}
		postCsv("k".repeat(IdempotencyKey.MAX_LENGTH), uniqueFilename(), customers(1)).expectStatus().isCreated();
	}

	@Test
	void keepsTheKeysOfEachTenantApart() {
		IdempotencyKey key = new IdempotencyKey(newKey());
		String filename = uniqueFilename();

		UUID ofA = this.idempotentUploads.create(TenantId.of("tenant-a"), key, filename)
			.map((outcome) -> outcome.upload().id())
			.block();
		StepVerifier.create(this.idempotentUploads.create(TenantId.of("tenant-b"), key, filename))
			.assertNext((outcome) -> assertThat(outcome.replayed()).isFalse())
			.verifyComplete();
		StepVerifier.create(this.idempotentUploads.create(TenantId.of("tenant-b"), key, "other-" + filename))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("idempotency-key-reused"))
			.verify();
		StepVerifier.create(this.idempotentUploads.create(TenantId.of("tenant-a"), key, filename))
			.assertNext((outcome) -> assertThat(outcome).isEqualTo(new UploadOutcome(outcome.upload(), true))
				.extracting((replayed) -> replayed.upload().id())
				.isEqualTo(ofA))
			.verifyComplete();
		assertThat(uploadsNamed(filename)).isEqualTo(2);
	}

	@Test
	void keepsTheSameKeyOfTwoTenantsApartOverHttp() {
		String key = newKey();
		String filename = uniqueFilename();
		byte[] csv = customers(1);
		WebTestClient other = TestTenant.OTHER.on(this.http);

		String ofTest = postCsv(key, filename, csv).expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		String ofOther = other.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.header(IdempotencyKey.HEADER, key)
			.contentType(TEXT_CSV)
			.bodyValue(csv)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		other.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.header(IdempotencyKey.HEADER, key)
			.contentType(TEXT_CSV)
			.bodyValue(csv)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(IdempotencyKey.REPLAYED_HEADER, "true")
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(ofOther);

		assertThat(ofOther).isNotEqualTo(ofTest);
		assertThat(uploadsNamed(filename)).isEqualTo(2);
	}

	@Test
	void forgetsExpiredKeysSoTheyCanBeUsedAgain() {
		String key = newKey();
		String filename = uniqueFilename();
		String firstId = postJson(key, filename).expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		age(key);

		String secondId = postCsv(key, filename, customers(1)).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER)
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		age(key);
		StepVerifier.create(this.keys.deleteExpired())
			.assertNext((deleted) -> assertThat(deleted).isPositive())
			.verifyComplete();

		assertThat(secondId).isNotEqualTo(firstId);
		assertThat(keyRows(key)).isZero();
		postJson(key, "other-" + filename).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist(IdempotencyKey.REPLAYED_HEADER);
		assertThat(keyRows(key)).isOne();
	}

	private ResponseSpec postCsv(String key, String filename, byte[] csv) {
		return this.http.post()
			.uri("/api/v1/uploads?filename={name}", filename)
			.header(IdempotencyKey.HEADER, key)
			.contentType(TEXT_CSV)
			.bodyValue(csv)
			.exchange();
	}

	private ResponseSpec postMultipart(String key, String filename, byte[] csv) {
		return this.http.post()
			.uri("/api/v1/uploads")
			.header(IdempotencyKey.HEADER, key)
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(UploadClient.filePart(filename, csv)))
			.exchange();
	}

	private ResponseSpec postJson(String key, String filename) {
		return this.http.post()
			.uri("/api/v1/uploads")
			.header(IdempotencyKey.HEADER, key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", filename))
			.exchange();
	}

	private static void expectReused(ResponseSpec response, String firstId) {
		response.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.code")
			.isEqualTo("idempotency-key-reused")
			.jsonPath("$.uploadId")
			.isEqualTo(firstId);
	}

	private String awaitKeyClaimed(String key) {
		return Mono
			.defer(() -> this.db.sql("""
					SELECT k.upload_id FROM idempotency_keys k JOIN uploads u ON u.id = k.upload_id
					WHERE k.idempotency_key = :key AND u.status = 'PROCESSING'""")
				.bind("key", key)
				.map((row) -> row.get(0, UUID.class).toString())
				.one())
			.repeatWhenEmpty(200, (attempts) -> attempts.delayElements(Duration.ofMillis(50)))
			.block(Duration.ofSeconds(30));
	}

	private void awaitStatus(String uploadId, String status) {
		Mono.defer(() -> this.db.sql("SELECT 1 FROM uploads WHERE id = :id AND status = :status")
			.bind("id", UUID.fromString(uploadId))
			.bind("status", status)
			.map((row) -> true)
			.one())
			.repeatWhenEmpty(600, (attempts) -> attempts.delayElements(Duration.ofMillis(50)))
			.block(Duration.ofSeconds(30));
	}

	private static void age(String key) {
		Sql.execute("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?",
				key);
	}

	private static long keyRows(String key) {
		return Sql.number("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", key);
	}

	private static long customerRows() {
		return Sql.number("SELECT count(*) FROM customers");
	}

	private static long uploadsNamed(String filename) {
		return Sql.number("SELECT count(*) FROM uploads WHERE filename = ?", filename);
	}

	private static String newKey() {
		return "key-" + UUID.randomUUID();
	}

	private static String uniqueFilename() {
		return TestFilenames.unique("idempotent-");
	}

	/** A CSV of new customers, different on every call. */
	private static byte[] customers(int rows) {
		Csv csv = Csv.standard();
		long firstPhone = 9_700_000_000L + ThreadLocalRandom.current().nextLong(100_000_000L - rows);
		for (int i = 0; i < rows; i++) {
			csv.row("Customer " + i + "," + (firstPhone + i) + ",,LN-" + i + ",100,2024-11-15,,,");
		}
		return csv.bytes();
	}

	private static DataBuffer buffer(byte[] bytes, int offset, int length) {
		byte[] part = new byte[length];
		System.arraycopy(bytes, offset, part, 0, length);
		return DefaultDataBufferFactory.sharedInstance.wrap(part);
	}

}
