package dev.intake.upload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.intake.testing.Bodies;
import dev.intake.testing.HugeCsv;
import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.Json;
import dev.intake.upload.internal.ShownColumns;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a summary echoes of an upload's header is bounded in bytes, and a rejected row's
 * cells are stored once however many errors it has.
 */
@IntakeIntegrationTest
class StoredMetadataBoundsIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void showsUnknownColumnsCutVisiblyInEverySummary() {
		Map<String, Object> created = upload(HugeCsv.rows(0).bytes());
		String id = (String) created.get("id");

		Map<String, Object> read = this.http.get()
			.uri("/api/v1/uploads/{id}", id)
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		Map<String, Object> listed = listed(id);

		for (Map<String, Object> summary : List.of(created, read, listed)) {
			assertThat(summary).containsEntry("unknownColumnCount", HugeCsv.HUGE_COLUMNS)
				.containsEntry("unknownColumnsTruncated", true);
			@SuppressWarnings("unchecked")
			List<String> names = (List<String>) summary.get("unknownColumns");
			assertThat(names).hasSize(HugeCsv.HUGE_COLUMNS)
				.allSatisfy((name) -> assertThat(name).hasSize(ShownColumns.MAX_NAME_LENGTH + 1).endsWith("…"));
			assertThat(names.get(0)).startsWith("Extra0_hhh");
		}
	}

	@Test
	void listsTwentyNamesAtMostAndCountsTheRest() {
		StringBuilder header = new StringBuilder(dev.intake.testing.Csv.HEADER);
		for (int i = 0; i < 30; i++) {
			header.append(",Branch ").append(i);
		}
		Map<String, Object> created = upload((header + "\n").getBytes(StandardCharsets.UTF_8));

		assertThat(created).containsEntry("unknownColumnCount", 30).containsEntry("unknownColumnsTruncated", true);
		assertThat((List<?>) created.get("unknownColumns")).hasSize(ShownColumns.MAX_SHOWN)
			.first()
			.isEqualTo("Branch 0");
	}

	@Test
	void showsShortUnknownColumnsWhole() {
		Map<String, Object> created = upload(
				(dev.intake.testing.Csv.HEADER + ",Branch\n").getBytes(StandardCharsets.UTF_8));

		assertThat(created).containsEntry("unknownColumns", List.of("Branch"))
			.containsEntry("unknownColumnCount", 1)
			.containsEntry("unknownColumnsTruncated", false);
	}

	@Test
	void storesARejectedRowsCellsOnceHoweverManyErrorsItHas() {
		HugeCsv file = HugeCsv.rows(3);
		Map<String, Object> created = upload(file.bytes());
		String id = (String) created.get("id");

		assertThat(created).containsEntry("rowsFailed", 2).containsEntry("rowsSucceeded", 1);
		Map<String, Object> stored = this.db.sql("""
				SELECT count(*) AS errors, count(raw_row) AS raws FROM upload_row_errors WHERE upload_id = :id::uuid""")
			.bind("id", id)
			.fetch()
			.one()
			.block();
		assertThat(stored).containsEntry("errors", 2L * HugeCsv.ERRORS_PER_REJECTED_ROW).containsEntry("raws", 2L);
		String report = Bodies.text(this.http.mutate()
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
			.build()
			.get()
			.uri("/api/v1/uploads/{id}/errors", id)
			.accept(MediaType.parseMediaType("text/csv")));
		List<String> lines = List.of(report.split("\r\n"));
		assertThat(lines).hasSize(1 + 2 * HugeCsv.ERRORS_PER_REJECTED_ROW);
		assertThat(lines.get(0)).contains("Extra9_" + "h".repeat(HugeCsv.CELL - 7));
		assertThat(lines.subList(1, lines.size()))
			.allSatisfy((line) -> assertThat(line).contains("j".repeat(HugeCsv.CELL)).contains("LN-"));
	}

	private Map<String, Object> upload(byte[] body) {
		return this.http.post()
			.uri("/api/v1/uploads?filename=huge.csv")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> listed(String id) {
		Map<String, Object> page = this.http.get()
			.uri("/api/v1/uploads?limit=1000")
			.exchange()
			.expectBody(Json.OBJECT)
			.returnResult()
			.getResponseBody();
		return ((List<Map<String, Object>>) page.get("items")).stream()
			.filter((item) -> id.equals(item.get("id")))
			.findFirst()
			.orElseThrow();
	}

}
