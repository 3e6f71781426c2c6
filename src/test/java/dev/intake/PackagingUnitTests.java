package dev.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the Dockerfile and {@code docker-compose.yml} as files, since the build machine
 * has no Docker engine to run them: one {@code docker compose up} must start PostgreSQL,
 * Redis and Intake, each with a healthcheck, Intake only once the others are healthy.
 */
class PackagingUnitTests {

	@Test
	void dockerfileBuildsWithMavenThenRunsOnAJreAsNonRootWithALivenessHealthcheck() throws IOException {
		List<String> instructions = instructions(Path.of("Dockerfile"));

		assertThat(instructions).filteredOn((line) -> line.startsWith("FROM ")).hasSize(2);
		assertThat(instructions).filteredOn((line) -> line.startsWith("FROM "))
			.allMatch((line) -> line.matches("FROM [a-z0-9./-]+:[0-9][^ ]*( AS \\w+)?"), "pinned image tags");
		assertThat(instructions).anyMatch((line) -> line.startsWith("COPY --from=build "));
		List<String> runStage = instructions.subList(lastIndexOf(instructions, "FROM "), instructions.size());
		assertThat(runStage).filteredOn((line) -> line.startsWith("USER "))
			.singleElement()
			.satisfies((user) -> assertThat(user).doesNotContain("root").isNotEqualTo("USER 0"));
		assertThat(runStage).filteredOn((line) -> line.startsWith("HEALTHCHECK "))
			.singleElement()
			.satisfies((check) -> assertThat(check).contains("/actuator/health/liveness"));
		assertThat(runStage).contains("EXPOSE 8080");
		assertThat(instructions).as("builds the jar PackagedJarIntegrationTests starts, the same way")
			.anyMatch((line) -> line.startsWith("RUN ") && line.contains("./mvnw") && line.contains(" package")
					&& line.contains("cp target/intake-*.jar "));
		assertThat(runStage).filteredOn((line) -> line.startsWith("ENTRYPOINT "))
			.singleElement()
			.satisfies((entrypoint) -> assertThat(entrypoint).contains("\"-jar\""));
	}

	@Test
	void composeStartsPostgresRedisAndIntakeOnceBothAreHealthy() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Map<String, Object>> services = child(compose, "services");

		assertThat(services).containsOnlyKeys("postgres", "redis", "intake");
		assertThat(services.get("postgres")).containsKey("healthcheck");
		assertThat(services.get("redis")).containsKey("healthcheck");
		Map<String, Object> intake = services.get("intake");
		assertThat(intake.get("build")).as("built from the Dockerfile here").isEqualTo(".");
		assertThat(intake.get("ports")).isEqualTo(List.of("8080:8080"));
		assertThat(intake.get("stop_grace_period")).as("longer than the 30 s graceful shutdown").isEqualTo("45s");
		Map<String, Map<String, Object>> dependsOn = child(intake, "depends_on");
		assertThat(dependsOn).containsOnlyKeys("postgres", "redis")
			.allSatisfy((name, dependency) -> assertThat(dependency).containsEntry("condition", "service_healthy"));
		Map<String, Object> environment = child(intake, "environment");
		assertThat(environment).as("every setting the packaged-jar test starts the jar with")
			.containsKeys(PackagedJarIntegrationTests.DEPLOYMENT_SETTINGS.toArray(String[]::new));
		assertThat((String) environment.get("SPRING_R2DBC_URL")).startsWith("r2dbc:postgresql://postgres:5432/");
		assertThat(environment.get("SPRING_DATA_REDIS_HOST")).isEqualTo("redis");
	}

	/** The Dockerfile's instructions, continuation lines joined, comments left out. */
	private static List<String> instructions(Path dockerfile) throws IOException {
		String joined = Files.readString(dockerfile).replaceAll("\\\\\\r?\\n", " ");
		return joined.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.map((line) -> line.replaceAll("\\s+", " "))
			.toList();
	}

	private static int lastIndexOf(List<String> lines, String prefix) {
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (lines.get(i).startsWith(prefix)) {
				return i;
			}
		}
		return -1;
	}

	@SuppressWarnings("unchecked")
	private static <T> Map<String, T> child(Map<String, ?> parent, String key) {
		return (Map<String, T>) parent.get(key);
	}

}
