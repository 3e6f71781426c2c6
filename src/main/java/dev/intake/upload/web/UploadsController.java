package dev.intake.upload.web;

import java.net.URI;
import java.util.UUID;

import dev.intake.idempotency.IdempotencyKey;
import dev.intake.idempotency.IdempotencyProblems;
import dev.intake.system.ApiProblem;
import dev.intake.tenant.TenantId;
import dev.intake.upload.internal.IdempotentUploads;
import dev.intake.upload.internal.TooManyAwaitingUploads;
import dev.intake.upload.internal.UploadAdmission;
import dev.intake.upload.internal.UploadFailed;
import dev.intake.upload.internal.UploadMode;
import dev.intake.upload.internal.UploadNotAwaitingContent;
import dev.intake.upload.internal.UploadOutcome;
import dev.intake.upload.internal.UploadProcessing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes uploads: a CSV as a multipart {@code file} part or as a raw {@code text/csv}
 * body, either at once or after creating the upload first. The body is parsed while it
 * arrives, and the response is sent once the file is fully processed.
 * <p>
 * Creating requests may carry an {@code Idempotency-Key}: a retry with the same key and
 * the same request gets the first upload back with {@code Idempotent-Replayed: true} (see
 * {@link IdempotentUploads}).
 * <p>
 * A raw body may be gzip ({@code Content-Encoding: gzip}), a file part too ({@code .gz}
 * name or gzip type): either is inflated as it arrives ({@link RequestBodies}). Before a
 * byte is read, a body announced larger than {@code intake.limits.max-body-size} is
 * refused with 413 and one with another content coding with 415; both answers close the
 * connection rather than drain the body.
 */
@RestController
@RequestMapping(UploadPaths.UPLOADS)
@Tag(name = "Uploads", description = "Send customer CSVs; each is processed while it arrives")
class UploadsController {

	static final String CSV_EXAMPLE = """
			full_name,primary_phone,amount_due,due_date,national_id,loan_account
			Asha Verma,+91 98765 43210,"₹15,000",15/11/2024,,LN-1001
			""";

	static final String TEXT_CSV = "text/csv";

	static final String APPLICATION_CSV = "application/csv";

	private final UploadProcessing processing;

	private final IdempotentUploads idempotentUploads;

	private final UploadAdmission admission;

	private final RequestBodies bodies;

