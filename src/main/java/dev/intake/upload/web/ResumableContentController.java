package dev.intake.upload.web;

import java.util.UUID;

import dev.intake.system.ApiProblem;
import dev.intake.upload.Upload;
import dev.intake.upload.UploadStatus;
import dev.intake.upload.internal.BodyLimit;
import dev.intake.upload.internal.ResumableContent;
import dev.intake.upload.internal.ResumableContent.ContentOffset;
import dev.intake.upload.internal.TooManyUploads;
import dev.intake.upload.internal.UploadFailed;
import dev.intake.upload.internal.UploadInProgress;
import dev.intake.upload.internal.UploadNotResumable;
import dev.intake.upload.internal.UploadOffsetMismatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * A created upload's content in pieces, after draft-ietf-httpbis-resumable-upload:
 * {@code HEAD .../content} answers the offset to go on from, and
 * {@code PATCH .../content} ({@code application/partial-upload}) appends a piece at
 * {@code Upload-Offset}, the last one with {@code Upload-Complete: ?1}. The logic is in
 * {@link ResumableContent}; this class maps headers.
 */
@RestController
@RequestMapping(UploadPaths.UPLOADS)
@Tag(name = "Uploads", description = "Send customer CSVs; each is processed while it arrives")
class ResumableContentController {

	private final ResumableContent content;

	private final BodyLimit bodyLimit;

	ResumableContentController(ResumableContent content, BodyLimit bodyLimit) {
		this.content = content;
		this.bodyLimit = bodyLimit;
	}

	@RequestMapping(path = "/{id}/content", method = RequestMethod.HEAD)
	@Operation(summary = "Read how far a created upload's content is stored",
			description = "`Upload-Offset` is the byte offset in the file to send the next piece from: the end of "
					+ "the last record stored. `Upload-Complete: ?1` once the last piece was processed.",
			responses = @ApiResponse(responseCode = "204", description = "The offset, in headers",
					headers = { @Header(name = PieceHeaders.UPLOAD_OFFSET, description = "bytes of the file stored"),
							@Header(name = PieceHeaders.UPLOAD_COMPLETE, description = "`?1` or `?0`"),
							@Header(name = PieceHeaders.UPLOAD_LIMIT,
									description = "`max-size` (and `max-age` while interrupted)") }))
	@ApiProblem(status = 409, code = UploadNotResumable.CODE, when = "the upload failed")
	Mono<ResponseEntity<Void>> offset(@PathVariable UUID id) {
		return RequestTenant.current()
			.flatMap((tenant) -> this.content.offset(tenant, id))
			.map((offset) -> ResponseEntity.noContent()
				.header(PieceHeaders.UPLOAD_OFFSET, Long.toString(offset.offset()))
				.header(PieceHeaders.UPLOAD_COMPLETE, PieceHeaders.bool(offset.complete()))
				.header(PieceHeaders.UPLOAD_LIMIT, limitOf(offset))
				.cacheControl(CacheControl.noStore())
				.build());
	}

