package dev.intake.system.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.intake.system.ApiProblem;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Adds the problems each endpoint declares with {@link ApiProblem}: those of every
 * handler of one path and method (the upload endpoints have one per media type), with
 * several of one status joined in one response.
 */
final class DeclaredProblems implements OpenApiCustomizer {

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	DeclaredProblems(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@Override
	public void customise(OpenAPI openApi) {
		problemsByEndpoint(this.mappings.getObject()).forEach((endpoint, problems) -> {
			openApi.getComponents().addSchemas(ApiDocumentation.PROBLEM, ProblemSchema.schema());
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
							ProblemSchema.response(description, status, ofStatus.get(0).code()));
			});
		});
	}

	private static Map<Endpoint, Map<String, ApiProblem>> problemsByEndpoint(RequestMappingHandlerMapping mappings) {
		Map<Endpoint, Map<String, ApiProblem>> problems = new LinkedHashMap<>();
		// Reflection registers handlers in no fixed order, but the joined descriptions
		// must be the same on every start: the handler that declares the most problems
		// (the fullest account of the endpoint) comes first, then by method.
		List<Map.Entry<RequestMappingInfo, HandlerMethod>> handlers = new ArrayList<>(
				mappings.getHandlerMethods().entrySet());
		handlers
			.sort(Comparator
				.comparingInt((Map.Entry<RequestMappingInfo, HandlerMethod> handler) -> -declaredOn(
						handler.getValue().getMethod())
					.size())
				.thenComparing((handler) -> handler.getValue().getMethod().toString()));
		handlers.forEach((handler) -> {
			RequestMappingInfo info = handler.getKey();
			List<ApiProblem> declared = declaredOn(handler.getValue().getMethod());
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

	/** One path and method of the API. */
	record Endpoint(String path, PathItem.HttpMethod method) {

	}

}