	UploadsController(UploadProcessing processing, IdempotentUploads idempotentUploads, UploadAdmission admission,
			RequestBodies bodies) {
		this.processing = processing;
		this.admission = admission;
		this.idempotentUploads = idempotentUploads;
		this.bodies = bodies;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload a CSV as a multipart form",
			description = "The part named `file` is the CSV; other parts are ignored. Answers 201 with the summary "
					+ "once the file is fully processed (VALIDATED with `mode=validate`).",
			responses = @ApiResponse(responseCode = "201",
					description = "Processed; the summary, with the upload's address in `Location`",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = UploadSummary.class))))
	@FilePartProblem
	@CsvContentProblems
	@IdempotencyProblems
	@Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, description = "Optional: a retry with the same "
			+ "key and request answers the first upload's result instead of uploading again")
	Mono<ResponseEntity<UploadSummary>> uploadMultipart(@RequestBody Flux<PartEvent> parts,
			@RequestHeader HttpHeaders headers,
			@Parameter(description = ModeParameter.DESCRIPTION) @RequestParam(required = false) String mode) {
		UploadMode uploadMode = ModeParameter.of(mode);
		Long bytesExpected = this.bodies.multipartLength(headers);
		IdempotencyKey key = IdempotencyKey.ofHeader(headers.getFirst(IdempotencyKey.HEADER));
		return RequestTenant.current()
			.flatMap((tenant) -> FileParts.withFile(parts, this.bodies::part, (filename,
					content) -> createAndProcess(tenant, key, filename, content, bytesExpected, uploadMode)));
	}

	@PostMapping(consumes = { TEXT_CSV, APPLICATION_CSV })
	@Operation(summary = "Upload a CSV as the raw body",
			description = "Streamed: rows are stored while the body arrives. Answers 201 with the summary once "
					+ "the file is fully processed (VALIDATED with `mode=validate`).",
			responses = @ApiResponse(responseCode = "201",
					description = "Processed; the summary, with the upload's address in `Location`",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = UploadSummary.class))),
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", format = "binary"),
							examples = @ExampleObject(name = "one-row", value = CSV_EXAMPLE))))
	@CsvContentProblems
	@IdempotencyProblems
	@Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER, description = "Optional: a retry with the same "
			+ "key and request answers the first upload's result instead of uploading again")
	Mono<ResponseEntity<UploadSummary>> uploadCsv(@RequestBody(required = false) Flux<DataBuffer> body,
			@RequestParam(required = false) String filename, @RequestHeader HttpHeaders headers,
			@Parameter(description = ModeParameter.DESCRIPTION) @RequestParam(required = false) String mode) {
		UploadMode uploadMode = ModeParameter.of(mode);
		IdempotencyKey key = IdempotencyKey.ofHeader(headers.getFirst(IdempotencyKey.HEADER));
		RequestBodies.DecodedBody decoded = this.bodies.raw(headers, body);
		return RequestTenant.current()
			.flatMap((tenant) -> createAndProcess(tenant, key, filename, decoded.content(), decoded.bytesExpected(),
					uploadMode));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create an upload that waits for its content",
			description = "So a client learns the id, and can watch its events, before sending the file with "
					+ "`PUT /api/v1/uploads/{id}/content`. Answers 201 with status AWAITING_CONTENT.",
			responses = @ApiResponse(responseCode = "201",
					description = "Created; the summary, with the upload's address in `Location`",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = UploadSummary.class))))
	@IdempotencyProblems
	@ApiProblem(status = 429, code = TooManyAwaitingUploads.CODE,
			when = "the tenant has `intake.uploads.awaiting-content.max-per-tenant` uploads awaiting content")
	Mono<ResponseEntity<UploadSummary>> create(@RequestBody NewUpload request,
			@RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
		IdempotencyKey key = IdempotencyKey.ofHeader(idempotencyKey);
		String filename = Filenames.sanitize(request.filename());
		return RequestTenant.current()
			.flatMap((tenant) -> (key != null) ? this.idempotentUploads.create(tenant, key, filename)
					: this.admission.createAwaitingContent(tenant, filename).map(UploadOutcome::ran))
			.map(UploadsController::created);
	}

	@PutMapping(path = "/{id}/content", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Send a created upload's CSV as a multipart form",
			description = "The part named `file` is the CSV. Answers with the summary once it is fully processed.")
	@FilePartProblem
	@ApiProblem(status = 409, code = UploadNotAwaitingContent.CODE, when = "content was already sent")
	@CsvContentProblems
	Mono<UploadSummary> contentMultipart(@PathVariable UUID id, @RequestBody Flux<PartEvent> parts,
			@RequestHeader HttpHeaders headers) {
		Long bytesExpected = this.bodies.multipartLength(headers);
		return RequestTenant.current()
			.flatMap((tenant) -> FileParts.withFile(parts, this.bodies::part,
					(filename, content) -> process(tenant, id, content, bytesExpected)));
	}

	@PutMapping(path = "/{id}/content", consumes = { TEXT_CSV, APPLICATION_CSV })
	@Operation(summary = "Send a created upload's CSV as the raw body",
			description = "Streamed like a direct upload. Answers with the summary once it is fully processed.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string", format = "binary"),
							examples = @ExampleObject(name = "one-row", value = CSV_EXAMPLE))))
	@ApiProblem(status = 409, code = UploadNotAwaitingContent.CODE, when = "content was already sent")
	@CsvContentProblems
	Mono<UploadSummary> contentCsv(@PathVariable UUID id, @RequestBody(required = false) Flux<DataBuffer> body,
			@RequestHeader HttpHeaders headers) {
		RequestBodies.DecodedBody decoded = this.bodies.raw(headers, body);
		return RequestTenant.current()
			.flatMap((tenant) -> process(tenant, id, decoded.content(), decoded.bytesExpected()));
	}

	private Mono<ResponseEntity<UploadSummary>> createAndProcess(TenantId tenant, IdempotencyKey key, String filename,
			Flux<DataBuffer> content, Long bytesExpected, UploadMode mode) {
		String name = Filenames.sanitize(filename);
		// A validation changes nothing, so a retry needs no key to be safe: it validates
		// again.
		Mono<UploadOutcome> outcome = (key != null && mode == UploadMode.STORE)
				? this.idempotentUploads.createAndProcess(tenant, key, name, content, bytesExpected)
				: this.processing.createAndProcess(tenant, name, content, bytesExpected, mode).map(UploadOutcome::ran);
		return outcome.onErrorMap(UploadFailed.class, UploadRejected::new).map(UploadsController::created);
	}

	private Mono<UploadSummary> process(TenantId tenant, UUID id, Flux<DataBuffer> content, Long bytesExpected) {
		return this.processing.processContent(tenant, id, content, bytesExpected)
			.onErrorMap(UploadFailed.class, UploadRejected::new)
			.map(UploadSummary::of);
	}

	private static ResponseEntity<UploadSummary> created(UploadOutcome outcome) {
		UploadSummary summary = UploadSummary.of(outcome.upload());
		ResponseEntity.BodyBuilder created = ResponseEntity.created(URI.create(UploadPaths.upload(summary.id())));
		if (outcome.replayed()) {
			created.header(IdempotencyKey.REPLAYED_HEADER, "true");
		}
		return created.body(summary);
	}

	/**
	 * A request to create an upload that waits for its content.
	 *
	 * @param filename the file name to show for it
	 */
	record NewUpload(String filename) {

	}

}