	@PatchMapping(path = "/{id}/content", consumes = PieceHeaders.PARTIAL_UPLOAD)
	@Operation(summary = "Append a piece of a created upload's CSV",
			description = "The body is the file from byte `Upload-Offset` on (the offset `HEAD` or the previous "
					+ "piece's answer gave). Rows are stored as they arrive; a record the piece ends in the middle "
					+ "of is not, and the answer's `Upload-Offset` is the end of the last record stored. The last "
					+ "piece has `Upload-Complete: ?1` and answers the summary once the file is processed. A lost "
					+ "connection leaves the upload INTERRUPTED, to resume from the offset `HEAD` gives.",
			responses = {
					@ApiResponse(responseCode = "200", description = "The last piece: the file is processed",
							content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
									schema = @Schema(implementation = UploadSummary.class))),
					@ApiResponse(responseCode = "204",
							description = "A piece that is not the last: stored up to "
									+ "`Upload-Offset`; the upload is INTERRUPTED until the next",
							headers = @Header(name = PieceHeaders.UPLOAD_OFFSET,
									description = "where the next piece starts")) },
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					mediaType = PieceHeaders.PARTIAL_UPLOAD, schema = @Schema(type = "string", format = "binary"))))
	@Parameter(in = ParameterIn.HEADER, name = PieceHeaders.UPLOAD_OFFSET, required = true,
			description = "where the piece starts in the file, in bytes")
	@Parameter(in = ParameterIn.HEADER, name = PieceHeaders.UPLOAD_COMPLETE, required = true,
			description = "`?1` for the last piece, else `?0`")
	@Parameter(in = ParameterIn.HEADER, name = PieceHeaders.UPLOAD_LENGTH,
			description = "optional: the whole file's length, for progress")
	@ApiProblem(status = 400, code = PieceHeaders.InvalidUploadHeader.CODE,
			when = "`Upload-Offset` or `Upload-Complete` is missing or malformed")
	@ApiProblem(status = 409, code = UploadOffsetMismatch.CODE,
			when = "`Upload-Offset` is not the upload's offset: the answer's `Upload-Offset` and `expected-offset` "
					+ "name it")
	@ApiProblem(status = 409, code = UploadInProgress.CODE,
			when = "another request is still sending content of the upload (with `Retry-After`)")
	@ApiProblem(status = 409, code = UploadNotResumable.CODE, when = "the upload is completed or failed")
	@ApiProblem(status = 415, code = PieceHeaders.EncodedPieceRefused.CODE,
			when = "the piece has a `Content-Encoding` other than identity")
	@ApiProblem(status = 429, code = TooManyUploads.CODE,
			when = "the tenant has `intake.limits.max-concurrent-uploads-per-tenant` uploads processing")
	@CsvContentProblems
	Mono<ResponseEntity<UploadSummary>> append(@PathVariable UUID id,
			@RequestBody(required = false) Flux<DataBuffer> body, @RequestHeader HttpHeaders headers) {
		PieceHeaders piece = PieceHeaders.of(headers);
		Long bytesExpected = lengthOf(piece, headers);
		return RequestTenant.current()
			.flatMap((tenant) -> this.content.append(tenant, id, piece.offset(), piece.complete(),
					(body != null) ? body : Flux.empty(), bytesExpected))
			.onErrorMap(UploadFailed.class, UploadRejected::new)
			.map(ResumableContentController::answer);
	}

	private static ResponseEntity<UploadSummary> answer(Upload upload) {
		if (upload.status() == UploadStatus.INTERRUPTED) {
			return ResponseEntity.noContent()
				.header(PieceHeaders.UPLOAD_OFFSET, Long.toString(upload.bytesReceived()))
				.header(PieceHeaders.UPLOAD_COMPLETE, PieceHeaders.bool(false))
				.build();
		}
		return ResponseEntity.ok()
			.header(PieceHeaders.UPLOAD_COMPLETE, PieceHeaders.bool(true))
			.body(UploadSummary.of(upload));
	}

	/**
	 * The whole file's length if it can be told, for progress; a piece that would take
	 * the file past the body limit is refused before a byte of it is read.
	 */
	private Long lengthOf(PieceHeaders piece, HttpHeaders headers) {
		long length = headers.getContentLength();
		if (length >= 0) {
			this.bodyLimit.checkAnnounced(piece.offset() + length);
		}
		if (piece.length() != null) {
			return piece.length();
		}
		return (piece.complete() && length >= 0) ? piece.offset() + length : null;
	}

	private String limitOf(ContentOffset offset) {
		String limit = "max-size=" + this.bodyLimit.maxBytes();
		return (offset.expiresIn() != null) ? limit + ", max-age=" + offset.expiresIn().toSeconds() : limit;
	}

}
