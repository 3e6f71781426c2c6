package dev.intake.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.intake.testing.Bodies;
import dev.intake.testing.IntakeIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

@IntakeIntegrationTest
class ApiDocumentationIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	Map<String, Object> spec;

	@BeforeEach
	void fetchTheSpec() throws IOException {
		byte[] body = Bodies.bytes(this.http.get().uri("/v3/api-docs"));
		// Kept for people and tools to look at: target/openapi.json.
		Files.write(Path.of("target", "openapi.json"), body);
		this.spec = JsonMapper.builder().build().readValue(body, new TypeReference<Map<String, Object>>() {
		});
	}

	@Test
	void documentsEveryEndpointOfTheApplicationWithASummaryAndItsResponses() {
		List<String> endpoints = endpoints();
		assertThat(endpoints).as("the application's own endpoints").hasSizeGreaterThanOrEqualTo(10);

		for (String endpoint : endpoints) {
			String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
			String path = endpoint.substring(endpoint.indexOf(' ') + 1);
			Map<String, Object> operation = map(map(map(this.spec, "paths"), path), method);
			assertThat(operation).as("%s is in /v3/api-docs", endpoint).isNotNull();
			assertThat((String) operation.get("summary")).as("summary of %s", endpoint).isNotBlank();
			assertThat(map(operation, "responses")).as("responses of %s", endpoint)
				.containsKey("500")
				.satisfies((responses) -> assertThat(responses.keySet()).anyMatch((status) -> status.startsWith("2")));
		}
	}

	@Test
	void requiresAnApiKeyOnEveryApiPathButTheTemplates() {
		Map<String, Object> schemes = map(map(this.spec, "components"), "securitySchemes");
		assertThat(map(schemes, "bearerKey")).containsEntry("type", "http").containsEntry("scheme", "bearer");
		assertThat(map(schemes, "apiKeyHeader")).containsEntry("type", "apiKey")
			.containsEntry("in", "header")
			.containsEntry("name", "X-API-Key");

		map(this.spec, "paths")
			.forEach((path, item) -> ((Map<String, Map<String, Object>>) item).forEach((method, operation) -> {
				boolean open = path.startsWith("/api/v1/templates/");
				assertThat(operation.get("security")).as("security of %s %s", method, path)
					.isEqualTo(
							open ? null : List.of(Map.of("bearerKey", List.of()), Map.of("apiKeyHeader", List.of())));
				if (!open) {
					assertThat(map(operation, "responses")).as("responses of %s %s", method, path).containsKey("401");
				}
			}));
	}

	@Test
	void describesProblemsWithTheirSchemaAndAnExample() {
		Map<String, Object> upload = map(map(map(this.spec, "paths"), "/api/v1/uploads"), "post");
		Map<String, Object> unprocessable = map(map(map(upload, "responses"), "422"), "content");

		Map<String, Object> problemJson = map(unprocessable, "application/problem+json");
		assertThat(map(problemJson, "schema")).containsEntry("$ref", "#/components/schemas/Problem");
		assertThat(map(problemJson, "example")).containsEntry("status", 422).containsKey("code");
		assertThat((String) map(map(upload, "responses"), "422").get("description"))
			.as("the problems of every handler of POST /api/v1/uploads")
			.contains("`missing-columns`", "`idempotency-key-reused`");
		assertThat(map(map(map(map(this.spec, "components"), "schemas"), "Problem"), "properties")).containsKeys("type",
				"title", "status", "detail", "code");
		assertThat(map(map(map(map(this.spec, "components"), "schemas"), "UploadSummary"), "properties"))
			.containsKeys("id", "status", "rowsTotal", "rowsSucceeded", "rowsFailed", "links");
		Map<String, Object> bodies = map(map(upload, "requestBody"), "content");
		assertThat(bodies).containsKeys("text/csv", "multipart/form-data", "application/json");
		assertThat(map(map(map(map(bodies, "multipart/form-data"), "schema"), "properties"), "file"))
			.containsEntry("format", "binary");
		assertThat(map(upload, "responses")).as("answers 201 Created").containsKey("201").doesNotContainKey("200");
		assertThat(map(map(this.spec, "components"), "schemas")).as("no framework types")
			.doesNotContainKeys("HttpHeaders", "PartEvent", "DataBuffer");
	}

	@Test
	void servesSwaggerUi() {
		this.http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
		this.http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
	}

	/** Every method and path the application's own controllers answer, like "GET /x". */
	private List<String> endpoints() {
		List<String> endpoints = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (handler.getBeanType().getPackageName().startsWith("dev.intake")) {
				for (PathPattern pattern : patternsOf(info)) {
					info.getMethodsCondition()
						.getMethods()
						.forEach((method) -> endpoints.add(method.name() + " " + pattern.getPatternString()));
				}
			}
		});
		return endpoints;
	}

	private static Iterable<PathPattern> patternsOf(RequestMappingInfo info) {
		return info.getPatternsCondition().getPatterns();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, ?> parent, String key) {
		return (parent != null) ? (Map<String, Object>) parent.get(key) : null;
	}

}
