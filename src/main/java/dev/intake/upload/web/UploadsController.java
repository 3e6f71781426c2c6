package dev.intake.upload.web;

import java.net.URI;
import java.util.UUID;

import dev.intake.system.Limits;
import dev.intake.upload.BodyTooLarge;
import dev.intake.upload.UploadFailed;
import dev.intake.upload.UploadProcessing;
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
 */
@RestController
@RequestMapping(UploadPaths.UPLOADS)
class UploadsController {

	static final String TEXT_CSV = "text/csv";

	static final String APPLICATION_CSV = "application/csv";

	private final UploadProcessing processing;

	private final Limits limits;

	UploadsController(UploadProcessing processing, Limits limits) {
		this.processing = processing;
		this.limits = limits;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<UploadSummary>> uploadMultipart(@RequestBody Flux<PartEvent> parts,
			@RequestHeader HttpHeaders headers) {
		return FileParts.withFile(parts, (filename, content) -> createAndProcess(filename, content, lengthOf(headers)))
			.map(UploadsController::created);
	}

	@PostMapping(consumes = { TEXT_CSV, APPLICATION_CSV })
	Mono<ResponseEntity<UploadSummary>> uploadCsv(@RequestBody(required = false) Flux<DataBuffer> body,
			@RequestParam(required = false) String filename, @RequestHeader HttpHeaders headers) {
		return createAndProcess(filename, orEmpty(body), lengthOf(headers)).map(UploadsController::created);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<UploadSummary>> create(@RequestBody NewUpload request) {
		return this.processing.create(Filenames.sanitize(request.filename()))
			.map(UploadSummary::of)
			.map(UploadsController::created);
	}

	@PutMapping(path = "/{id}/content", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<UploadSummary> contentMultipart(@PathVariable UUID id, @RequestBody Flux<PartEvent> parts,
			@RequestHeader HttpHeaders headers) {
		return FileParts.withFile(parts, (filename, content) -> process(id, content, lengthOf(headers)));
	}

	@PutMapping(path = "/{id}/content", consumes = { TEXT_CSV, APPLICATION_CSV })
	Mono<UploadSummary> contentCsv(@PathVariable UUID id, @RequestBody(required = false) Flux<DataBuffer> body,
			@RequestHeader HttpHeaders headers) {
		return process(id, orEmpty(body), lengthOf(headers));
	}

	private Mono<UploadSummary> createAndProcess(String filename, Flux<DataBuffer> content, Long bytesExpected) {
		return this.processing.createAndProcess(Filenames.sanitize(filename), content, bytesExpected)
			.onErrorMap(UploadFailed.class, UploadRejected::new)
			.map(UploadSummary::of);
	}

	private Mono<UploadSummary> process(UUID id, Flux<DataBuffer> content, Long bytesExpected) {
		return this.processing.processContent(id, content, bytesExpected)
			.onErrorMap(UploadFailed.class, UploadRejected::new)
			.map(UploadSummary::of);
	}

	private Long lengthOf(HttpHeaders headers) {
		long length = headers.getContentLength();
		long maxBodySize = this.limits.maxBodySize().toBytes();
		if (length > maxBodySize) {
			throw BodyTooLarge.announced(length, maxBodySize);
		}
		return (length >= 0) ? length : null;
	}

	private static Flux<DataBuffer> orEmpty(Flux<DataBuffer> body) {
		return (body != null) ? body : Flux.empty();
	}

	private static ResponseEntity<UploadSummary> created(UploadSummary summary) {
		return ResponseEntity.created(URI.create(UploadPaths.upload(summary.id()))).body(summary);
	}

	/**
	 * A request to create an upload that waits for its content.
	 *
	 * @param filename the file name to show for it
	 */
	record NewUpload(String filename) {

	}

}
