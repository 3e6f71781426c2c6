package dev.intake.upload;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.intake.testing.IntakeIntegrationTest;
import dev.intake.testing.TestTenant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends a 100,000-row CSV over a real HTTP connection, streamed in chunks as it is
 * generated, and checks that every row is counted.
 */
@IntakeIntegrationTest
class LargeUploadIntegrationTests {

	static final int ROWS = 100_000;

	static final int BAD_EVERY = 1_000;

	@LocalServerPort
	int port;

	@Test
	void storesAHundredThousandRowsSentOverRealHttp() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/uploads"))
			.header(TestTenant.API_KEY_HEADER, TestTenant.TEST.key())
			.header("Content-Type", "text/csv")
			.timeout(Duration.ofMinutes(3))
			.POST(HttpRequest.BodyPublishers.ofInputStream(GeneratedCsv::new))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(201);
		Map<?, ?> summary = JsonMapper.shared().readValue(response.body(), Map.class);
		assertThat(summary.get("status")).isEqualTo("COMPLETED_WITH_ERRORS");
		assertThat(summary.get("rowsTotal")).isEqualTo(ROWS);
		assertThat(summary.get("rowsFailed")).isEqualTo(ROWS / BAD_EVERY);
		assertThat(summary.get("rowsSucceeded")).isEqualTo(ROWS - ROWS / BAD_EVERY);
		assertThat((Double) summary.get("rowsPerSecond")).isGreaterThan(0.0);
		HttpResponse<String> metric = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(
						URI.create("http://localhost:" + this.port + "/actuator/metrics/intake.upload.rows.per.second"))
				.header(TestTenant.API_KEY_HEADER, TestTenant.OPERATOR_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(metric.statusCode()).isEqualTo(200);
		assertThat(metric.body()).contains("\"COUNT\"");
	}

	/** Generates the CSV as it is read, so the test never holds the whole file. */
	static final class GeneratedCsv extends InputStream {

		private int row = -1;

		private byte[] line = new byte[0];

		private int position;

		@Override
		public int read() throws IOException {
			if (this.position == this.line.length && !nextLine()) {
				return -1;
			}
			return this.line[this.position++] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.position == this.line.length && !nextLine()) {
				return -1;
			}
			int count = Math.min(length, this.line.length - this.position);
			System.arraycopy(this.line, this.position, buffer, offset, count);
			this.position += count;
			return count;
		}

		private boolean nextLine() {
			if (this.row == ROWS) {
				return false;
			}
			this.row++;
			this.line = text(this.row).getBytes(StandardCharsets.UTF_8);
			this.position = 0;
			return true;
		}

		private static String text(int row) {
			if (row == 0) {
				return "full_name,primary_phone,loan_account,amount_due,due_date\n";
			}
			String phone = (row % BAD_EVERY == 0) ? "12345" : "98" + String.format("%08d", row);
			return "Customer " + row + "," + phone + ",LN-" + row + ",\"1,500.00\",15/11/2024\n";
		}

	}

}
