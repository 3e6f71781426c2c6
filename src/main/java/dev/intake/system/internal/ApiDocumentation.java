package dev.intake.system.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import dev.intake.system.ApiProblem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.context.annotation.Configuration;

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
				.addSchemas(PROBLEM, problemSchema()));
	}

	/**
	 * Adds the problems each endpoint declares with {@link ApiProblem}: those of every
	 * handler of one path and method (the upload endpoints have one per media type), with
	 * several of one status joined in one response.
	 */
	@Bean
	OpenApiCustomizer declaredProblems(
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings) {
		return (openApi) -> problemsByEndpoint(mappings.getObject()).forEach((endpoint, problems) -> {
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			PathItem item = openApi.getPaths().get(endpoint.path());
			Operation operation = (item != null) ? item.readOperationsMap().get(endpoint.method()) : null;
			if (operation == null) {
				return;
			}
			Map<Integer, List<ApiProblem>> byStatus = new TreeMap<>();
			problems.values()
				.forEach((problem) -> byStatus.computeIfAbsent(problem.status(), (status) -> new ArrayList<>())
					.add(problem));
			byStatus.forEach((status, ofStatus) -> {
				String description = ofStatus.stream()
					.map((problem) -> "`" + problem.code() + "`: " + problem.when())
					.collect(Collectors.joining("; "));
				if (operation.getResponses() == null) {
					operation.setResponses(new ApiResponses());
				}
				operation.getResponses()
					.addApiResponse(Integer.toString(status),
							problemResponse(description, status, ofStatus.get(0).code()));
			});
		});
	}

	private static Map<Endpoint, Map<String, ApiProblem>> problemsByEndpoint(RequestMappingHandlerMapping mappings) {
		Map<Endpoint, Map<String, ApiProblem>> problems = new LinkedHashMap<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			List<ApiProblem> declared = declaredOn(handler.getMethod());
			for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					Map<String, ApiProblem> ofEndpoint = problems.computeIfAbsent(
							new Endpoint(pattern.getPatternString(), PathItem.HttpMethod.valueOf(method.name())),
							(endpoint) -> new LinkedHashMap<>());
					for (ApiProblem problem : declared) {
						ofEndpoint.putIfAbsent(problem.status() + " " + problem.code(), problem);
					}
				}
			}
		});
		return problems;
	}

	/** The problems declared on a handler, directly or through composed annotations. */
	private static List<ApiProblem> declaredOn(Method handler) {
		return MergedAnnotations.from(handler, SearchStrategy.DIRECT, RepeatableContainers.standardRepeatables())
			.stream(ApiProblem.class)
			.map(MergedAnnotation::synthesize)
			.toList();
	}

	/**
	 * Adds the key requirement to every operation under {@code /api} but the open ones,
	 * and the error responses every such operation can give.
	 */
	@Bean
	OpenApiCustomizer commonErrorsAndSecurity() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			openApi.getPaths().forEach((path, item) -> secureAndAddCommonErrors(path, item));
		};
	}

	private static void secureAndAddCommonErrors(String path, PathItem item) {
		if (!path.startsWith("/api/")) {
			return;
		}
		boolean secured = OPEN_API_PATHS.stream().noneMatch(path::startsWith);
		item.readOperationsMap().forEach((method, operation) -> {
			if (secured) {
				operation.addSecurityItem(new SecurityRequirement().addList(BEARER))
					.addSecurityItem(new SecurityRequirement().addList(HEADER_KEY));
				addError(operation, "401", "No API key, or an unknown one", "unauthorized");
			}
			if (path.contains("{")) {
				addError(operation, "404", "No such resource (for this tenant)", "upload-not-found");
			}
			if (method != PathItem.HttpMethod.GET || hasParameters(operation)) {
				addError(operation, "400", "A malformed parameter or request", "malformed-request");
			}
			addError(operation, "500", "An unexpected error; it has been logged", "internal-error");
			describeFilePart(operation);
			dropDefaultOkBesideCreated(operation);
		});
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

	/** A multipart upload is one part named {@code file}, whatever the handler reads. */
	private static void describeFilePart(Operation operation) {
		if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
			return;
		}
		MediaType multipart = operation.getRequestBody().getContent().get("multipart/form-data");
		if (multipart != null) {
			multipart.schema(
					new ObjectSchema()
						.addProperty("file",
								new StringSchema().format("binary")
									.description("The CSV file; other parts are ignored"))
						.required(List.of("file")));
		}
	}

	private static void dropDefaultOkBesideCreated(Operation operation) {
		ApiResponses responses = operation.getResponses();
		if (responses != null && responses.containsKey("201") && responses.get("200") != null
				&& "OK".equals(responses.get("200").getDescription())) {
			responses.remove("200");
		}
	}

	private static boolean hasParameters(Operation operation) {
		return operation.getParameters() != null && !operation.getParameters().isEmpty();
	}

	private static void addError(Operation operation, String status, String description, String code) {
		ApiResponses responses = operation.getResponses();
		if (responses == null) {
			responses = new ApiResponses();
			operation.setResponses(responses);
		}
		if (!responses.containsKey(status)) {
			responses.addApiResponse(status, problemResponse(description, Integer.parseInt(status), code));
		}
	}

	/** A problem response with its schema and an example. */
	static ApiResponse problemResponse(String description, int status, String code) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "/problems/" + code);
		example.put("title", description);
		example.put("status", status);
		example.put("detail", description);
		example.put("code", code);
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)).example(example)));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type",
				new StringSchema().format("uri-reference")
					.description("The problem type, `/problems/<code>`")
					.example("/problems/missing-columns"));
		properties.put("title", new StringSchema().description("A short summary of the problem type")
			.example("Missing required columns"));
		properties.put("status", new IntegerSchema().description("The HTTP status").example(422));
		properties.put("detail", new StringSchema().description("What went wrong in this request")
			.example("The header lacks the required columns: primary_phone"));
		properties.put("instance", new StringSchema().format("uri-reference").description("The request path"));
		properties.put("code", new StringSchema().description("A stable machine code, the same as the end of `type`")
			.example("missing-columns"));
		return new ObjectSchema().description("An RFC 9457 problem; some problems add properties of their own")
			.properties(properties)
			.required(List.of("type", "title", "status", "code"));
	}

	/** One path and method of the API. */
	record Endpoint(String path, PathItem.HttpMethod method) {

	}

}
