package dev.intake.system;

import java.util.List;
import java.util.Map;

import dev.intake.testing.Csv;
import dev.intake.testing.InProcessIntake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts an instance of its own with {@code INTAKE_LOG_FORMAT=ecs}, the one setting that
 * switches logs to JSON, and reads what it writes while it takes an upload.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsIntegrationTests {

	static final JsonMapper json = JsonMapper.builder().build();

	@AfterAll
	static void plainLogsAgain() {
		// An empty application puts logging back as application.yml sets it, for the
		// tests that run after this one.
		letTheNextApplicationSetUpLogging();
		new SpringApplicationBuilder(Empty.class).web(WebApplicationType.NONE).run().close();
	}

	/**
	 * Logging is one per JVM, and an application sets it up only when no other running
	 * application has, such as the cached contexts of other tests.
	 */
	private static void letTheNextApplicationSetUpLogging() {
		LoggingSystem.get(StructuredLogsIntegrationTests.class.getClassLoader()).cleanUp();
	}

	@Test
	void writesEveryUploadLogLineAsJsonWithTheUploadId(CapturedOutput output) {
		String id;
		letTheNextApplicationSetUpLogging();
		try (InProcessIntake instance = InProcessIntake.start(Map.of("INTAKE_LOG_FORMAT", "ecs"))) {
			id = instance.uploads()
				.raw("logged.csv", Csv.standard().row("Logged Once,9876512345,,LN-1,100,2024-11-15,,,"))
				.id()
				.toString();
		}

		List<JsonNode> lines = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{"))
			.map(json::readTree)
			.toList();
		List<JsonNode> ofUpload = lines.stream()
			.filter((line) -> id.equals(line.path("uploadId").asString(null)))
			.toList();
		assertThat(lines).as("JSON lines").isNotEmpty();
		assertThat(ofUpload).extracting((line) -> line.path("message").asString().replaceAll("in \\d+ ms", "in N ms"))
			.containsExactly("Upload " + id + " started", "Upload " + id + " published its rows in N ms",
					"Upload " + id + " COMPLETED: 1 rows, 1 stored, 0 rejected");
		assertThat(ofUpload).allSatisfy((line) -> assertThat(line.has("@timestamp")).isTrue());
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
