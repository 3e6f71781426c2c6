package dev.intake.system.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * The RFC 9457 problem schema of the OpenAPI description, and problem responses that
 * refer to it with an example.
 */
final class ProblemSchema {

	private ProblemSchema() {
	}

	/** A problem response with its schema and an example. */
	static ApiResponse response(String description, int status, String code) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", "/problems/" + code);
		example.put("title", description);
		example.put("status", status);
		example.put("detail", description);
		example.put("code", code);
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(ApiDocumentation.PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ApiDocumentation.PROBLEM))
						.example(example)));
	}

	@SuppressWarnings("rawtypes")
	static Schema schema() {
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

}
