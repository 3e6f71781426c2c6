package dev.intake.system;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.intake.testing.Bodies;
import dev.intake.testing.EventStreams;
import dev.intake.testing.GeneratedCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.testing.TestTenant;
import dev.intake.testing.Timeouts;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scrapes {@code /actuator/prometheus} before, during and after an upload of 10,000 rows
 * (100 of them bad) whose last 2,500 are held back, so that the first batch of 5,000 is
 * committed while the upload is still going, with a client watching the feed.
 */
@IntakeIntegrationTest
class MetricsIntegrationTests {

	@Autowired
	WebTestClient http;

	@LocalServerPort
	int port;

	@Test
	void countsRowsUploadsDurationsAndSubscribersAsAnUploadGoes() throws Exception {
		WebClient client = EventStreams.client(this.port);
		Disposable watching = EventStreams.events(client, "/api/v1/uploads/events", null).subscribe();
		Sinks.Empty<Void> secondHalf = Sinks.empty();
		try {
			await().atMost(Timeouts.PATIENCE)
				.until(() -> value(scrape(), "intake_sse_subscribers{stream=\"feed\"}") >= 1);
			String before = scrape();
			CompletableFuture<Map<String, Object>> uploaded = client.post()
				.uri("/api/v1/uploads?filename=metrics.csv")
				.contentType(MediaType.parseMediaType("text/csv"))
				.body(GeneratedCsv.of(10_000, 100).gatedAfter(7_500, secondHalf.asMono()), DataBuffer.class)
				.retrieve()
				.bodyToMono(Json.OBJECT)
				.toFuture();

			await().atMost(Timeouts.PATIENCE)
				.alias("the first batch is counted while the upload is still going")
				.until(() -> increase(before, scrape(), "intake_rows_ingested_total") == 4_950);
			String during = scrape();
			assertThat(increase(before, during, "intake_rows_rejected_total")).isEqualTo(50);
			assertThat(value(during, "intake_uploads_active")).isGreaterThanOrEqualTo(1);

			secondHalf.tryEmitEmpty();
			assertThat(uploaded.get(Timeouts.PATIENCE.toSeconds(), TimeUnit.SECONDS)).containsEntry("rowsSucceeded",
					9_900);
			String after = scrape();
			assertThat(increase(before, after, "intake_rows_ingested_total")).isEqualTo(9_900);
			assertThat(increase(before, after, "intake_rows_rejected_total")).isEqualTo(100);
			await().atMost(Timeouts.PATIENCE).until(() -> value(scrape(), "intake_uploads_active") == 0);
			String completed = "intake_upload_duration_seconds_count{outcome=\"completed_with_errors\"}";
			assertThat(increase(before, after, completed)).isEqualTo(1);
			assertThat(value(after, "intake_upload_duration_seconds_max{outcome=\"completed_with_errors\"}"))
				.isPositive();
			assertThat(increase(before, after, "intake_upload_rows_per_second_count")).isEqualTo(1);
			assertThat(value(after, "intake_upload_rows_per_second_max")).isPositive();
			assertThat(value(after, "intake_sse_subscribers{stream=\"feed\"}")).isGreaterThanOrEqualTo(1);
			assertThat(value(after, "intake_progress_publish_failures_total")).as("Redis was up all along")
				.isEqualTo(value(before, "intake_progress_publish_failures_total"));
		}
		finally {
			secondHalf.tryEmitEmpty();
			watching.dispose();
		}
	}

	@Test
	void countsAFailedUploadUnderItsOutcome() {
		String before = scrape();

		this.http.post()
			.uri("/api/v1/uploads?filename=no-phone.csv")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue("full_name,amount_due,due_date\nNo Phone,100,2024-11-15\n")
			.exchange()
			.expectStatus()
			.isEqualTo(422);

		String after = scrape();
		assertThat(increase(before, after, "intake_upload_duration_seconds_count{outcome=\"failed\"}")).isEqualTo(1);
		await().atMost(Timeouts.PATIENCE).until(() -> value(scrape(), "intake_uploads_active") == 0);
	}

	private String scrape() {
		return Bodies.text(TestTenant.operator(this.http).get().uri("/actuator/prometheus"));
	}

	private static double increase(String before, String after, String sample) {
		return value(after, sample) - valueOrZero(before, sample);
	}

	private static double value(String scrape, String sample) {
		Matcher found = sampleLine(sample).matcher(scrape);
		assertThat(found.find()).as("%s in the scrape", sample).isTrue();
		return Double.parseDouble(found.group(1));
	}

	private static double valueOrZero(String scrape, String sample) {
		Matcher found = sampleLine(sample).matcher(scrape);
		return found.find() ? Double.parseDouble(found.group(1)) : 0;
	}

	private static Pattern sampleLine(String sample) {
		String name = sample.contains("{") ? sample.substring(0, sample.indexOf('{')) : sample;
		String labels = sample.contains("{") ? sample.substring(sample.indexOf('{') + 1, sample.length() - 1) : "";
		// Other labels (application, ...) may come before or after the ones asked for.
		String labelsPattern = labels.isEmpty() ? "(?:\\{[^}]*\\})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
		return Pattern.compile("(?m)^" + Pattern.quote(name) + labelsPattern + " (\\S+)");
	}

}
