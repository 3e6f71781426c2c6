package dev.intake.tenant;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.intake.testing.Csv;
import dev.intake.testing.EventStreams;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.Problems;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import dev.intake.testing.UploadClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint, pairwise in both directions: what one tenant owns is invisible to the
 * other, and another tenant's id gets a 404 (never a 403 that confirms it exists).
 */
@IntakeIntegrationTest
class TenantIsolationIntegrationTests {

	static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	WebTestClient http;

	@Autowired
	UploadClient uploads;

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}'s uploads, asked for by {1}")
	@CsvSource({ "TEST, OTHER", "OTHER, TEST" })
	void hidesEveryUploadEntryErrorAndHistoryFromAnotherTenant(TestTenant owner, TestTenant intruder) {
		WebTestClient ownerClient = owner.on(this.http);
		WebTestClient intruderClient = intruder.on(this.http);
		String phone = phone();
		UUID completed = this.uploads.as(owner)
			.raw("tenant.csv",
					Csv.standard()
						.row("Asha Verma," + phone + ",,LN-1,1500,2024-11-15,,,")
						.row("Bad Row,12,,LN-2,1,x,,,"))
			.id();
		UUID awaiting = this.uploads.as(owner).create("later.csv").id();

		for (String path : new String[] { "/api/v1/uploads/" + completed, "/api/v1/uploads/" + completed + "/errors",
				"/api/v1/uploads/" + completed + "/entries", "/api/v1/uploads/" + completed + "/changes",
				"/api/v1/uploads/" + awaiting }) {
			Problems.expect(intruderClient.get().uri(path).exchange(), HttpStatus.NOT_FOUND, "upload-not-found");
		}
		intruderClient.get()
			.uri("/api/v1/uploads/{id}/errors", completed)
			.accept(TEXT_CSV)
			.exchange()
			.expectStatus()
			.isNotFound();
		intruderClient.get()
			.uri("/api/v1/uploads/{id}/changes", completed)
			.accept(TEXT_CSV)
			.exchange()
			.expectStatus()
			.isNotFound();
		intruderClient.get()
			.uri("/api/v1/uploads/{id}/events", completed)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isNotFound();
		intruderClient.post()
			.uri("/api/v1/uploads/{id}/events/token", completed)
			.exchange()
			.expectStatus()
			.isNotFound();
		intruderClient.put()
			.uri("/api/v1/uploads/{id}/content", awaiting)
			.contentType(TEXT_CSV)
			.bodyValue(Csv.standard().row("Intruder," + phone() + ",,LN-3,1,2024-11-15,,,").bytes())
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(listedIds(intruderClient, "/api/v1/uploads?limit=1000")).doesNotContain(completed, awaiting);
		assertThat(listedIds(intruderClient, "/api/v1/uploads?status=COMPLETED_WITH_ERRORS&limit=1000"))
			.doesNotContain(completed);
		assertThat(this.uploads.as(intruder).historyEntries(phone)).isEmpty();

		assertThat(listedIds(ownerClient, "/api/v1/uploads?limit=1000")).contains(completed, awaiting);
		assertThat(this.uploads.as(owner).historyEntries(phone)).extracting((entry) -> entry.get("uploadId"))
			.containsExactly(completed.toString());
		ownerClient.get()
			.uri("/api/v1/uploads/{id}", awaiting)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_CONTENT");
		ownerClient.get().uri("/api/v1/uploads/{id}/errors", completed).exchange().expectStatus().isOk();
		ownerClient.get().uri("/api/v1/uploads/{id}/changes", completed).exchange().expectStatus().isOk();
	}

	@ParameterizedTest(name = "{0}'s history, asked for by {1}")
	@CsvSource({ "TEST, OTHER", "OTHER, TEST" })
	void showsEachTenantOnlyItsOwnEntriesOfTheSamePhone(TestTenant one, TestTenant another) {
		String phone = phone();
		UUID ofOne = this.uploads.as(one)
			.raw("tenant.csv", Csv.standard().row("Ravi Kumar," + phone + ",,LN-1,100,2024-11-15,,,"))
			.id();
		UUID ofAnother = this.uploads.as(another)
			.raw("tenant.csv", Csv.standard().row("Ravi Kumar," + phone + ",,LN-1,200,2024-12-15,,,"))
			.id();

		assertThat(this.uploads.as(one).historyEntries(phone)).extracting((entry) -> entry.get("uploadId"))
			.containsExactly(ofOne.toString());
		assertThat(this.uploads.as(another).historyEntries(phone)).extracting((entry) -> entry.get("uploadId"))
			.containsExactly(ofAnother.toString());
	}

	@ParameterizedTest(name = "{0}'s cycles with {1} uploading in between")
	@CsvSource({ "TEST, OTHER", "OTHER, TEST" })
	void comparesChangesOnlyWithTheTenantsOwnPreviousUpload(TestTenant owner, TestTenant another) {
		String phone = phone();
		UUID first = this.uploads.as(owner)
			.raw("tenant.csv", Csv.standard().row("Asha Verma," + phone + ",,LN-1,100,2024-11-15,,,"))
			.id();
		UUID between = this.uploads.as(another)
			.raw("tenant.csv", Csv.standard().row("Asha Verma," + phone + ",,LN-1,999,2024-11-15,,,"))
			.id();
		UUID second = this.uploads.as(owner)
			.raw("tenant.csv", Csv.standard().row("Asha Verma," + phone + ",,LN-1,100,2024-11-15,,,"))
			.id();

		Map<String, Object> changes = Json.get(owner.on(this.http), "/api/v1/uploads/{id}/changes", second);
		Map<String, Object> ofAnother = Json.get(another.on(this.http), "/api/v1/uploads/{id}/changes", between);

		assertThat(changes.get("previousUploadId")).isEqualTo(first.toString());
		assertThat(ofAnother.get("previousUploadId")).isNotEqualTo(first.toString());
	}

	@ParameterizedTest(name = "{1}'s feed while {0} uploads")
	@CsvSource({ "TEST, OTHER", "OTHER, TEST" })
	void feedCarriesOnlyTheTenantsOwnUploads(TestTenant owner, TestTenant watcher) {
		ConnectableFlux<ServerSentEvent<String>> feed = EventStreams
			.events(EventStreams.client(this.port, watcher), "/api/v1/uploads/events", "0-0")
			.replay();
		Disposable connection = feed.connect();
		try {
			UUID ofOwner = this.uploads.as(owner)
				.raw("tenant.csv", Csv.standard().row("Old One," + phone() + ",,LN-4,100,2024-11-15,,,"))
				.id();
			UUID ofWatcher = this.uploads.as(watcher)
				.raw("tenant.csv", Csv.standard().row("New One," + phone() + ",,LN-5,100,2024-11-15,,,"))
				.id();

			List<ServerSentEvent<String>> seen = feed
				.takeUntil((event) -> EventStreams.isTerminal(event)
						&& ofWatcher.toString().equals(EventStreams.dataOf(event).get("uploadId")))
				.collectList()
				.block(Timeouts.PATIENCE);

			assertThat(seen).extracting((event) -> EventStreams.dataOf(event).get("uploadId"))
				.contains(ofWatcher.toString())
				.doesNotContain(ofOwner.toString());
		}
		finally {
			connection.dispose();
		}
	}

	private List<UUID> listedIds(WebTestClient client, String path) {
		return Json.items(Json.get(client, path))
			.stream()
			.map((item) -> UUID.fromString((String) item.get("id")))
			.toList();
	}

	private static String phone() {
		return "98" + String.format("%08d", Math.abs(UUID.randomUUID().getLeastSignificantBits() % 100_000_000));
	}

}
