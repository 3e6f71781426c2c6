package dev.intake.system.internal;

import java.util.List;

import dev.intake.system.UploadNotFound;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the key requirement to every operation under {@code /api} but the open ones, and
 * the error responses every such operation can give.
 */
final class CommonErrors implements OpenApiCustomizer {

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(ApiDocumentation.PROBLEM, ProblemSchema.schema());
		openApi.getPaths().forEach(CommonErrors::secureAndAddCommonErrors);
	}

	private static void secureAndAddCommonErrors(String path, PathItem item) {
		if (!path.startsWith("/api/")) {
			return;
		}
		boolean secured = ApiDocumentation.OPEN_API_PATHS.stream().noneMatch(path::startsWith);
		item.readOperationsMap().forEach((method, operation) -> {
			if (secured) {
				operation.addSecurityItem(new SecurityRequirement().addList(ApiDocumentation.BEARER))
					.addSecurityItem(new SecurityRequirement().addList(ApiDocumentation.HEADER_KEY));
				addError(operation, "401", "No API key, or an unknown one", "unauthorized");
			}
			if (path.contains("{")) {
				addError(operation, "404", "No such resource (for this tenant)", UploadNotFound.CODE);
			}
			if (method != PathItem.HttpMethod.GET || hasParameters(operation)) {
				addError(operation, "400", "A malformed parameter or request", "malformed-request");
			}
			addError(operation, "500", "An unexpected error; it has been logged", "internal-error");
			describeFilePart(operation);
			dropDefaultOkBesideCreated(operation);
		});
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
			responses.addApiResponse(status, ProblemSchema.response(description, Integer.parseInt(status), code));
		}
	}

}
