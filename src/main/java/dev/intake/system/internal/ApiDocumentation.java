package dev.intake.system.internal;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description of Intake at {@code /v3/api-docs} (Swagger UI at
 * {@code /swagger-ui.html}): the API-key schemes, the RFC 9457 problem schema, and the
 * error responses every operation under {@code /api} can give. Operations and their
 * specific errors are described on the controllers.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	static final String BEARER = "bearerKey";

	static final String HEADER_KEY = "apiKeyHeader";

	static final String PROBLEM = "Problem";

	static final String PROBLEM_JSON = "application/problem+json";

	/** Paths under {@code /api} that need no key. */
	static final List<String> OPEN_API_PATHS = List.of("/api/v1/templates/");

	static {
		// Handlers read the headers they need themselves; they are no parameter of the
		// API.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(HttpHeaders.class);
	}

	@Bean
	OpenApiCustomizer declaredProblems(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		return new DeclaredProblems(mappings);
	}

	@Bean
	OpenApiCustomizer commonErrorsAndSecurity() {
		return new CommonErrors();
	}

	@Bean
	OpenAPI intakeOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Intake")
				.version("v1")
				.description("Streams customer CSV uploads into PostgreSQL with live progress. Every error is an "
						+ "RFC 9457 application/problem+json with a stable `code`.")
				.license(new License().name("Proprietary")))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("The API key as a bearer token: `Authorization: Bearer <key>`"))
				.addSecuritySchemes(HEADER_KEY,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-API-Key")
							.description("The API key in its own header: `X-API-Key: <key>`"))
				.addSchemas(PROBLEM, ProblemSchema.schema()));
	}

	/**
	 * Removes the schemas of framework types that no operation refers to any more; the
	 * problem schema stays, whichever customizer runs first.
	 */
	@Bean
	OpenApiCustomizer unusedSchemasRemoved() {
		return (openApi) -> {
			Map<String, Schema> schemas = openApi.getComponents().getSchemas();
			boolean removed = true;
			while (removed && schemas != null) {
				String used = Json.pretty(openApi.getPaths()) + Json.pretty(schemas.values());
				removed = schemas.keySet()
					.removeIf(
							(name) -> !PROBLEM.equals(name) && !used.contains("\"#/components/schemas/" + name + "\""));
			}
		};
	}

}
